/**
 * Memoises `db.prepare(sql)` per SQL text. The sandbox's operations prepare their statements inline (clear to
 * read), but preparing costs more than running a small statement: in a 10,000-order bulk capture it was
 * the largest single cost. A cached statement that is busy (an `.iterate()` still open) is never handed out
 * again; a fresh one is prepared for that call instead. The cache is bounded, so dynamically built SQL
 * (filters) cannot grow it without limit.
 */
import type Database from 'better-sqlite3';

const MAX_STATEMENTS = 256;

export function cacheStatements(db: Database.Database): Database.Database {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  const cached = (sql: string): Database.Statement => {
    const hit = cache.get(sql);
    if (hit && !hit.busy) return hit;
    const statement = prepare(sql);
    if (!hit) {
      if (cache.size >= MAX_STATEMENTS) cache.clear();
      cache.set(sql, statement);
    }
    return statement;
  };
  db.prepare = cached as typeof db.prepare;
  return db;
}
