/** `merchant disputes list`. */
import { defineCommand } from '../../define-command.js';
import { ALL_OPTION, CSV_OPTION, JSON_OPTION, STORE_OPTION, limitOption, outputFlags, positiveInt, NUMERIC_RANGES } from '../../shared-options.js';
import { DISPUTE_STATES, type DisputeState } from '../../../domain/dispute-lifecycle.js';

export const disputesList = defineCommand({
  name: 'list',
  description: 'list disputes, newest first',
  options: [
    { flags: '--state <state>', description: `only these states (repeatable or comma-separated): ${DISPUTE_STATES.join(', ')}`, repeatable: true, choices: DISPUTE_STATES },
    { flags: '--order <id>', description: 'only the disputes of this order (order ID, Kustom or merchant reference, payment link)' },
    JSON_OPTION,
    CSV_OPTION,
    STORE_OPTION,
    limitOption(50),
    ALL_OPTION,
  ],
  examples: ['merchant disputes list --state open', 'merchant disputes list --all --json'],
  schema: (z) =>
    z.object({
      state: z
        .array(z.string())
        .optional()
        .transform((values, ctx) => {
          const states = values?.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase().replace('-', '_')).filter((v) => v !== '');
          const bad = states?.filter((s) => !(DISPUTE_STATES as readonly string[]).includes(s)) ?? [];
          if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `"${bad.join(', ')}" is not a dispute state; use ${DISPUTE_STATES.join(', ')}.` });
          return states as DisputeState[] | undefined;
        }),
      order: z.string().optional(),
      store: z.string().optional(),
      limit: positiveInt(z, NUMERIC_RANGES.limit).default(50),
      all: z.boolean().optional(),
      ...outputFlags(z),
    }),
  async handler(ctx, input) {
    const { listDisputes } = await import('../../../services/disputes/list-disputes.js');
    return listDisputes(await ctx.backend(), { storeId: ctx.storeId(input.store), states: input.state, orderId: input.order, limit: input.all ? undefined : input.limit });
  },
  async render(ctx, rows, input) {
    const { renderDisputeList } = await import('../../../output/views/disputes.js');
    await renderDisputeList(ctx.output(input), rows);
  },
});
