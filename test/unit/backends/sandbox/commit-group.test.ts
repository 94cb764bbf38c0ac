/**
 * The sandbox's group commit: captures in flight together share one transaction, each atomic on its own,
 * and no caller hears of a write that was not committed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCommitGroup } from '../../../../src/backends/sandbox/commit-group.js';
import { sandboxHarness } from '../../../contract/sandbox-harness.js';

describe('sandbox group commit', () => {
  it('commits captures asked for together, refuses one alone, and answers a repeated key with the first capture', async () => {
    const h = await sandboxHarness.create();
    try {
      const orders = h.backend.orders!;
      const ids = await Promise.all(Array.from({ length: 4 }, () => h.seedAuthorizedOrder!({ storeId: 'se-demo', amount: 5000, currency: 'SEK' })));
      const [a, b, c, d] = ids as [string, string, string, string];
      const settled = await Promise.allSettled([
        orders.capture(a, { captured_amount: 5000 }, { idempotencyKey: 'g-a' }),
        // More than is authorized: refused, and rolled back without touching the others.
        orders.capture(b, { captured_amount: 9000 }, { idempotencyKey: 'g-b' }),
        orders.capture(c, { captured_amount: 2000 }, { idempotencyKey: 'g-c' }),
        // The same key again in the same group: the first capture, not a second one.
        orders.capture(c, { captured_amount: 2000 }, { idempotencyKey: 'g-c' }),
        orders.capture(d, { captured_amount: 1000 }, { idempotencyKey: 'g-d' }),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
      const [first, , second, repeat] = settled.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
      expect(repeat?.capture_id).toBe(second?.capture_id);
      expect(first?.captured_amount).toBe(5000);
      expect((await orders.get(a)).captures).toHaveLength(1);
      expect((await orders.get(b)).captures).toHaveLength(0);
      expect((await orders.get(b)).status).toBe('AUTHORIZED');
      expect((await orders.get(c)).captures).toHaveLength(1);
      expect((await orders.get(c)).captured_amount).toBe(2000);
      expect((await orders.get(d)).captures).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it('rolls back a write that fails after writing part of its rows, alone; the others are committed once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'merchant-group-')), 'g.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
    try {
      const group = createCommitGroup(db);
      const insert = (...keys: string[]) => () => keys.map((k) => db.prepare('INSERT INTO t (k) VALUES (?)').run(k).changes).length;
      const settled = await Promise.allSettled([
        group.run(insert('a')),
        // Its first row goes in, its second collides with its first: the write fails half done.
        group.run(insert('b1', 'b1')),
        group.run(insert('c', 'd')),
        // A refusal before anything is written, after the others.
        group.run(() => {
          throw new Error('refused');
        }),
        group.run(insert('e')),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
      expect(db.prepare('SELECT k FROM t ORDER BY k').pluck().all()).toEqual(['a', 'c', 'd', 'e']);
      // The next group, with no failure, commits as usual.
      await Promise.all([group.run(insert('f')), group.run(insert('g'))]);
      expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(6);
    } finally {
      db.close();
    }
  });

  it('refuses every write of a group it could not commit, and leaves none of them behind', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'merchant-group-')), 'g.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
    db.pragma('busy_timeout = 20');
    const other = new Database(file);
    try {
      const group = createCommitGroup(db);
      const insert = (k: string) => () => db.prepare('INSERT INTO t (k) VALUES (?)').run(k).changes;
      // Another process holds the write lock past the busy timeout: the group cannot begin.
      other.exec('BEGIN IMMEDIATE');
      const blocked = await Promise.allSettled([group.run(insert('x')), group.run(insert('y'))]);
      expect(blocked.map((s) => s.status)).toEqual(['rejected', 'rejected']);
      other.exec('COMMIT');
      expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
      // Nothing was written, so sending again writes each once.
      expect(await Promise.all([group.run(insert('x')), group.run(insert('y'))])).toEqual([1, 1]);
      expect(other.prepare('SELECT k FROM t ORDER BY k').all()).toEqual([{ k: 'x' }, { k: 'y' }]);
    } finally {
      other.close();
      db.close();
    }
  });
});
