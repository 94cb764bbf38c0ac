/** How `merchant lookup` looks: one story on one screen, a list of matches, or the documented JSON. */
import type { Capture, Dispute, LinkMessage, PaymentLink } from '../../backends/backend.js';
import { words } from '../../domain/dispute-lifecycle.js';
import type { Settlement, StoryEvent } from '../../domain/lookup-story.js';
import type { Match } from '../../services/lookup/find-matches.js';
import type { LookupResult, LookupStory } from '../../services/lookup/lookup.js';
import { money, time, type CellValue } from '../cells.js';
import { renderList, renderRecord, writeJson, type Column, type RenderTarget } from '../render.js';
import { lineColumns, orderDetailsJson, orderFields } from './orders.js';

const customerOf = (m: Match): string => {
  const c = m.order?.customer ?? m.links[0]?.customer ?? {};
  return [('name' in c ? c.name : undefined), c.email, c.phone].filter(Boolean).join(' ');
};
const statusOf = (m: Match): string => m.order?.status ?? `link ${m.links[0]?.status ?? ''}`;

/** One line per match, for the picker on a terminal. */
export function matchLabel(m: Match): string {
  const link = m.links[0];
  const what = m.order ? `order ${m.order.merchant_reference1 ?? m.order.order_id} (${m.order.klarna_reference})` : `link ${link?.merchant_reference1 ?? link?.link_id ?? ''}`;
  return `${what} · ${statusOf(m)} · ${customerOf(m)} · matched ${m.kind}`;
}

const matchColumns: Column<Match>[] = [
  { header: 'Matched', value: (m) => m.kind },
  { header: 'Order ID', value: (m) => m.order?.order_id },
  { header: 'Link ID', value: (m) => m.links[0]?.link_id },
  { header: 'Status', value: statusOf },
  { header: 'Amount', value: (m) => (m.order ? money(m.order.order_amount, m.order.purchase_currency) : m.links[0] ? money(m.links[0].order_amount, m.links[0].purchase_currency) : null), align: 'right' },
  { header: 'Reference', value: (m) => m.order?.merchant_reference1 ?? m.links[0]?.merchant_reference1, priority: 2 },
  { header: 'Kustom ref', value: (m) => m.order?.klarna_reference, priority: 4 },
  { header: 'Customer', value: customerOf, priority: 3, truncate: true },
  { header: 'Created', value: (m) => time(m.order?.created_at ?? m.links[0]?.created_at), priority: 3 },
];

/** The documented `--json` shape of one match (README "merchant lookup"). */
export const storyJson = (s: LookupStory) => ({
  kind: s.kind,
  order: s.order ? orderDetailsJson(s.order) : null,
  links: s.links,
  settlements: s.settlements,
  disputes: s.disputes,
  timeline: s.timeline,
  next_actions: s.next_actions,
  incomplete: s.incomplete,
});

const linkColumns: Column<PaymentLink>[] = [
  { header: 'Link ID', value: (l) => l.link_id },
  { header: 'Status', value: (l) => l.status },
  { header: 'Created', value: (l) => time(l.created_at), priority: 3 },
  { header: 'Created by', value: (l) => l.created_by, priority: 3, truncate: true },
  { header: 'Opened', value: (l) => (l.opened_at ? time(l.opened_at) : ['in_progress', 'completed'].includes(l.status) ? 'yes' : 'no'), priority: 2 },
  { header: 'Expires', value: (l) => time(l.expires_at), priority: 2 },
  { header: 'Reference', value: (l) => l.link_reference ?? l.merchant_reference1, priority: 2 },
];

const messageColumns: Column<LinkMessage>[] = [
  { header: 'Channel', value: (m) => m.channel },
  { header: 'Recipient', value: (m) => m.recipient, truncate: true },
  { header: 'Status', value: (m) => m.status },
  { header: 'Time', value: (m) => time(m.sent_at ?? m.scheduled_for ?? m.created_at), priority: 2 },
];

const timelineColumns: Column<StoryEvent>[] = [
  { header: 'At', value: (e) => time(e.at) },
  { header: 'Event', value: (e) => e.type },
  { header: 'Amount', value: (e) => (e.amount === null || e.currency === null ? null : money(e.amount, e.currency)), align: 'right' },
  { header: 'Detail', value: (e) => e.detail, priority: 2, truncate: true },
];

const settlementColumns: Column<Settlement>[] = [
  { header: 'Payout', value: (s) => s.payment_reference },
  { header: 'Date', value: (s) => s.payout_date },
  { header: 'Net for this order', value: (s) => money(s.net_amount, s.currency), align: 'right' },
];

const captureColumns = (currency: string): Column<Capture>[] => [
  { header: 'Capture ID', value: (c) => c.capture_id },
  { header: 'Amount', value: (c) => money(c.captured_amount, currency), align: 'right' },
  { header: 'Captured', value: (c) => time(c.captured_at), priority: 2 },
  { header: 'Lines', value: (c) => (c.order_lines.length === 0 ? 'amount only' : c.order_lines.map((l) => `${l.quantity}× ${l.reference ?? l.name}`).join(', ')), priority: 2, truncate: true },
  { header: 'Reference', value: (c) => c.reference, priority: 2 },
];

const storyDisputeColumns: Column<Dispute>[] = [
  { header: 'Dispute', value: (d) => d.dispute_id },
  { header: 'State', value: (d) => words(d.state) },
  { header: 'Amount', value: (d) => money(d.amount, d.currency), align: 'right' },
  { header: 'Reason', value: (d) => d.reason, priority: 2, truncate: true },
  { header: 'Respond by', value: (d) => time(d.response_deadline), priority: 2 },
  { header: 'Payout', value: (d) => d.settled_in, priority: 3 },
];

const nextColumns: Column<string>[] = [{ header: 'Command', value: (c) => c }];

async function renderStory(target: RenderTarget, s: LookupStory): Promise<void> {
  const fields: [string, CellValue][] = [['Matched as', s.kind]];
  if (s.order) fields.push(...orderFields(s.order).filter(([label]) => label !== 'You can'), ['Customer', [s.order.customer.name, s.order.customer.phone].filter(Boolean).join(' ') || null]);
  else if (s.links[0]) fields.push(['Order', '(not paid yet)'], ['Amount', money(s.links[0].order_amount, s.links[0].purchase_currency)]);
  for (const i of s.incomplete) fields.push([`Not shown: ${i.part}`, i.reason]);
  const cur = s.order?.purchase_currency ?? s.links[0]?.purchase_currency ?? '';
  await renderRecord(target, fields, storyJson(s), [
    { title: 'Links', rows: s.links, columns: linkColumns },
    { title: 'Messages', rows: s.links.flatMap((l) => l.messages), columns: messageColumns },
    { title: 'Lines', rows: s.order?.lines ?? [], columns: lineColumns(cur) },
    { title: 'Captures', rows: s.order?.captures ?? [], columns: captureColumns(cur) },
    { title: 'Settled', rows: s.settlements, columns: settlementColumns },
    { title: 'Disputes', rows: s.disputes, columns: storyDisputeColumns },
    { title: 'Timeline', rows: s.timeline, columns: timelineColumns },
    { title: 'Next', rows: s.next_actions, columns: nextColumns },
  ]);
}

export async function renderLookup(target: RenderTarget, result: LookupResult, stories: readonly LookupStory[]): Promise<void> {
  if (target.mode === 'json') {
    writeJson(target, { query: result.query, tried: result.tried, matches: stories.map(storyJson), more: result.more, incomplete: result.incomplete });
    return;
  }
  const [only] = stories;
  if (only) return renderStory(target, only);
  await renderList(target, result.matches, matchColumns, () => null);
}

