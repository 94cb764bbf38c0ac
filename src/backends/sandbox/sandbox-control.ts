/** `merchant sandbox status|reset|clock|faults|orders seed`: inspecting, resetting and priming the local provider. */
import { statSync } from 'node:fs';
import type { Clock } from '../../domain/clock.js';
import type { SandboxControlApi } from '../types/sandbox.js';
import { schemaVersion, type Db } from './database.js';
import { advanceSandboxClock, createSandboxClock, invalidateSandboxClock } from './sandbox-clock.js';
import { seedDemoStores } from './seed.js';
import { readStoredFaults, storeFaults } from './faults.js';
import { seedAuthorizedOrders } from './seed-orders.js';

/** Tables that hold sandbox state (everything but SQLite's own and the migration bookkeeping). */
function dataTables(db: Db): string[] {
  return db
    .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all()
    .map((r) => r.name);
}

export function createSandboxControl(db: Db, file: string, wall: Clock): SandboxControlApi {
  const clock = createSandboxClock(db, wall);
  return {
    async status() {
      const counts: Record<string, number> = {};
      for (const table of dataTables(db)) {
        if (table === 'sandbox_meta' || table === 'schema_migrations') continue;
        counts[table] = (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
      }
      let size = 0;
      for (const suffix of ['', '-wal']) {
        try {
          size += statSync(file + suffix).size;
        } catch {
          // The WAL file may not exist yet.
        }
      }
      return {
        database: file,
        schema_version: schemaVersion(db),
        size_bytes: size,
        journal_mode: String(db.pragma('journal_mode', { simple: true })),
        real_time: wall.now().toISOString(),
        sandbox_time: clock.now().toISOString(),
        clock_offset_ms: clock.offsetMs(),
        counts,
      };
    },
    async reset() {
      db.transaction(() => {
        // Rows may reference each other; check foreign keys at commit, not per DELETE.
        db.pragma('defer_foreign_keys = ON');
        for (const table of dataTables(db)) {
          if (table !== 'sandbox_meta' && table !== 'schema_migrations') db.prepare(`DELETE FROM "${table}"`).run();
        }
        db.prepare(`UPDATE sandbox_meta SET value = '0' WHERE key = 'clock_offset_ms'`).run();
        invalidateSandboxClock(db);
        seedDemoStores(db, wall.now());
      }).immediate();
    },
    async advanceClock(ms) {
      advanceSandboxClock(db, ms);
      return clock.now();
    },
    async storedFaults() {
      return readStoredFaults(db);
    },
    async storeFaults(spec) {
      storeFaults(db, spec);
    },
    async seedOrders(input) {
      return seedAuthorizedOrders(db, input, clock.now());
    },
  };
}
