/**
 * Writes a file so that readers only ever see the old content or the complete new content: data goes to
 * a temporary file in the same directory (same file system, so the rename is atomic), which is renamed
 * over the target only after everything was written and flushed. On failure, or when `signal` is aborted
 * (SIGINT/SIGTERM) before the write completes, the temporary file is removed and the target is untouched;
 * a process killed outright leaves at most a `.…tmp` file beside it.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CancelledError } from '../../errors.js';

export async function writeAtomically(target: string, write: (stream: WriteStream) => Promise<void>, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw stoppedBefore(target);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const stream = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
  // Destroying the stream fails the writer's pipeline, which lands in the catch below.
  const onAbort = (): void => void stream.destroy(stoppedBefore(target));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await write(stream);
    if (signal?.aborted) throw stoppedBefore(target);
    await rename(temp, target);
  } catch (error) {
    stream.destroy();
    await rm(temp, { force: true });
    throw signal?.aborted ? stoppedBefore(target) : error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

function stoppedBefore(target: string): CancelledError {
  return new CancelledError(`Stopped before the export was complete: nothing was written to ${target}.`);
}
