/** `merchant links list`: link history, newest first. */
import { LINK_STATUSES } from '../../../domain/link-lifecycle.js';
import { defineCommand } from '../../define-command.js';
import { ALL_OPTION, CSV_OPTION, JSON_OPTION, limitOption, outputFlags, positiveInt, NUMERIC_RANGES } from '../../shared-options.js';
import { plainParser } from '../../plain-input.js';

export const linksList = defineCommand({
  name: 'list',
  description: 'link history, newest first (all stores unless --store)',
  options: [
    { flags: '-s, --store <id>', description: 'only this store' },
    { flags: '--status <status>', description: 'created, in_progress, completed, cancelled, expired, disabled, failed (repeatable or comma-separated)', repeatable: true, choices: LINK_STATUSES },
    { flags: '--from <date>', description: 'created at or after (ISO date or time)' },
    { flags: '--to <date>', description: 'created before (a date alone includes that whole day)' },
    { flags: '--reference <ref>', description: 'merchant reference 1 or 2, or link reference' },
    { flags: '--contact <email|phone>', description: "customer's phone (E.164) or email, or the start of an email (any case)" },
    JSON_OPTION,
    CSV_OPTION,
    limitOption(50),
    ALL_OPTION,
  ],
  examples: ['merchant links list', 'merchant links list --store se-demo --status created,in_progress', 'merchant links list --from 2026-11-01 --to 2026-11-30 --all --csv > links.csv'],
  schema: (z) =>
    z.object({
      store: z.string().optional(),
      status: z.array(z.string()).optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      reference: z.string().optional(),
      contact: z.string().optional(),
      limit: positiveInt(z, NUMERIC_RANGES.limit).optional(),
      all: z.boolean().optional(),
      ...outputFlags(z),
    }),
  // A first page is a start-up and one read: its command line is read without loading zod.
  plainParse: plainParser({
    strings: ['store', 'from', 'to', 'reference', 'contact'],
    stringLists: ['status'],
    booleans: ['all', 'json', 'csv'],
    wholeNumbers: { limit: { max: NUMERIC_RANGES.limit } },
  }),
  async handler(ctx, input) {
    const { listLinks } = await import('../../../services/links/list-links.js');
    return listLinks(await ctx.backend(), {
      storeId: input.store,
      statuses: input.status,
      from: input.from,
      to: input.to,
      reference: input.reference,
      contact: input.contact,
      limit: input.limit,
      all: input.all,
    });
  },
  async render(ctx, rows, input) {
    const { renderLinkList } = await import('../../../output/views/links.js');
    await renderLinkList(ctx.output(input), rows);
  },
});
