/**
 * A bulk run's rows kept beside it, not in memory: the plan's rows (with the order each was planned
 * from) and every row's result, in a SQLite file of its own under the data folder's `runs` folder (SQLite's
 * own temporary databases are kept in memory by this build, hence a file). It is removed when the run
 * closes it or the process exits; a killed run's file is removed by the next run. Rows are written in batches and read back in pages, so a run of 100,000
 * rows holds a page at a time whatever its size. Nothing here has to survive a crash: the journal
 * (journal.ts) is what makes each capture happen once.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { removeAbandoned } from '../../../infra/stream-spool.js';
import type { Order } from '../../../backends/backend.js';
import type { RowOutcome, RowResult } from './bulk-apply.js';
import type { Classification, PlanRow } from './bulk-plan.js';

const PAGE = 512;
const BATCH = 256;

interface PlanRecord {
  seq: number;
  row: number;
  body: string;
  snapshot: string | null;
}

export class RunSpool {
  private readonly db: Database.Database;
  private readonly folder: string;
  private readonly onExit = (): void => this.removeFolder();
  private readonly pending: unknown[][] = [];
  private readonly pendingResults: unknown[][] = [];
  private closed = false;
  private sealed = false;

  /** `runsDir`: where spools live (the data folder's `runs`); each is named by the process that owns it. */
  constructor(runsDir: string) {
    mkdirSync(runsDir, { recursive: true, mode: 0o700 });
    removeAbandoned(runsDir);
    this.folder = mkdtempSync(join(runsDir, `${process.pid}-`));
    process.once('exit', this.onExit);
    this.db = new Database(join(this.folder, 'rows.db'));
    // Pages beyond a few MB spill to the temporary file instead of growing the process.
    this.db.pragma('cache_size = -4096');
    // Nothing here needs rolling back after a crash. The rollback journal is kept in memory: better-sqlite3's
    // defensive mode refuses `journal_mode = OFF` (it stays DELETE), which would create, write and delete a
    // journal file for every batch.
    this.db.pragma('journal_mode = MEMORY');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('temp_store = FILE');
    this.db.exec(`
      CREATE TABLE plan (seq INTEGER PRIMARY KEY, row INTEGER NOT NULL, class TEXT NOT NULL, op_key TEXT,
        currency TEXT, amount INTEGER NOT NULL, body TEXT NOT NULL, snapshot TEXT);
      -- Every column but the bodies: the scans over the whole plan (counts, totals, repeated keys, the rows
      -- of a class) read this index, not the bodies' pages, which do not stay in the page cache.
      CREATE INDEX plan_order ON plan (row, seq, class, op_key, currency, amount);
      CREATE TABLE results (row INTEGER PRIMARY KEY, status TEXT NOT NULL, attempts INTEGER NOT NULL, body TEXT NOT NULL);
    `);
  }

  /** Adds a plan row (and the order it was planned from, handed to the capture when the row is sent). */
  addPlanRow(row: PlanRow, snapshot?: Order): void {
    this.pending.push([row.row, row.classification, row.idempotency_key, row.currency, row.amount, JSON.stringify(row), snapshot ? JSON.stringify(snapshot) : null]);
    if (this.pending.length >= BATCH) this.flush();
  }

  /** Records a row's result; a second result for the same row replaces the first. */
  addResult(result: RowResult): void {
    // A request that answers after the run stopped waiting for it does not change what the run reported.
    if (this.sealed) return;
    this.pendingResults.push([result.row, result.status, result.attempts, JSON.stringify(result)]);
    if (this.pendingResults.length >= BATCH) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0 && this.pendingResults.length === 0) return;
    const plan = this.db.prepare('INSERT INTO plan (row, class, op_key, currency, amount, body, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const result = this.db.prepare('INSERT OR REPLACE INTO results (row, status, attempts, body) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const values of this.pending) plan.run(values);
      for (const values of this.pendingResults) result.run(values);
    })();
    this.pending.length = 0;
    this.pendingResults.length = 0;
  }

  private all<T>(sql: string, ...params: unknown[]): T[] {
    this.flush();
    return this.db.prepare(sql).all(...params) as T[];
  }

  planCount(): number {
    return this.all<{ n: number }>('SELECT count(*) AS n FROM plan')[0]?.n ?? 0;
  }

  /** Rows per classification, and the amount per currency of the given classifications (first seen first). */
  planTotals(capturable: readonly Classification[]): { counts: Map<string, number>; totals: [string, number][] } {
    const counts = new Map(this.all<{ class: string; n: number }>('SELECT class, count(*) AS n FROM plan INDEXED BY plan_order GROUP BY class').map((r) => [r.class, r.n]));
    const totals = this.all<{ currency: string; total: number }>(
      `SELECT currency, sum(amount) AS total, min(row) AS first FROM plan INDEXED BY plan_order WHERE currency IS NOT NULL AND class IN (SELECT value FROM json_each(?))
       GROUP BY currency ORDER BY first`,
      JSON.stringify(capturable),
    ).map((r): [string, number] => [r.currency, r.total]);
    return { counts, totals };
  }

  /** Plan rows in row order (of the given classifications, or all), a page at a time. */
  *planRows(classes?: readonly Classification[], limit = Number.POSITIVE_INFINITY, unrecorded = false): Generator<{ row: PlanRow; snapshot: Order | undefined }> {
    const filter = `${classes ? 'AND class IN (SELECT value FROM json_each(?))' : ''} ${unrecorded ? 'AND NOT EXISTS (SELECT 1 FROM results r WHERE r.row = plan.row)' : ''}`;
    let after = { row: Number.MIN_SAFE_INTEGER, seq: 0 };
    let left = limit;
    while (left > 0) {
      const params: unknown[] = [after.row, after.seq, ...(classes ? [JSON.stringify(classes)] : []), Math.min(PAGE, left)];
      const page = this.all<PlanRecord>(`SELECT seq, row, body, snapshot FROM plan WHERE (row, seq) > (?, ?) ${filter} ORDER BY row, seq LIMIT ?`, ...params);
      for (const r of page) yield { row: JSON.parse(r.body) as PlanRow, snapshot: r.snapshot === null ? undefined : (JSON.parse(r.snapshot) as Order) };
      if (page.length < PAGE) return;
      left -= page.length;
      const last = page[page.length - 1] as PlanRecord;
      after = { row: last.row, seq: last.seq };
    }
  }

  /** Rows that name the same capture as an earlier row: [row, first row with that key]. */
  repeatedKeys(): { row: PlanRow; first: number }[] {
    const repeats = this.all<{ body: string; first: number; seq: number; row: number }>(
      `SELECT p.body, p.row, p.seq, f.first FROM plan p JOIN (SELECT op_key, min(row) AS first FROM plan INDEXED BY plan_order WHERE op_key IS NOT NULL GROUP BY op_key HAVING count(*) > 1) f
       ON p.op_key = f.op_key ORDER BY p.row, p.seq`,
    );
    const seen = new Set<string>();
    const out: { row: PlanRow; first: number }[] = [];
    for (const r of repeats) {
      const row = JSON.parse(r.body) as PlanRow;
      const key = row.idempotency_key as string;
      if (seen.has(key)) out.push({ row, first: r.first });
      else seen.add(key);
    }
    return out;
  }

  /** Capturable plan rows that have no result yet (still in flight, or never reached when the run stopped). */
  *unrecorded(classes: readonly Classification[]): Generator<PlanRow> {
    for (const { row } of this.planRows(classes, Number.POSITIVE_INFINITY, true)) yield row;
  }

  resultCounts(): { counts: Map<RowOutcome, number>; attempted: boolean } {
    const rows = this.all<{ status: RowOutcome; n: number; attempts: number }>('SELECT status, count(*) AS n, max(attempts) AS attempts FROM results GROUP BY status');
    return { counts: new Map(rows.map((r) => [r.status, r.n])), attempted: rows.some((r) => r.attempts > 0) };
  }

  /** Results in row order (of the given statuses, or all), a page at a time. */
  *results(statuses?: readonly RowOutcome[], limit = Number.POSITIVE_INFINITY): Generator<RowResult> {
    const filter = statuses ? 'AND status IN (SELECT value FROM json_each(?))' : '';
    let after = Number.MIN_SAFE_INTEGER;
    let left = limit;
    while (left > 0) {
      const page = this.all<{ row: number; body: string }>(
        `SELECT row, body FROM results WHERE row > ? ${filter} ORDER BY row LIMIT ?`,
        after,
        ...(statuses ? [JSON.stringify(statuses)] : []),
        Math.min(PAGE, left),
      );
      for (const r of page) yield JSON.parse(r.body) as RowResult;
      if (page.length < PAGE) return;
      left -= page.length;
      after = (page[page.length - 1] as { row: number }).row;
    }
  }

  resultRows(status: RowOutcome): number[] {
    return this.all<{ row: number }>('SELECT row FROM results WHERE status = ? ORDER BY row', status).map((r) => r.row);
  }

  /** The results are final: later ones are dropped. */
  seal(): void {
    this.flush();
    this.sealed = true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    process.off('exit', this.onExit);
    this.removeFolder();
  }

  private removeFolder(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** A finished run's results, in row order, read from its spool a page at a time. */
export class RunResults implements Iterable<RowResult> {
  private tally: { counts: Map<RowOutcome, number>; attempted: boolean } | undefined;

  constructor(private readonly spool: RunSpool) {
    spool.seal();
  }

  get length(): number {
    return [...this.tallied().counts.values()].reduce((a, b) => a + b, 0);
  }

  /** Whether this invocation sent any request. */
  get attempted(): boolean {
    return this.tallied().attempted;
  }

  count(status: RowOutcome): number {
    return this.tallied().counts.get(status) ?? 0;
  }

  [Symbol.iterator](): Iterator<RowResult> {
    return this.spool.results();
  }

  /** The first `limit` results with one of these statuses, in row order. */
  withStatus(statuses: readonly RowOutcome[], limit?: number): Iterable<RowResult> {
    return this.spool.results(statuses, limit);
  }

  /** The row numbers with this status, in order. */
  rows(status: RowOutcome): number[] {
    return this.spool.resultRows(status);
  }

  private tallied(): { counts: Map<RowOutcome, number>; attempted: boolean } {
    return (this.tally ??= this.spool.resultCounts());
  }
}
