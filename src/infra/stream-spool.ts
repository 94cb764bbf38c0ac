/**
 * A stream that can be read only once (standard input) kept in a private file, so that it is read like a
 * file a user names: a chunk at a time, as often as needed (checked whole before anything happens, then
 * read again as it is used), never held in memory. The file is the process's own: in a folder only this
 * user may open (0700), itself 0600, removed when the caller is done with it, when writing it fails, and
 * at the latest when the process exits (a first or second Ctrl-C or SIGTERM ends the process through
 * `exit` too). Its folder is named by the process, as the bulk run's spool is (run-spool.ts), so the next
 * run (a bulk capture, or any read of stdin kept here) removes the folder of a process that was killed
 * outright.
 */
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface SpooledStream {
  /** The private file holding everything the stream gave. */
  readonly path: string;
  /** Removes the file (again: nothing happens). */
  remove(): void;
}

/** Writes `stream` to a new private file under `dir` (created 0700 if missing) until the stream ends. */
export async function spoolStream(stream: Readable, dir: string, name: string): Promise<SpooledStream> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  removeAbandoned(dir);
  const folder = mkdtempSync(join(dir, `${process.pid}-${name}-`));
  const path = join(folder, name);
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    rmSync(folder, { recursive: true, force: true });
  };
  process.once('exit', remove);
  try {
    await pipeline(stream, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    remove();
    throw error;
  }
  return { path, remove };
}

/**
 * Folders under `dir` named by a process that no longer runs (`<pid>-…`: killed before it could remove
 * them), removed: a spooled stream here, a bulk run's spool (run-spool.ts) beside it.
 */
export function removeAbandoned(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (!Number.isSafeInteger(pid) || pid === process.pid || alive(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
