/**
 * `merchant status`: one block per store, then the authorizations that expire soon with what to type.
 * `--json` prints the HomeStatus shape (documented in the README).
 */
import type { ExpiringEntry, HomeStatus, StoreStatus } from '../../services/status/home-status.js';
import { formatMoney } from '../../domain/money.js';
import { humanTime } from '../cells.js';
import { writeJson, type RenderTarget } from '../render.js';

export function renderHomeStatus(target: RenderTarget, s: HomeStatus): void {
  if (target.mode === 'json') {
    writeJson(target, s);
    return;
  }
  const lines: string[] = [];
  const plain = target.mode !== 'table';
  const when = (iso: string): string => (plain ? iso : humanTime(iso, target.now));
  if (s.source === 'local_ledger') lines.push(target.color.dim('From the orders and links this tool created or read (Kustom cannot list them).'));
  for (const store of s.stores) lines.push(...storeBlock(target, store, when));
  if (s.stores.length === 0) lines.push('No stores yet. See: merchant stores add');
  lines.push('', target.color.bold(`Authorizations expiring within ${s.expiring_within_days} days`));
  if (s.expiring.length === 0) lines.push('  none');
  for (const e of s.expiring) lines.push(...expiringLines(e, when));
  target.stdout.write(`${lines.join('\n')}\n`);
}

function storeBlock(target: RenderTarget, store: StoreStatus, when: (iso: string) => string): string[] {
  const out = ['', target.color.bold(`${store.name} (${store.store_id})`)];
  if (store.uncaptured.length === 0) out.push('  Uncaptured orders:      none');
  for (const u of store.uncaptured) {
    const soon = u.expiring_soon > 0 ? `; ${u.expiring_soon} expiring soon (${formatMoney(u.expiring_amount, u.currency)})` : '';
    out.push(`  Uncaptured orders:      ${u.orders} for ${formatMoney(u.amount, u.currency)}${soon}`);
  }
  out.push(`  Links awaiting payment: ${store.links.awaiting_payment}; ${store.links.expiring_today} expiring within 24 hours`);
  out.push(...balanceLines(store, when), ...disputeLines(store, when));
  return out;
}

function balanceLines(store: StoreStatus, when: (iso: string) => string): string[] {
  if (!store.balance.available) return [`  Balance:                ${store.balance.reason}`];
  const { pending, next_payout } = store.balance;
  const out: string[] = [];
  if (pending.length === 0) out.push('  Balance:                nothing pending');
  for (const p of pending) out.push(`  Balance:                ${formatMoney(p.pending_amount, p.currency_code)} pending`);
  const estimate = next_payout.estimate.map((e) => formatMoney(e.amount, e.currency_code)).join(', ');
  out.push(`  Next payout:            ${when(next_payout.date)}, ${estimate ? `about ${estimate}` : 'nothing to pay out so far'}`);
  return out;
}

function disputeLines(store: StoreStatus, when: (iso: string) => string): string[] {
  const d = store.disputes;
  if (!d.available) return [`  Open disputes:          ${d.reason}`];
  if (d.open === 0 || !d.nearest) return ['  Open disputes:          none'];
  const amounts = d.amounts.map((a) => formatMoney(a.amount, a.currency)).join(', ');
  return [
    `  Open disputes:          ${d.open} for ${amounts}; first to answer by ${when(d.nearest.response_deadline)} (${d.nearest.dispute_id}, ${formatMoney(d.nearest.amount, d.nearest.currency)})`,
    `    $ ${d.nearest.command}`,
  ];
}

function expiringLines(e: ExpiringEntry, when: (iso: string) => string): string[] {
  const ref = e.merchant_reference1 ? ` (${e.merchant_reference1})` : '';
  const out = [`  ${e.order_id}${ref} ${e.store_id}: ${formatMoney(e.remaining_authorized_amount, e.currency)} expires ${when(e.expires_at)}`];
  for (const c of e.commands) out.push(`    $ ${c}`);
  return out;
}
