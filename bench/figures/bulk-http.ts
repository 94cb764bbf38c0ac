/**
 * Bulk capture over HTTP: `merchant orders capture --from … --backend kustom` against the fake Kustom server
 * (test/helpers/fake-kustom, 127.0.0.1 only) with 20 ms latency per request and concurrency 16.
 *   - unlimited: requests/s against the bound 16 / 20 ms = 800 req/s (target ≥ 85 %), and orders/s against
 *     a sequential `curl` loop sending the same requests (GET the order, POST the capture) (target ≥ 15×), and the requests per
 *     order the fake served (target ≤ 2.2: the plan's GET and the POST);
 *   - the same over five times the orders, once, as context: how much of the ratio is the command's start;
 *   - limited to 100 req/s (429 + rate-limit headers past it): accepted requests/s against the limit
 *     (target ≥ 90 %) and no row failed.
 * Each measured run gets freshly seeded orders (a captured order would only be skipped).
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FAKE_API_KEY, startFakeKustom, type FakeKustom } from '../../test/helpers/fake-kustom/index.js';
import { sized, type Figure, type FigureResult } from '../figure.js';
import { median, timeProcess } from '../measure.js';
import { benchEnv, benchHome } from '../support/cli.js';
import { startMinimalHttpServer, type MinimalHttpServer } from '../support/minimal-http-server.js';

const LATENCY_MS = 20;
const CONCURRENCY = 16;
const BOUND = CONCURRENCY / (LATENCY_MS / 1000);
const LIMIT = 100;
const CURL = '/usr/bin/curl';

interface CaptureRun {
  ms: number;
  requests: number;
  accepted: number;
  limited: number;
  rowsFailed: number;
  exitCode: number | null;
  peakRssMb: number | null;
  stderr: string;
  /** From the command's start to the fake's first request (start-up, reading the input, opening stores). */
  firstRequestMs: number | null;
  /** Requests per second from the fake's first request to its last: the run without its start-up and exit. */
  steadyRate: number | null;
}

/** `shared/reference/openapi` beside the checkout or beside any folder above it (worktrees sit deeper). */
function openapiDir(projectRoot: string): string | undefined {
  for (let dir = projectRoot; ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'reference', 'openapi');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function seedOrders(fake: FakeKustom, count: number): string[] {
  return Array.from({ length: count }, () => fake.seedOrder({ order_amount: 10_000 }));
}

async function captureWithMerchant(bin: string, fake: FakeKustom, ids: string[]): Promise<CaptureRun> {
  const home = benchHome();
  const file = join(home, 'orders.csv');
  writeFileSync(file, `order_id\n${ids.join('\n')}\n`);
  const env = benchEnv(home, { MERCHANT_API_KEY: DEFAULT_FAKE_API_KEY });
  const before = fake.requests.length;
  const started = Date.now();
  const run = await timeProcess(
    process.execPath,
    [bin, 'orders', 'capture', '--from', file, '--backend', 'kustom', '--base-url', fake.url, '--concurrency', String(CONCURRENCY), '--yes', '--json'],
    { env, useGnuTime: true },
  );
  const seen = fake.requests.slice(before);
  // The recorded list would otherwise grow with every run; the figures only need this run's slice.
  fake.requests.length = 0;
  const failed = /failed (\d+)/.exec(run.stderr);
  const first = seen[0]?.at;
  const last = seen.at(-1)?.at;
  const span = first !== undefined && last !== undefined ? last - first : 0;
  return {
    firstRequestMs: first === undefined ? null : first - started,
    steadyRate: span > 0 ? (seen.length - 1) / (span / 1000) : null,
    ms: run.ms,
    requests: seen.length,
    accepted: seen.filter((r) => r.status !== 429).length,
    limited: seen.filter((r) => r.status === 429).length,
    rowsFailed: failed ? Number(failed[1]) : run.exitCode === 0 ? 0 : ids.length,
    exitCode: run.exitCode,
    peakRssMb: run.peakRssMb,
    stderr: run.stderr,
  };
}

/** The baseline: a shell loop running curl once per request, one after the other (GET, then POST capture). */
async function captureWithCurl(fake: FakeKustom, ids: string[]): Promise<number> {
  const home = benchHome();
  const file = join(home, 'ids.txt');
  writeFileSync(file, `${ids.join('\n')}\n`);
  const script = [
    'while read -r id; do',
    `  ${CURL} -sf -o /dev/null -H "Authorization: Basic $KEY" "$BASE/ordermanagement/v1/orders/$id" || exit 1`,
    `  ${CURL} -sf -o /dev/null -X POST -H "Authorization: Basic $KEY" -H 'Content-Type: application/json' -H "Klarna-Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" --data '{"captured_amount":10000}' "$BASE/ordermanagement/v1/orders/$id/captures" || exit 1`,
    `done < "${file}"`,
  ].join('\n');
  const run = await timeProcess('/bin/bash', ['-c', script], { env: { ...process.env, KEY: DEFAULT_FAKE_API_KEY, BASE: fake.url } });
  fake.requests.length = 0;
  if (run.exitCode !== 0) throw new Error(`the curl loop failed (exit ${String(run.exitCode)}): ${run.stderr.slice(-500)}`);
  return run.ms;
}

/** Bare undici GETs at the same concurrency: what this machine and the fake allow at best (see raw-http.ts). */
async function rawCeiling(fake: FakeKustom, ids: string[]): Promise<number> {
  const rate = await rawLoop(fake.url, ids);
  fake.requests.length = 0;
  return rate;
}

/** The same bare loop against the minimal server (see minimal-http-server.ts): the machine without the fake. */
function minimalCeiling(server: MinimalHttpServer, count: number): Promise<number> {
  return rawLoop(server.url, Array.from({ length: count }, (_, i) => `order-${i}`));
}

async function rawLoop(url: string, ids: string[]): Promise<number> {
  const script = fileURLToPath(new URL('../support/raw-http.js', import.meta.url));
  const child = spawn(process.execPath, [script, url, DEFAULT_FAKE_API_KEY, String(CONCURRENCY), ...ids], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`raw-http exited ${String(code)}`);
  const { requests, ms } = JSON.parse(out) as { requests: number; ms: number };
  return requests / (ms / 1000);
}

function unavailable(stderr: string): boolean {
  return /backend is not available/.test(stderr);
}

export const bulkHttpFigure: Figure = async (options) => {
  const { quick, bin, projectRoot, log } = options;
  const orders = sized(options, 20, 2_000);
  const curlOrders = sized(options, 5, 200);
  const runs = quick ? 1 : 3;
  const dir = openapiDir(projectRoot);
  const fake = await startFakeKustom({ latencyMs: LATENCY_MS, ...(dir ? { openapiDir: dir } : {}) });
  const minimal = await startMinimalHttpServer(LATENCY_MS);
  const results: FigureResult[] = [];
  try {
    // Unlimited: merchant and the curl loop interleaved.
    const rates: number[] = [];
    const orderRates: number[] = [];
    const curlRates: number[] = [];
    const rawRates: number[] = [];
    const minimalRates: number[] = [];
    const rss: number[] = [];
    const perOrder: number[] = [];
    const steadyRates: number[] = [];
    const firstRequests: number[] = [];
    let missing = false;
    for (let i = 0; i < runs; i++) {
      const run = await captureWithMerchant(bin, fake, seedOrders(fake, orders));
      if (run.exitCode !== 0) {
        if (unavailable(run.stderr)) {
          missing = true;
          log(`bulk-http: the kustom backend is not in this build: ${run.stderr.trim().split('\n')[0] ?? ''}`);
          break;
        }
        throw new Error(`bulk capture (kustom) exited ${String(run.exitCode)}: ${run.stderr.slice(-1500)}`);
      }
      rates.push(run.requests / (run.ms / 1000));
      perOrder.push(run.requests / orders);
      if (run.steadyRate !== null) steadyRates.push(run.steadyRate);
      if (run.firstRequestMs !== null) firstRequests.push(run.firstRequestMs);
      orderRates.push(orders / (run.ms / 1000));
      if (run.peakRssMb !== null) rss.push(run.peakRssMb);
      const curlMs = await captureWithCurl(fake, seedOrders(fake, curlOrders));
      curlRates.push(curlOrders / (curlMs / 1000));
      rawRates.push(await rawCeiling(fake, seedOrders(fake, orders)));
      minimalRates.push(await minimalCeiling(minimal, orders));
      log(`bulk-http: ${orders} orders, ${run.requests} requests in ${(run.ms / 1000).toFixed(2)} s; curl loop ${curlOrders} orders in ${(curlMs / 1000).toFixed(2)} s`);
    }
    if (missing) {
      // Still measure the baseline so the row says what the figure will be compared against.
      const curlMs = await captureWithCurl(fake, seedOrders(fake, curlOrders));
      const curlRate = curlOrders / (curlMs / 1000);
      results.push({
        figure: `bulk capture over HTTP, ${orders} orders (kustom backend NOT AVAILABLE in this build)`,
        value: 0,
        unit: 'orders/s',
        baseline: { label: 'sequential curl loop', value: curlRate, unit: 'orders/s' },
        ratio: null,
        target: `≥ 0.85× ${BOUND} req/s; ≥ 15× curl loop`,
        met: null,
        peakRssMb: null,
        runs: 0,
        notes: 'the kustom backend is not merged into this branch yet; only the baseline was measured',
      });
      return results;
    }
    const rate = median(rates);
    const orderRate = median(orderRates);
    const curlRate = median(curlRates);
    const raw = median(rawRates);
    const floor = median(minimalRates);
    log(`bulk-http: raw undici ceiling ${raw.toFixed(0)} req/s at concurrency ${CONCURRENCY}; against a minimal server ${floor.toFixed(0)} req/s`);
    const peak = rss.length ? Math.max(...rss) : null;
    results.push(
      {
        figure: `bulk capture over HTTP, ${orders} orders, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}`,
        value: rate,
        unit: 'req/s',
        baseline: { label: `bound ${CONCURRENCY}/${LATENCY_MS} ms`, value: BOUND, unit: 'req/s' },
        ratio: rate / BOUND,
        target: '≥ 0.85× bound',
        met: quick ? null : rate / BOUND >= 0.85,
        peakRssMb: peak,
        runs,
        notes: 'requests the fake served ÷ wall time of the whole command, start-up included',
      },
      {
        figure: `bulk capture over HTTP, ${orders} orders, requests per order`,
        value: median(perOrder),
        unit: 'req/order',
        baseline: { label: 'a curl loop (GET, POST)', value: 2, unit: 'req/order' },
        ratio: median(perOrder) / 2,
        target: '≤ 2.2 per order',
        met: quick ? null : median(perOrder) <= 2.2,
        peakRssMb: peak,
        runs,
        notes: 'the plan reads each order; the capture POST trusts the 201 (Capture-Id) and reuses the plan\'s snapshot',
      },
      {
        figure: `bulk capture over HTTP, ${orders} orders, vs this machine's ceiling`,
        value: rate,
        unit: 'req/s',
        baseline: { label: `bare undici GET loop, concurrency ${CONCURRENCY}`, value: raw, unit: 'req/s' },
        ratio: rate / raw,
        target: '(context: the best any client reaches here)',
        met: null,
        peakRssMb: peak,
        runs,
        notes: 'the same fake and latency, a bare request loop with nothing else to do',
      },
      {
        figure: `bulk capture over HTTP, ${orders} orders, first to last request (start-up and exit left out)`,
        value: steadyRates.length ? median(steadyRates) : 0,
        unit: 'req/s',
        baseline: { label: `bare undici GET loop, concurrency ${CONCURRENCY}`, value: raw, unit: 'req/s' },
        ratio: steadyRates.length ? median(steadyRates) / raw : null,
        target: '(context: the same span as the bare loop measures)',
        met: null,
        peakRssMb: peak,
        runs,
        notes: `first request ${firstRequests.length ? Math.round(median(firstRequests)) : '?'} ms after the command started (median)`,
      },
      {
        figure: `this machine's ceiling: bare undici GET loop, concurrency ${CONCURRENCY}, ${LATENCY_MS} ms latency`,
        value: raw,
        unit: 'req/s',
        baseline: { label: `bound ${CONCURRENCY}/${LATENCY_MS} ms`, value: BOUND, unit: 'req/s' },
        ratio: raw / BOUND,
        target: '(context: what any client reaches here, start-up left out)',
        met: null,
        peakRssMb: null,
        runs,
        notes: 'its own process; timed from its first request to its last, so without a command\'s start-up',
      },
      {
        figure: `this machine's ceiling without the fake: bare undici GET loop, concurrency ${CONCURRENCY}, minimal node:http server, ${LATENCY_MS} ms latency`,
        value: floor,
        unit: 'req/s',
        baseline: { label: `bound ${CONCURRENCY}/${LATENCY_MS} ms`, value: BOUND, unit: 'req/s' },
        ratio: floor / BOUND,
        target: '(context: what this machine allows any client and server, start-up left out)',
        met: null,
        peakRssMb: null,
        runs,
        notes: `the server answers 200 {} after ${LATENCY_MS} ms and does nothing else (no OpenAPI, no state); the same loop against the fake reaches ${(raw / floor).toFixed(2)}× of it`,
      },
      {
        figure: `bulk capture over HTTP, ${orders} orders, vs curl loop`,
        value: orderRate,
        unit: 'orders/s',
        baseline: { label: `sequential curl loop (${curlOrders} orders)`, value: curlRate, unit: 'orders/s' },
        ratio: orderRate / curlRate,
        target: '≥ 15× baseline',
        met: quick ? null : orderRate / curlRate >= 15,
        peakRssMb: peak,
        runs,
        notes: 'the curl loop sends the same two requests per order, one process per request',
      },
    );

    // The same command over five times the orders, once: start-up and exit are a fixed cost, so this says
    // how much of the ratio above is the command's start rather than its requests.
    const longer = orders * 5;
    const long = await captureWithMerchant(bin, fake, seedOrders(fake, longer));
    if (long.exitCode !== 0) throw new Error(`bulk capture (kustom, ${longer} orders) exited ${String(long.exitCode)}: ${long.stderr.slice(-1500)}`);
    const longRate = long.requests / (long.ms / 1000);
    log(`bulk-http: ${longer} orders, ${long.requests} requests in ${(long.ms / 1000).toFixed(2)} s`);
    results.push({
      figure: `bulk capture over HTTP, ${longer} orders, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}`,
      value: longRate,
      unit: 'req/s',
      baseline: { label: `bound ${CONCURRENCY}/${LATENCY_MS} ms`, value: BOUND, unit: 'req/s' },
      ratio: longRate / BOUND,
      target: '(context: the same target over a longer run)',
      met: null,
      peakRssMb: long.peakRssMb,
      runs: 1,
      notes: `start-up included, as above; first request ${long.firstRequestMs ?? '?'} ms after the command started`,
    });

    // Rate limited: 100 requests/s, 429 + rate-limit headers past it.
    fake.configure({ rateLimitPerSecond: LIMIT });
    const limitedRates: number[] = [];
    const limitedRss: number[] = [];
    let failedRows = 0;
    let refused = 0;
    const limitedRuns = quick ? 1 : 3;
    for (let i = 0; i < limitedRuns; i++) {
      const run = await captureWithMerchant(bin, fake, seedOrders(fake, orders));
      failedRows += run.exitCode === 0 ? run.rowsFailed : Math.max(run.rowsFailed, 1);
      refused += run.limited;
      limitedRates.push(run.accepted / (run.ms / 1000));
      if (run.peakRssMb !== null) limitedRss.push(run.peakRssMb);
      log(`bulk-http (limited): ${run.accepted} accepted, ${run.limited} answered 429, in ${(run.ms / 1000).toFixed(2)} s, exit ${String(run.exitCode)}`);
    }
    const limited = median(limitedRates);
    results.push({
      figure: `bulk capture over HTTP, ${orders} orders, server limit ${LIMIT} req/s`,
      value: limited,
      unit: 'req/s',
      baseline: { label: 'the limit', value: LIMIT, unit: 'req/s' },
      ratio: limited / LIMIT,
      target: '≥ 0.90× limit, no row failed',
      met: quick ? null : limited / LIMIT >= 0.9 && failedRows === 0,
      peakRssMb: limitedRss.length ? Math.max(...limitedRss) : null,
      runs: limitedRuns,
      notes: `accepted (non-429) requests ÷ wall time; rows failed over all runs: ${failedRows}; 429 answers: ${refused}`,
    });
    return results;
  } finally {
    await minimal.close();
    await fake.close();
  }
};
