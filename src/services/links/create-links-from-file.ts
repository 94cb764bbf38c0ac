/**
 * `links create --from <csv>`: which flags go with which mode, and the bulk run itself (read, prepare
 * every row, check the live write once, create with stop handling, write the per-row results), then how the run ends.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertWritableOutputPath } from '../../infra/output-path.js';
import { InterruptedError, UsageError, type StopSignal } from '../../errors.js';
import type { Backend } from '../../backends/backend.js';
import type { WriteGate } from '../auth/write-gate.js';
import { assertBulkSucceeded, BULK_COLUMNS, createBulk, prepareBulk, writeBulkResults, type BulkRowResult } from './bulk-create-links.js';
import { readBulkLinkInput } from './bulk-link-input.js';

/** Flags that describe one link; a file's rows describe their own. */
const SINGLE_ONLY = ['email', 'phone', 'reference', 'reference2', 'line', 'linesFile', 'amount', 'tax', 'discount', 'linkReference', 'invoicePdf', 'note'] as const;

type ModeFlags = Partial<Record<(typeof SINGLE_ONLY)[number], unknown>> & { from?: string | undefined; results?: string | undefined; csv?: boolean | undefined };

/** Refuses flags of the other mode before anything is read or asked. */
export function checkCreateMode(flags: ModeFlags): void {
  if (flags.from === undefined) {
    if (flags.results !== undefined) throw new UsageError('--results goes with --from (bulk create).');
    if (flags.csv !== undefined) throw new UsageError('--csv goes with --from (bulk create); one link prints its URL, or itself with --json.');
    return;
  }
  const given = SINGLE_ONLY.filter((k) => flags[k] !== undefined);
  if (given.length > 0) {
    throw new UsageError(`--from creates links from the file's rows; it cannot be combined with ${given.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}.`);
  }
}

/** SIGINT/SIGTERM as the bulk run sees them. */
export interface BulkStop {
  stoppable<T>(work: () => Promise<T>): Promise<T>;
  readonly signal: AbortSignal;
  readonly deadline: AbortSignal;
}

export interface CreateFromFileOptions {
  /** The CSV file, or `-` for stdin. */
  file: string;
  stdin: Readable;
  stdinIsTTY: boolean;
  /** The data folder: stdin is kept under its `runs` folder while it is read; its default results go under `results`. */
  dataDir: string;
  /** Where the per-row results go (default `<file>.results.csv`; for stdin, in the data folder). */
  results?: string | undefined;
  defaultStoreId?: string | undefined;
  createdBy: string;
  dryRun: boolean;
  /** The live-write check, run once every row is valid and before any is created. */
  gate: WriteGate;
  stop: BulkStop;
  /** Each row's result as soon as it is known. */
  onResult?: ((result: BulkRowResult) => void) | undefined;
}

export type CreateFromFileResult = { dryRun: true; rows: number } | { dryRun: false; results: BulkRowResult[]; resultFile: string };

export async function createLinksFromFile(backend: Backend, options: CreateFromFileOptions): Promise<CreateFromFileResult> {
  // The file is read first (a file that cannot be read is named as such, not by the results path made from
  // it); where the results go is checked before any link is created: a run that cannot record what it did must not start.
  const input = await readBulkLinkInput({ from: options.file, stdin: options.stdin, stdinIsTTY: options.stdinIsTTY, dataDir: options.dataDir, columns: BULK_COLUMNS });
  let prepared;
  let resultFile: string | undefined;
  try {
    // A dry run writes nothing, so it has no results file.
    resultFile = options.dryRun ? undefined : options.results ?? defaultResultFile(options.file, options.dataDir, backend.clock.now());
    if (resultFile !== undefined) assertWritableOutputPath(resultFile, '--results');
    prepared = await prepareBulk(backend, input.rows(), { defaultStoreId: options.defaultStoreId, createdBy: options.createdBy });
  } finally {
    // Every row is prepared: stdin's private file is not needed any more.
    input.close();
  }
  if (resultFile === undefined) return { dryRun: true, rows: prepared.length };
  // Rows may name their own store: a live run must change exactly the store named or pinned.
  const targets = [...new Set(prepared.map((p) => p.request.store_id))];
  options.gate.check({ action: `create ${prepared.length} payment link(s) from ${input.name}`, target: targets.join(',') });
  const { stop } = options;
  const results = await stop.stoppable(() => createBulk(backend, prepared, { stopped: () => stop.signal.aborted, abandon: stop.deadline, onResult: options.onResult }));
  await writeBulkResults(resultFile, results);
  return { dryRun: false, results, resultFile };
}

/**
 * `links.csv` → `links.results.csv`; rows from stdin have no file to sit beside, so theirs go to the data
 * folder's `results` folder, named by the time (as bulk capture's results for IDs from stdin).
 */
function defaultResultFile(file: string, dataDir: string, now: Date): string {
  if (file !== '-') return `${file.replace(/\.csv$/i, '')}.results.csv`;
  const folder = join(dataDir, 'results');
  mkdirSync(folder, { recursive: true });
  return join(folder, `links-${now.toISOString().replace(/[:.]/g, '-')}.results.csv`);
}

/** After the results are shown: a stopped run is interrupted (rerun to finish), a failed row fails the run. */
export function settleBulkCreate(results: readonly BulkRowResult[], resultFile: string, fired: StopSignal | undefined): void {
  if (fired) {
    throw new InterruptedError(fired, `Interrupted (${fired}). Run the same command again to finish: rows already created are not created twice.`);
  }
  assertBulkSucceeded(results, resultFile);
}
