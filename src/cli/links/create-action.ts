/** The action behind `merchant links create`: one link from flags/prompts, or many from `--from`. */
import { hostname, userInfo } from 'node:os';
import { InterruptedError, UsageError } from '../../errors.js';
import type { Context } from '../context.js';

export interface CreateFlags {
  store?: string;
  email?: string;
  phone?: string;
  country?: string;
  currency?: string;
  reference?: string;
  reference2?: string;
  line?: string[];
  linesFile?: string;
  discount?: string[];
  autoCapture?: boolean;
  send?: string;
  sendAt?: string;
  expiresIn?: string;
  expiresAt?: string;
  linkReference?: string;
  description?: string;
  note?: string[];
  invoiceNumber?: string;
  invoicePdf?: string;
  messageTemplate?: string;
  from?: string;
  results?: string;
  dryRun?: boolean;
  json?: boolean;
  yes?: boolean;
}

/** Shown in history as the portal shows who made a link. */
export function createdBy(ctx: Context): string {
  let user = ctx.env['USER'] ?? ctx.env['USERNAME'];
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = 'unknown';
    }
  }
  return `${user}@${hostname()}`;
}

const SINGLE_ONLY: (keyof CreateFlags)[] = ['email', 'phone', 'reference', 'reference2', 'line', 'linesFile', 'discount', 'linkReference', 'invoicePdf', 'note'];

export async function runCreate(ctx: Context, flags: CreateFlags): Promise<void> {
  if (flags.from !== undefined) return runBulkCreate(ctx, flags);
  if (flags.results !== undefined) throw new UsageError('--results goes with --from (bulk create).');
  const { completeDraft } = await import('./create-interactive.js');
  const { prepareLink } = await import('../../services/links/link-draft.js');
  const { assertLinkReferenceFree, createLink, requireLinkCapabilities } = await import('../../services/links/create-link.js');
  const { reviewText, requestJson, linkJson } = await import('../../output/views/links.js');
  const { writeJson } = await import('../../output/render.js');
  const { confirmOrAbort } = await import('../../prompts/prompter.js');
  const { formatMoney } = await import('../../domain/money.js');
  const backend = await ctx.backend();
  const draft = await completeDraft(ctx, backend, {
    storeId: flags.store ?? ctx.settings().store.value,
    email: flags.email,
    phone: flags.phone,
    country: flags.country,
    currency: flags.currency,
    reference: flags.reference,
    reference2: flags.reference2,
    lines: flags.line,
    linesFile: flags.linesFile,
    discounts: flags.discount,
    autoCapture: flags.autoCapture,
    send: flags.send,
    sendAt: flags.sendAt,
    expiresIn: flags.expiresIn,
    expiresAt: flags.expiresAt,
    linkReference: flags.linkReference,
    description: flags.description,
    notes: flags.note,
    invoiceNumber: flags.invoiceNumber,
    invoicePdf: flags.invoicePdf,
    messageTemplate: flags.messageTemplate,
    createdBy: createdBy(ctx),
  }, !flags.yes);
  const { request } = await prepareLink(backend, draft, backend.clock.now());
  requireLinkCapabilities(backend, request);
  await assertLinkReferenceFree(backend, request);
  if (flags.dryRun) {
    if (flags.json) writeJson(ctx.io, { dry_run: true, request: requestJson(request) });
    else ctx.io.stdout.write(reviewText(request));
    ctx.logger.info('Dry run: nothing was created or sent.');
    return;
  }
  // A store picked from the list on a terminal is named; one that came from the settings must be flag/profile.
  const { guardLiveWrite } = await import('../../services/auth/live-guard.js');
  guardLiveWrite(ctx, { action: `create a payment link for ${formatMoney(request.order_amount, request.purchase_currency)}`, store: flags.store ?? (ctx.settings().store.value === undefined ? draft.storeId : undefined) });
  if (ctx.prompter.interactive && !flags.yes) {
    ctx.io.stderr.write(`\n${reviewText(request)}\n`);
    await confirmOrAbort(ctx.prompter, false, 'Create this payment link?');
  }
  const link = await createLink(backend, request);
  if (flags.json) writeJson(ctx.io, linkJson(link));
  else ctx.io.stdout.write(`${link.url}\n`);
  const sent = link.messages[0];
  const how = sent ? (sent.status === 'scheduled' ? `; ${sent.channel} to ${sent.recipient} scheduled for ${sent.scheduled_for ?? ''}` : `; sent by ${sent.channel} to ${sent.recipient}`) : '; not sent (share the URL)';
  ctx.logger.success(`Created payment link ${link.link_id} for ${formatMoney(link.order_amount, link.purchase_currency)}, expires ${link.expires_at}${how}.`);
}

async function runBulkCreate(ctx: Context, flags: CreateFlags): Promise<void> {
  const given = SINGLE_ONLY.filter((k) => flags[k] !== undefined);
  if (given.length > 0) {
    throw new UsageError(`--from creates links from the file's rows; it cannot be combined with ${given.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}.`);
  }
  const bulk = await import('../../services/links/bulk-create-links.js');
  const { renderList, writeJson } = await import('../../output/render.js');
  const { bulkColumns } = await import('../../output/views/links.js');
  const backend = await ctx.backend();
  const file = flags.from ?? '';
  const rows = await bulk.readBulkFile(file);
  const prepared = await bulk.prepareBulk(backend, rows, { defaultStoreId: flags.store ?? ctx.settings().store.value, createdBy: createdBy(ctx) });
  if (flags.dryRun) {
    ctx.logger.info(`Dry run: all ${prepared.length} rows are valid; nothing was created.`);
    if (flags.json) writeJson(ctx.io, { dry_run: true, rows: prepared.length });
    return;
  }
  const { guardLiveWrite } = await import('../../services/auth/live-guard.js');
  // Rows may name their own store: a live run must change exactly the store named or pinned.
  const targets = [...new Set(prepared.map((p) => p.request.store_id))];
  guardLiveWrite(ctx, { action: `create ${prepared.length} payment link(s) from ${file}`, target: targets.join(',') });
  const { cancellation } = ctx;
  const results = await cancellation.stoppable(() => bulk.createBulk(backend, prepared, { stopped: () => cancellation.signal.aborted, abandon: cancellation.deadline }));
  const resultFile = flags.results ?? `${file.replace(/\.csv$/i, '')}.results.csv`;
  await bulk.writeBulkResults(resultFile, results);
  await renderList(ctx.output(flags), results, bulkColumns, (r) => r);
  const created = results.filter((r) => r.result === 'created').length;
  const existing = results.filter((r) => r.result === 'existing').length;
  const notDone = results.filter((r) => r.result === 'not_started' || r.result === 'unknown').length;
  const failed = results.length - created - existing - notDone;
  ctx.logger.info(`${created} created, ${existing} already existed, ${failed} failed${notDone > 0 ? `, ${notDone} not finished` : ''}. Results: ${resultFile}`);
  if (cancellation.fired) {
    throw new InterruptedError(cancellation.fired, `Interrupted (${cancellation.fired}). Run the same command again to finish: rows already created are not created twice.`);
  }
  bulk.assertBulkSucceeded(results, resultFile);
}
