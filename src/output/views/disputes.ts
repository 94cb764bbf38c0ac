/** How disputes look in each output mode. `--json` prints the Dispute shape as is (stable field names). */
import type { Dispute, DisputeEvidence } from '../../backends/backend.js';
import { words } from '../../domain/dispute-lifecycle.js';
import { formatMoney } from '../../domain/money.js';
import { money, time } from '../cells.js';
import { renderList, renderRecord, writeJson, type Column, type RenderTarget } from '../render.js';
import type { Reporter } from './reporter.js';

export const disputeColumns: Column<Dispute>[] = [
  { header: 'Dispute', value: (d) => d.dispute_id },
  { header: 'Order', value: (d) => d.order_id },
  { header: 'Reference', value: (d) => d.merchant_reference1 },
  { header: 'Store', value: (d) => d.store_id },
  { header: 'Amount', value: (d) => money(d.amount, d.currency), align: 'right' },
  { header: 'Reason', value: (d) => d.reason },
  { header: 'State', value: (d) => words(d.state) },
  { header: 'Respond by', value: (d) => time(d.response_deadline) },
  { header: 'Opened', value: (d) => time(d.opened_at) },
];

const evidenceColumns: Column<DisputeEvidence>[] = [
  { header: 'File', value: (e) => e.filename },
  { header: 'Type', value: (e) => e.content_type },
  { header: 'Bytes', value: (e) => e.size_bytes, align: 'right' },
];

export async function renderDisputeList(target: RenderTarget, rows: readonly Dispute[]): Promise<void> {
  await renderList(target, rows, disputeColumns, (r) => r, { empty: 'No disputes.' });
}

export async function renderDispute(target: RenderTarget, d: Dispute): Promise<void> {
  await renderRecord(
    target,
    [
      ['Dispute', d.dispute_id],
      ['State', words(d.state)],
      ['Order', d.order_id],
      ['Kustom reference', d.short_order_id],
      ['Merchant reference', d.merchant_reference1],
      ['Store', d.store_id],
      ['Amount', money(d.amount, d.currency)],
      ['Reason', d.reason],
      ['Opened', time(d.opened_at)],
      ['Respond by', time(d.response_deadline)],
      ['Responded', time(d.responded_at)],
      ['Response', d.response_text],
      ['Decided', time(d.decided_at)],
      ['Settled in payout', d.settled_in],
    ],
    d,
    [{ title: 'Evidence', rows: d.evidence, columns: evidenceColumns }],
  );
}

/** After respond, accept, open or decide: the dispute ID on stdout (or the whole dispute with --json), what happened on stderr. */
export function renderDisputeChange(out: Reporter, d: Dispute, json: boolean, message: string): void {
  if (json) writeJson(out.io, d);
  else out.io.stdout.write(`${d.dispute_id}\n`);
  out.logger.success(message);
}

export const disputeMessages = {
  responded: (d: Dispute) => `Responded to dispute ${d.dispute_id} (${d.evidence.length} evidence file(s)); it is under review.`,
  accepted: (d: Dispute, already: boolean) =>
    already
      ? `Dispute ${d.dispute_id} was already accepted; nothing was sent again.`
      : `Accepted dispute ${d.dispute_id}: ${formatMoney(d.amount, d.currency)} leaves the next payout of store ${d.store_id}.`,
  opened: (d: Dispute) => `Opened dispute ${d.dispute_id} on order ${d.order_id} for ${formatMoney(d.amount, d.currency)}; respond by ${d.response_deadline}.`,
  decided: (d: Dispute) =>
    d.state === 'lost'
      ? `Dispute ${d.dispute_id} is lost: ${formatMoney(d.amount, d.currency)} and the dispute fee leave the next payout of store ${d.store_id}.`
      : `Dispute ${d.dispute_id} is ${words(d.state)}.`,
};

/** The confirmation question of `disputes accept`. */
export const acceptQuestion = (d: Dispute): string =>
  `Accept dispute ${d.dispute_id}? ${formatMoney(d.amount, d.currency)} of order ${d.order_id} leaves your next payout; this cannot be undone.`;
