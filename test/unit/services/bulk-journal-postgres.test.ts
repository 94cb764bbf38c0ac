/**
 * The bulk-capture journal in the shared PostgreSQL database (a real server, see test/helpers/postgres.ts):
 * the claims and outcomes the rows in flight ask for in one turn share one statement, and sharing it weakens
 * nothing: each claim is on the server (seen by another connection) when it resolves, a key another run has
 * captured is refused inside the group, and two outcomes of one key in a turn are written in order.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaptureRequest } from '../../../src/backends/backend.js';
import { pgMigrate } from '../../../src/infra/postgres-migrate.js';
import { openSharedDatabase } from '../../../src/infra/postgres.js';
import { openPostgresJournal } from '../../../src/services/orders/bulk/journal-postgres.js';
import { JOURNAL_LABEL, JOURNAL_MIGRATIONS, type Journal } from '../../../src/services/orders/bulk/journal.js';
import { createTestDatabase, describePg } from '../../helpers/postgres.js';

const at = new Date('2026-03-01T12:00:00.000Z');
const request = (amount: number): CaptureRequest => ({ captured_amount: amount });

describePg('the bulk-capture journal on PostgreSQL: statements shared by the rows of a turn', () => {
  let url: string;
  let other: pg.Pool;
  let journal: Journal;
  beforeAll(async () => {
    url = await createTestDatabase('journal');
    const db = await openSharedDatabase(url);
    try {
      await pgMigrate(db.pool, [{ name: 'journal', label: JOURNAL_LABEL, migrations: JOURNAL_MIGRATIONS }]);
    } finally {
      await db.close();
    }
    other = new pg.Pool({ connectionString: url, max: 4 });
    journal = await openPostgresJournal(url, { leaseMs: 60_000 });
  });
  afterAll(async () => {
    await journal.close();
    await other.end();
  });

  /** What another machine sees now: the row's state, and the transaction that wrote it. */
  const seen = async (key: string): Promise<{ state: string; capture_id: string | null; xmin: string } | undefined> =>
    (await other.query<{ state: string; capture_id: string | null; xmin: string }>(`SELECT state, capture_id, xmin::text FROM capture_ops WHERE op_key = $1`, [key])).rows[0];

  it('claims asked for in one turn are one INSERT, each on the server when it resolves; a captured key in the group is refused alone', async () => {
    await journal.claim('done', 'O0', request(100), at);
    await journal.finish('done', 'captured', { capture_id: 'cap-0' }, at);
    const visibleOnResolve: Record<string, string | undefined> = {};
    const claims = ['k1', 'done', 'k2', 'k3'].map((key, i) =>
      journal.claim(key, `O${i}`, request(100 + i), at).then(async (claim) => {
        visibleOnResolve[key] = (await seen(key))?.state;
        return claim;
      }),
    );
    const [k1, done, k2, k3] = await Promise.all(claims);
    expect([k1?.claimed, done?.claimed, k2?.claimed, k3?.claimed]).toEqual([true, false, true, true]);
    expect(done?.op).toMatchObject({ state: 'captured', capture_id: 'cap-0' });
    expect(k2?.op).toMatchObject({ op_key: 'k2', state: 'sending', attempts: 1, request: request(102) });
    expect(visibleOnResolve).toEqual({ k1: 'sending', done: 'captured', k2: 'sending', k3: 'sending' });
    const written = await Promise.all(['k1', 'k2', 'k3'].map(async (k) => (await seen(k))?.xmin));
    expect(new Set(written).size).toBe(1);
  });

  it('outcomes of one turn are one UPDATE; a key finished twice in the turn is written in order, and a capture is never downgraded', async () => {
    await Promise.all(['f1', 'f2'].map((k) => journal.claim(k, `O-${k}`, request(200), at)));
    await Promise.all([
      journal.finish('f1', 'captured', { capture_id: 'cap-f1' }, at),
      journal.finish('f2', 'failed', { reason: 'refused' }, at),
      journal.finish('f1', 'unknown', { reason: 'late' }, at),
    ]);
    expect(await seen('f1')).toMatchObject({ state: 'captured', capture_id: 'cap-f1' });
    expect(await seen('f2')).toMatchObject({ state: 'failed' });
    // Reads of one turn share a query too, each with its own row.
    const [f1, f2, none] = await Promise.all([journal.get('f1'), journal.get('f2'), journal.get('nothing')]);
    expect([f1?.state, f2?.state, none]).toEqual(['captured', 'failed', undefined]);
  });

  it('a key claimed again in one turn with a new key beside it: the failed one is resent, the new one inserted', async () => {
    await journal.claim('r1', 'O-r1', request(300), at);
    await journal.finish('r1', 'failed', { reason: 'declined' }, at);
    const [again, fresh] = await Promise.all([journal.claim('r1', 'O-r1', request(301), at), journal.claim('r2', 'O-r2', request(302), at)]);
    expect(again).toMatchObject({ claimed: true, takenOver: false, op: { state: 'sending', attempts: 2, request: request(301) } });
    expect(fresh).toMatchObject({ claimed: true, op: { state: 'sending', attempts: 1 } });
  });
});
