/**
 * The HTTP figures' ceiling on this machine: the same fake server answered by a bare undici loop (GET each
 * order, `concurrency` in flight, nothing else), run as its own process like the CLI. The gap between this
 * and 16/20 ms is the fake server's and the machine's own overhead, which no client can go below.
 * Usage: node raw-http.js <base-url> <key> <concurrency> <order-id>...   Prints JSON { requests, ms }.
 */
import { request } from 'undici';

async function main(): Promise<void> {
  const [base, key, concurrencyArg, ...ids] = process.argv.slice(2);
  if (!base || !key || !concurrencyArg) throw new Error('usage: raw-http <base-url> <key> <concurrency> <order-id>...');
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: Number(concurrencyArg) }, async () => {
      while (next < ids.length) {
        const id = ids[next++] as string;
        const res = await request(`${base}/ordermanagement/v1/orders/${id}`, { headers: { authorization: `Basic ${key}` } });
        await res.body.text();
        if (res.statusCode !== 200) throw new Error(`GET ${id}: ${res.statusCode}`);
      }
    }),
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${JSON.stringify({ requests: ids.length, ms })}\n`);
}

await main();
