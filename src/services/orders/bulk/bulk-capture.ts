/**
 * Bulk capture end to end: input → plan (or a plan file) → confirmation → journal → apply. The CLI gives
 * the hooks (confirm, progress); this returns results and counts; the entry point turns them into an
 * exit code via the typed error the CLI throws.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Backend } from '../../../backends/backend.js';
import { UsageError, ValidationError, type Issue } from '../../../errors.js';
import { Pacer, type RetryOptions } from '../retry.js';
import { applyPlan, type ApplyCounts, type RowResult } from './bulk-apply.js';
import type { BulkInputRow } from './bulk-input.js';
import { checkDuplicates } from './bulk-input.js';
import { buildPlan, planRow, runIdFor, summarizePlan, type BulkPlan, type PlanSummary } from './bulk-plan.js';
import { openJournal } from './journal.js';

export interface BulkCaptureOptions {
  dataDir: string;
  store?: string | undefined;
  /** Rows from arguments, stdin or CSV; or a plan file's content. */
  input: { rows: BulkInputRow[] } | { plan: BulkPlan };
  concurrency: number;
  /** Stop after planning; the caller writes the plan. */
  planOnly?: boolean;
  retry?: RetryOptions;
  confirm(plan: BulkPlan, summary: PlanSummary, resumed: boolean): Promise<void>;
  onPlanned?(plan: BulkPlan, summary: PlanSummary, resumed: boolean): void;
  onProgress?(counts: ApplyCounts): void;
  stopped?(): boolean;
  /** Aborted when a stopped run gives up waiting for requests in flight. */
  abandon?: AbortSignal;
}

export interface BulkCaptureResult {
  plan: BulkPlan;
  summary: PlanSummary;
  resumed: boolean;
  results: RowResult[] | null;
}

export function planRunId(plan: BulkPlan): string {
  const content = plan.rows.map((r) => [r.row, r.idempotency_key, r.amount, r.classification]);
  return `${plan.run_id.slice(0, 12)}-${createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 8)}`;
}

export function journalFile(dataDir: string): string {
  return join(dataDir, 'journal.db');
}

export async function bulkCapture(backend: Backend, options: BulkCaptureOptions): Promise<BulkCaptureResult> {
  const pacer = new Pacer();
  const journal = openJournal(journalFile(options.dataDir));
  try {
    let plan: BulkPlan;
    let resumed = false;
    if ('plan' in options.input) {
      // The journal keys an applied plan by its content too: an edited plan is a different run, while the
      // idempotency keys inside it still make re-sending an already-captured row harmless.
      plan = { ...options.input.plan, run_id: planRunId(options.input.plan) };
      if (plan.backend !== backend.name) throw new UsageError(`The plan was made for the ${plan.backend} backend, not ${backend.name}.`, { hint: `Pass --backend ${plan.backend}.` });
      resumed = journal.rows(plan.run_id).length > 0;
    } else {
      checkDuplicates(options.input.rows);
      const runId = runIdFor(options.input.rows, backend.name, options.store);
      const existing = journal.rows(runId);
      if (existing.length > 0 && !options.planOnly) {
        // Same input as an earlier run: resume it with its own plan (never re-plan and capture twice).
        plan = journal.begin({ version: 1, run_id: runId, created_at: '', backend: backend.name, store: options.store ?? null, rows: [] }, backend.clock.now());
        resumed = true;
        // Rows whose order could not be read last time are planned now (the rest keep their plan).
        for (const stale of plan.rows.filter((r) => r.classification === 'read_failed')) {
          const input = options.input.rows.find((r) => r.row === stale.row);
          if (!input) continue;
          const issues: Issue[] = [];
          const fresh = await planRow(backend, runId, input, options.store, pacer, issues);
          if (issues.length > 0) throw new ValidationError(issues, { hint: 'Nothing more was captured.' });
          plan = journal.replanRow(runId, fresh, backend.clock.now());
        }
      } else {
        plan = await buildPlan(backend, options.input.rows, { store: options.store, concurrency: options.concurrency, pacer, stopped: () => options.stopped?.() ?? false });
      }
    }
    const summary = summarizePlan(plan);
    options.onPlanned?.(plan, summary, resumed);
    if (options.planOnly) return { plan, summary, resumed, results: null };
    await options.confirm(plan, summary, resumed);
    plan = journal.begin(plan, backend.clock.now());
    const results = await applyPlan(backend, journal, plan, {
      concurrency: options.concurrency,
      pacer,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.onProgress ? { onProgress: (c: ApplyCounts) => options.onProgress?.(c) } : {}),
      ...(options.stopped ? { stopped: () => options.stopped?.() ?? false } : {}),
      ...(options.abandon ? { abandon: options.abandon } : {}),
    });
    return { plan, summary: summarizePlan(plan), resumed, results };
  } finally {
    journal.close();
  }
}
