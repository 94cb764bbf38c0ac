/**
 * The sandbox's clock: wall time plus an offset stored in the database, so that `sandbox clock advance`
 * is seen by every later command and process (links and authorizations expire by this clock).
 *
 * Reading the offset is a query, and a bulk run asks for the time tens of thousands of times, so the
 * value is cached per database for a second: an advance made by this process is seen at once (it clears
 * the cache), one made by another process within a second.
 */
import { performance } from 'node:perf_hooks';
import type { Clock } from '../../domain/clock.js';
import type { Db } from './database.js';

const CACHE_MS = 1000;
const cache = new WeakMap<Db, { offset: number; readAt: number }>();

function readOffset(db: Db): number {
  const hit = cache.get(db);
  const now = performance.now();
  if (hit && now - hit.readAt < CACHE_MS) return hit.offset;
  const row = db.prepare<[], { value: string }>(`SELECT value FROM sandbox_meta WHERE key = 'clock_offset_ms'`).get();
  const offset = Number(row?.value ?? '0');
  cache.set(db, { offset, readAt: now });
  return offset;
}

/** Forget the cached offset (after this process changed it). */
export function invalidateSandboxClock(db: Db): void {
  cache.delete(db);
}

export function createSandboxClock(db: Db, wall: Clock): Clock & { offsetMs(): number } {
  const offsetMs = (): number => readOffset(db);
  return {
    offsetMs,
    now: () => new Date(wall.now().getTime() + offsetMs()),
  };
}

export function advanceSandboxClock(db: Db, ms: number): void {
  // Relative update in SQL so two processes advancing at once both count.
  db.prepare(`UPDATE sandbox_meta SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT) WHERE key = 'clock_offset_ms'`).run(ms);
  invalidateSandboxClock(db);
}
