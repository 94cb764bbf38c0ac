/**
 * What both bulk commands say on a terminal at the end of a run: counts per status, how long it took and
 * where every row's result is. The rows themselves go to the results file, and to the screen only with
 * --verbose: a 6,000-row table helps nobody.
 */

/** `0.4 s`, `42 s`, `3 min 12 s`. */
export function elapsedText(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** Whether a bulk run prints its rows: always when piped or with --csv; on a terminal only with --verbose. */
export const bulkRowsShown = (mode: string, verbose: boolean | undefined): boolean => mode !== 'table' || verbose === true;

/** The line after the counts: where every row's result is, and how to see them here. */
export function resultsNote(resultsFile: string | undefined, rowsShown: boolean): string | undefined {
  if (!resultsFile) return undefined;
  return rowsShown ? `Every row's result: ${resultsFile}` : `Every row's result: ${resultsFile} (--verbose prints them here too)`;
}
