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
  let lastDrawn = 0;
  let drawn = false;
  const text = (c: ProgressCounts): string => {
    const finished = c.done + c.failed + c.skipped + c.unknown;
    const seconds = Math.max(0.001, (now() - started) / 1000);
    const rate = (c.done / seconds).toFixed(1);
    const counts = `done ${c.done}  failed ${c.failed}  skipped ${c.skipped}${c.unknown ? `  unknown ${c.unknown}` : ''}  remaining ${c.total - finished}  ${rate}/s`;
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
    lastDrawn = now();
  };
  return {
    update(counts) {
      last = counts;
      if (now() - lastDrawn >= interval) draw();
    },
    finish() {
      draw();
      if (isTTY && drawn) stderr.write('\n');
    },
  };
}
