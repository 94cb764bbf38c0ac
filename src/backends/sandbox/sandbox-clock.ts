/**
 * The sandbox's clock: wall time plus an offset stored in the database, so that `sandbox clock advance`
 * is seen by every later command and process (links and authorizations expire by this clock).
 */
import type { Clock } from '../backend.js';
import type { Db } from './database.js';

export function createSandboxClock(db: Db, wall: Clock): Clock & { offsetMs(): number } {
  const read = db.prepare<[], { value: string }>(`SELECT value FROM sandbox_meta WHERE key = 'clock_offset_ms'`);
  const offsetMs = (): number => Number(read.get()?.value ?? '0');
  return {
    offsetMs,
    now: () => new Date(wall.now().getTime() + offsetMs()),
  };
}

export function advanceSandboxClock(db: Db, ms: number): void {
  // Relative update in SQL so two processes advancing at once both count.
  db.prepare(`UPDATE sandbox_meta SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT) WHERE key = 'clock_offset_ms'`).run(ms);
}
