/** The plan's read-ahead: which inputs are read as IDs in one batch, and what a failing batch leaves. */
import { describe, expect, it } from 'vitest';
import type { Order, OrdersApi } from '../../../../../src/backends/backend.js';
import { TransientError } from '../../../../../src/errors.js';
import { slices } from '../../../../../src/infra/slices.js';
import { readAhead, readAheadKey } from '../../../../../src/services/orders/bulk/plan-reads.js';

const UUID = '5D8C29BC-B21B-46F1-ABDA-D2B634448621';

function api(getMany: (ids: readonly string[]) => Promise<Order[]>): { api: OrdersApi; asked: (readonly string[])[] } {
  const asked: (readonly string[])[] = [];
  return {
    asked,
    api: {
      getMany: async (ids: readonly string[]) => {
        asked.push(ids);
        return getMany(ids);
      },
    } as unknown as OrdersApi,
  };
}

const order = (id: string): Order => ({ order_id: id }) as Order;

describe('plan read-ahead', () => {
  it('asks once for the inputs that may be order IDs (not blanks, not URLs), as resolveOrder first reads them', async () => {
    const fake = api(async (ids) => ids.filter((id) => id !== 'REF-1').map(order));
    const rows = [` ${UUID} `, 'REF-1', '', 'https://pay.example.com/l/abc', 'ord-2'].map((o, i) => ({ row: i + 1, order: o }));
    const known = await readAhead(fake.api, rows);
    expect(fake.asked).toEqual([[UUID.toLowerCase(), 'REF-1', 'ord-2']]);
    expect(known.get(readAheadKey(` ${UUID} `))?.order_id).toBe(UUID.toLowerCase());
    expect(known.get(readAheadKey('ord-2'))?.order_id).toBe('ord-2');
    // Not found as an ID: left to be resolved on its own (as a reference).
    expect(known.has(readAheadKey('REF-1'))).toBe(false);
  });

  it('a batch whose read fails reads nothing ahead: each row is then read and classified on its own', async () => {
    const fake = api(async () => {
      throw new TransientError('down');
    });
    expect((await readAhead(fake.api, [{ row: 1, order: 'ord-1' }])).size).toBe(0);
  });

  it('slices rows in order, the last slice shorter', async () => {
    const all = async (rows: number[]): Promise<(readonly number[])[]> => {
      const out: (readonly number[])[] = [];
      for await (const slice of slices(rows, 2)) out.push(slice);
      return out;
    };
    expect(await all([1, 2, 3, 4, 5])).toEqual([[1, 2], [3, 4], [5]]);
    expect(await all([])).toEqual([]);
  });

  it('takes a lazy source a slice at a time: a slice is read only once the previous one is handed on', async () => {
    let taken = 0;
    async function* rows(): AsyncGenerator<number> {
      for (let i = 1; i <= 5; i += 1) {
        taken = i;
        yield i;
      }
    }
    const sliced = slices(rows(), 2);
    expect((await sliced.next()).value).toEqual([1, 2]);
    expect(taken).toBe(2);
    expect((await sliced.next()).value).toEqual([3, 4]);
    expect(taken).toBe(4);
  });
});
