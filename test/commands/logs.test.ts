import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { createLogSink } from '../../src/logs/log-sink.js';
import { openLogStore } from '../../src/logs/log-store.js';
import { withLogging } from '../../src/backends/logging-backend.js';
import { resolvePaths } from '../../src/config/paths.js';
import { followLogs } from '../../src/services/logs/query-logs.js';
import type { Backend } from '../../src/backends/backend.js';
import { AuthError } from '../../src/errors.js';

interface Entry {
  operation: string;
  store: string | null;
  outcome: string;
  duration_ms: number;
  order_id: string | null;
  idempotency_key: string | null;
  request: unknown;
  time: string;
}

describe('merchant logs', () => {
  it('records every backend call with store, operation, outcome and duration', async () => {
    const home = tempHome();
    await runCli(['stores', 'configure', 'se-demo', '--name', 'Renamed'], { home });
    await runCli(['stores', 'show', 'nope'], { home });
    const r = await runCli(['logs', '--json'], { home });
    expect(r.exitCode).toBe(0);
    const entries = r.json<Entry[]>();
    expect(entries.map((e) => [e.operation, e.store, e.outcome])).toEqual([
      ['stores.get', 'se-demo', 'ok'],
      ['stores.update', 'se-demo', 'ok'],
      ['stores.get', 'nope', 'not_found'],
    ]);
    expect(Object.keys(entries[0] ?? {})).toEqual([
      'id', 'time', 'kind', 'backend', 'store', 'operation', 'method', 'path', 'status', 'outcome', 'duration_ms',
      'correlation_id', 'idempotency_key', 'order_id', 'link_id', 'request', 'response', 'error', 'attempt', 'host', 'os_user',
    ]);
    expect(entries[1]?.request).toEqual(['se-demo', { name: 'Renamed' }]);
  });

  it('filters by operation, status and time, and rejects a bad time', async () => {
    const home = tempHome();
    const t0 = new Date('2026-03-01T10:00:00Z');
    await runCli(['stores', 'show', 'se-demo'], { home, clock: { now: () => t0 } });
    await runCli(['stores', 'show', 'nope'], { home, clock: { now: () => new Date(t0.getTime() + 3_600_000) } });
    await runCli(['stores', 'list'], { home, clock: { now: () => new Date(t0.getTime() + 7_200_000) } });
    const ops = async (args: string[]) =>
      (await runCli(['logs', '--json', ...args], { home, clock: { now: () => new Date(t0.getTime() + 7_300_000) } })).json<Entry[]>().map((e) => e.operation);
    expect(await ops(['--status', 'error'])).toEqual(['stores.get']);
    expect(await ops(['--status', 'not_found'])).toEqual(['stores.get']);
    expect(await ops(['--status', 'ok'])).toEqual(['stores.get', 'stores.list']);
    expect(await ops(['--operation', 'stores.list'])).toEqual(['stores.list']);
    expect(await ops(['--operation', 'stores'])).toHaveLength(3);
    expect(await ops(['--since', '30m'])).toEqual(['stores.list']);
    expect(await ops(['--since', '90m'])).toEqual(['stores.get', 'stores.list']);
    expect(await ops(['--until', '2026-03-01T10:30:00Z'])).toEqual(['stores.get']);
    expect(await ops(['--limit', '1'])).toEqual(['stores.list']);
    const bad = await runCli(['logs', '--since', 'last tuesday'], { home });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('since: must be an ISO date/time or a duration');
    const plain = await runCli(['logs'], { home });
    expect(plain.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('keeps 30 days: older entries are pruned when the log is written', async () => {
    const home = tempHome();
    const t0 = new Date('2026-01-01T00:00:00Z');
    await runCli(['stores', 'list'], { home, clock: { now: () => t0 } });
    await runCli(['stores', 'list'], { home, clock: { now: () => new Date(t0.getTime() + 29 * 86_400_000) } });
    const later = new Date(t0.getTime() + 31 * 86_400_000);
    await runCli(['stores', 'list'], { home, clock: { now: () => later } });
    const times = (await runCli(['logs', '--json'], { home, clock: { now: () => later } })).json<Entry[]>().map((e) => e.time.slice(0, 10));
    expect(times).toEqual(['2026-01-30', '2026-02-01']);
  });

  it('--debug prints the same redacted entries to stderr', async () => {
    const r = await runCli(['stores', 'show', 'se-demo', '--debug']);
    expect(r.stderr).toMatch(/debug: \S+ stores\.get ok \d+ms store=se-demo request=\["se-demo"\]/);
  });
});

describe('log sink and logging backend', () => {
  it('logs HTTP exchanges from the client observer, redacted, with order IDs from the path', async () => {
    const home = mkdtempSync(join(tmpdir(), 'merchant-logs-'));
    const file = join(home, 'logs.db');
    const debug: string[] = [];
    const sink = createLogSink({ file, clock: { now: () => new Date() }, backend: 'kustom', debug: (l) => debug.push(l) });
    sink.observeHttp({
      method: 'post',
      url: 'https://api.playground.kustom.co/ordermanagement/v1/orders/ord-1/captures?x=1',
      status: 401,
      durationMs: 12.4,
      requestHeaders: { Authorization: 'Basic kco_test_api_FAKEnotAREALkey0000abcd' },
      requestBody: { captured_amount: 100, shipping_info: [{ email: 'x.y@z.se' }], api_key: 'kco_test_api_FAKEnotAREALkey0000abcd' },
      responseBody: { error_code: 'UNAUTHORIZED', correlation_id: 'c-1' },
      correlationId: 'c-1',
      idempotencyKey: 'cap:ord-1:1',
    });
    await sink.close();
    const store = openLogStore(file);
    const [e] = store.query({});
    store.close();
    expect(e).toMatchObject({ kind: 'http', method: 'POST', path: '/ordermanagement/v1/orders/ord-1/captures?x=1', status: 401, outcome: 'http_401', duration_ms: 12, order_id: 'ord-1', correlation_id: 'c-1', idempotency_key: 'cap:ord-1:1' });
    expect(e?.request).not.toContain('AbCdEfGh');
    expect(e?.request).toContain('x***@z.se');
    expect(debug.join('\n')).not.toContain('AbCdEfGh');
  });

  it('wraps every async method of every part, passing results and errors through', async () => {
    const home = mkdtempSync(join(tmpdir(), 'merchant-logs-'));
    const file = join(home, 'logs.db');
    const fake = {
      name: 'fake',
      capabilities: new Set(),
      clock: { now: () => new Date() },
      stores: {},
      orders: {
        async capture(orderId: string, input: { amount: number }, opts: { idempotencyKey: string }) {
          return { capture_id: 'cap-1', orderId, input, opts };
        },
        async cancel() {
          throw new AuthError('no');
        },
        async *stream() {
          yield 1;
        },
      },
      close: async () => undefined,
    } as unknown as Backend;
    const sink = createLogSink({ file, clock: { now: () => new Date() }, backend: 'fake' });
    let calls = 0;
    const logged = withLogging(fake, sink, { onCall: () => calls++ }) as unknown as { orders: Record<string, (...a: unknown[]) => unknown>; name: string };
    expect(logged.name).toBe('fake');
    await expect(logged.orders['capture']?.('ord-9', { amount: 5 }, { idempotencyKey: 'k-1' })).resolves.toMatchObject({ capture_id: 'cap-1' });
    await expect(logged.orders['cancel']?.('ord-9')).rejects.toThrow('no');
    const items: unknown[] = [];
    for await (const i of logged.orders['stream']?.() as AsyncIterable<unknown>) items.push(i);
    expect(items).toEqual([1]);
    await sink.close();
    const store = openLogStore(file);
    const rows = store.query({});
    store.close();
    expect(calls).toBe(3);
    expect(rows.map((r) => [r.operation, r.outcome, r.order_id, r.idempotency_key])).toEqual([
      ['orders.capture', 'ok', 'ord-9', 'k-1'],
      ['orders.cancel', 'auth', 'ord-9', null],
      ['orders.stream', 'ok', null, null],
    ]);
  });

  it('follow prints new entries until stopped', async () => {
    const home = tempHome();
    const paths = resolvePaths({ MERCHANT_HOME: home });
    await runCli(['stores', 'list'], { home });
    const seen: string[] = [];
    let polls = 0;
    await followLogs({ paths }, {}, (entries) => seen.push(...entries.map((e) => e.operation)), {
      sleep: async () => {
        polls++;
        if (polls === 1) await runCli(['stores', 'show', 'se-demo'], { home });
      },
      stopped: () => polls >= 2,
    });
    expect(seen).toEqual(['stores.list', 'stores.get']);
  });
});
