/**
 * Writes a file so that readers only ever see the old content or the complete new content: data goes to
 * a temporary file in the same directory (same file system, so the rename is atomic), which is renamed
 * over the target only after everything was written and flushed. On failure the temporary file is
 * removed and the target is untouched; a process killed outright leaves at most a `.…tmp` file beside it.
 */
import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeAtomically(target: string, write: (stream: WriteStream) => Promise<void>): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const stream = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
  // Ctrl-C or a TERM mid-export: remove the partial temporary file, then end as the signal would have.
  const onSignal = (signal: NodeJS.Signals) => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stream.destroy();
    rmSync(temp, { force: true });
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await write(stream);
    await rename(temp, target);
  } catch (error) {
    stream.destroy();
    await rm(temp, { force: true });
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
