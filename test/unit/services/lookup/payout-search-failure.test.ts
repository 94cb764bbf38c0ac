/**
 * A search that fails while reading payouts (a capture or refund not seen here, searched in the settlement
 * transactions) leaves the other orders found standing, with the gap named; a search that fails reading an
 * order fails the lookup. Which one it was is the backend's mark on the error (payoutSearchFailure), never
 * the name of the operation that failed: an operation renamed either way changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { payoutSearchFailure, type Backend, type Capability, type SearchQuery } from '../../../../src/backends/backend.js';
import { ApiError, AuthError, RateLimitedError, TransientError, type MerchantError } from '../../../../src/errors.js';
import { findMatches } from '../../../../src/services/lookup/find-matches.js';

const ORDER = { order_id: 'o-1', created_at: '2026-11-20T10:00:00Z', link_id: null };

/** A backend whose order search fails with `failure` whenever it is asked for a capture reference. */
function backendWhoseSearch(failure: () => Error): Backend & { queries: SearchQuery[] } {
  const queries: SearchQuery[] = [];
  const backend = {
    name: 'test',
    capabilities: new Set<Capability>(['orders.read']),
    clock: { now: () => new Date('2026-11-20T12:00:00Z') },
    stores: { list: async () => [{ id: 'se-demo', purchase_country: 'SE' }], get: async () => ({ id: 'se-demo', purchase_country: 'SE' }) },
    orders: {
      search: async (q: SearchQuery) => {
        queries.push(q);
        if (q.kinds.includes('capture_reference')) throw failure();
        return [{ order: ORDER, kind: 'merchant_reference' }];
      },
      get: async () => {
        throw new Error('not called');
      },
    },
    close: async () => undefined,
    queries,
  };
  return backend as unknown as Backend & { queries: SearchQuery[] };
}

// Each kind a read can fail with (the transport's retries spent, a throttle, a refusal), under operation
// names that do and do not look like a payout read.
const READ_FAILURES: [string, (operation: string) => MerchantError][] = [
  ['transient', (operation) => new TransientError('Kustom failed after 4 attempt(s)', { details: { operation } })],
  ['rate_limited', (operation) => new RateLimitedError('Kustom throttled', { details: { operation } })],
  ['api', (operation) => new ApiError('Kustom refused', { status: 500 }, { details: { operation } })],
];
const OPERATIONS = ['settlements.transactions', 'payouts.list', 'orders.get'];

describe('findMatches: a failed read of payouts during a search', () => {
  for (const [kind, make] of READ_FAILURES) {
    for (const operation of OPERATIONS) {
      it(`${kind} marked as a payout read (operation ${operation}): the orders found another way, the gap named`, async () => {
        const backend = backendWhoseSearch(() => payoutSearchFailure(make(operation)));
        const found = await findMatches(backend, 'SHIP-1');
        expect(found.matches.map((m) => m.order?.order_id)).toEqual(['o-1']);
        expect(found.incomplete).toEqual([{ part: 'capture_search', cause: 'read_failed', reason: expect.stringContaining('could not be read: Kustom') }]);
        // The search was made again without the kinds only payouts answer.
        expect(backend.queries.at(-1)?.kinds).not.toContain('capture_reference');
      });

      it(`${kind} not marked (a read of an order; operation ${operation}): the lookup fails with it`, async () => {
        const error = make(operation);
        await expect(findMatches(backendWhoseSearch(() => error), 'SHIP-1')).rejects.toBe(error);
      });
    }
  }

  it('a marked failure that is no read failure (a rejected key) still fails the lookup, as the same error', async () => {
    const error = payoutSearchFailure(new AuthError('The key was rejected.'));
    await expect(findMatches(backendWhoseSearch(() => error), 'SHIP-1')).rejects.toBe(error);
  });

  it('the mark keeps the error as it is: class, kind, message and details', () => {
    const error = new ApiError('Kustom refused', { status: 502, correlationId: 'c-1' }, { details: { operation: 'settlements.payouts' } });
    expect(payoutSearchFailure(error)).toBe(error);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'api', status: 502, details: { operation: 'settlements.payouts', correlationId: 'c-1' } });
  });
});
