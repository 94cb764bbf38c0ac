/**
 * Bulk capture with the journal in a shared PostgreSQL database against the same with the journal in the
 * local SQLite file, side by side: `merchant orders capture --from … --backend kustom` of fresh orders on
 * the fake Kustom server (20 ms latency, concurrency 16). PostgreSQL runs on this machine (started like the
 * test suite's, on a loopback port in a temporary folder), so the figure measures the journal's cost, not a
 * network's. Target: ≥ 90 % of the SQLite throughput. Runs are interleaved so load drifts hit both alike.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FAKE_API_KEY, startFakeKustom, type FakeKustom } from '../../test/helpers/fake-kustom/index.js';
import { startPostgres } from '../../test/helpers/postgres-server.js';
import { sized, type Figure } from '../figure.js';
import { median, timeProcess } from '../measure.js';
import { benchEnv, benchHome, merchant } from '../support/cli.js';

const LATENCY_MS = 20;
const CONCURRENCY = 16;

async function captureRate(bin: string, fake: FakeKustom, count: number, extra: Record<string, string>): Promise<number> {
  const ids = Array.from({ length: count }, () => fake.seedOrder({ order_amount: 10_000 }));
  const home = benchHome();
  const file = join(home, 'orders.csv');
  writeFileSync(file, `order_id\n${ids.join('\n')}\n`);
  const env = benchEnv(home, { MERCHANT_API_KEY: DEFAULT_FAKE_API_KEY, ...extra });
  const run = await timeProcess(process.execPath, [bin, 'orders', 'capture', '--from', file, '--backend', 'kustom', '--base-url', fake.url, '--concurrency', String(CONCURRENCY), '--yes', '--json'], { env });
  fake.requests.length = 0;
  if (run.exitCode !== 0) throw new Error(`bulk capture exited ${String(run.exitCode)}: ${run.stderr.slice(-2000)}`);
  return count / (run.ms / 1000);
}

export const sharedJournalFigure: Figure = async (options) => {
  const { quick, bin, log } = options;
  const orders = sized(options, 40, 2_000);
  const runs = quick ? 1 : 3;
  const fake = await startFakeKustom({ latencyMs: LATENCY_MS });
  const server = await startPostgres();
  try {
    const pg: number[] = [];
    const sqlite: number[] = [];
    for (let i = 0; i < runs; i++) {
      // A fresh database per run, migrated first (never by the capture itself).
      const url = `${server.baseUrl}postgres`;
      const db = `bench_${i}`;
      await createDatabase(url, db);
      merchant(bin, ['db', 'migrate'], benchEnv(benchHome(), { MERCHANT_DATABASE_URL: `${server.baseUrl}${db}` }));
      sqlite.push(await captureRate(bin, fake, orders, {}));
      pg.push(await captureRate(bin, fake, orders, { MERCHANT_DATABASE_URL: `${server.baseUrl}${db}` }));
      log(`  run ${i + 1}: SQLite ${sqlite.at(-1)?.toFixed(0)} orders/s, PostgreSQL ${pg.at(-1)?.toFixed(0)} orders/s`);
    }
    const value = median(pg);
    const baseline = median(sqlite);
    return [
      {
        figure: `bulk capture, ${orders} orders, ${LATENCY_MS} ms latency: journal on PostgreSQL`,
        value,
        unit: 'orders/s',
        baseline: { label: 'journal on SQLite', value: baseline, unit: 'orders/s' },
        ratio: value / baseline,
        target: '≥ 0.9× SQLite',
        met: quick ? null : value / baseline >= 0.9,
        peakRssMb: null,
        runs,
        notes: 'PostgreSQL on this machine (loopback), one fresh migrated database per run',
      },
    ];
  } finally {
    server.stop();
    await fake.close();
  }
};

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}
