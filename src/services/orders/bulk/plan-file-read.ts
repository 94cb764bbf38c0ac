/**
 * Reading a plan file for `--apply` without holding it: a plan of 100,000 rows is over 100 MB of text. The
 * file is read twice, a chunk at a time (infra/json-object-stream.ts hands over one row at a time): once
 * now, checking its members and every row as parsePlanFile checks them, so a plan that would be refused is
 * refused before anything happens; and once more as its rows are spooled for the run.
 *
 * A file that is anything but a plan parsePlanFile accepts (not JSON, truncated, not a plan, a bad row, a
 * member given twice, an encoding error) is read whole by parsePlanFile instead, so its message and exit
 * code are parsePlanFile's, word for word; a file the scanner cannot vouch for but parsePlanFile accepts is
 * applied from its held rows, as any plan was before.
 */
import { statSync } from 'node:fs';
import { ValidationError } from '../../../errors.js';
import { decodedChunks } from '../../../infra/csv-read.js';
import { JsonObjectScanner, NotStreamable } from '../../../infra/json-object-stream.js';
import { readTextFile } from '../../../infra/text-file.js';
import { isPlanHeader, parsePlanFile, planRowIssue, type PlanRow, type PlanSource } from './bulk-plan.js';

type Header = PlanSource['header'];

/** Reads and checks the plan file `file` (named `apply` when it cannot be read); its rows are read again when taken. */
export async function readPlanFile(file: string): Promise<PlanSource> {
  // A pipe (`--apply <(…)`, /dev/stdin) can be read only once: it is read whole, as any plan was.
  if (!isRegularFile(file)) return wholePlan(file);
  const header: Record<string, unknown> = {};
  try {
    for await (const _row of planRows(file, header)) {
      // Each row is checked as it is read, and dropped.
    }
  } catch {
    return wholePlan(file);
  }
  return { header: header as unknown as Header, rows: { [Symbol.asyncIterator]: () => readAgain(file, JSON.stringify(header)) } };
}

function isRegularFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The plan read whole: parsePlanFile's message for a file it refuses. */
function wholePlan(file: string): PlanSource {
  const { rows, ...header } = parsePlanFile(readTextFile(file, 'apply'), file);
  return { header, rows };
}

/**
 * The rows read again, each checked again: a file changed since it was checked is refused (with
 * parsePlanFile's message if it is no longer a plan) before anything is captured, unless its changes are
 * rows that pass the same checks.
 */
async function* readAgain(file: string, checked: string): AsyncGenerator<PlanRow> {
  const header: Record<string, unknown> = {};
  try {
    yield* planRows(file, header);
  } catch (error) {
    if (!(error instanceof NotStreamable)) throw error;
    wholePlan(file);
    throw changed(file);
  }
  if (JSON.stringify(header) !== checked) throw changed(file);
}

function changed(file: string): ValidationError {
  return ValidationError.single(file, 'changed while it was being read; nothing was captured: check the plan and run again');
}

/**
 * The plan's rows in file order, as JSON.parse of the whole file would give them, each one passing
 * parsePlanFile's checks; its other members go to `header` (once the file is read, they are checked too).
 * Anything parsePlanFile would not accept as it is, or that is not an object, is NotStreamable.
 */
async function* planRows(file: string, header: Record<string, unknown>): AsyncGenerator<PlanRow> {
  const scanner = new JsonObjectScanner('rows');
  let rowsRead = false;
  try {
    for await (const chunk of decodedChunks(file)) {
      for (const event of scanner.feed(chunk)) {
        if (event.kind === 'member') header[event.key] = event.value;
        else if (event.kind === 'array-end') rowsRead = true;
        else {
          const row = event.value;
          if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new NotStreamable('a row is not an object');
          if (planRowIssue(row as PlanRow, event.index, file)) throw new NotStreamable('a row is refused');
          yield row as PlanRow;
        }
      }
    }
  } catch (error) {
    // A file that cannot be read or decoded is read whole for its message too.
    throw error instanceof NotStreamable ? error : new NotStreamable(String(error));
  }
  scanner.end();
  if (!rowsRead || !isPlanHeader(header)) throw new NotStreamable('not a plan');
}
