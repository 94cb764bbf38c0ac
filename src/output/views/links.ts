/** How payment links look in each output mode. JSON is the PaymentLink shape (documented in README). */
import type { CreateLinkRequest, LinkMessage, PaymentLink } from '../../backends/backend.js';
import type { OrderLine } from '../../domain/order-lines.js';
import { formatMoney } from '../../domain/money.js';
import { formatTaxRate } from '../../domain/tax.js';
import type { BulkRowResult } from '../../services/links/bulk-create-links.js';
import { money, time, type CellValue } from '../cells.js';
import type { Column } from '../render.js';

const contact = (l: PaymentLink): string => [l.customer.email, l.customer.phone].filter(Boolean).join(' ');

/** The portal's history columns: link/order ID, status, channel, amount, created at, created by. */
export const linkColumns: Column<PaymentLink>[] = [
  { header: 'Link ID', value: (l) => l.link_id },
  { header: 'Order ID', value: (l) => l.order_id },
  { header: 'Store', value: (l) => l.store_id },
  { header: 'Status', value: (l) => l.status },
  { header: 'Channel', value: (l) => l.channel },
  { header: 'Amount', value: (l) => money(l.order_amount, l.purchase_currency), align: 'right' },
  { header: 'Reference', value: (l) => l.merchant_reference1 },
  { header: 'Customer', value: contact },
  { header: 'Created', value: (l) => time(l.created_at) },
  { header: 'Created by', value: (l) => l.created_by },
];

export const linkJson = (l: PaymentLink): PaymentLink => l;

export function lineColumns(currency: string): Column<OrderLine>[] {
  return [
    { header: 'Type', value: (l) => l.type },
    { header: 'Reference', value: (l) => l.reference },
    { header: 'Name', value: (l) => l.name },
    { header: 'Qty', value: (l) => l.quantity, align: 'right' },
    { header: 'Unit price', value: (l) => money(l.unit_price, currency), align: 'right' },
    { header: 'Tax rate', value: (l) => formatTaxRate(l.tax_rate), align: 'right' },
    { header: 'Discount', value: (l) => (l.total_discount_amount ? money(l.total_discount_amount, currency) : null), align: 'right' },
    { header: 'Total', value: (l) => money(l.total_amount, currency), align: 'right' },
    { header: 'Tax', value: (l) => money(l.total_tax_amount, currency), align: 'right' },
  ];
}

export const messageColumns: Column<LinkMessage>[] = [
  { header: 'Message ID', value: (m) => m.message_id },
  { header: 'Link ID', value: (m) => m.link_id },
  { header: 'Channel', value: (m) => m.channel },
  { header: 'Recipient', value: (m) => m.recipient },
  { header: 'Status', value: (m) => (m.detail ? `${m.status} (${m.detail})` : m.status) },
  { header: 'Scheduled for', value: (m) => time(m.scheduled_for) },
  { header: 'Sent', value: (m) => time(m.sent_at) },
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
export function reviewText(r: CreateLinkRequest): string {
  const c = r.purchase_currency;
  const out: string[] = [];
  const w = Math.max(...r.order_lines.map((l) => l.name.length), 4);
  out.push(`Store ${r.store_id} · ${r.purchase_country} · ${c} · reference ${r.merchant_reference1}${r.merchant_reference2 ? ` / ${r.merchant_reference2}` : ''}`);
  out.push(`Customer ${[r.customer.email, r.customer.phone].filter(Boolean).join(', ')}`);
  out.push('');
  out.push(`  ${'Line'.padEnd(w)}  ${'Qty'.padStart(4)}  ${'Unit price'.padStart(16)}  ${'Tax'.padStart(6)}  ${'Total'.padStart(16)}`);
  for (const l of r.order_lines) {
    out.push(`  ${l.name.padEnd(w)}  ${String(l.quantity).padStart(4)}  ${formatMoney(l.unit_price, c).padStart(16)}  ${formatTaxRate(l.tax_rate).padStart(6)}  ${formatMoney(l.total_amount, c).padStart(16)}`);
  }
  out.push(`  ${'Total'.padEnd(w)}  ${''.padStart(4)}  ${''.padStart(16)}  ${''.padStart(6)}  ${formatMoney(r.order_amount, c).padStart(16)}`);
  out.push(`  ${'of which tax'.padEnd(w)}  ${''.padStart(4)}  ${''.padStart(16)}  ${''.padStart(6)}  ${formatMoney(r.order_tax_amount, c).padStart(16)}`);
  out.push('');
  const send = r.delivery.channel === 'none' ? 'not sent (the URL is printed)' : `by ${r.delivery.channel}${r.delivery.send_at ? ` at ${r.delivery.send_at}` : ' now'}`;
  out.push(`Delivery ${send} · expires ${r.expires_at} · auto-capture ${r.auto_capture ? 'on' : 'off'}`);
  if (r.link_reference) out.push(`Link reference ${r.link_reference}`);
  return `${out.join('\n')}\n`;
}

export const bulkColumns: Column<BulkRowResult>[] = [
  { header: 'Row', value: (r) => r.row, align: 'right' },
  { header: 'Link reference', value: (r) => r.link_reference },
  { header: 'Store', value: (r) => r.store },
  { header: 'Result', value: (r) => r.result },
  { header: 'Link ID', value: (r) => r.link_id },
  { header: 'URL', value: (r) => r.url },
  { header: 'Status', value: (r) => r.status },
  { header: 'Error', value: (r) => r.error },
];
