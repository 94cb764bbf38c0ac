/**
 * The live guard on every write command. The sandbox refuses live keys outright (see keys tests), so
 * these run a kustom-shaped context: `--backend kustom` with a live key in MERCHANT_API_KEY, served by a
 * sandbox backend through the context's backendFactory (no network). What is checked is the CLI's own
 * behaviour: a live write prints the banner on stderr and is refused unless the store is named/pinned.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome, type RunOptions } from '../helpers/run-cli.js';
import { createLink, TSHIRT } from '../helpers/links.js';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';
import { createSandboxBackend } from '../../src/backends/sandbox/sandbox-backend.js';

const LIVE = 'kco_live_api_FAKEnotAREALkey0000abcdQr5678';
const BANNER = /^LIVE · store se-demo · mode live \(kco_live_api_…5678 from MERCHANT_API_KEY\) · /m;

function live(home: string, env: Record<string, string> = {}): RunOptions {
  return { home, env: { MERCHANT_API_KEY: LIVE, MERCHANT_BACKEND: 'kustom', ...env }, overrides: { backendFactory: (deps) => createSandboxBackend(deps) } };
}

const refused = (r: { exitCode: number; stderr: string; stdout: string }): void => {
  expect(r.exitCode, r.stderr).toBe(2);
  expect(r.stderr).toMatch(/Refusing a live write .*needs the store named with --store or pinned in the profile/);
  expect(r.stdout).toBe('');
};

describe('live guard on every write', () => {
  it('links create: refused with MERCHANT_STORE only; banner and created with --store; dry run is not a write', async () => {
    const home = tempHome();
    const args = ['links', 'create', '--email', 'a@example.com', '--reference', 'L1', '--line', TSHIRT, '--yes'];
    refused(await runCli(args, live(home, { MERCHANT_STORE: 'se-demo' })));
    const dry = await runCli([...args, '--dry-run'], live(home, { MERCHANT_STORE: 'se-demo' }));
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stderr).not.toMatch(/^LIVE/m);
    const ok = await runCli([...args, '--store', 'se-demo'], live(home));
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/^LIVE · store se-demo · .* · create a payment link for 250\.00 SEK$/m);
    expect(ok.stdout).toMatch(/^https?:\/\//);
  });

  it('links create --from: refused unless the store is named or pinned', async () => {
    const home = tempHome();
    const csv = join(home, 'links.csv');
    writeFileSync(csv, `link_reference,reference,email,lines\nB-1,1001,a@example.com,"${TSHIRT}"\n`);
    refused(await runCli(['links', 'create', '--from', csv], live(home, { MERCHANT_STORE: 'se-demo' })));
    const set = await runCli(['config', 'set', 'store', 'se-demo'], { home });
    expect(set.exitCode, set.stderr).toBe(0);
    const ok = await runCli(['links', 'create', '--from', csv], live(home));
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/^LIVE · store se-demo · .* · create 1 payment link\(s\) from /m);
    // A row naming another store than the pinned one is refused as a whole.
    const add = await runCli(['stores', 'add', '--id', 'se-two', '--name', 'Two', '--country', 'SE', '--terms-url', 'https://shop.example/terms'], { home });
    expect(add.exitCode, add.stderr).toBe(0);
    const other = join(home, 'other.csv');
    writeFileSync(other, `store,link_reference,reference,email,lines\nse-demo,B-2,1002,a@example.com,"${TSHIRT}"\nse-two,B-3,1003,a@example.com,"${TSHIRT}"\n`);
    const mixed = await runCli(['links', 'create', '--from', other], live(home));
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stderr).toMatch(/Refusing a live write .*: it changes store se-demo,se-two, but the store named is se-demo/);
  });

  it('links cancel/resend/duplicate: the link ID names its store, so the banner shows the link\'s store', async () => {
    const home = tempHome();
    const link = await createLink(home, ['--link-reference', 'R1']);
    const resend = await runCli(['links', 'resend', link.link_id, '--send', 'email'], live(home));
    expect(resend.exitCode, resend.stderr).toBe(0);
    expect(resend.stderr).toMatch(new RegExp(`${BANNER.source}resend link ${link.link_id}$`, 'm'));
    const cancel = await runCli(['links', 'cancel', link.link_id, '--yes'], live(home));
    expect(cancel.exitCode, cancel.stderr).toBe(0);
    expect(cancel.stderr).toMatch(new RegExp(`${BANNER.source}cancel link ${link.link_id}$`, 'm'));
    const dup = await runCli(['links', 'duplicate', link.link_id], live(home));
    expect(dup.exitCode, dup.stderr).toBe(0);
    expect(dup.stderr).toMatch(new RegExp(`${BANNER.source}duplicate link ${link.link_id}$`, 'm'));
  });

  it('links dispatch: sends for every store, so a live key needs the store pinned in the profile', async () => {
    const home = tempHome();
    refused(await runCli(['links', 'dispatch'], live(home, { MERCHANT_STORE: 'se-demo' })));
    await runCli(['config', 'set', 'store', 'se-demo'], { home });
    const ok = await runCli(['links', 'dispatch'], live(home));
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/^LIVE · store se-demo · .* · dispatch due messages$/m);
  });

  it('orders capture (single and bulk), refund, release, cancel, extend: refused without --store, banner with it', async () => {
    const home = tempHome();
    const [a, b, c, d, e] = await seedOrders(home, 5);
    const env = { MERCHANT_STORE: 'se-demo' };
    refused(await runCli(['orders', 'capture', a!, '--amount', '10', '--yes'], live(home, env)));
    refused(await runCli(['orders', 'capture', b!, c!, '--yes'], live(home, env)));
    refused(await runCli(['orders', 'cancel', d!, '--yes'], live(home, env)));
    refused(await runCli(['orders', 'extend', e!, '--yes'], live(home, env)));
    expect(capturesPerOrder(home).size).toBe(0);

    const s = ['--store', 'se-demo'];
    const cap = await runCli(['orders', 'capture', a!, '--amount', '10', '--yes', ...s], live(home));
    expect(cap.exitCode, cap.stderr).toBe(0);
    expect(cap.stderr).toMatch(new RegExp(`${BANNER.source}capture 10\\.00 SEK on order ${a!}$`, 'm'));
    refused(await runCli(['orders', 'refund', a!, '--amount', '5', '--yes'], live(home, env)));
    const refund = await runCli(['orders', 'refund', a!, '--amount', '5', '--yes', ...s], live(home));
    expect(refund.exitCode, refund.stderr).toBe(0);
    expect(refund.stderr).toMatch(new RegExp(`${BANNER.source}refund 5\\.00 SEK on order ${a!}$`, 'm'));
    refused(await runCli(['orders', 'release', a!, '--yes'], live(home, env)));
    const release = await runCli(['orders', 'release', a!, '--yes', ...s], live(home));
    expect(release.exitCode, release.stderr).toBe(0);
    expect(release.stderr).toMatch(new RegExp(`${BANNER.source}release order ${a!}$`, 'm'));
    for (const [verb, id] of [['cancel', d!], ['extend', e!]] as const) {
      const r = await runCli(['orders', verb, id, '--yes', ...s], live(home));
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`${BANNER.source}${verb} order ${id}$`, 'm'));
    }
    const bulk = await runCli(['orders', 'capture', b!, c!, '--yes', ...s], live(home));
    expect(bulk.exitCode, bulk.stderr).toBe(0);
    expect(bulk.stderr).toMatch(/^LIVE · store se-demo · .* · bulk capture$/m);
    // A plan only reads: no banner, no refusal.
    const plan = await runCli(['orders', 'capture', b!, '--plan-out', join(home, 'plan.json')], live(home, env));
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(plan.stderr).not.toMatch(/^LIVE/m);
    expect(capturesPerOrder(home).get(b!)).toBe(1);
  });

  it('a live write to an order of another store than the pinned one is refused, naming both stores', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    expect((await runCli(['config', 'set', 'store', 'de-demo'], { home })).exitCode).toBe(0);
    const r = await runCli(['orders', 'capture', id!, '--yes'], live(home));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Refusing a live write \(capture 299\.00 SEK on order .*\): it changes store se-demo, but the store named is de-demo/);
    expect(r.stderr).not.toMatch(/^LIVE/m);
    expect(capturesPerOrder(home).size).toBe(0);
  });

  it('reads under a live key print no banner', async () => {
    const home = tempHome();
    const r = await runCli(['orders', 'list', '--json'], live(home, { MERCHANT_STORE: 'se-demo' }));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/^LIVE/m);
  });
});
