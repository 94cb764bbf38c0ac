/** How payment links look in each output mode. JSON is the PaymentLink shape (documented in README). */
import type { CreateLinkRequest } from '../../backends/backend.js';
import type { LinkMessage, PaymentLink } from '../../domain/model/payment-link.js';
import type { OrderLine } from '../../domain/order-lines.js';
import { formatMoney } from '../../domain/money.js';
import { formatTaxRate } from '../../domain/tax.js';
import { BULK_RESULT_COLUMNS, type BulkRowResult } from '../../domain/model/bulk-link-result.js';
import type { ResendResult } from '../../services/links/link-delivery.js';
import { money, relative, time, type CellValue } from '../cells.js';
import { renderList, renderRecord, writeJson, writeJsonLine, writeMachineRows, type Column, type RenderTarget } from '../render.js';
import { bulkRowsShown, elapsedText, resultsNote } from './bulk-summary.js';
import type { Reporter } from './reporter.js';

const contact = (l: PaymentLink): string => [l.customer.email, l.customer.phone].filter(Boolean).join(' ');

/** The portal's history columns: link/order ID, status, channel, amount, created at, created by. */
export const linkColumns: Column<PaymentLink>[] = [
  { header: 'Link ID', value: (l) => l.link_id },
  { header: 'Order ID', value: (l) => l.order_id, priority: 3 },
  { header: 'Store', value: (l) => l.store_id, priority: 3 },
  { header: 'Status', value: (l) => l.status },
  { header: 'Channel', value: (l) => l.channel, priority: 4 },
  { header: 'Amount', value: (l) => money(l.order_amount, l.purchase_currency), align: 'right' },
  { header: 'Reference', value: (l) => l.merchant_reference1, priority: 2 },
  { header: 'Customer', value: contact, priority: 2, truncate: true },
  { header: 'Created', value: (l) => time(l.created_at), priority: 2 },
  { header: 'Created by', value: (l) => l.created_by, priority: 4, truncate: true },
];

export const linkJson = (l: PaymentLink): PaymentLink => l;

export function lineColumns(currency: string): Column<OrderLine>[] {
  return [
    { header: 'Type', value: (l) => l.type, priority: 3 },
    { header: 'Reference', value: (l) => l.reference, priority: 2 },
    { header: 'Name', value: (l) => l.name, truncate: true },
    { header: 'Qty', value: (l) => l.quantity, align: 'right' },
    { header: 'Unit price', value: (l) => money(l.unit_price, currency), align: 'right', priority: 2 },
    { header: 'Tax rate', value: (l) => formatTaxRate(l.tax_rate), align: 'right', priority: 2 },
    { header: 'Discount', value: (l) => (l.total_discount_amount ? money(l.total_discount_amount, currency) : null), align: 'right', priority: 3 },
    { header: 'Total', value: (l) => money(l.total_amount, currency), align: 'right' },
    { header: 'Tax', value: (l) => money(l.total_tax_amount, currency), align: 'right', priority: 2 },
  ];
}

export const messageColumns: Column<LinkMessage>[] = [
  { header: 'Message ID', value: (m) => m.message_id, priority: 2 },
  { header: 'Link ID', value: (m) => m.link_id, priority: 3 },
  { header: 'Channel', value: (m) => m.channel, priority: 4 },
  { header: 'Recipient', value: (m) => m.recipient, truncate: true },
  { header: 'Status', value: (m) => (m.detail ? `${m.status} (${m.detail})` : m.status), truncate: true },
  { header: 'Scheduled for', value: (m) => time(m.scheduled_for), priority: 2 },
  { header: 'Sent', value: (m) => time(m.sent_at), priority: 2 },
];

export function linkFields(l: PaymentLink): [string, CellValue][] {
  const fields: [string, CellValue][] = [
    ['Link ID', l.link_id],
    ['URL', l.url],
    ['Status', l.status],
    ['Store', l.store_id],
    ['Order ID', l.order_id ?? '(not paid yet)'],
    ['Amount', money(l.order_amount, l.purchase_currency)],
    ['Tax', money(l.order_tax_amount, l.purchase_currency)],
    ['Country / locale', `${l.purchase_country} / ${l.locale}`],
    ['Reference', l.merchant_reference1],
    ['Reference 2', l.merchant_reference2],
    ['Link reference', l.link_reference],
    ['Customer', contact(l)],
    ['Channel', l.channel],
    ['Auto-capture', l.auto_capture ? 'yes' : 'no'],
    ['Description', l.description],
    ['Invoice number', l.invoice_number],
    ['Invoice PDF', l.has_attachment ? 'attached' : null],
    ['Notes', Object.entries(l.notes).map(([k, v]) => `${k}=${v}`).join(', ') || null],
    ['Created', time(l.created_at)],
    ['Created by', l.created_by],
    ['Expires', time(l.expires_at)],
  ];
  if (l.cancelled_at) fields.push(['Cancelled', time(l.cancelled_at)]);
  if (l.completed_at) fields.push(['Completed', time(l.completed_at)]);
  if (l.duplicated_from) fields.push(['Duplicated from', l.duplicated_from]);
  return fields;
}

/** What `--dry-run --json` prints: the request, with the attachment's bytes left out. */
export function requestJson(r: CreateLinkRequest): unknown {
  const { attachment, ...rest } = r;
  return { ...rest, attachment: attachment ? { filename: attachment.filename, content_type: attachment.content_type, size_bytes: attachment.size_bytes } : null };
}

/** The review shown before creating (stderr on a TTY, stdout for --dry-run). */
/**
 * The review before a link is created (and the `--dry-run` output): every column as wide as its widest
 * cell, so short totals and long names line up alike. `now` adds how long the link will live.
 */
export function reviewText(r: CreateLinkRequest, now?: Date): string {
  const c = r.purchase_currency;
  const out: string[] = [];
  out.push(`Store ${r.store_id} · ${r.purchase_country} · ${c} · reference ${r.merchant_reference1}${r.merchant_reference2 ? ` / ${r.merchant_reference2}` : ''}`);
  out.push(`Customer ${[r.customer.email, r.customer.phone].filter(Boolean).join(', ')}`);
  if (r.description) out.push(`Description ${r.description}`);
  out.push('');
  const header = ['Line', 'Reference', 'Type', 'Qty', 'Unit price', 'Tax', 'Total'];
  const rows = r.order_lines.map((l) => [l.name, l.reference || '-', l.type, String(l.quantity), formatMoney(l.unit_price, c), formatTaxRate(l.tax_rate), formatMoney(l.total_amount, c)]);
  const footer = [
    ['Total', '', '', '', '', '', formatMoney(r.order_amount, c)],
    ['of which tax', '', '', '', '', '', formatMoney(r.order_tax_amount, c)],
  ];
  const all = [header, ...rows, ...footer];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const rightAligned = new Set([3, 4, 5, 6]);
  const line = (row: readonly string[]): string =>
    `  ${row.map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()}`;
  for (const row of all) out.push(line(row));
  out.push('');
  const send = r.delivery.channel === 'none' ? 'not sent (the URL is printed)' : `by ${r.delivery.channel.replace(',', ' and ')}${r.delivery.send_at ? ` at ${r.delivery.send_at}` : ' now'}`;
  const expires = now ? `${r.expires_at} (${relative(Date.parse(r.expires_at) - now.getTime())})` : r.expires_at;
  out.push(`Delivery ${send} · expires ${expires} · auto-capture ${r.auto_capture ? 'on' : 'off'}`);
  if (r.link_reference) out.push(`Link reference ${r.link_reference}`);
  return `${out.join('\n')}\n`;
}

export const bulkColumns: Column<BulkRowResult>[] = [
  { header: 'Row', value: (r) => r.row, align: 'right' },
  { header: 'Link reference', value: (r) => r.link_reference },
  { header: 'Store', value: (r) => r.store, priority: 3 },
  { header: 'Result', value: (r) => r.result },
  { header: 'Link ID', value: (r) => r.link_id },
  { header: 'URL', value: (r) => r.url, priority: 2 },
  { header: 'Status', value: (r) => r.status },
  { header: 'Error', value: (r) => r.error, truncate: true },
];

export async function renderLinkList(target: RenderTarget, rows: readonly PaymentLink[] | AsyncIterable<readonly PaymentLink[]>): Promise<void> {
  await renderList(target, rows, linkColumns, (r) => r.map(linkJson), { empty: 'No payment links match. Create one: merchant links create' });
}

export async function renderLinkDetails(target: RenderTarget, link: PaymentLink): Promise<void> {
  await renderRecord(target, linkFields(link), linkJson(link), [
    { title: 'Lines', rows: link.order_lines, columns: lineColumns(link.purchase_currency) },
    { title: 'Messages', rows: link.messages, columns: messageColumns },
  ]);
}

/** A dry run prints the request that would be sent (stdout) and says nothing was sent (stderr). */
export function renderLinkDryRun(out: Reporter, request: CreateLinkRequest, json: boolean): void {
  if (json) writeJson(out.io, { dry_run: true, request: requestJson(request) });
  else out.io.stdout.write(reviewText(request));
  out.logger.info('Dry run: nothing was created or sent.');
}

function messageOutcome(m: LinkMessage): string {
  if (m.status === 'scheduled') return `; ${m.channel} to ${m.recipient} scheduled for ${m.scheduled_for ?? ''}`;
  return m.status === 'failed' ? `; ${m.channel} to ${m.recipient} NOT sent` : `; sent by ${m.channel} to ${m.recipient}`;
}

/** The URL (or the link as JSON), then how it reaches the customer. */
export function renderLinkCreated(out: Reporter, link: PaymentLink, json: boolean): void {
  if (json) writeJson(out.io, linkJson(link));
  else out.io.stdout.write(`${link.url}\n`);
  const how = link.messages.length > 0 ? link.messages.map(messageOutcome).join('') : '; not sent (share the URL)';
  out.logger.success(`Created payment link ${link.link_id} for ${formatMoney(link.order_amount, link.purchase_currency)}, expires ${link.expires_at}${how}.`);
}

export function renderBulkDryRun(out: Reporter, rows: number, json: boolean): void {
  out.logger.info(`Dry run: all ${rows} rows are valid; nothing was created.`);
  if (json) writeJson(out.io, { dry_run: true, rows });
}

/** One NDJSON line per row of a bulk create, written as the row finishes (--json). */
export function writeBulkLinkLine(target: RenderTarget, result: BulkRowResult): void {
  writeJsonLine(target, result);
}

/**
 * The end of a bulk create: on a terminal the counts, the time and the results file (the table too with
 * --verbose); piped or with --csv every row in the results file's columns; with --json nothing more (its
 * NDJSON rows were streamed as they finished).
 */
export async function renderBulkCreated(
  target: RenderTarget,
  out: Reporter,
  results: readonly BulkRowResult[],
  resultFile: string,
  options: { verbose?: boolean | undefined; elapsedMs?: number | undefined } = {},
): Promise<void> {
  const shown = bulkRowsShown(target.mode, options.verbose);
  if (target.mode === 'table') {
    if (shown) await renderList(target, results, bulkColumns, (r) => r);
  } else if (target.mode !== 'json') {
    await writeMachineRows(target, BULK_RESULT_COLUMNS, results.map((r) => BULK_RESULT_COLUMNS.map((c) => String(r[c] ?? ''))));
  }
  const count = (...kinds: BulkRowResult['result'][]) => results.filter((r) => kinds.includes(r.result)).length;
  const unsent = count('send_failed');
  const notDone = count('not_started', 'unknown');
  const took = options.elapsedMs === undefined ? '' : ` Took ${elapsedText(options.elapsedMs)}.`;
  out.logger.info(
    `${count('created')} created, ${unsent > 0 ? `${unsent} created but not sent, ` : ''}${count('existing')} already existed, ${count('failed')} failed${notDone > 0 ? `, ${notDone} not finished` : ''}.${took} ${resultsNote(resultFile, shown) ?? ''}`,
  );
}

export const cancelLinkQuestion = (link: PaymentLink): string =>
  `Cancel link ${link.link_id} (${formatMoney(link.order_amount, link.purchase_currency)}, reference ${link.merchant_reference1})? The customer will no longer be able to pay.`;

export function renderLinkCancelled(out: Reporter, link: PaymentLink, json: boolean): void {
  if (json) writeJson(out.io, link);
  out.logger.success(`Cancelled link ${link.link_id}.`);
}

export function renderLinkDuplicated(out: Reporter, link: PaymentLink, sourceId: string, json: boolean): void {
  if (json) writeJson(out.io, link);
  else out.io.stdout.write(`${link.url}\n`);
  out.logger.success(`Created link ${link.link_id} from ${sourceId}; expires ${link.expires_at}${link.messages.map((m) => `; ${m.status} by ${m.channel}`).join('')}.`);
}

/** One line per message sent (its ID), or the messages as a JSON array; media not sent again are named. */
export function renderLinkResent(out: Reporter, result: ResendResult, json: boolean): void {
  if (json) writeJson(out.io, result.messages);
  else for (const message of result.messages) out.io.stdout.write(`${message.message_id}\n`);
  for (const message of result.messages) {
    out.logger.success(message.status === 'scheduled' ? `Scheduled ${message.channel} to ${message.recipient} for ${message.scheduled_for ?? ''}.` : `Sent ${message.channel} to ${message.recipient}.`);
  }
  if (result.skipped.length > 0) out.logger.info(`Not sent again by ${result.skipped.join(' and ')}: its last message went out; only the medium that failed is retried.`);
}

export async function renderDispatched(target: RenderTarget, out: Reporter, sent: readonly LinkMessage[]): Promise<void> {
  await renderList(target, sent, messageColumns, (r) => r, { empty: 'Nothing due.' });
  if (sent.length > 0) out.logger.info(`${sent.filter((m) => m.status === 'sent').length} sent, ${sent.filter((m) => m.status === 'failed').length} not sent (link no longer active).`);
}
