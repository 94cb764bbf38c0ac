/**
 * The one way a file is replaced: readers only ever see the old content or the complete new content.
 * Data goes to a hidden temporary file in the same directory (same file system, so the rename is atomic),
 * is flushed to disk, and only then renamed over the target; the directory is synced so the rename itself
 * survives a power loss. On failure, or when `signal` is aborted (SIGINT/SIGTERM) before the write
 * completes, the temporary file is removed and the target is untouched; a process killed outright leaves at
 * most a `.…tmp` file beside it.
 */
import { randomBytes } from './lazy-crypto.js';
import { closeSync, createWriteStream, fdatasync, fsyncSync, openSync, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CancelledError } from '../errors.js';

export interface AtomicWriteOptions {
  /** File mode of the new file; 0o600 for anything secret or private. Default 0o644. */
  mode?: number;
}

function tempPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Best effort: not every platform can open and sync a directory. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The rename is still atomic; only its durability across a power loss is not promised here.
  }
}

function commit(temp: string, target: string): void {
  syncFile(temp);
  renameSync(temp, target);
  syncDirectory(dirname(target));
}

/** Replaces `target` with `data` atomically and durably. */
export function writeFileAtomicSync(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const temp = tempPath(target);
  try {
    const fd = openSync(temp, 'wx', options.mode ?? 0o644);
    try {
      writeFileSync(fd, data);
    } finally {
      closeSync(fd);
    }
    commit(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export interface AtomicStreamOptions extends AtomicWriteOptions {
  /** Stops the write; the target is left as it was. */
  signal?: AbortSignal | undefined;
  /** What the write produces, for the message when it is stopped ("the export"). */
  what?: string;
}

/**
 * Destroys the stream and waits for it to close. A write stream opens its file asynchronously: removing
 * the file before a pending open completes would let that open create it again, leaving a `.…tmp` behind.
 */
function destroyed(stream: WriteStream): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('close', () => resolve());
    stream.destroy();
  });
}

/** Bytes written between two background flushes of a streamed file. */
const EARLY_SYNC_BYTES = 16 * 1024 * 1024;

/**
 * Flushes a streamed file to disk as it grows, a slice at a time, off the main thread, so the sync
 * before the rename finds little left to write. That sync used to wait for the whole file (0.16 s of a
 * 170 MB export on a quiet disk, far longer on a busy one) while nothing else ran. Only that last sync
 * is relied on; these make it short. Returns what waits for a flush in progress and lets the file go.
 */
function syncAsItGrows(temp: string, stream: WriteStream): () => Promise<void> {
  let fd: number | undefined;
  let synced = 0;
  let flushing: Promise<void> | undefined;
  const flush = (): void => {
    if (flushing || stream.bytesWritten - synced < EARLY_SYNC_BYTES) return;
    const upTo = stream.bytesWritten;
    flushing = new Promise((resolve) => {
      const done = (): void => {
        synced = upTo;
        flushing = undefined;
        resolve();
      };
      try {
        // A descriptor of our own: the stream's may be closed (and its number reused) while this runs.
        fd ??= openSync(temp, 'r+');
        fdatasync(fd, done);
      } catch {
        done();
      }
    });
  };
  // Drained: a write of the stream has reached the file.
  stream.on('drain', flush);
  return async () => {
    stream.off('drain', flush);
    await flushing;
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
}

/** Replaces `target` with what `write` streams into the file (the writer ends the stream). */
export async function writeAtomically(target: string, write: (stream: WriteStream) => Promise<void>, options: AtomicStreamOptions = {}): Promise<void> {
  const { signal } = options;
  const stopped = (): CancelledError => new CancelledError(`Stopped before ${options.what ?? 'the file'} was complete: nothing was written to ${target}.`);
  if (signal?.aborted) throw stopped();
  const temp = tempPath(target);
  const stream = createWriteStream(temp, { flags: 'wx', mode: options.mode ?? 0o644 });
  // Destroying the stream fails the writer's pipeline, which lands in the catch below.
  const onAbort = (): void => void stream.destroy(stopped());
  signal?.addEventListener('abort', onAbort, { once: true });
  const synced = syncAsItGrows(temp, stream);
  try {
    await write(stream);
    await synced();
    if (signal?.aborted) throw stopped();
    commit(temp, target);
  } catch (error) {
    await destroyed(stream);
    await synced();
    rmSync(temp, { force: true });
    throw signal?.aborted ? stopped() : error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
