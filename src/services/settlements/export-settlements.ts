/**
 * `settlements export`: one payout, a payout-date range (batch report) or a capture-date range
 * (transaction report), streamed from the backend through csv-stringify to stdout or a file. Memory stays
 * flat: a page of raw rows at a time (when the backend reads pages), each formatted by per-column
 * formatters chosen once, written as it is read, with back-pressure.
 */
import { assertWritableOutputPath } from '../../infra/output-path.js';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Backend, TransactionQuery } from '../../backends/backend.js';
import { requireCapability } from '../../backends/backend.js';
import { CancelledError, UsageError } from '../../errors.js';
import { DIALECT_SPECS, parseAmountUnit, parseColumns, parseDialect, rawRowFormatter, rowFormatter, type AmountUnit, type Dialect, type ExportColumn } from '../../domain/settlement-csv.js';
import { reportRange } from '../../domain/settlement-range.js';
import type { RawTransaction } from '../../domain/settlement-types.js';
import { writeAtomically } from '../../infra/atomic-file.js';
import { csvStream } from '../../infra/csv-write.js';

export interface ExportOptions {
  payout?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  month?: string | undefined;
  /** A transaction report (by capture date) instead of a batch report (by payout date). */
  transactions?: boolean | undefined;
  /** Only this store's transactions (date ranges); undefined: every store (as `links list`). */
  storeId: string | undefined;
  columns: readonly ExportColumn[];
  dialect: Dialect;
  amounts: AmountUnit;
  /** A file path, or undefined for `stdout`. */
  out?: string | undefined;
  stdout: Writable;
  /** Aborted on SIGINT/SIGTERM: stop writing (a file target is then left untouched). */
  signal?: AbortSignal | undefined;
}

export interface ExportResult {
  rows: number;
  destination: string;
  /** True when the reader went away (`| head`): not an error. */
  truncated_by_reader: boolean;
}

/**
 * csv-stringify emits one small chunk per row; writing each on its own costs a system call per row.
 * This gathers them into ~64 KiB writes (rows still flow as they are read; memory stays bounded).
 */
function coalesce(size = 64 * 1024): Transform {
  let parts: Buffer[] = [];
  let length = 0;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      parts.push(buffer);
      length += buffer.length;
      if (length >= size) {
        this.push(Buffer.concat(parts, length));
        parts = [];
        length = 0;
      }
      done();
    },
    flush(done) {
      if (length > 0) this.push(Buffer.concat(parts, length));
      done();
    },
  });
}

const PAGE_SIZE = 1_000;

/**
 * Records from pages of raw rows: a page is pushed whole (one await per page, not per row), and the next
 * is read when the stream asks for more, so back-pressure holds memory to about a page.
 */
function pagedRecords(pages: AsyncIterable<RawTransaction[]>, format: (row: RawTransaction) => string[], counted: () => void): Readable {
  const iterator = pages[Symbol.asyncIterator]();
  let reading = false;
  return new Readable({
    objectMode: true,
    highWaterMark: PAGE_SIZE,
    read() {
      if (reading) return;
      reading = true;
      iterator.next().then(
        ({ done, value }) => {
          reading = false;
          if (done) return void this.push(null);
          for (const row of value) {
            counted();
            this.push(format(row));
          }
        },
        (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    },
    destroy(error, done) {
      // Ends the statement (the generator's finally) when the reader goes away early.
      void iterator.return?.();
      done(error);
    },
  });
}

/** Validates the flags into one backend query, before anything is read or written. */
export async function exportQuery(backend: Backend, options: ExportOptions): Promise<TransactionQuery> {
  requireCapability(backend, 'settlements.reports', 'export settlement reports');
  const ranged = options.from !== undefined || options.to !== undefined || options.month !== undefined;
  if (options.payout !== undefined && ranged) throw new UsageError('Give either --payout or a date range (--from/--to or --month), not both.');
  if (options.payout !== undefined && options.transactions) throw new UsageError('--transactions is a date-range report; it cannot be combined with --payout.');
  if (options.payout !== undefined) {
    const payout = await backend.settlements?.getPayout(options.payout);
    return { payment_reference: payout?.payment_reference ?? options.payout, purpose: 'export' };
  }
  if (!ranged) throw new UsageError('Say what to export: --payout <payment-reference>, or --from/--to (at most 32 days), or --month YYYY-MM.');
  const range = reportRange(options.from, options.to, options.month);
  const storeId = options.storeId;
  return options.transactions
    ? { store_id: storeId, start_date: range.start, end_date: range.end, purpose: 'export' }
    : { store_id: storeId, payout_start_date: range.start, payout_end_date: range.end, purpose: 'export' };
}

/** The format flags as typed (`--columns`, `--dialect`, `--amounts`), checked before anything is read. */
export interface ExportFormatFlags {
  columns?: string | undefined;
  dialect: string;
  amounts: string;
}

export function exportFormat(flags: ExportFormatFlags): Pick<ExportOptions, 'columns' | 'dialect' | 'amounts'> {
  return { columns: parseColumns(flags.columns), dialect: parseDialect(flags.dialect), amounts: parseAmountUnit(flags.amounts) };
}

export async function exportSettlements(backend: Backend, options: ExportOptions): Promise<ExportResult> {
  const query = await exportQuery(backend, options);
  const api = backend.settlements;
  if (!api) throw new UsageError(`The ${backend.name} backend cannot export settlements.`);
  const spec = DIALECT_SPECS[options.dialect];
  let rows = 0;
  const source = (): Readable => {
    if (api.transactionPages) {
      const format = rawRowFormatter(options.columns, options.dialect, options.amounts);
      return pagedRecords(api.transactionPages(query, PAGE_SIZE), format, () => rows++);
    }
    const format = rowFormatter(options.columns, options.dialect, options.amounts);
    return Readable.from(
      (async function* () {
        for await (const tx of api.transactions(query)) {
          rows++;
          yield format(tx);
        }
      })(),
    );
  };
  const stringifier = () => csvStream({ columns: options.columns, delimiter: spec.delimiter, crlf: true, bom: spec.bom });

  if (options.out !== undefined && options.out !== '-') {
    const out = options.out;
    assertWritableOutputPath(out, '--out');
    try {
      const csv = await stringifier();
      await writeAtomically(out, (file) => pipeline(source(), csv, coalesce(), file), { signal: options.signal, what: 'the export' });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code && /^E[A-Z]+$/.test(code) && code !== 'EPIPE') throw new UsageError(`--out: cannot write ${out}: ${(error as Error).message}`, { cause: error });
      throw error;
    }
    return { rows, destination: out, truncated_by_reader: false };
  }
  try {
    // stdout is not ours to close: end the pipeline without ending it.
    await pipeline(source(), await stringifier(), coalesce(), options.stdout, { end: false, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    if (options.signal?.aborted) throw new CancelledError(`Stopped after ${rows} transaction(s): the CSV on stdout is incomplete.`);
    if ((error as { code?: string }).code === 'EPIPE' || (error as { code?: string }).code === 'ERR_STREAM_DESTROYED' || (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
      return { rows, destination: 'stdout', truncated_by_reader: true };
    }
    throw error;
  }
  return { rows, destination: 'stdout', truncated_by_reader: false };
}
