/**
 * The bulk-capture journal: its own SQLite file (`journal.db` in the data folder), so a crash of the
 * run — or of the provider — never loses what was sent. Each row is written `sending` BEFORE its request
 * and `captured`/`failed`/`unknown` AFTER, in separate commits; a row found `sending` on the next run is
 * one whose outcome is unknown, and is checked against the provider before anything is sent again.
 * Runs are keyed by the run ID (derived from the input or plan), so re-running the same input resumes.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { BulkPlan, PlanRow } from './bulk-plan.js';

export type RowState = 'pending' | 'sending' | 'captured' | 'failed' | 'unknown' | 'skipped';

export interface JournalRow {
  run_id: string;
  row_no: number;
  order_id: string | null;
  state: RowState;
  attempts: number;
  capture_id: string | null;
  reason: string | null;
  /** 1 when a later run may try again (transient failures, unknown outcomes). */
  retryable: number;
  first_sent_at: string | null;
  updated_at: string;
}

export interface Journal {
  /** Stores the plan and its rows if this run is new; returns the plan the journal holds for the run. */
  begin(plan: BulkPlan, now: Date): BulkPlan;
  rows(runId: string): JournalRow[];
  row(runId: string, row: number): JournalRow | undefined;
  /** Replaces one row of a stored plan (a row that could not be read is planned again on resume). */
  replanRow(runId: string, row: PlanRow, at: Date): BulkPlan;
  /** Marks a row as being sent (before the request). Returns false if another process already captured it. */
  markSending(runId: string, row: number, at: Date): boolean;
  finish(runId: string, row: number, state: RowState, fields: { capture_id?: string | null; reason?: string | null; retryable?: boolean }, at: Date): void;
  close(): void;
}

export function openJournal(file: string): Journal {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma('busy_timeout = 15000');
  db.pragma('journal_mode = WAL');
  // NORMAL under WAL: every commit survives the process being killed (SIGKILL, OOM, Ctrl-C) — the case
  // this journal is for — without an fsync per row (FULL cost ~10 ms a row). After a power loss the last
  // commits may be lost; the row is then simply sent again with the same idempotency key, which the
  // provider answers with the first result instead of capturing twice.
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS runs (
      run_id     TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      plan       TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS run_rows (
      run_id        TEXT NOT NULL REFERENCES runs(run_id),
      row_no        INTEGER NOT NULL,
      order_id      TEXT,
      state         TEXT NOT NULL,
      attempts      INTEGER NOT NULL DEFAULT 0,
      capture_id    TEXT,
      reason        TEXT,
      retryable     INTEGER NOT NULL DEFAULT 0,
      first_sent_at TEXT,
      updated_at    TEXT NOT NULL,
      PRIMARY KEY (run_id, row_no)
    );
  `);
  const getRow = db.prepare<[string, number], JournalRow>(`SELECT * FROM run_rows WHERE run_id = ? AND row_no = ?`);
  const getRun = db.prepare<[string], { plan: string }>(`SELECT plan FROM runs WHERE run_id = ?`);
  return {
    begin(plan, now) {
      return db
        .transaction(() => {
          const existing = getRun.get(plan.run_id);
          if (existing) return JSON.parse(existing.plan) as BulkPlan;
          db.prepare(`INSERT INTO runs (run_id, created_at, plan) VALUES (?, ?, ?)`).run(plan.run_id, now.toISOString(), JSON.stringify(plan));
          const insert = db.prepare(`INSERT INTO run_rows (run_id, row_no, order_id, state, updated_at) VALUES (?, ?, ?, ?, ?)`);
          for (const r of plan.rows) {
            const capturable = r.classification === 'capture_full' || r.classification === 'capture_part';
            insert.run(plan.run_id, r.row, r.order_id, capturable ? 'pending' : 'skipped', now.toISOString());
          }
          return plan;
        })
        .immediate();
    },
    rows(runId) {
      return db.prepare<[string], JournalRow>(`SELECT * FROM run_rows WHERE run_id = ? ORDER BY row_no`).all(runId);
    },
    row(runId, row) {
      return getRow.get(runId, row);
    },
    replanRow(runId, row, at) {
      return db
        .transaction(() => {
          const stored = JSON.parse(getRun.get(runId)?.plan ?? 'null') as BulkPlan;
          stored.rows = stored.rows.map((r) => (r.row === row.row ? row : r));
          db.prepare(`UPDATE runs SET plan = ? WHERE run_id = ?`).run(JSON.stringify(stored), runId);
          const capturable = row.classification === 'capture_full' || row.classification === 'capture_part';
          db.prepare(`UPDATE run_rows SET order_id = ?, state = ?, updated_at = ? WHERE run_id = ? AND row_no = ? AND state <> 'captured'`).run(
            row.order_id,
            capturable ? 'pending' : 'skipped',
            at.toISOString(),
            runId,
            row.row,
          );
          return stored;
        })
        .immediate();
    },
    markSending(runId, row, at) {
      const result = db
        .prepare(
          `UPDATE run_rows SET state = 'sending', attempts = attempts + 1, first_sent_at = COALESCE(first_sent_at, ?), updated_at = ?
           WHERE run_id = ? AND row_no = ? AND state <> 'captured'`,
        )
        .run(at.toISOString(), at.toISOString(), runId, row);
      return result.changes === 1;
    },
    finish(runId, row, state, fields, at) {
      // Never downgrade a row another process has already recorded as captured.
      db.prepare(
        `UPDATE run_rows SET state = ?, capture_id = COALESCE(?, capture_id), reason = ?, retryable = ?, updated_at = ?
         WHERE run_id = ? AND row_no = ? AND (state <> 'captured' OR ? = 'captured')`,
      ).run(state, fields.capture_id ?? null, fields.reason ?? null, fields.retryable ? 1 : 0, at.toISOString(), runId, row, state);
    },
    close() {
      db.close();
    },
  };
}
