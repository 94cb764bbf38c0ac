/**
 * A bulk-capture file is never held whole: it is read a chunk at a time into the same rows, row numbers
 * and problems as the one-shot reader gives (whatever its encoding, delimiter, blank lines or quoted
 * line breaks), and the plan takes rows a slice at a time, so the rows alive at once do not grow with
 * the file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandboxBackend } from '../../../../../src/backends/sandbox/sandbox-backend.js';
import { resolvePaths } from '../../../../../src/config/paths.js';
import { ValidationError } from '../../../../../src/errors.js';
import { parseCsvInput, readCsvInputFile, type BulkInput, type BulkInputRow } from '../../../../../src/services/orders/bulk/bulk-input.js';
import { buildPlan } from '../../../../../src/services/orders/bulk/bulk-plan.js';
import { RunSpool } from '../../../../../src/services/orders/bulk/run-spool.js';
import { decodeText } from '../../../../../src/infra/text-file.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'bulk-stream-'));

async function rowsOf(input: BulkInput): Promise<BulkInputRow[]> {
  const rows: BulkInputRow[] = [];
  for await (const row of input.rows) rows.push(row);
  return rows;
}

const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Buffer => Buffer.from(utf16le(text).swap16());
const utf8bom = (text: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

// Long enough to span several read chunks, with two- and three-byte characters across their edges.
const many = Array.from({ length: 3000 }, (_, i) => `ord-${i};${i % 7 === 0 ? '' : '12,50'};"Frakt\nåäö €${i}";ref-${i}`).join('\r\n');

const documents: Record<string, string> = {
  'comma, blank lines and a quoted line break': 'order_id,amount,description\n\nord-1,10,"two\nlines"\n\nord-2,x,\n  \nord-3,,y\n',
  'semicolon with decimal commas': 'order_id;amount\nord-1;12,50\nord-2;1 000,00\n',
  'tab, unknown column and a long row': 'order_id\tamount\tcolour\nord-1\t1\tred\t9\n',
  'a list of IDs, comments and a bad one': 'ord-1\n# note\n\nord 2\nord-3\n',
  'a list whose later row is wide': 'ord-1\nord-2,3\n',
  'a long list refused at an early wide row (the rest is never read)': `ord-1\nord-2,3\n${Array.from({ length: 20000 }, (_, i) => `ord-${i}`).join('\n')}\n`,
  'a header without rows': 'order_id,amount\n\n',
  'empty': '\n\n',
  'a header naming no order column': 'foo,bar\n1,2\n',
  'invalid CSV': 'order_id,description\nord-1,"open\nord-2,x\n',
  'many rows over several chunks': `order_id;amount;description;capture_reference\r\n${many}\r\n`,
};

const encodings: Record<string, (text: string) => Buffer> = { 'UTF-8': (t) => Buffer.from(t, 'utf8'), 'UTF-8 with BOM': utf8bom, 'UTF-16 LE': utf16le, 'UTF-16 BE': utf16be };

async function outcome(read: () => Promise<BulkInput>): Promise<unknown> {
  try {
    const input = await read();
    // Every problem is known before a row is taken (reading the rows again finds the same ones).
    const issues = [...input.issues];
    return { rows: await rowsOf(input), issues };
  } catch (error) {
    if (error instanceof ValidationError) return { error: error.message, issues: error.issues, hint: error.hint };
    throw error;
  }
}

describe('a --from file read a chunk at a time', () => {
  for (const [encoding, encode] of Object.entries(encodings)) {
    for (const [name, text] of Object.entries(documents)) {
      it(`${encoding}, ${name}: the rows, numbers and problems of the one-shot reader`, async () => {
        const file = join(dir(), 'orders.csv');
        const bytes = encode(text);
        writeFileSync(file, bytes);
        const streamed = await outcome(() => readCsvInputFile(file));
        const whole = await outcome(async () => parseCsvInput(decodeText(bytes, 'from', file), file));
        expect(streamed).toEqual(whole);
      });
    }
  }

  it('a file that is not valid text is refused as the one-shot reader refuses it', async () => {
    const file = join(dir(), 'latin1.csv');
    const bytes = Buffer.concat([Buffer.from('order_id,description\nord-1,'), Buffer.from([0xe5, 0x0a])]);
    writeFileSync(file, bytes);
    const expected = (() => {
      try {
        decodeText(bytes, 'from', file);
      } catch (error) {
        return (error as Error).message;
      }
      return undefined;
    })();
    expect(expected).toBeDefined();
    await expect(readCsvInputFile(file)).rejects.toThrow(expected);
  });

  it('hands its rows over lazily: nothing is read again until the plan asks', async () => {
    const file = join(dir(), 'orders.csv');
    writeFileSync(file, 'order_id\nord-1\nord-2\n');
    const input = await readCsvInputFile(file);
    expect(Array.isArray(input.rows)).toBe(false);
    expect(await rowsOf(input)).toEqual([
      { row: 2, order: 'ord-1' },
      { row: 3, order: 'ord-2' },
    ]);
  });

  it('a file changed after it was checked adds its new problems as the plan reads it: a new bad row is refused, not dropped', async () => {
    const file = join(dir(), 'orders.csv');
    writeFileSync(file, 'order_id,amount\nord-1,1\n');
    const input = await readCsvInputFile(file);
    expect(input.issues).toEqual([]);
    writeFileSync(file, 'order_id,amount\nord-1,1\nord-2,x\n');
    expect(await rowsOf(input)).toEqual([{ row: 2, order: 'ord-1', amount: '1' }]);
    expect(input.issues).toEqual([{ field: 'row 3 amount', rule: '"x" is not an amount such as 12, 12.50 or 12,50' }]);
  });
});

describe('the plan takes its rows a slice at a time', () => {
  it('takes no row of the next slice before the previous slice is spooled', async () => {
    const home = dir();
    const backend = await createSandboxBackend({ paths: resolvePaths({ MERCHANT_HOME: home }), clock: { now: () => new Date('2026-01-15T12:00:00Z') } });
    const spool = new RunSpool(join(home, 'runs'));
    try {
      const group = backend.orders?.captureGroup ?? 1;
      const total = group * 3 + 1;
      let ahead = 0;
      async function* rows(): AsyncGenerator<BulkInputRow> {
        for (let i = 1; i <= total; i += 1) {
          ahead = Math.max(ahead, i - spool.planCount());
          yield { row: i + 1, order: `no-such-order-${i}` };
        }
      }
      const plan = buildPlan(backend, rows(), { store: 'se-demo', concurrency: 4, spool });
      await expect(plan).resolves.toBeDefined();
      expect(spool.planCount()).toBe(total);
      // At most one slice is taken but not yet planned.
      expect(ahead).toBeLessThanOrEqual(group);
      expect(ahead).toBeGreaterThan(0);
    } finally {
      spool.close();
      await backend.close();
    }
  });
});
