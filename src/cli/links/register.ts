/** `merchant links create|list|show|cancel|duplicate|resend|dispatch`. */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import type { Backend } from '../../backends/backend.js';
import { collect, examples, withCsv, withJson, withLimit, withYes } from '../options.js';
import type { CreateFlags } from './create-action.js';
import { completeValues } from '../completion/values.js';
import { LINK_STATUSES } from '../../domain/link-lifecycle.js';

const LINE_HELP = 'an order line: name=…,price=…,tax=…[,qty=1][,ref=…][,type=physical][,discount=…][,unit=…] (repeatable; "\\," for a comma)';

export function registerLinksCommands(program: Command, ctx: Context): void {
  // Link writes: under a live key, a banner on stderr; a link ID names its own store (the link's),
  // while create and dispatch need the store named (--store) or pinned in the profile.
  const liveGuard = async (action: string, store?: string): Promise<void> => {
    const { guardLiveWrite } = await import('../../services/auth/live-guard.js');
    guardLiveWrite(ctx, { action, store });
  };
  const showLinkOf = async (backend: Backend, id: string): Promise<{ store_id: string }> => {
    const { showLink } = await import('../../services/links/manage-links.js');
    return showLink(backend, id);
  };
  const links = program.command('links').description('payment links: create (one or bulk), history, show, cancel, duplicate, resend, dispatch');

  examples(
    withYes(
      withJson(
        links
          .command('create')
          .description('create a payment link (asks for what is missing on a terminal), or many with --from')
          .option('-s, --store <id>', "store ID (default: the profile's store; asked on a terminal)")
          .option('--email <address>', "customer's email")
          .option('--phone <e164>', "customer's phone, E.164 (+46701234567)")
          .option('--country <CC>', "purchase country (default: the store's)")
          .option('--currency <CUR>', "currency (default: the country's, if in the store's agreement)")
          .option('--reference <ref>', 'merchant reference 1, e.g. your order number (required)')
          .option('--reference2 <ref>', 'merchant reference 2')
          .option('--line <spec>', LINE_HELP, collect)
          .option('--lines-file <file>', 'order lines from a JSON file (API units) or a .csv file (the --line keys as columns)')
          .option('--discount <spec>', 'a discount line: 50.00, or amount=50.00[,name=…][,tax=25][,ref=…] (repeatable)', collect)
          .option('--auto-capture', 'capture the full amount as soon as the customer pays')
          .option('--send <channel>', 'email, sms or none (default none: the URL is printed)')
          .option('--send-at <time>', 'send later: an ISO time or a delay such as 2h (sent by: merchant links dispatch)')
          .option('--expires-in <duration>', 'lifetime, e.g. 24h or 90m (default and maximum 48h)')
          .option('--expires-at <time>', 'expiry as an ISO time (at most 48 h from now)')
          .option('--link-reference <ref>', 'your own reference for the link, unique per store')
          .option('--description <text>', 'description shown with the link')
          .option('--note <key=value>', 'a note (repeatable)', collect)
          .option('--invoice-number <no>', 'invoice number')
          .option('--invoice-pdf <file>', 'invoice PDF to attach (at most 5 MB)')
          .option('--message-template <text>', 'email/SMS text with {url} {amount} {store} {reference} {expires} {description}')
          .option('--from <csv>', 'create one link per row of this CSV file (see README "Bulk create")')
          .option('--results <file>', 'with --from: where to write the per-row results (.csv or .json; default <file>.results.csv)')
          .option('--dry-run', 'validate and print what would be sent; create nothing'),
      ),
    ),
    [
      'merchant links create',
      'merchant links create --store se-demo --email anna@example.com --reference 10042 --line "name=T-shirt,ref=TS-1,qty=2,price=125.00,tax=25" --send email',
      'merchant links create -s se-demo --phone +46701234567 --reference 10043 --lines-file cart.json --discount 50 --send sms --send-at 2026-12-01T09:00:00Z',
      'merchant links create --from links.csv --store se-demo --results results.json',
    ],
  ).action(async (opts: CreateFlags) => {
    const { runCreate } = await import('./create-action.js');
    await runCreate(ctx, opts);
  });

  examples(
    withLimit(
      withCsv(
        withJson(
          links
            .command('list')
            .description('link history, newest first (all stores unless --store)')
            .option('-s, --store <id>', 'only this store')
            .option('--status <status>', 'created, in_progress, completed, cancelled, expired, failed (repeatable or comma-separated)', collect)
            .option('--from <date>', 'created at or after (ISO date or time)')
            .option('--to <date>', 'created before (a date alone includes that whole day)')
            .option('--reference <ref>', 'merchant reference 1 or 2, or link reference')
            .option('--contact <email|phone>', "customer's email or phone"),
        ),
      ),
      50,
    ),
    ['merchant links list', 'merchant links list --store se-demo --status created,in_progress', 'merchant links list --from 2026-11-01 --to 2026-11-30 --all --csv > links.csv'],
  ).action(async (opts: { store?: string; status?: string[]; from?: string; to?: string; reference?: string; contact?: string; limit?: number; all?: boolean; json?: boolean; csv?: boolean }) => {
    const { listLinks } = await import('../../services/links/list-links.js');
    const { renderList } = await import('../../output/render.js');
    const { linkColumns, linkJson } = await import('../../output/views/links.js');
    const rows = await listLinks(await ctx.backend(), { storeId: opts.store, statuses: opts.status, from: opts.from, to: opts.to, reference: opts.reference, contact: opts.contact, limit: opts.limit, all: opts.all });
    await renderList(ctx.output(opts), rows, linkColumns, (r) => r.map(linkJson), { empty: 'No payment links match. Create one: merchant links create' });
  });

  examples(withJson(links.command('show').argument('<id>', 'link ID').description('everything about one link: lines, messages, resulting order')), [
    'merchant links show 0b7e…',
    'merchant links show 0b7e… --json | jq .order_id',
  ]).action(async (id: string, opts: { json?: boolean }) => {
    const { showLink } = await import('../../services/links/manage-links.js');
    const { renderRecord } = await import('../../output/render.js');
    const { linkFields, lineColumns, messageColumns, linkJson } = await import('../../output/views/links.js');
    const link = await showLink(await ctx.backend(), id);
    await renderRecord(ctx.output(opts), linkFields(link), linkJson(link), [
      { title: 'Lines', rows: link.order_lines, columns: lineColumns(link.purchase_currency) } as never,
      { title: 'Messages', rows: link.messages, columns: messageColumns } as never,
    ]);
  });

  examples(withJson(withYes(links.command('cancel').argument('<id>', 'link ID').description('cancel a link so it can no longer be paid (asks first)'))), [
    'merchant links cancel 0b7e… --yes',
  ]).action(async (id: string, opts: { yes?: boolean; json?: boolean }) => {
    const { linkForCancel, cancelLink } = await import('../../services/links/manage-links.js');
    const { confirmOrAbort } = await import('../../prompts/prompter.js');
    const { writeJson } = await import('../../output/render.js');
    const { formatMoney } = await import('../../domain/money.js');
    const backend = await ctx.backend();
    const link = await linkForCancel(backend, id);
    await liveGuard(`cancel link ${link.link_id}`, link.store_id);
    await confirmOrAbort(ctx.prompter, opts.yes, `Cancel link ${link.link_id} (${formatMoney(link.order_amount, link.purchase_currency)}, reference ${link.merchant_reference1})? The customer will no longer be able to pay.`);
    const cancelled = await cancelLink(backend, id);
    if (opts.json) writeJson(ctx.io, cancelled);
    ctx.logger.success(`Cancelled link ${cancelled.link_id}.`);
  });

  examples(
    withJson(
      links
        .command('duplicate')
        .argument('<id>', 'a cancelled or expired link')
        .description('copy a cancelled or expired link into a new one with a new expiry')
        .option('--send <channel>', 'send the new link: email, sms or none (default none)')
        .option('--expires-in <duration>', 'lifetime of the new link (default and maximum 48h)')
        .option('--expires-at <time>', 'expiry of the new link (ISO time)')
        .option('--link-reference <ref>', 'a link reference for the new link'),
    ),
    ['merchant links duplicate 0b7e… --send email'],
  ).action(async (id: string, opts: { send?: string; expiresIn?: string; expiresAt?: string; linkReference?: string; json?: boolean }) => {
    const { duplicateLink } = await import('../../services/links/manage-links.js');
    const { writeJson } = await import('../../output/render.js');
    const { createdBy } = await import('./create-action.js');
    const backend = await ctx.backend();
    await liveGuard(`duplicate link ${id}`, (await showLinkOf(backend, id)).store_id);
    const link = await duplicateLink(backend, id, { send: opts.send, expiresIn: opts.expiresIn, expiresAt: opts.expiresAt, linkReference: opts.linkReference, createdBy: createdBy(ctx) });
    if (opts.json) writeJson(ctx.io, link);
    else ctx.io.stdout.write(`${link.url}\n`);
    ctx.logger.success(`Created link ${link.link_id} from ${id}; expires ${link.expires_at}${link.messages[0] ? `; ${link.messages[0].status} by ${link.messages[0].channel}` : ''}.`);
  });

  examples(
    withJson(
      links
        .command('resend')
        .argument('<id>', 'an active link')
        .description('send an active link to the customer again')
        .option('--send <channel>', "email or sms (default: the link's channel, else email if known)")
        .option('--send-at <time>', 'send later: an ISO time or a delay such as 2h')
        .option('--message-template <text>', 'message text with {url} and other placeholders'),
    ),
    ['merchant links resend 0b7e…', 'merchant links resend 0b7e… --send sms'],
  ).action(async (id: string, opts: { send?: string; sendAt?: string; messageTemplate?: string; json?: boolean }) => {
    const { resendLink } = await import('../../services/links/manage-links.js');
    const { writeJson } = await import('../../output/render.js');
    const backend = await ctx.backend();
    await liveGuard(`resend link ${id}`, (await showLinkOf(backend, id)).store_id);
    const message = await resendLink(backend, id, { channel: opts.send, sendAt: opts.sendAt, template: opts.messageTemplate });
    if (opts.json) writeJson(ctx.io, message);
    else ctx.io.stdout.write(`${message.message_id}\n`);
    ctx.logger.success(message.status === 'scheduled' ? `Scheduled ${message.channel} to ${message.recipient} for ${message.scheduled_for ?? ''}.` : `Sent ${message.channel} to ${message.recipient}.`);
  });

  examples(withJson(links.command('dispatch').description('send every scheduled message that is due (cron-friendly; safe to run twice at once)')), [
    'merchant links dispatch',
    '*/5 * * * * merchant links dispatch --json >> dispatch.log',
  ]).action(async (opts: { json?: boolean }) => {
    const { dispatchDueMessages } = await import('../../services/links/manage-links.js');
    const { renderList } = await import('../../output/render.js');
    const { messageColumns } = await import('../../output/views/links.js');
    // Dispatch sends for every store; under a live key the profile must pin the store it works for.
    await liveGuard('dispatch due messages');
    const backend = await ctx.backend();
    const { cancellation } = ctx;
    const sent = await cancellation.stoppable(() => dispatchDueMessages(backend, { stopped: () => cancellation.signal.aborted }));
    await renderList(ctx.output(opts), sent, messageColumns, (r) => r, { empty: 'Nothing due.' });
    if (sent.length > 0) ctx.logger.info(`${sent.filter((m) => m.status === 'sent').length} sent, ${sent.filter((m) => m.status === 'failed').length} not sent (link no longer active).`);
    if (cancellation.fired) {
      const { InterruptedError } = await import('../../errors.js');
      throw new InterruptedError(cancellation.fired, `Interrupted (${cancellation.fired}): messages not sent yet stay scheduled for the next dispatch.`);
    }
  });
  completeValues(links, ['create'], '--send', ['email', 'sms', 'none']);
  completeValues(links, ['duplicate'], '--send', ['email', 'sms', 'none']);
  completeValues(links, ['resend'], '--send', ['email', 'sms']);
  completeValues(links, ['list'], '--status', LINK_STATUSES);
}
