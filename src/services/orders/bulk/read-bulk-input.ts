/**
 * Where bulk-capture rows come from: order IDs as arguments, one per line on stdin ("-"), a CSV file
 * (`--from`, "-" for stdin), or a reviewed plan file (`--apply`, checked whole before anything happens and
 * read again as it is spooled: plan-file-read.ts). Each source alone; a terminal on
 * stdin is refused (nothing would ever arrive).
 *
 * Stdin is read as a file is: it is kept in a private file in the data folder (infra/stream-spool.ts) and
 * read from there a chunk at a time, once to find every problem before anything happens and once more as
 * the rows are planned; so a run from a pipe holds no more of its input than a run from a file does, and
 * says the same about the same rows. The file is removed once the rows are planned (`close`), if reading
 * fails, and when the process ends.
 */
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { UsageError } from '../../../errors.js';
import { spoolStream, type SpooledStream } from '../../../infra/stream-spool.js';
import { parseIdList, readCsvInputFile, readIdListFile, type BulkInput } from './bulk-input.js';
import type { PlanSource } from './bulk-plan.js';
import { readPlanFile } from './plan-file-read.js';

export interface BulkSource {
  orders: readonly string[];
  from?: string | undefined;
  apply?: string | undefined;
  stdin: Readable;
  stdinIsTTY: boolean;
  /** The data folder: stdin is kept under its `runs` folder while it is read. */
  dataDir: string;
}

export async function readBulkInput(source: BulkSource): Promise<BulkInput | { plan: PlanSource }> {
  if (source.apply) return { plan: await readPlanFile(source.apply) };
  const { orders, from } = source;
  if (from !== undefined) {
    if (orders.length > 0) throw new UsageError('Give orders either as arguments/stdin or with --from, not both.');
    if (from !== '-') return readCsvInputFile(from);
    if (source.stdinIsTTY) throw new UsageError('--from - reads the CSV from stdin, but stdin is a terminal; pipe a file in.');
    return fromStdin(source, (file) => readCsvInputFile(file, 'stdin'));
  }
  if (orders.includes('-')) {
    if (orders.length > 1) throw new UsageError('"-" (read order IDs from stdin) cannot be combined with order IDs as arguments.');
    if (source.stdinIsTTY) throw new UsageError('"-" reads order IDs from stdin, but stdin is a terminal; pipe a list in.');
    return fromStdin(source, (file) => readIdListFile(file, 'stdin'));
  }
  return parseIdList([...orders], 'argument');
}

/** Stdin kept in a private file and read from there by `read`; the file goes with the input's `close`. */
async function fromStdin(source: BulkSource, read: (file: string) => Promise<BulkInput>): Promise<BulkInput> {
  const spooled: SpooledStream = await spoolStream(source.stdin, join(source.dataDir, 'runs'), 'stdin');
  try {
    return { ...(await read(spooled.path)), close: () => spooled.remove() };
  } catch (error) {
    spooled.remove();
    throw error;
  }
}
