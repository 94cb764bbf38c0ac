/**
 * The ledger's claim that reads the key's earlier use in the same step (`claimOrFind`), on both engines:
 * a new key is recorded when the call resolves; a key used before answers its row and writes nothing;
 * a key used for another order or operation is refused, writing nothing. On PostgreSQL the claims of one
 * turn are one statement, so it is also checked against a second pool claiming the same keys at the same
 * moment, a row the server refuses inside a group, a key asked for twice in one turn, and a lost server.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../../src/backends/kustom/ledger/ledger.js';
import { DatabaseUnavailableError } from '../../../../src/errors.js';
import { migratedLedgerDatabase } from '../../../helpers/ledger-database.js';
import { ledgerEngines } from '../../../helpers/ledger-engines.js';
import { describePg } from '../../../helpers/postgres.js';
import { startTcpProxy } from '../../../helpers/tcp-proxy.js';

const clock = { now: () => new Date('2026-03-01T12:00:00.000Z') };

const engines = ledgerEngines(clock);

describe.each(engines)('the ledger claim that reads the earlier use (%s)', (_engine, setup) => {
  let open: () => Promise<Ledger>;
  beforeAll(async () => {
    open = await setup();
  });

  it('a new key is recorded; the same key again answers its first use and writes nothing', async () => {
    const ledger = await open();
    try {
      expect(await ledger.operations.claimOrFind('n1', 'O1', 'orders.capture', 't1')).toBeUndefined();
      expect(await ledger.operations.find('n1', 'O1', 'orders.capture')).toMatchObject({ order_id: 'O1', result_id: null, created_at: 't1' });
      expect(await ledger.operations.claimOrFind('n1', 'O1', 'orders.capture', 't2')).toMatchObject({ result_id: null, created_at: 't1' });
    } finally {
      await ledger.close();
    }
  });

  it('a key with a result answers it, also while the result is still a deferred write', async () => {
    const ledger = await open();
    try {
      await ledger.operations.claim('r1', 'O1', 'orders.capture', 't1');
      await ledger.operations.setResult('r1', 'cap-1');
      expect(await ledger.operations.claimOrFind('r1', 'O1', 'orders.capture', 't2')).toMatchObject({ result_id: 'cap-1', created_at: 't1' });
    } finally {
      await ledger.close();
    }
  });

  it('a key used for another order or operation is refused and nothing is written; other claims of the turn go through', async () => {
    const ledger = await open();
    try {
      await ledger.operations.claim('x1', 'O1', 'orders.capture', 't1');
      const settled = await Promise.allSettled([
        ledger.operations.claimOrFind('x2', 'O2', 'orders.capture', 't'),
        ledger.operations.claimOrFind('x1', 'O9', 'orders.capture', 't'),
        ledger.operations.claimOrFind('x1', 'O1', 'orders.refund', 't'),
        ledger.operations.claimOrFind('x3', 'O3', 'orders.capture', 't'),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect(settled[1]).toMatchObject({ reason: { kind: 'state_conflict' } });
      expect(settled[2]).toMatchObject({ reason: { kind: 'state_conflict' } });
      expect(await ledger.operations.find('x1', 'O1', 'orders.capture')).toMatchObject({ order_id: 'O1', operation: 'orders.capture', created_at: 't1' });
      expect(await ledger.operations.find('x2', 'O2', 'orders.capture')).toBeDefined();
      expect(await ledger.operations.find('x3', 'O3', 'orders.capture')).toBeDefined();
    } finally {
      await ledger.close();
    }
  });

  it('a key asked for twice in one turn is recorded once: the second asker gets the first claim as the earlier use', async () => {
    const ledger = await open();
    try {
      const [first, second] = await Promise.all([
        ledger.operations.claimOrFind('d1', 'O1', 'orders.capture', 't1'),
        ledger.operations.claimOrFind('d1', 'O1', 'orders.capture', 't2'),
      ]);
      expect(first).toBeUndefined();
      expect(second).toMatchObject({ order_id: 'O1', created_at: 't1' });
    } finally {
      await ledger.close();
    }
  });
});

describePg('the ledger claim that reads the earlier use, on a shared database', () => {
  let url: string;
  let other: pg.Pool;
  beforeAll(async () => {
    url = await migratedLedgerDatabase();
    other = new pg.Pool({ connectionString: url, max: 2 });
  });
  afterAll(async () => {
    await other.end();
  });
  const openAt = (at: string): Promise<Ledger> => openLedger({ file: '/nonexistent/kustom.db', databaseUrl: at, clock, env: {} });
  const stored = async (key: string) => (await other.query<{ order_id: string }>(`SELECT * FROM om_operations WHERE idempotency_key = $1`, [key])).rows;

  it('a new key is on the server when its claim resolves, and the claims of a turn share one statement', async () => {
    const ledger = await openAt(url);
    try {
      const seen: Record<string, number> = {};
      await Promise.all(
        ['s1', 's2', 's3'].map((key, i) => ledger.operations.claimOrFind(key, `O${i}`, 'orders.capture', 't').then(async () => (seen[key] = (await stored(key)).length))),
      );
      expect(seen).toEqual({ s1: 1, s2: 1, s3: 1 });
      const xmins = (await other.query<{ x: string }>(`SELECT xmin::text AS x FROM om_operations WHERE idempotency_key = ANY($1)`, [['s1', 's2', 's3']])).rows;
      expect(new Set(xmins.map((r) => r.x)).size).toBe(1);
    } finally {
      await ledger.close();
    }
  });

  it('two pools claiming the same keys at once: each key is recorded once, and exactly one claimer gets it', async () => {
    // Another settings string, so another pool (as another process would have).
    const a = await openAt(url);
    const b = await openAt(`${url}?sslmode=disable`);
    try {
      const keys = Array.from({ length: 40 }, (_, i) => `race-${i}`);
      const results = await Promise.all(
        keys.map(async (key) => {
          const answers = await Promise.all([a, b].map((ledger) => ledger.operations.claimOrFind(key, 'O-race', 'orders.capture', 't')));
          return answers.filter((answer) => answer === undefined).length;
        }),
      );
      expect(results).toEqual(keys.map(() => 1));
      const counts = (await other.query<{ n: string }>(`SELECT count(*) AS n FROM om_operations WHERE idempotency_key LIKE 'race-%'`)).rows[0];
      expect(Number(counts?.n)).toBe(keys.length);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a row the server refuses fails alone: the other claims of its turn are recorded', async () => {
    const ledger = await openAt(url);
    try {
      const settled = await Promise.allSettled([
        ledger.operations.claimOrFind('f1', 'O1', 'orders.capture', 't'),
        ledger.operations.claimOrFind('f2', null as unknown as string, 'orders.capture', 't'),
        ledger.operations.claimOrFind('f3', 'O3', 'orders.capture', 't'),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await stored('f1')).toHaveLength(1);
      expect(await stored('f2')).toHaveLength(0);
      expect(await stored('f3')).toHaveLength(1);
    } finally {
      await ledger.close();
    }
  });

  it('a lost server fails every claim of the turn at once, naming host and port; none is reported claimed', async () => {
    const target = new URL(url);
    const proxy = await startTcpProxy(Number(target.port));
    const through = url.replace(`:${target.port}/`, `:${proxy.port}/`);
    const ledger = await openLedger({ file: '/nonexistent/kustom.db', databaseUrl: through, clock, env: {} });
    try {
      proxy.cut();
      const settled = await Promise.allSettled(['l1', 'l2', 'l3'].map((key) => ledger.operations.claimOrFind(key, 'O1', 'orders.capture', 't')));
      for (const s of settled) {
        expect(s.status).toBe('rejected');
        const reason = (s as PromiseRejectedResult).reason as Error;
        expect(reason).toBeInstanceOf(DatabaseUnavailableError);
        expect(reason.message).toContain(`127.0.0.1:${proxy.port}`);
      }
    } finally {
      await ledger.close();
      await proxy.close();
    }
  });
});
