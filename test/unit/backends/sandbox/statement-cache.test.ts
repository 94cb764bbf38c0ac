import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from '../../../../src/backends/sandbox/statement-cache.js';

describe('cacheStatements', () => {
  it('hands out the same prepared statement for the same SQL', () => {
    const db = cacheStatements(new Database(':memory:'));
    db.exec('CREATE TABLE t (n INTEGER)');
    const a = db.prepare('INSERT INTO t (n) VALUES (?)');
    const b = db.prepare('INSERT INTO t (n) VALUES (?)');
    expect(b).toBe(a);
    b.run(1);
    expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 1 });
    db.close();
  });

  it('prepares a fresh statement while the cached one is still iterating', () => {
    const db = cacheStatements(new Database(':memory:'));
    db.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);');
    const sql = 'SELECT n FROM t ORDER BY n';
    const seen: number[][] = [];
    for (const outer of db.prepare<[], { n: number }>(sql).iterate()) {
      // The same SQL inside the loop must not get the busy statement back.
      seen.push([outer.n, db.prepare<[], { n: number }>(sql).all().length]);
    }
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    db.close();
  });
});
