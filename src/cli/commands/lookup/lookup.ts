/** `merchant lookup <anything>`: the whole story behind any identifier a customer or colleague holds. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, STORE_OPTION, limitOption, outputFlags, positiveInt, NUMERIC_RANGES } from '../../shared-options.js';
import { plainParser } from '../../plain-input.js';

export const lookupCommand = defineCommand({
  name: 'lookup',
  description: 'find a payment by any identifier (link ID or URL, order ID, Kustom or merchant reference, capture/refund, payout reference, email, phone, name)',
  args: [{ name: 'identifier', description: 'any identifier: ID, URL, reference, email, phone or customer name' }],
  options: [JSON_OPTION, STORE_OPTION, limitOption(20)],
  examples: [
    'merchant lookup https://pay.sandbox.kustom.example/l/0b7e…',
    'merchant lookup KLPMG3T',
    'merchant lookup anna@example.com',
    'merchant lookup "070-123 45 67" --store se-demo',
    'merchant lookup ORD-7002 --json',
  ],
  schema: (z) => z.object({ identifier: z.string(), store: z.string().optional(), limit: positiveInt(z, NUMERIC_RANGES.limit).default(20), ...outputFlags(z) }),
  // A look-up is a start-up and one read: its command line is read without loading zod.
  plainParse: plainParser({ requiredStrings: ['identifier'], strings: ['store'], booleans: ['json', 'csv'], wholeNumbers: { limit: { max: NUMERIC_RANGES.limit, default: 20 } } }),
  async handler(ctx, input) {
    const { lookup, tellStories } = await import('../../../services/lookup/lookup.js');
    const backend = await ctx.backend();
    const result = await lookup(backend, input.identifier, { storeId: ctx.storeId(input.store), limit: input.limit });
    const { NotFoundError } = await import('../../../errors.js');
    if (result.matches.length === 0) {
      // The phone as read, so a wrong reading of a number without + (see README) shows at once.
      const tried = result.tried.map((kind) => (kind === 'phone' && result.phone ? `phone (${result.phone})` : kind));
      throw new NotFoundError('Payment', result.query, { hint: `Tried it as: ${tried.join(', ')}. See: merchant orders list --search <text>` });
    }
    if (result.more) {
      ctx.logger.warn(`More than ${input.limit} payments match ${JSON.stringify(result.query)}; these are the newest ${input.limit}. Narrow it down (a reference, email or phone, --store) or raise --limit.`);
    }
    // --json tells every match; a terminal picks one; a pipe gets the list with what matched per row.
    if (input.json) return { result, stories: await tellStories(backend, result.matches) };
    let chosen = result.matches.length === 1 ? result.matches[0] : undefined;
    if (!chosen && ctx.prompter.interactive) {
      const { matchLabel } = await import('../../../output/views/lookup.js');
      chosen = await ctx.prompter.select({
        flag: '<identifier>',
        message: `${result.matches.length} matches for ${JSON.stringify(result.query)}; which one?`,
        choices: result.matches.map((m) => ({ value: m, name: matchLabel(m) })),
      });
    }
    return { result, stories: await tellStories(backend, chosen ? [chosen] : []) };
  },
  async render(ctx, output, input) {
    const { renderLookup } = await import('../../../output/views/lookup.js');
    await renderLookup(ctx.output(input), output.result, output.stories);
    const { settleLookup } = await import('../../../services/lookup/lookup.js');
    settleLookup(output.result, output.stories);
  },
});
