/**
 * Two machines (two MERCHANT_HOMEs, each with its own key and files) pointing at one shared PostgreSQL
 * ledger, against the fake Kustom server: what one records, the other sees — stores, links with their
 * messages, orders a link became — and neither keeps a local ledger file.
 */
import { existsSync } from 'node:fs';
import { resolvePaths } from '../../src/config/paths.js';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_FAKE_API_KEY, startFakeKustom, type FakeKustom } from '../helpers/fake-kustom/index.js';
import { TSHIRT, type LinkJson } from '../helpers/links.js';
import { createTestDatabase, describePg } from '../helpers/postgres.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

describePg('the kustom ledger shared by two machines', () => {
  let fake: FakeKustom;
  let url: string;
  const homeA = tempHome();
  const homeB = tempHome();
  const on = (home: string) => (argv: string[], env: Record<string, string> = {}) =>
    runCli(['--backend', 'kustom', '--base-url', fake.url, ...argv], { home, env: { MERCHANT_DATABASE_URL: url, MERCHANT_API_KEY: DEFAULT_FAKE_API_KEY, ...env } });
  const a = on(homeA);
  const b = on(homeB);

  beforeAll(async () => {
    fake = await startFakeKustom();
    url = await createTestDatabase('shared_ledger');
  });
  afterAll(async () => {
    await fake.close();
    expect(fake.violations).toEqual([]);
  });

  it('refuses to use a database that needs migrating (exit 2, says how), and sends nothing', async () => {
    const before = fake.requests.length;
    const r = await a(['stores', 'list', '--json']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/needs migrating/);
    expect(r.stderr).toContain('merchant db migrate');
    expect(fake.requests.length).toBe(before);
    expect((await runCli(['db', 'migrate'], { home: homeA, env: { MERCHANT_DATABASE_URL: url } })).exitCode).toBe(0);
  });

  it('a store added on one machine is seen, and changed, on the other', async () => {
    const added = await a(['stores', 'add', '--id', 'se-shop', '--name', 'Stockholm', '--country', 'SE', '--terms-url', 'https://s.example/terms']);
    expect(added.exitCode, added.stderr).toBe(0);
    const seen = await b(['stores', 'list', '--json']);
    expect(seen.exitCode, seen.stderr).toBe(0);
    expect(seen.json<{ id: string; name: string }[]>()).toEqual([expect.objectContaining({ id: 'se-shop', name: 'Stockholm', terms_url: 'https://s.example/terms' })]);
    expect((await b(['stores', 'add', '--id', 'se-shop', '--name', 'Again', '--country', 'SE'])).exitCode).toBe(2);
    expect((await b(['stores', 'configure', 'se-shop', '--name', 'Stockholm City'])).exitCode).toBe(0);
    expect((await a(['stores', 'show', 'se-shop', '--json'])).json<{ name: string }>().name).toBe('Stockholm City');
  });

  it('a link created on one machine is in links list, links show and lookup on the other, with its scheduled message', async () => {
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await a(['links', 'create', '--store', 'se-shop', '--email', 'ola@example.com', '--reference', 'SHARED-1', '--link-reference', 'LR-S1', '--line', TSHIRT, '--send', 'email', '--send-at', sendAt, '--yes', '--json']);
    expect(created.exitCode, created.stderr).toBe(0);
    const link = created.json<LinkJson>();
    const listed = await b(['links', 'list', '--json']);
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(listed.json<LinkJson[]>().map((l) => l.link_id)).toEqual([link.link_id]);
    const shown = await b(['links', 'show', 'LR-S1', '--json']);
    expect(shown.exitCode, shown.stderr).toBe(0);
    expect(shown.json<LinkJson>()).toMatchObject({ link_id: link.link_id, url: link.url, merchant_reference1: 'SHARED-1' });
    expect(shown.json<LinkJson>().messages).toEqual([expect.objectContaining({ channel: 'email', recipient: 'ola@example.com', status: 'scheduled', scheduled_for: sendAt })]);
    for (const identifier of [link.link_id, link.url, 'shared-1', 'lr-s1']) {
      const found = await b(['lookup', identifier, '--json']);
      expect(found.exitCode, `${identifier}: ${found.stderr}`).toBe(0);
      expect(found.json<{ matches: { links: { link_id: string }[] }[] }>().matches[0]?.links.map((l) => l.link_id), identifier).toEqual([link.link_id]);
    }
    // The reference is unique per store across machines too.
    const again = await b(['links', 'create', '--store', 'se-shop', '--email', 'x@example.com', '--reference', 'OTHER', '--link-reference', 'LR-S1', '--line', TSHIRT, '--yes']);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('LR-S1');
  });

  it('the order a link became, learned on one machine, is found by its reference on the other', async () => {
    const link = (await b(['links', 'show', 'LR-S1', '--json'])).json<LinkJson>();
    const orderId = fake.completeSession(link.link_id);
    expect((await a(['links', 'show', link.link_id, '--json'])).json<LinkJson>().order_id).toBe(orderId);
    const shown = await b(['orders', 'show', 'SHARED-1', '--json']);
    expect(shown.exitCode, shown.stderr).toBe(0);
    expect(shown.json<{ order_id: string }>().order_id).toBe(orderId);
    const listed = await b(['orders', 'list', '--json']);
    expect(listed.json<{ order_id: string }[]>().map((o) => o.order_id)).toEqual([orderId]);
  });

  it('keeps no local ledger file on either machine, and no API key in the shared database', async () => {
    for (const home of [homeA, homeB]) expect(existsSync(resolvePaths({ MERCHANT_HOME: home }).kustomLedger), home).toBe(false);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = (await client.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.t);
      expect(tables).toEqual(expect.arrayContaining(['stores', 'links', 'link_messages', 'orders']));
      for (const table of tables) {
        const { rows } = await client.query<{ dump: string | null }>(`SELECT string_agg(row_to_json(x)::text, '') AS dump FROM ${table} x`);
        expect(rows[0]?.dump ?? '', table).not.toContain(DEFAULT_FAKE_API_KEY);
        expect(rows[0]?.dump ?? '', table).not.toContain(DEFAULT_FAKE_API_KEY.slice(-12));
      }
    } finally {
      await client.end();
    }
  });
});
