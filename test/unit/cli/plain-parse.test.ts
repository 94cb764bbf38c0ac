/**
 * `orders capture` reads its command line without zod (CommandSpec.plainParse). Whatever it accepts, the
 * schema accepts and turns into the same input; whatever the schema refuses, it leaves to the schema, so
 * the messages stay the schema's.
 */
import { describe, expect, it } from 'vitest';
import { ordersCapture } from '../../../src/cli/commands/orders/capture.js';
import { z } from '../../../src/infra/zod-api.js';

const schema = ordersCapture.spec.schema(z);
const plain = (raw: Record<string, unknown>): unknown => ordersCapture.spec.plainParse?.(raw);

const accepted: Record<string, unknown>[] = [
  { concurrency: 8 },
  { concurrency: '16', from: 'o.csv', yes: true, json: true },
  { concurrency: '64', orders: ['a', 'b', '-'], store: 'se-demo', results: 'r.csv', verbose: true, csv: true },
  { concurrency: '1', orders: ['6f1e'], line: ['SKU-1:2', 'SKU-2'], amount: '12.50', reference: 'R', description: 'D', carrier: 'PostNord', trackingNumber: '1', trackingUrl: 'https://t', another: true },
  { concurrency: '8', apply: 'plan.json', planOut: 'p.json', orders: [] },
  { concurrency: '8', json: false, yes: undefined },
];

const refused: Record<string, unknown>[] = [
  { concurrency: '0' },
  { concurrency: '65' },
  { concurrency: '-1' },
  { concurrency: '8.0' },
  { concurrency: '1e1' },
  { concurrency: ' 8' },
  { concurrency: '' },
  { concurrency: 'eight' },
  { concurrency: '9'.repeat(60) },
  {},
  { concurrency: '8', from: 3 },
  { concurrency: '8', yes: 'yes' },
  { concurrency: '8', line: 'SKU-1' },
  { concurrency: '8', line: ['SKU-1', 2] },
  { concurrency: '8', orders: 'a' },
  { concurrency: '8', orders: [1] },
];

describe('orders capture without zod', () => {
  it.each(accepted)('gives what the schema gives: %j', (raw) => {
    const parsed = schema.safeParse(raw);
    expect(parsed.success).toBe(true);
    expect(plain(raw)).toEqual(parsed.data);
  });

  it.each(refused)('leaves to the schema what it refuses: %j', (raw) => {
    expect(schema.safeParse(raw).success).toBe(false);
    expect(plain(raw)).toBeUndefined();
  });

  it('leaves out keys the schema does not know, as the schema does', () => {
    const raw = { concurrency: '8', somethingElse: 'x' };
    expect(plain(raw)).toEqual(schema.parse(raw));
    expect(plain(raw)).not.toHaveProperty('somethingElse');
  });
});
