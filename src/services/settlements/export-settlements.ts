/**
 * `settlements export`: one payout, a payout-date range (batch report) or a capture-date range
 * (transaction report), streamed from the backend to stdout or a file. Memory stays flat: a page of raw rows
 * at a time (when the backend reads pages), each formatted by per-column formatters chosen once and
 * encoded by csv-stringify's quoting rule (infra/csv-write), written a page per write, with back-pressure.
 */
import { assertWritableOutputPath } from '../../infra/output-path.js';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Backend, TransactionQuery } from '../../backends/backend.js';
import { requireCapability } from '../../backends/backend.js';
import { CancelledError, UsageError } from '../../errors.js';
import { DIALECT_SPECS, parseAmountUnit, parseColumns, parseDialect, rawRowFormatter, rowFormatter, type AmountUnit, type Dialect, type ExportColumn } from '../../domain/settlement-csv.js';
import { reportRange } from '../../domain/settlement-range.js';
import { writeAtomically } from '../../infra/atomic-file.js';
import { csvPreamble, csvRecordEncoder } from '../../infra/csv-write.js';
import { slices } from '../../infra/slices.js';
import { Utf8Chunks } from '../../infra/utf8-chunks.js';
import { joinedLines } from './joined-lines.js';

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

const PAGE_SIZE = 1_000;

/**
 * CSV bytes from pages of rows: each page's lines are encoded into one chunk (one write of ~1,000 records,
 * see infra/utf8-chunks), pushed when the writer asks for more, so back-pressure holds memory to about a
 * page and there is no object, array or await per row between the statement and the file.
 */
function csvPages<T>(preamble: string, pages: AsyncIterable<T[]>, line: (row: T) => string, counted: (rows: number) => void): Readable {
  const iterator = pages[Symbol.asyncIterator]();
  const chunks = new Utf8Chunks();
  let reading = false;
  let started = false;
  const stream: Readable = new Readable({
    highWaterMark: 256 * 1024,
    read() {
      if (!reading) pull();
    },
    destroy(error, done) {
      // Ends the statement (the generator's finally) when the reader goes away early.
      void iterator.return?.();
      done(error);
    },
  });
  const pull = (): void => {
    reading = true;
    iterator.next().then(
      ({ done, value }) => {
        reading = false;
        if (!started) chunks.append(preamble);
        started = true;
        if (!done) {
          for (const row of value) chunks.append(line(row));
          counted(value.length);
        }
        const bytes = chunks.take();
        // An empty push would not ask for more: an empty page reads the next one.
        if (bytes.length > 0) stream.push(bytes);
        if (done) stream.push(null);
        else if (bytes.length === 0) pull();
      },
      (error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  };
  return stream;
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
  const csv = { delimiter: spec.delimiter, crlf: true, bom: spec.bom };
  const encode = csvRecordEncoder(csv);
  const preamble = csvPreamble(options.columns, csv);
  const counted = (n: number) => (rows += n);
  const source = (): Readable => {
    if (api.transactionJoinedPages) {
      const joined = joinedLines(options.columns, options.dialect, options.amounts, csv);
      return csvPages(preamble, api.transactionJoinedPages(query, joined.read, PAGE_SIZE), joined.line, counted);
    }
    if (api.transactionPages) {
      const format = rawRowFormatter(options.columns, options.dialect, options.amounts);
      return csvPages(preamble, api.transactionPages(query, PAGE_SIZE), (row) => encode(format(row)), counted);
    }
    const format = rowFormatter(options.columns, options.dialect, options.amounts);
    // A backend without `transactionPages` gives its transactions one by one: they are paged here.
    return csvPages(preamble, slices(api.transactions(query), PAGE_SIZE), (tx) => encode(format(tx)), counted);
  };

  if (options.out !== undefined && options.out !== '-') {
    const out = options.out;
    assertWritableOutputPath(out, '--out');
    try {
      await writeAtomically(out, (file) => pipeline(source(), file), { signal: options.signal, what: 'the export' });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code && /^E[A-Z]+$/.test(code) && code !== 'EPIPE') throw new UsageError(`--out: cannot write ${out}: ${(error as Error).message}`, { cause: error });
      throw error;
    }
    return { rows, destination: out, truncated_by_reader: false };
  }
  try {
    // stdout is not ours to close: end the pipeline without ending it.
    await pipeline(source(), options.stdout, { end: false, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    if (options.signal?.aborted) throw new CancelledError(`Stopped after ${rows} transaction(s): the CSV on stdout is incomplete.`);
    if ((error as { code?: string }).code === 'EPIPE' || (error as { code?: string }).code === 'ERR_STREAM_DESTROYED' || (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
      return { rows, destination: 'stdout', truncated_by_reader: true };
    }
    throw error;
  }
  return { rows, destination: 'stdout', truncated_by_reader: false };
}
