/**
 * `merchant status`: the Portal's home page. Per store: open authorizations (count and amount, in each
 * currency) and those expiring within 7 days, with the commands that extend or capture them; links a
 * customer can still pay and those expiring within 24 hours; and, where the backend has it, the balance
 * and an estimate of the next payout; and the open disputes awaiting an answer. The counts are one
 * aggregate call (`overview.summary`); the balance and the disputes are one call each per store.
 */
import { requireCapability, type Backend, type BalanceLine, type ExpiringAuthorization, type Store, type UncapturedLine } from '../../backends/backend.js';
import { allowedOrderOperations, type OrderStatus } from '../../domain/order-lifecycle.js';
import { keyMay, type Role } from '../../domain/roles.js';
import { nextCutoffAfter } from '../../domain/settlement-schedule.js';
import { isMerchantError } from '../../errors.js';
import { keyRole } from '../auth/key-role.js';
import { storeDisputes, type StoreDisputes } from './store-disputes.js';

export const EXPIRING_WITHIN_DAYS = 7;
/** "Expiring today" is read as "within the next 24 hours", the same for every time zone. */
export const LINKS_EXPIRING_WITHIN_HOURS = 24;
/** At most this many expiring authorizations are listed (soonest first); the counts cover them all. */
export const EXPIRING_LISTED = 20;
const HOUR_MS = 3_600_000;

export type StoreBalance =
  | { available: true; pending: BalanceLine[]; next_payout: { date: string; estimate: { currency_code: string; amount: number }[] } }
  | { available: false; reason: string };

export interface StoreStatus {
  store_id: string;
  name: string;
  uncaptured: Omit<UncapturedLine, 'store_id'>[];
  links: { awaiting_payment: number; expiring_today: number };
  balance: StoreBalance;
  disputes: StoreDisputes;
}

export interface ExpiringEntry extends ExpiringAuthorization {
  /** What can be done before it expires, as commands to type. */
  commands: string[];
}

export interface HomeStatus {
  backend: string;
  as_of: string;
  /** `provider`: the provider's data; `local_ledger`: what this tool created or last read. */
  source: 'provider' | 'local_ledger';
  expiring_within_days: number;
  stores: StoreStatus[];
  expiring: ExpiringEntry[];
}

export async function homeStatus(backend: Backend, storeId: string | undefined): Promise<HomeStatus> {
  requireCapability(backend, 'orders.read', 'show the home summary');
  if (!backend.overview) throw new Error(`the ${backend.name} backend has no overview`);
  const now = backend.clock.now();
  const stores: Store[] = storeId ? [await backend.stores.get(storeId)] : await backend.stores.list();
  const summary = await backend.overview.summary({
    store_id: storeId,
    expiring_before: new Date(now.getTime() + EXPIRING_WITHIN_DAYS * 24 * HOUR_MS).toISOString(),
    links_expiring_before: new Date(now.getTime() + LINKS_EXPIRING_WITHIN_HOURS * HOUR_MS).toISOString(),
    expiring_limit: EXPIRING_LISTED,
  });
  const role = await keyRole(backend);
  const perStore: StoreStatus[] = [];
  for (const store of stores) {
    const links = summary.links.find((l) => l.store_id === store.id);
    perStore.push({
      store_id: store.id,
      name: store.name,
      uncaptured: summary.uncaptured.filter((u) => u.store_id === store.id).map(({ store_id: _s, ...rest }) => rest),
      links: { awaiting_payment: links?.awaiting_payment ?? 0, expiring_today: links?.expiring_today ?? 0 },
      balance: await storeBalance(backend, store, now),
      disputes: await storeDisputes(backend, store.id, now, role),
    });
  }
  return {
    backend: backend.name,
    as_of: now.toISOString(),
    source: summary.source,
    expiring_within_days: EXPIRING_WITHIN_DAYS,
    stores: perStore,
    expiring: summary.expiring.map((e) => ({ ...e, commands: nextSteps(e, now, role) })),
  };
}

/** Money captured but not paid out yet is paid at the store's next settlement cutoff. */
async function storeBalance(backend: Backend, store: Store, now: Date): Promise<StoreBalance> {
  if (!backend.capabilities.has('settlements.balance') || !backend.settlements) {
    return { available: false, reason: `not available on the ${backend.name} backend (missing capability settlements.balance)` };
  }
  let pending: BalanceLine[];
  try {
    pending = await backend.settlements.balance(store.id);
  } catch (error) {
    // A role that may not view settlements still gets the rest of the home page.
    if (isMerchantError(error) && error.kind === 'auth') return { available: false, reason: `not visible with this key: ${error.message}` };
    throw error;
  }
  return {
    available: true,
    pending,
    next_payout: {
      date: nextCutoffAfter(now, store.payout_schedule).toISOString(),
      estimate: pending.map((p) => ({ currency_code: p.currency_code, amount: p.pending_amount })),
    },
  };
}

/** What keeps an authorization from expiring, for a key whose role may change orders (`keyMay`). */
function nextSteps(e: ExpiringAuthorization, now: Date, role: Role | null): string[] {
  if (!keyMay(role, 'orders.manage')) return [];
  const ops = allowedOrderOperations(
    {
      order_id: e.order_id,
      status: e.status as OrderStatus,
      order_amount: e.remaining_authorized_amount,
      captured_amount: 0,
      refunded_amount: 0,
      remaining_authorized_amount: e.remaining_authorized_amount,
      expires_at: e.expires_at,
      created_at: e.created_at,
      purchase_country: e.purchase_country,
    },
    now,
  );
  const commands: string[] = [];
  if (ops.includes('extend')) commands.push(`merchant orders extend ${e.order_id}`);
  if (ops.includes('capture')) commands.push(`merchant orders capture ${e.order_id}`);
  return commands;
}
