/**
 * A lookup whose payout search cannot be read: with no other match, "not found" would be a guess, so it
 * is the read's failure; with a match, the gap is named (`incomplete`). A role that may not view payouts
 * is no failure: nothing is named and nothing found that way.
 */
import { describe, expect, it } from 'vitest';
import type { Backend, Capability } from '../../../../src/backends/backend.js';
import { AuthError, TransientError } from '../../../../src/errors.js';
import { lookup, settleLookup } from '../../../../src/services/lookup/lookup.js';

function backendWhoseTransactions(fail: () => Error): Backend {
  const capabilities = new Set<Capability>(['orders.read', 'settlements.read']);
  const backend = {
    name: 'test',
    capabilities,
    clock: { now: () => new Date('2026-11-20T12:00:00Z') },
    stores: { list: async () => [{ id: 'se-demo', purchase_country: 'SE' }], get: async () => ({ id: 'se-demo', purchase_country: 'SE' }) },
    orders: { search: async () => [], get: async () => { throw new Error('not called'); } },
    settlements: {
      // eslint-disable-next-line require-yield -- a read that fails before its first transaction
      async *transactions() {
        throw fail();
      },
    },
    close: async () => undefined,
  };
  return backend as unknown as Backend;
}

describe('lookup with a payout search that cannot be read', () => {
  it('no other match: the failure (exit 1), never "not found"', async () => {
    const backend = backendWhoseTransactions(() => new TransientError('Kustom failed settlements.transactions after 4 attempt(s)'));
    await expect(lookup(backend, 'NOBODY-9')).rejects.toMatchObject({
      kind: 'transient',
      message: expect.stringMatching(/Nothing found for "NOBODY-9" so far, but the search by a payout's payment reference could not be read: Kustom failed settlements/),
    });
  });

  it('a role that may not view payouts: nothing found, nothing named as missing (exit 3 in the command)', async () => {
    const result = await lookup(backendWhoseTransactions(() => new AuthError('The User role cannot view settlements.')), 'NOBODY-9');
    expect(result.matches).toEqual([]);
    expect(result.incomplete).toEqual([]);
    expect(() => settleLookup(result, [])).not.toThrow();
  });

  it('settleLookup: a part hidden by role is exit 0, a part that failed exit 5 naming it', () => {
    const result = { query: 'x', tried: [], matches: [], more: false, phone: undefined, incomplete: [] };
    const story = (cause: 'not_visible' | 'read_failed') => ({ incomplete: [{ part: 'settlements' as const, cause, reason: `${cause} because` }] }) as never;
    expect(() => settleLookup(result, [story('not_visible')])).not.toThrow();
    expect(() => settleLookup(result, [story('read_failed')])).toThrow(expect.objectContaining({ kind: 'partial_failure', message: expect.stringContaining('settlements (read_failed because)') }));
  });
});
