/** Small measuring tools shared by the figures: medians, process timing with peak RSS. */
import { spawn } from 'node:child_process';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface ProcessRun {
  ms: number;
  exitCode: number | null;
  stdoutBytes: number;
  /** Peak resident set size of the child, from GNU time when available (KiB → MB). */
  peakRssMb: number | null;
  /** User + system CPU seconds of the child, from GNU time (less sensitive to machine load than wall time). */
  cpuSeconds: number | null;
  stderr: string;
}

/** Runs a command, timing it from spawn to exit; peak RSS and CPU time come from `/usr/bin/time` when asked. */
export function timeProcess(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; useGnuTime?: boolean } = {}): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const wrap = options.useGnuTime ?? false;
    const started = process.hrtime.bigint();
    const child = wrap
      ? spawn('/usr/bin/time', ['-f', '__RSS_KB=%M __CPU=%U+%S', command, ...args], { env: options.env, cwd: options.cwd })
      : spawn(command, args, { env: options.env, cwd: options.cwd });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdoutBytes += c.length));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const match = /__RSS_KB=(\d+) __CPU=([\d.]+)\+([\d.]+)/.exec(stderr);
      resolve({
        ms,
        exitCode,
        stdoutBytes,
        peakRssMb: match ? Number(match[1]) / 1024 : null,
        cpuSeconds: match ? Number(match[2]) + Number(match[3]) : null,
        stderr: stderr.replace(/__RSS_KB=\d+ __CPU=\S+\n?/, ''),
      });
    });
  });
}

export async function repeat<T>(times: number, run: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(await run());
  return out;
}
