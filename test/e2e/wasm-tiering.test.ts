/**
 * The binary keeps WebAssembly (undici's HTTP parser) at V8's baseline tier for any ordinary command: with
 * its setting, a function that has run far past Node's default tiering budget is still baseline code, where
 * without it the same work gets the optimising compile. Both are observed with V8's own test natives in a
 * child Node (this one's version), on a small WebAssembly function that sums 1..n in a loop.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const tiering = pathToFileURL(join(import.meta.dirname, '..', '..', 'bin', 'wasm-tiering.js')).href;

// (func (export "f") (param $n i32) (result i32) (local $acc i32)
//   (block (loop (br_if 1 (i32.eqz (local.get $n)))
//     (local.set $acc (i32.add (local.get $acc) (local.get $n)))
//     (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br 0)))
//   (local.get $acc))
const SUM_MODULE = [
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x23, 0x01, 0x21, 0x01, 0x01, 0x7f, 0x02, 0x40, 0x03, 0x40, 0x20, 0x00, 0x45, 0x0d, 0x01, 0x20, 0x01, 0x20, 0x00, 0x6a, 0x21, 0x01, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x21, 0x00, 0x0c, 0x00, 0x0b, 0x0b, 0x20, 0x01, 0x0b,
];

/**
 * Runs the function ten times over a million iterations (far past Node's default budget, far short of the
 * binary's), then calls it every 20 ms until it is optimised or `waitMs` has passed. Prints the tier and
 * how long the optimising compile took to show up.
 */
const PROBE = `
const [setting, waitMs] = process.argv.slice(2);
if (setting === 'binary') (await import(${JSON.stringify(tiering)})).keepWasmAtBaselineTier();
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(${JSON.stringify(SUM_MODULE)})));
const f = exports.f;
for (let i = 0; i < 10; i++) f(1_000_000);
const started = Date.now();
while (Date.now() - started < Number(waitMs) && !%IsTurboFanFunction(f)) {
  f(10);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
console.log(JSON.stringify({ baseline: %IsLiftoffFunction(f), optimised: %IsTurboFanFunction(f), afterMs: Date.now() - started, sum: f(10) }));
`;

interface Probe {
  baseline: boolean;
  optimised: boolean;
  afterMs: number;
  sum: number;
}

function probe(setting: 'binary' | 'node-default', waitMs: number): Probe {
  const dir = mkdtempSync(join(tmpdir(), 'merchant-wasm-tier-'));
  const file = join(dir, 'probe.mjs');
  writeFileSync(file, PROBE);
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', file, setting, String(waitMs)], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  // An unknown V8 flag would be reported here, on the command's stderr.
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Probe;
}

describe('WebAssembly tiering in the binary', () => {
  it("keeps a function at the baseline tier well past Node's default budget", () => {
    // Node's default first: the wait below is long enough on this machine for the compile to show up.
    const byDefault = probe('node-default', 20_000);
    expect(byDefault).toMatchObject({ baseline: false, optimised: true, sum: 55 });
    const withBinary = probe('binary', Math.max(1_000, 3 * byDefault.afterMs));
    expect(withBinary).toMatchObject({ baseline: true, optimised: false, sum: 55 });
  });
});
