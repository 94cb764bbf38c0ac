/**
 * A once-only stream kept in a private file: everything it gave, in a 0600 file in a 0700 folder named by
 * the process; removed when asked (twice is harmless), when writing it fails, and by the next spool once
 * its process is gone. Lines are then read from it
 * a chunk at a time as the whole text would split them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { streamTextLines } from '../../../src/infra/csv-read.js';
import { spoolStream } from '../../../src/infra/stream-spool.js';
import { tempHome } from '../../helpers/run-cli.js';

const collect = async (lines: AsyncIterable<string>): Promise<string[]> => {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

describe('spoolStream', () => {
  it('keeps every byte in a private file named by the process, until removed', async () => {
    const dir = join(tempHome(), 'runs');
    const chunks = [Buffer.from('order_id\n'), 'A-1\n', Buffer.from([0xc3, 0xa5, 0x0a])];
    const spooled = await spoolStream(Readable.from(chunks), dir, 'stdin');
    expect(readFileSync(spooled.path)).toEqual(Buffer.concat([Buffer.from('order_id\nA-1\n'), Buffer.from([0xc3, 0xa5, 0x0a])]));
    expect(statSync(spooled.path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const [folder] = readdirSync(dir);
    expect(folder).toMatch(new RegExp(`^${process.pid}-stdin-`));
    expect(statSync(join(dir, folder!)).mode & 0o777).toBe(0o700);
    spooled.remove();
    spooled.remove();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes the folders a dead process left (killed outright), and keeps a live one\'s', async () => {
    const dir = join(tempHome(), 'runs');
    mkdirSync(join(dir, '999999999-stdin-abc'), { recursive: true });
    mkdirSync(join(dir, '1-stdin-def'), { recursive: true });
    const spooled = await spoolStream(Readable.from(['x']), dir, 'stdin');
    expect(existsSync(join(dir, '999999999-stdin-abc'))).toBe(false);
    // pid 1 always runs.
    expect(existsSync(join(dir, '1-stdin-def'))).toBe(true);
    spooled.remove();
  });

  it('a stream that fails part way leaves nothing behind and says why', async () => {
    const dir = join(tempHome(), 'runs');
    const failing = new Readable({
      read() {
        this.push('A-1\n');
        this.destroy(new Error('the pipe broke'));
      },
    });
    await expect(spoolStream(failing, dir, 'stdin')).rejects.toThrow('the pipe broke');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an empty stream is an empty file', async () => {
    const spooled = await spoolStream(Readable.from([]), join(tempHome(), 'runs'), 'stdin');
    expect(readFileSync(spooled.path, 'utf8')).toBe('');
    spooled.remove();
    expect(existsSync(spooled.path)).toBe(false);
  });
});

describe('streamTextLines', () => {
  it('gives the lines the whole text splits into, whatever the chunks cut (LF, CRLF, no final line end)', async () => {
    const file = join(tempHome(), 'lines.txt');
    // Longer than one 64 KiB chunk, with CRLFs across the chunk boundaries somewhere.
    const lines = Array.from({ length: 20_001 }, (_, i) => (i % 7 === 0 ? '' : `ORDER-${i}`));
    for (const end of ['\n', '\r\n']) {
      for (const final of [end, '']) {
        const text = lines.join(end) + final;
        writeFileSync(file, text);
        const expected = text.split(/\r?\n/);
        // The empty piece after a final line end is no line.
        if (expected.at(-1) === '') expected.pop();
        expect(await collect(streamTextLines(file, 'stdin'))).toEqual(expected);
      }
    }
  });

  it('decodes as a file is decoded (a BOM dropped, UTF-16) and refuses bytes that are not text, naming `name`', async () => {
    const file = join(tempHome(), 'lines.txt');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A-1\r\nÅ-2\r\n', 'utf16le')]));
    expect(await collect(streamTextLines(file, 'stdin'))).toEqual(['A-1', 'Å-2']);
    writeFileSync(file, Buffer.from([0x41, 0x0a, 0xc3, 0x28, 0x0a]));
    await expect(collect(streamTextLines(file, 'stdin', 'stdin'))).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/^stdin: is not valid UTF-8 text/) });
  });
});
