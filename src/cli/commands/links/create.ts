/** `merchant links create`: one link from flags and prompts, or many from `--from`. */
import { defineCommand } from '../../define-command.js';
import { CSV_OPTION, JSON_OPTION, YES_OPTION, outputFlags } from '../../shared-options.js';
import { SEND_CHANNELS } from './link-options.js';

const LINE_HELP = 'an order line: name=…,price=…,tax=…[,qty=1][,ref=…][,type=physical][,discount=…][,unit=…] (repeatable; "\\," for a comma)';

export const linksCreate = defineCommand({
  name: 'create',
  description: 'create a payment link (asks for what is missing on a terminal), or many with --from',
  options: [
    { flags: '-s, --store <id>', description: "store ID (default: the profile's store; asked on a terminal)" },
    { flags: '--email <address>', description: "customer's email" },
    { flags: '--phone <e164>', description: "customer's phone, E.164 (+46701234567)" },
    { flags: '--country <CC>', description: "purchase country (default: the store's)" },
    { flags: '--currency <CUR>', description: "currency (default: the country's, if in the store's agreement)" },
    { flags: '--reference <ref>', description: 'merchant reference 1, e.g. your order number (required)' },
    { flags: '--reference2 <ref>', description: 'merchant reference 2' },
    { flags: '--line <spec>', description: LINE_HELP, repeatable: true },
    { flags: '--lines-file <file>', description: 'order lines from a JSON file (API units) or a .csv file (the --line keys as columns)' },
    { flags: '--amount <amount>', description: 'an amount-only link: one line of this amount (tax included), named by --description' },
    { flags: '--tax <percent>', description: "with --amount: the tax rate (default: the purchase country's standard VAT rate)" },
    { flags: '--discount <spec>', description: 'a discount line: 50.00, or amount=50.00[,name=…][,tax=25][,ref=…] (repeatable)', repeatable: true },
    { flags: '--auto-capture', description: 'capture the full amount as soon as the customer pays' },
    { flags: '--send <channel>', description: 'email, sms, email,sms (one message each) or none (default none: the URL is printed)', choices: SEND_CHANNELS },
    { flags: '--send-at <time>', description: 'send later: an ISO time or a delay such as 2h (sent by: merchant links dispatch)' },
    { flags: '--expires-in <duration>', description: 'lifetime, e.g. 24h or 90m (default and maximum 48h)' },
    { flags: '--expires-at <time>', description: 'expiry as an ISO time (at most 48 h from now)' },
    { flags: '--link-reference <ref>', description: 'your own reference for the link, unique per store' },
    { flags: '--description <text>', description: 'description shown with the link' },
    { flags: '--note <key=value>', description: 'a note (repeatable)', repeatable: true },
    { flags: '--invoice-number <no>', description: 'invoice number' },
    { flags: '--invoice-pdf <file>', description: 'invoice PDF to attach (at most 5 MB)' },
    { flags: '--message-template <text>', description: 'email/SMS text with {url} {amount} {store} {reference} {expires} {description}' },
    { flags: '--from <csv>', description: 'create one link per row of this CSV file ("-" for stdin; see README "Bulk create")' },
    { flags: '--results <file>', description: 'with --from: where to write the per-row results (.csv or .json; default <file>.results.csv, or the data folder for stdin)' },
    { flags: '--verbose', description: 'with --from, on a terminal: also print every row\'s result (a table) after the summary' },
    { flags: '--dry-run', description: 'validate and print what would be sent; create nothing' },
    JSON_OPTION,
    { ...CSV_OPTION, description: 'with --from: print every row\'s result as CSV with a header (the results file\'s columns)' },
    YES_OPTION,
  ],
  examples: [
    'merchant links create',
    'merchant links create --store se-demo --email anna@example.com --reference 10042 --line "name=T-shirt,ref=TS-1,qty=2,price=125.00,tax=25" --send email',
    'merchant links create -s se-demo --phone +46701234567 --reference 10043 --lines-file cart.json --discount 50 --send sms --send-at 2026-12-01T09:00:00Z',
    'merchant links create -s se-demo --email parent@example.com --reference FEES-12 --amount 499.00 --description "School fees, class XII B"',
    'merchant links create --from links.csv --store se-demo --results results.json',
  ],
  schema: (z) =>
    z.object({
      store: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
      country: z.string().optional(),
      currency: z.string().optional(),
      reference: z.string().optional(),
      reference2: z.string().optional(),
      line: z.array(z.string()).optional(),
      linesFile: z.string().optional(),
      discount: z.array(z.string()).optional(),
      amount: z.string().optional(),
      tax: z.string().optional(),
      autoCapture: z.boolean().optional(),
      send: z.string().optional(),
      sendAt: z.string().optional(),
      expiresIn: z.string().optional(),
      expiresAt: z.string().optional(),
      linkReference: z.string().optional(),
      description: z.string().optional(),
      note: z.array(z.string()).optional(),
      invoiceNumber: z.string().optional(),
      invoicePdf: z.string().optional(),
      messageTemplate: z.string().optional(),
      from: z.string().optional(),
      results: z.string().optional(),
      verbose: z.boolean().optional(),
      dryRun: z.boolean().optional(),
      yes: z.boolean().optional(),
      ...outputFlags(z),
    }),
  async handler(ctx, input) {
    const { checkCreateMode, createLinksFromFile } = await import('../../../services/links/create-links-from-file.js');
    const { createdBy } = await import('../../../services/links/created-by.js');
    checkCreateMode(input);
    if (input.from !== undefined) {
      const started = ctx.clock.now().getTime();
      const views = await import('../../../output/views/links.js');
      const target = ctx.output(input);
      const bulk = await createLinksFromFile(await ctx.backend(), {
        file: input.from,
        stdin: ctx.io.stdin,
        stdinIsTTY: ctx.io.stdinIsTTY,
        dataDir: ctx.paths.dataDir,
        results: input.results,
        defaultStoreId: ctx.storeId(input.store),
        createdBy: createdBy(ctx.env),
        dryRun: input.dryRun === true,
        gate: ctx.writeGate,
        stop: ctx.cancellation,
        // --json streams one NDJSON line per row as it finishes, as bulk capture does.
        onResult: input.json === true ? (row) => views.writeBulkLinkLine(target, row) : undefined,
      });
      return { mode: 'bulk' as const, bulk, elapsedMs: ctx.clock.now().getTime() - started };
    }
    const { createOneLink } = await import('./create-flow.js');
    const one = await createOneLink(
      ctx,
      await ctx.backend(),
      {
        storeId: ctx.storeId(input.store),
        email: input.email,
        phone: input.phone,
        country: input.country,
        currency: input.currency,
        reference: input.reference,
        reference2: input.reference2,
        lines: input.line,
        linesFile: input.linesFile,
        discounts: input.discount,
        amount: input.amount,
        tax: input.tax,
        autoCapture: input.autoCapture,
        send: input.send,
        sendAt: input.sendAt,
        expiresIn: input.expiresIn,
        expiresAt: input.expiresAt,
        linkReference: input.linkReference,
        description: input.description,
        notes: input.note,
        invoiceNumber: input.invoiceNumber,
        invoicePdf: input.invoicePdf,
        messageTemplate: input.messageTemplate,
        createdBy: createdBy(ctx.env),
      },
      {
        yes: input.yes === true,
        dryRun: input.dryRun === true,
        gate: ctx.writeGate,
        storeFlag: input.store,
      },
    );
    return { mode: 'one' as const, one };
  },
  async render(ctx, result, input) {
    const views = await import('../../../output/views/links.js');
    const json = input.json === true;
    if (result.mode === 'one') {
      if (result.one.dryRun) views.renderLinkDryRun(ctx, result.one.request, json);
      else {
        views.renderLinkCreated(ctx, result.one.link, json);
        const { settleLinkDelivery } = await import('../../../services/links/link-delivery.js');
        settleLinkDelivery(result.one.link);
      }
      return;
    }
    const { bulk } = result;
    if (bulk.dryRun) {
      views.renderBulkDryRun(ctx, bulk.rows, json);
      return;
    }
    await views.renderBulkCreated(ctx.output(input), ctx, bulk.results, bulk.resultFile, { verbose: input.verbose, elapsedMs: result.elapsedMs });
    const { settleBulkCreate } = await import('../../../services/links/create-links-from-file.js');
    settleBulkCreate(bulk.results, bulk.resultFile, ctx.cancellation.fired);
  },
});
