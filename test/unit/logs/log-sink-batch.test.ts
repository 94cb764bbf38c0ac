import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogSink } from '../../../src/logs/log-sink.js';
import { openLogStore } from '../../../src/logs/log-store.js';

const entry = (n: number) => ({
  kind: 'call' as const,
  backend: 'sandbox',
  store: 'se-demo',
  operation: `orders.get.${n}`,
  method: null,
  path: null,
  status: null,
  outcome: 'ok',
  duration_ms: 1,
  correlation_id: null,
  idempotency_key: null,
  order_id: null,
  link_id: null,
  request: null,
  response: null,
  error: null,
});

describe('log sink batching', () => {
  it('writes every entry by the time the sink is closed, in order', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'merchant-logs-')), 'logs.db');
    const sink = createLogSink({ file, clock: { now: () => new Date('2026-11-25T12:00:00Z') }, backend: 'sandbox' });
    for (let i = 0; i < 450; i++) sink.record(entry(i));
    await sink.close();
    const store = openLogStore(file);
    const rows = store.query({ limit: 1000 });
    store.close();
    expect(rows.map((r) => r.operation)).toEqual(Array.from({ length: 450 }, (_, i) => `orders.get.${i}`));
  });

  it('flushes a full batch without waiting for close', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'merchant-logs-')), 'logs.db');
    const sink = createLogSink({ file, clock: { now: () => new Date('2026-11-25T12:00:00Z') }, backend: 'sandbox' });
    for (let i = 0; i < 200; i++) sink.record(entry(i));
    const store = openLogStore(file);
    expect(store.query({ limit: 1000 })).toHaveLength(200);
    store.close();
    await sink.close();
  });
});

describe('log sink at the end of the process', () => {
  const tempLog = () => join(mkdtempSync(join(tmpdir(), 'merchant-logs-')), 'logs.db');

  it('leaves a small log open for the exit: its entries are committed to the WAL, which is not checkpointed away', async () => {
    const file = tempLog();
    const sink = createLogSink({ file, clock: { now: () => new Date('2026-11-25T12:00:00Z') }, backend: 'sandbox' });
    for (let i = 0; i < 7; i++) sink.record(entry(i));
    await sink.close({ processEnding: true });
    // Closed, the last connection would have checkpointed the WAL and removed it.
    expect(existsSync(`${file}-wal`)).toBe(true);
    const store = openLogStore(file);
    expect(store.query({ limit: 100 }).map((r) => r.operation)).toEqual(Array.from({ length: 7 }, (_, i) => `orders.get.${i}`));
    store.close();
  });

  it('closes a log whose WAL is large (a long run), as an ordinary close does', async () => {
    const file = tempLog();
    const sink = createLogSink({ file, clock: { now: () => new Date('2026-11-25T12:00:00Z') }, backend: 'sandbox' });
    for (let i = 0; i < 400; i++) sink.record({ ...entry(i), request: JSON.stringify('x'.repeat(4000)) });
    await sink.close({ processEnding: true });
    expect(existsSync(`${file}-wal`)).toBe(false);
    const store = openLogStore(file);
    expect(store.query({ limit: 1000 })).toHaveLength(400);
    store.close();
  });

  it('an ordinary close checkpoints and removes the WAL', async () => {
    const file = tempLog();
    const sink = createLogSink({ file, clock: { now: () => new Date('2026-11-25T12:00:00Z') }, backend: 'sandbox' });
    sink.record(entry(0));
    await sink.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
