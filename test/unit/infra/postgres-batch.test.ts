/**
 * The shared database's statement sharing (src/infra/postgres-batch.ts), without a server: the calls of one
 * turn become one statement, a statement that fails for a group fails only the item that cannot be
 * written, and deferred writes are written together, read back first, and never lost silently.
 */
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '../../../src/errors.js';
import { DeferredWrites, lookupByKey, rounds, turnBatch, type DeferredKind } from '../../../src/infra/postgres-batch.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('turnBatch', () => {
  it('answers the calls of one turn with one statement, each caller with its own answer; a later turn gets its own', async () => {
    const statements: number[][] = [];
    const double = turnBatch(
      async (items: number[]) => (statements.push(items), items.map((n) => n * 2)),
      async (n: number) => (statements.push([n]), n * 2),
    );
    expect(await Promise.all([double(1), double(2), double(3)])).toEqual([2, 4, 6]);
    expect(await double(4)).toBe(8);
    expect(statements).toEqual([[1, 2, 3], [4]]);
  });

  it('a statement failing for a group runs each item alone: only the one that cannot be written fails', async () => {
    const statements: number[][] = [];
    const refuseSeven = async (n: number): Promise<number> => {
      statements.push([n]);
      if (n === 7) throw new Error('seven is refused');
      return n;
    };
    const write = turnBatch(async (items: number[]) => {
      statements.push(items);
      if (items.includes(7)) throw new Error('the group is refused');
      return items;
    }, refuseSeven);
    const settled = await Promise.allSettled([write(1), write(7), write(3)]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: { message: 'seven is refused' } });
    expect(statements).toEqual([[1, 7, 3], [1], [7], [3]]);
  });

  it('a server lost or silent fails every caller of the group at once, without running each alone', async () => {
    const lost = new DatabaseUnavailableError('Lost the database server at 127.0.0.1:5432: no answer within the query timeout.');
    let alone = 0;
    const write = turnBatch(
      async (): Promise<number[]> => {
        throw lost;
      },
      async (n: number) => (alone++, n),
    );
    const settled = await Promise.allSettled([write(1), write(2)]);
    expect(settled).toEqual([
      { status: 'rejected', reason: lost },
      { status: 'rejected', reason: lost },
    ]);
    expect(alone).toBe(0);
  });

  it('a caller is not answered before its statement has returned (a claim is committed before its caller goes on)', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let answered = false;
    const write = turnBatch(async (items: number[]) => (await gate, items), async (n: number) => (await gate, n));
    const call = write(1).then(() => (answered = true));
    for (let i = 0; i < 5; i++) await turn();
    expect(answered).toBe(false);
    release();
    await call;
    expect(answered).toBe(true);
  });
});

describe('lookupByKey', () => {
  it('reads the keys of one turn in one query; a key without a row is undefined', async () => {
    const queries: string[][] = [];
    const rows = new Map([
      ['a', { id: 'a', v: 1 }],
      ['c', { id: 'c', v: 3 }],
    ]);
    const byId = lookupByKey(async (keys) => (queries.push(keys), keys.flatMap((k) => (rows.has(k) ? [rows.get(k) as { id: string; v: number }] : []))), (r) => r.id);
    expect(await Promise.all([byId('a'), byId('b'), byId('c')])).toEqual([{ id: 'a', v: 1 }, undefined, { id: 'c', v: 3 }]);
    expect(queries).toEqual([['a', 'b', 'c']]);
  });
});

describe('rounds', () => {
  it('puts each key at most once in a round, in the order asked', () => {
    const items = ['a1', 'b1', 'a2', 'c1', 'a3', 'b2'];
    expect(rounds(items, (s) => s[0] as string)).toEqual([['a1', 'b1', 'c1'], ['a2', 'b2'], ['a3']]);
  });
});

describe('DeferredWrites', () => {
  /** A table of the rows written, and the statements that wrote them. */
  const table = (fail?: (row: [string, string]) => boolean) => {
    const rows = new Map<string, string>();
    const statements: [string, string][][] = [];
    const kind: DeferredKind<[string, string]> = {
      key: ([k]) => k,
      write: async (items) => {
        statements.push(items);
        await turn();
        if (fail && items.some(fail)) throw new Error('the server refused the group');
        for (const [k, v] of items) rows.set(k, v);
      },
    };
    return { rows, statements, kind };
  };

  it('writes what is queued together after deferMs, a key written twice in order (each round one statement)', async () => {
    const { rows, statements, kind } = table();
    const writes = new DeferredWrites({ deferMs: 20, maxRows: 100 });
    writes.add(kind, ['a', '1']);
    writes.add(kind, ['b', '1']);
    writes.add(kind, ['a', '2']);
    expect(rows.size).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await writes.flush();
    expect(statements).toEqual([[['a', '1'], ['b', '1']], [['a', '2']]]);
    expect(Object.fromEntries(rows)).toEqual({ a: '2', b: '1' });
  });

  it('a read of a queued key (or of everything) writes first; a read of another key does not wait', async () => {
    const { rows, statements, kind } = table();
    const writes = new DeferredWrites({ deferMs: 60_000, maxRows: 100 });
    writes.add(kind, ['a', '1']);
    await writes.settle('z');
    expect(statements).toHaveLength(0);
    await writes.settle('a');
    expect(rows.get('a')).toBe('1');
    writes.add(kind, ['b', '1']);
    await writes.settle();
    expect(rows.get('b')).toBe('1');
  });

  it('a read of a key being written waits for that write to finish', async () => {
    const { rows, kind } = table();
    const writes = new DeferredWrites({ deferMs: 60_000, maxRows: 100 });
    writes.add(kind, ['a', '1']);
    const writing = writes.flush();
    await writes.settle('a');
    expect(rows.get('a')).toBe('1');
    await writing;
  });

  it('writes at once when maxRows are queued', async () => {
    const { statements, kind } = table();
    const writes = new DeferredWrites({ deferMs: 60_000, maxRows: 3 });
    for (const k of ['a', 'b', 'c']) writes.add(kind, [k, '1']);
    await writes.flush();
    expect(statements).toEqual([[['a', '1'], ['b', '1'], ['c', '1']]]);
  });

  it('a group that cannot be written is reported by the next read, once; the close (flush) itself never throws', async () => {
    const { kind } = table(([k]) => k === 'bad');
    const writes = new DeferredWrites({ deferMs: 60_000, maxRows: 100 });
    writes.add(kind, ['bad', '1']);
    await expect(writes.flush()).resolves.toBeUndefined();
    await expect(writes.settle('other')).rejects.toThrow('the server refused the group');
    await expect(writes.settle('other')).resolves.toBeUndefined();
  });
});
