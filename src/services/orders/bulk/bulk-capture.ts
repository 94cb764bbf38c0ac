/**
 * Bulk capture end to end: input → plan (or a plan file) → confirmation → apply, with the journal that
 * makes every capture happen once. The CLI gives the hooks (confirm, progress, each row's result); this
 * returns results and counts; the entry point turns them into an exit code via the typed error the CLI
 * throws.
 */
import { join } from 'node:path';
import type { Backend } from '../../../backends/backend.js';
import { UsageError } from '../../../errors.js';
import type { OpenBackend, WriteGate } from '../../auth/write-gate.js';
import { applyPlan, type ApplyCounts, type ApplyOutcome, type RowResult } from './bulk-apply.js';
import type { BulkInput } from './bulk-input.js';
import { buildPlan, spoolPlanFile, summarizePlan, type BulkPlan, type PlanSource, type PlanSummary } from './bulk-plan.js';
import { openJournal, type Journal } from './journal.js';
import { RunSpool } from './run-spool.js';

export interface BulkCaptureOptions {
  dataDir: string;
  /** The shared PostgreSQL database holding the journal (kustom backend with database_url set). */
  databaseUrl?: string | undefined;
  store?: string | undefined;
  /**
   * Rows from arguments, stdin or CSV (with the problems found in them); or a checked plan file. The
   * rows are consumed: a file's (a plan file's too) are read a slice at a time as they are planned or
   * spooled; an array is emptied, so a run of 100,000 rows does not hold them while it applies.
   */
  input: BulkInput | { plan: PlanSource };
  /** The plan file the input was read from (`--apply`), named in the live-write banner. */
  planFile?: string | undefined;
  concurrency: number;
  /** Stop after planning; the caller writes the plan. */
  planOnly?: boolean;
  /** The live-write check, run once before planning: a run that would be refused never starts. */
  gate: WriteGate;
  confirm(plan: BulkPlan, summary: PlanSummary): Promise<void>;
  onPlanned?(plan: BulkPlan, summary: PlanSummary): void;
  onProgress?(counts: ApplyCounts): void;
  onResult?(result: RowResult): void;
  stopped?(): boolean;
  /** Aborted when a stopped run gives up waiting for requests in flight. */
  abandon?: AbortSignal;
}

export interface BulkCaptureResult extends Partial<ApplyOutcome> {
  plan: BulkPlan;
  summary: PlanSummary;
  /** Frees the run's spool (the plan's rows and the results): call it once they are written out. */
  release(): void;
}

export function journalFile(dataDir: string): string {
  return join(dataDir, 'journal.db');
}

export async function bulkCapture(openBackend: OpenBackend, options: BulkCaptureOptions): Promise<BulkCaptureResult> {
  // A plan only reads; applying it captures money, so a live key needs the store named or pinned.
  if (!options.planOnly) options.gate.check({ action: options.planFile ? `bulk capture from plan ${options.planFile}` : 'bulk capture' });
  const backend = await openBackend();
  const spool = new RunSpool(join(options.dataDir, 'runs'));
  const release = (): void => spool.close();
  try {
    return await captureWith(backend, spool, options, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function captureWith(backend: Backend, spool: RunSpool, options: BulkCaptureOptions, release: () => void): Promise<BulkCaptureResult> {
  if (options.planOnly) {
    const { plan, summary } = await planCapture(backend, spool, options);
    return { plan, summary, release };
  }
  // Opened before planning: a shared database that needs migrating stops the run before anything is asked.
  // The sandbox's orders are local, so its journal is too; a shared database holds one for every machine.
  const journal = options.databaseUrl !== undefined ? await openSharedJournal(options.databaseUrl) : openJournal(journalFile(options.dataDir));
  try {
    const { plan, summary, fromFile } = await planCapture(backend, spool, options);
    await options.confirm(plan, summary);
    const outcome = await applyPlan(backend, journal, plan, {
      concurrency: options.concurrency,
      recheck: fromFile,
      ...(options.onProgress ? { onProgress: (c: ApplyCounts) => options.onProgress?.(c) } : {}),
      ...(options.onResult ? { onResult: (r: RowResult) => options.onResult?.(r) } : {}),
      ...(options.stopped ? { stopped: () => options.stopped?.() ?? false } : {}),
      ...(options.abandon ? { abandon: options.abandon } : {}),
    });
    return { plan, summary, ...outcome, release };
  } finally {
    await journal.close();
  }
}

/** The PostgreSQL client is loaded only for a shared journal: a run on this machine's files never pays for it. */
async function openSharedJournal(databaseUrl: string): Promise<Journal> {
  const { openPostgresJournal } = await import('./journal-postgres.js');
  return openPostgresJournal(databaseUrl);
}

async function planCapture(backend: Backend, spool: RunSpool, options: BulkCaptureOptions): Promise<{ plan: BulkPlan; summary: PlanSummary; fromFile: boolean }> {
  let plan: BulkPlan;
  const fromFile = 'plan' in options.input;
  if ('plan' in options.input) {
    plan = await spoolPlanFile(options.input.plan, spool);
    if (plan.backend !== backend.name) throw new UsageError(`The plan was made for the ${plan.backend} backend, not ${backend.name}.`, { hint: `Pass --backend ${plan.backend}.` });
  } else {
    // Always planned afresh from the provider's state: a row's capture is recognised by its identity,
    // whichever earlier input (or none) it came in.
    const { rows } = options.input;
    try {
      plan = await buildPlan(backend, rows, {
        store: options.store,
        concurrency: options.concurrency,
        spool,
        inputIssues: options.input.issues,
        stopped: () => options.stopped?.() ?? false,
      });
    } finally {
      if (Array.isArray(rows)) rows.length = 0;
      options.input.close?.();
    }
  }
  const summary = summarizePlan(plan);
  options.onPlanned?.(plan, summary);
  return { plan, summary, fromFile };
}
