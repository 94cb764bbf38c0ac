/** An in-memory sandbox database with every migration applied, its query plans, and a seeded generator for randomized write tests. */
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/backends/sandbox/migrations/index.js';

export function migratedSandbox(): Database.Database {
  const db = new Database(':memory:');
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) m.up(db);
  return db;
}

/** The query plan's steps, one a line (`SEARCH … USING INDEX …`, `SCAN …`, `USE TEMP B-TREE …`). */
export const queryPlan = (db: Database.Database, sql: string, args: unknown[] | Record<string, unknown>): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(args) as { detail: string }[]).map((r) => r.detail).join('\n');

/** A small deterministic generator, so a failure names a reproducible case. */
export function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

export const isoAt = (ms: number): string => new Date(ms).toISOString();
