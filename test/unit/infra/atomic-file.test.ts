import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/errors.js';
import { writeAtomically, writeFileAtomicSync } from '../../../src/infra/atomic-file.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'atomic-'));

/** Open descriptors of this process (Linux); undefined elsewhere. */
const openFds = (): number | undefined => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : undefined);

/** `count` chunks of 1 MiB, chunk i filled with the letter i mod 26; then `error`, if given. */
async function* megabytes(count: number, error?: Error): AsyncGenerator<Buffer> {
  for (let i = 0; i < count; i++) yield Buffer.alloc(1 << 20, 97 + (i % 26));
  if (error) throw error;
}

describe('writeFileAtomicSync', () => {
  it('replaces the file and leaves no temporary file', () => {
    const dir = fresh();
    const target = join(dir, 'a.json');
    writeFileSync(target, 'old');
    writeFileAtomicSync(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('creates a private file with mode 0600 when asked', () => {
    const target = join(fresh(), 'secret.json');
    writeFileAtomicSync(target, '{}', { mode: 0o600 });
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('on failure leaves the target as it was and removes the temporary file', () => {
    const dir = fresh();
    expect(() => writeFileAtomicSync(join(dir, 'missing-folder', 'x'), 'data')).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeAtomically (streamed)', () => {
  it('writes what the writer streams', async () => {
    const target = join(fresh(), 'out.csv');
    await writeAtomically(target, async (stream) => {
      stream.end('a,b\n');
      await new Promise<void>((resolve) => stream.on('close', () => resolve()));
    });
    expect(readFileSync(target, 'utf8')).toBe('a,b\n');
  });

  it('stopped by the signal midway: the target is untouched and the temporary file gone', async () => {
    const dir = fresh();
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'old');
    const controller = new AbortController();
    const run = writeAtomically(
      target,
      (stream) =>
        new Promise<void>((resolve, reject) => {
          stream.write('partial');
          stream.on('error', reject);
          controller.abort();
          setTimeout(resolve, 50);
        }),
      { signal: controller.signal, what: 'the export' },
    );
    await expect(run).rejects.toThrow(CancelledError);
    await expect(run).rejects.toThrow(`Stopped before the export was complete: nothing was written to ${target}.`);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('a file larger than a background flush is written whole, and the descriptor used to flush it is closed', async () => {
    const dir = fresh();
    const target = join(dir, 'big.csv');
    const before = openFds();
    await writeAtomically(target, (stream) => pipeline(Readable.from(megabytes(40)), stream));
    const written = readFileSync(target);
    expect(written.length).toBe(40 << 20);
    for (let i = 0; i < 40; i++) expect(written[(i << 20) + 12_345]).toBe(97 + (i % 26));
    expect(readdirSync(dir)).toEqual(['big.csv']);
    expect(openFds()).toBe(before);
  });

  it('a writer that fails after background flushes leaves the target as it was, no temporary file and no descriptor', async () => {
    const dir = fresh();
    const target = join(dir, 'big.csv');
    writeFileSync(target, 'old');
    const before = openFds();
    await expect(writeAtomically(target, (stream) => pipeline(Readable.from(megabytes(40, new Error('read failed'))), stream))).rejects.toThrow('read failed');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['big.csv']);
    expect(openFds()).toBe(before);
  });

  it('a writer that fails before the file is even open leaves no temporary file (the pending open is waited for)', async () => {
    const dir = fresh();
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'old');
    // Synchronous failure: the stream's asynchronous open is still pending when the write is abandoned.
    await expect(writeAtomically(target, () => Promise.reject(new Error('disk vanished')))).rejects.toThrow('disk vanished');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });
});
