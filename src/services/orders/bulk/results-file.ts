/**
 * Where a bulk capture's per-row results go. `--results <file>` when given. Otherwise, on a terminal
 * (where stdout shows a summary, not the rows, unless --verbose), a file next to the input —
 * `shipped.csv` → `shipped.results.csv`, `plan.json` → `plan.results.csv` — or, for order IDs given as
 * arguments or on stdin, `capture-<time>.results.csv` in the data folder's `results` folder. Piped runs,
 * --json and --csv print every row and write no file unless asked. The path is checked before anything is read or sent.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertWritableOutputPath } from '../../../infra/output-path.js';

export interface ResultsFileFlags {
  results?: string | undefined;
  from?: string | undefined;
  apply?: string | undefined;
}

export const resultsNextTo = (input: string): string => `${input.replace(/\.(csv|json|txt)$/i, '')}.results.csv`;

export function captureResultsFile(flags: ResultsFileFlags, onTerminal: boolean, dataDir: string, now: Date): string | undefined {
  if (flags.results !== undefined) return flags.results;
  if (!onTerminal) return undefined;
  const input = flags.apply ?? (flags.from !== undefined && flags.from !== '-' ? flags.from : undefined);
  let file: string;
  if (input !== undefined) file = resultsNextTo(input);
  else {
    const folder = join(dataDir, 'results');
    mkdirSync(folder, { recursive: true });
    file = join(folder, `capture-${now.toISOString().replace(/[:.]/g, '-')}.results.csv`);
  }
  assertWritableOutputPath(file, 'the results file (default; choose one with --results <file>)');
  return file;
}
