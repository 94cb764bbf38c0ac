import type { Backend } from '../../backends/backend.js';
import type { Payout } from '../../domain/model/payout.js';
import { requireCapability } from '../../backends/backend.js';
import { normalizeCurrency } from '../../domain/currency.js';
import { optionalRange } from '../../domain/settlement-range.js';

export interface ListPayoutsOptions {
  /** Only this store's payouts; undefined: every store (as `links list`). */
  storeId: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  currency?: string | undefined;
  /** At most this many (newest first); ignored with `all`. */
  limit: number;
  all?: boolean | undefined;
}

export async function listPayouts(backend: Backend, options: ListPayoutsOptions): Promise<Payout[]> {
  const storeId = options.storeId;
  requireCapability(backend, 'settlements.read', 'list payouts');
  const range = optionalRange(options.from, options.to);
  const currency = options.currency === undefined ? undefined : normalizeCurrency(options.currency, '--currency');
  const api = backend.settlements;
  if (!api) return [];
  const out: Payout[] = [];
  let cursor: string | undefined;
  do {
    const want = options.all ? 500 : Math.min(500, options.limit - out.length);
    const page = await api.listPayouts({ store_id: storeId, start_date: range.start, end_date: range.end, currency_code: currency, pageSize: want, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && (options.all || out.length < options.limit));
  return options.all ? out : out.slice(0, options.limit);
}
