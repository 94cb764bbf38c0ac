/** `merchant orders list`. */
import { defineCommand } from '../../define-command.js';
import { ALL_OPTION, CSV_OPTION, JSON_OPTION, STORE_OPTION, limitOption, outputFlags, positiveInt, NUMERIC_RANGES } from '../../shared-options.js';
import { ORDER_STATUSES } from '../../../domain/order-lifecycle.js';
import { plainParser } from '../../plain-input.js';

export const ordersList = defineCommand({
  name: 'list',
  description: 'list orders, newest first',
  options: [
    { flags: '--status <status>', description: 'only these statuses (repeatable or comma-separated): AUTHORIZED, PART_CAPTURED, CAPTURED, CANCELLED, EXPIRED, CLOSED', repeatable: true, choices: ORDER_STATUSES },
    { flags: '--from <date>', description: 'created on or after (2026-11-01 or an ISO time)' },
    { flags: '--to <date>', description: 'created before (a bare date includes that whole day)' },
    { flags: '--reference <ref>', description: 'merchant reference or Kustom reference (any case)' },
    { flags: '--email <email>', description: 'customer email (any case)' },
    { flags: '--phone <phone>', description: "customer phone: +46701234567, or local with the store's country" },
    { flags: '--name <name>', description: "start of any word of the customer's name: given, middle or family (any case, accents optional; 2 letters at least)" },
    { flags: '--search <text>', description: "start of a reference or email, or of any word of the customer's name (any case; 2 characters at least)" },
    JSON_OPTION,
    CSV_OPTION,
    STORE_OPTION,
    limitOption(50),
    ALL_OPTION,
  ],
  examples: ['merchant orders list --status AUTHORIZED --from 2026-11-01', 'merchant orders list --all --csv > orders.csv', 'merchant orders list --email ada@example.com --json', 'merchant orders list --search anna', 'merchant orders list --name svensson'],
  schema: (z) =>
    z.object({
      status: z.array(z.string()).optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      reference: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
      name: z.string().optional(),
      search: z.string().optional(),
      store: z.string().optional(),
      limit: positiveInt(z, NUMERIC_RANGES.limit).default(50),
      all: z.boolean().optional(),
      ...outputFlags(z),
    }),
  // A first page is a start-up and one read: its command line is read without loading zod.
  plainParse: plainParser({
    strings: ['from', 'to', 'reference', 'email', 'phone', 'name', 'search', 'store'],
    stringLists: ['status'],
    booleans: ['all', 'json', 'csv'],
    wholeNumbers: { limit: { max: NUMERIC_RANGES.limit, default: 50 } },
  }),
  async handler(ctx, input) {
    const { listOrders } = await import('../../../services/orders/list-orders.js');
    return listOrders(await ctx.backend(), {
      storeId: ctx.storeId(input.store),
      statuses: input.status,
      from: input.from,
      to: input.to,
      reference: input.reference,
      email: input.email,
      phone: input.phone,
      name: input.name,
      search: input.search,
      limit: input.limit,
      all: input.all,
    });
  },
  async render(ctx, rows, input) {
    const { renderOrderList } = await import('../../../output/views/orders.js');
    await renderOrderList(ctx.output(input), rows);
  },
});
