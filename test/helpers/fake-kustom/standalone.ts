/**
 * The fake Kustom server on its own, for trying the built binary by hand: prints its URL and API key, then
 * serves until stopped. Seed orders with `POST <url>/__fake/orders` (a JSON SeedOrder); see control.ts.
 * Built by `tsc -p tsconfig.bench.json`: `node dist-bench/test/helpers/fake-kustom/standalone.js [latencyMs]`.
 */
import { DEFAULT_FAKE_API_KEY, startFakeKustom } from './server.js';

const fake = await startFakeKustom({ latencyMs: Number(process.argv[2] ?? 0) });
process.stdout.write(`MERCHANT_BASE_URL=${fake.url}\nMERCHANT_API_KEY=${DEFAULT_FAKE_API_KEY}\n`);
const stop = (): void => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
