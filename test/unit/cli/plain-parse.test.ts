/**
 * `orders capture` reads its command line without zod (CommandSpec.plainParse). Whatever it accepts, the
 * schema accepts and turns into the same input; whatever the schema refuses, it leaves to the schema, so
 * the messages stay the schema's.
 */
import { describe, expect, it } from 'vitest';
import { ordersCapture } from '../../../src/cli/commands/orders/capture.js';
import { ordersList } from '../../../src/cli/commands/orders/list.js';
import { linksList } from '../../../src/cli/commands/links/list.js';
import { lookupCommand } from '../../../src/cli/commands/lookup/lookup.js';
import { homeStatusCommand } from '../../../src/cli/commands/status/status.js';
import { z } from '../../../src/infra/zod-api.js';
import type { CommandDefinition } from '../../../src/cli/define-command.js';

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

/**
 * The read commands a merchant types most (`lookup`, `orders list`, `links list`, `status`) are a start-up
 * and one read: they too read their command line without zod, with the same guarantee.
 */
const readCommands: { command: CommandDefinition; accepted: Record<string, unknown>[]; refused: Record<string, unknown>[] }[] = [
  {
    command: lookupCommand,
    accepted: [
      { identifier: 'anna@example.com' },
      { identifier: 'VOL-77', store: 'se-demo', limit: '5', json: true },
      { identifier: 'x', limit: '100000', json: false },
    ],
    refused: [{}, { identifier: 3 }, { identifier: 'x', limit: '0' }, { identifier: 'x', limit: '100001' }, { identifier: 'x', limit: 5 }, { identifier: 'x', store: true }, { identifier: 'x', json: 'yes' }],
  },
  {
    command: ordersList,
    accepted: [
      {},
      { search: 'anna', store: 'se-demo', limit: '20', json: true },
      { status: ['AUTHORIZED', 'CAPTURED,CLOSED'], from: '2026-11-01', to: '2026-11-30', reference: 'R', email: 'a@b.se', phone: '+46701234567', name: 'svensson', all: true, csv: true },
    ],
    refused: [{ limit: '-1' }, { limit: '1.5' }, { status: 'AUTHORIZED' }, { status: [1] }, { search: 7 }, { all: 'true' }],
  },
  {
    command: linksList,
    accepted: [{}, { store: 'se-demo', status: ['created'], from: '2026-11-01', to: '2026-11-30', reference: 'R', contact: 'a@b.se', limit: '10', all: true, csv: true }, { json: true }],
    refused: [{ limit: '0' }, { limit: 'ten' }, { status: 'created' }, { contact: 1 }, { csv: 'no' }],
  },
  {
    command: homeStatusCommand,
    accepted: [{}, { store: 'se-demo', json: true }],
    refused: [{ store: 1 }, { json: 'x' }],
  },
];

describe.each(readCommands)('$command.spec.name without zod', ({ command, accepted, refused }) => {
  const readSchema = command.spec.schema(z);
  const read = (raw: Record<string, unknown>): unknown => command.spec.plainParse?.(raw);

  it.each(accepted)('gives what the schema gives: %j', (raw) => {
    const parsed = readSchema.safeParse(raw);
    expect(parsed.success).toBe(true);
    expect(read(raw)).toStrictEqual(parsed.data);
  });

  it.each(refused)('leaves to the schema what it refuses: %j', (raw) => {
    expect(readSchema.safeParse(raw).success).toBe(false);
    expect(read(raw)).toBeUndefined();
  });

  it('leaves out keys the schema does not know', () => {
    const raw = { ...accepted[0], somethingElse: 'x' };
    expect(read(raw)).toStrictEqual(readSchema.parse(raw));
  });
});
