/**
 * Progress for long runs, on stderr only: on a TTY one live line (bar, done/failed/skipped/remaining,
 * rate) redrawn at most every 100 ms; elsewhere (CI logs) a plain line every few seconds and at the end.
 */
import type { Writable } from 'node:stream';

export interface ProgressCounts {
  total: number;
  done: number;
  failed: number;
  skipped: number;
  unknown: number;
}

export interface Progress {
  update(counts: ProgressCounts): void;
  finish(): void;
}

export function createProgress(stderr: Writable, isTTY: boolean, label: string, options: { intervalMs?: number; now?: () => number } = {}): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  const interval = options.intervalMs ?? (isTTY ? 100 : 5000);
  let last: ProgressCounts | undefined;
  let lastDrawn = Number.NEGATIVE_INFINITY;
  let drawn = false;
  let stale = false;
  const text = (c: ProgressCounts): string => {
    const finished = c.done + c.failed + c.skipped + c.unknown;
    const seconds = (now() - started) / 1000;
    // A rate over less than a second says nothing; show it once there is something to measure.
    const rate = seconds >= 1 ? `  ${(c.done / seconds).toFixed(1)}/s` : '';
    const counts = `done ${c.done}  failed ${c.failed}  skipped ${c.skipped}${c.unknown ? `  unknown ${c.unknown}` : ''}  remaining ${c.total - finished}${rate}`;
    if (!isTTY) return `${label}: ${finished}/${c.total}  ${counts}`;
    const width = 24;
    const filled = c.total === 0 ? width : Math.round((finished / c.total) * width);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${finished}/${c.total}  ${counts}`;
  };
  const draw = (): void => {
    if (!last) return;
    if (isTTY) stderr.write(`\r\x1b[K${text(last)}`);
    else stderr.write(`${text(last)}\n`);
    drawn = true;
    stale = false;
    lastDrawn = now();
  };
  return {
    update(counts) {
      last = counts;
      stale = true;
      if (now() - lastDrawn >= interval) draw();
    },
    finish() {
      if (stale) draw();
      if (isTTY && drawn) stderr.write('\n');
    },
  };
}
