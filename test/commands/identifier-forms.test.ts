/**
 * The one identifier rule, on both backends: a URL that cannot name a link is refused (exit 2, naming the
 * rule) by `lookup`, `links` and `orders` commands alike; a well-formed link URL whose link does not exist
 * is not found (exit 3); a UUID in braces (as Windows tools copy it) or in capitals is the same ID.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FakeKustom } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';
import { runCli, tempHome, type CliResult } from '../helpers/run-cli.js';
import { TSHIRT } from '../helpers/links.js';

const KEY = 'kco_test_api_FAKEnotAREALidentifierForms0';

let fake: FakeKustom | undefined;
const fakes = fakeKustomEachTest();

type Cli = (argv: string[]) => Promise<CliResult>;

interface Paid {
  cli: Cli;
  linkId: string;
  url: string;
  orderId: string;
  /** A URL of the same payment page host whose link does not exist. */
  unknownUrl: string;
}

async function sandboxPaid(): Promise<Paid> {
  const home = tempHome();
  const cli: Cli = (argv) => runCli(argv, { home });
  const link = (await cli(['links', 'create', '--store', 'se-demo', '--email', 'a@example.com', '--reference', 'IDF-1', '--line', TSHIRT, '--yes', '--json'])).json<{ link_id: string; url: string }>();
  const orderId = (await cli(['sandbox', 'pay', link.link_id, '--json'])).json<{ order_id: string }>().order_id;
  return { cli, linkId: link.link_id, url: link.url, orderId, unknownUrl: link.url.replace(link.link_id, randomUUID()) };
}

async function kustomPaid(): Promise<Paid> {
  fake = await fakes.start({ apiKey: KEY });
  const f = fake;
  const home = tempHome();
  const cli: Cli = (argv) => runCli(['--backend', 'kustom', '--base-url', f.url, ...argv], { home, env: { MERCHANT_API_KEY: KEY } });
  expect((await cli(['stores', 'add', '--id', 'se-shop', '--name', 'Stockholm', '--country', 'SE', '--terms-url', 'https://s.example/terms'])).exitCode).toBe(0);
  const created = await cli(['links', 'create', '--store', 'se-shop', '--email', 'a@example.com', '--reference', 'IDF-1', '--line', TSHIRT, '--yes', '--json']);
  expect(created.exitCode, created.stderr).toBe(0);
  const link = created.json<{ link_id: string; url: string }>();
  const orderId = f.completeSession(link.link_id);
  return { cli, linkId: link.link_id, url: link.url, orderId, unknownUrl: link.url.replace(link.link_id, randomUUID()) };
}

/** A second paid order on the same backend (the store is the first link's). */
async function paidAnother(p: Paid): Promise<string> {
  const store = (await p.cli(['links', 'show', p.linkId, '--json'])).json<{ store_id: string }>().store_id;
  const link = (await p.cli(['links', 'create', '--store', store, '--email', 'b@example.com', '--reference', 'IDF-2', '--line', TSHIRT, '--yes', '--json'])).json<{ link_id: string }>();
  if (fake) return fake.completeSession(link.link_id);
  return (await p.cli(['sandbox', 'pay', link.link_id, '--json'])).json<{ order_id: string }>().order_id;
}

const backends: [string, () => Promise<Paid>][] = [
  ['sandbox', sandboxPaid],
  ['kustom', kustomPaid],
];

describe.each(backends)('identifier forms (%s)', (_name, paid) => {
  it('a URL that cannot name a link: exit 2 naming the rule, from lookup, links and orders commands; nothing sent', async () => {
    const p = await paid();
    const noLink = [
      'https://example.com/',
      'https://www.google.com/search?q=anna',
      p.url.replace(p.linkId, '0b7e-1'),
      p.url.replace(p.linkId, 'not-a-link'),
      p.url.replace(p.linkId, p.linkId.slice(0, 18)),
      `${p.url.slice(0, p.url.indexOf(p.linkId))}?session_id=abc`,
    ];
    for (const url of noLink) {
      for (const argv of [['lookup', url], ['lookup', url, '--json'], ['links', 'show', url], ['links', 'cancel', url, '--yes'], ['orders', 'show', url], ['orders', 'capture', url, '--yes']]) {
        const r = await p.cli(argv);
        expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr, argv.join(' ')).toMatch(/names no payment link: a payment link's URL ends with the link ID/);
        expect(r.stdout).toBe('');
      }
    }
    // Nothing was changed: the link is still there, not cancelled, and its order not captured.
    expect((await p.cli(['orders', 'show', p.orderId, '--json'])).json<{ captured_amount: number }>().captured_amount).toBe(0);
  });

  it('a well-formed link URL whose link does not exist: not found (exit 3), as for any lookup', async () => {
    const p = await paid();
    for (const argv of [['lookup', p.unknownUrl], ['links', 'show', p.unknownUrl], ['orders', 'show', p.unknownUrl]]) {
      const r = await p.cli(argv);
      expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).toBe(3);
    }
  });

  it('a UUID in braces or capitals names the same order or link everywhere an ID is read', async () => {
    const p = await paid();
    const forms = (id: string) => [`{${id}}`, `{${id.toUpperCase()}}`, id.toUpperCase(), ` {${id}} `];
    for (const typed of forms(p.orderId)) {
      const found = await p.cli(['lookup', typed, '--json']);
      expect(found.exitCode, `lookup ${typed}: ${found.stderr}`).toBe(0);
      expect(found.json<{ matches: { kind: string; order: { order_id: string } }[] }>().matches.map((m) => [m.kind, m.order.order_id])).toEqual([['order_id', p.orderId]]);
      for (const verb of ['show', 'timeline']) {
        const r = await p.cli(['orders', verb, typed, '--json']);
        expect(r.exitCode, `orders ${verb} ${typed}: ${r.stderr}`).toBe(0);
      }
    }
    for (const typed of forms(p.linkId)) {
      const r = await p.cli(['links', 'show', typed, '--json']);
      expect(r.exitCode, `links show ${typed}: ${r.stderr}`).toBe(0);
      expect(r.json<{ link_id: string }>().link_id).toBe(p.linkId);
      const found = await p.cli(['lookup', typed, '--json']);
      expect(found.json<{ matches: { order: { order_id: string } }[] }>().matches.map((m) => m.order.order_id)).toEqual([p.orderId]);
    }
    const captured = await p.cli(['orders', 'capture', `{${p.orderId.toUpperCase()}}`, '--amount', '10', '--yes', '--json']);
    expect(captured.exitCode, captured.stderr).toBe(0);
    const captureId = captured.json<{ capture_id: string }>().capture_id;
    // A bulk capture of several orders reads each ID by the same rule.
    const second = await paidAnother(p);
    const bulk = await p.cli(['orders', 'capture', `{${second.toUpperCase()}}`, `{${p.orderId}}`, '--yes', '--json']);
    expect(bulk.exitCode, bulk.stderr).toBe(0);
    expect((await p.cli(['orders', 'show', second, '--json'])).json<{ status: string }>().status).toBe('CAPTURED');
    const byCapture = await p.cli(['lookup', `{${captureId.toUpperCase()}}`, '--json']);
    expect(byCapture.exitCode, byCapture.stderr).toBe(0);
    expect(byCapture.json<{ matches: { kind: string; order: { order_id: string } }[] }>().matches.map((m) => [m.kind, m.order.order_id])).toEqual([['capture_id', p.orderId]]);
  });
});
