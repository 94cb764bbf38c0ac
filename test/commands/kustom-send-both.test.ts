/**
 * `--send email,sms` on the kustom backend against the fake Kustom server: two distribution requests, each valid
 * against the OpenAPI files (`fake.violations` empty; any request the fake does not expect fails the test);
 * an SMS that fails leaves the link and its email, exits 5 naming sms, and a resend sends only the SMS.
 */
import { describe, expect, it } from 'vitest';
import { type FakeKustom, type FakeFaults } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { TSHIRT, type LinkJson } from '../helpers/links.js';

const KEY = 'kco_test_api_FAKEnotAREALCANARYcanary0';

let fake: FakeKustom | undefined;
const fakes = fakeKustomEachTest();

async function start(faults?: FakeFaults) {
  fake = await fakes.start({ apiKey: KEY, ...(faults ? { faults } : {}) });
  const f = fake;
  const home = tempHome();
  const cli = (argv: string[]) => runCli(['--backend', 'kustom', '--base-url', f.url, ...argv], { home, env: { MERCHANT_API_KEY: KEY } });
  const add = await cli(['stores', 'add', '--id', 'se-shop', '--name', 'Stockholm', '--country', 'SE', '--terms-url', 'https://s.example/terms']);
  expect(add.exitCode, add.stderr).toBe(0);
  return { fake: f, cli };
}

const create = ['links', 'create', '--store', 'se-shop', '--email', 'kund@example.se', '--phone', '0701234567', '--reference', 'R-2', '--line', TSHIRT, '--send', 'email,sms'];
const distributions = (f: FakeKustom) => f.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/distribution'));

describe('links create --send email,sms on --backend kustom', () => {
  it('sends one distribution per medium, email then SMS, with the contact each needs', async () => {
    const { fake, cli } = await start();
    const r = await cli([...create, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const link = r.json<LinkJson>();
    expect(link.channel).toBe('email,sms');
    expect(link.messages.map((m) => [m.channel, m.recipient, m.status])).toEqual([
      ['email', 'kund@example.se', 'sent'],
      ['sms', '+46701234567', 'sent'],
    ]);
    expect(distributions(fake).map((d) => d.body)).toEqual([
      { method: 'email', contact_information: { email: 'kund@example.se' } },
      expect.objectContaining({ method: 'sms', contact_information: expect.objectContaining({ phone: expect.any(String), phone_country: 'SE' }) }),
    ]);
    expect(fake.state.sessions.get(link.link_id)?.distributions.map((d) => d.method)).toEqual(['email', 'sms']);
  });

  it('a missing phone is refused naming --phone before any request is sent', async () => {
    const { fake, cli } = await start();
    const before = fake.requests.length;
    const r = await cli(create.filter((a, i) => a !== '--phone' && create[i - 1] !== '--phone'));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('give --phone');
    expect(fake.requests.slice(before)).toEqual([]);
  });

  it('an SMS that fails: the link exists, the email went out, exit 5 names sms; resend sends only the SMS', async () => {
    let failSms = true;
    let seen = 0;
    // The email is the first distribution of the link and the SMS the second: the SMS is refused while failSms holds.
    const { fake, cli } = await start({
      answer: (req) => (req.method === 'POST' && req.path.endsWith('/distribution') && seen++ === 1 && failSms ? { status: 400 } : undefined),
    });
    const r = await cli([...create, '--json']);
    expect(r.exitCode).toBe(5);
    const link = r.json<LinkJson>();
    expect(link.messages.map((m) => [m.channel, m.status])).toEqual([
      ['email', 'sent'],
      ['sms', 'failed'],
    ]);
    const error = JSON.parse(r.stderr) as { error: { kind: string; message: string; hint: string; details: { failed_channels: string[]; sent_channels: string[] } } };
    expect(error.error).toMatchObject({ kind: 'partial_failure', details: { failed_channels: ['sms'], sent_channels: ['email'] } });
    expect(error.error.message).toContain('sending by sms failed');
    expect(error.error.hint).toContain(`merchant links resend ${link.link_id} --send sms`);

    failSms = false;
    const before = distributions(fake).length;
    const again = await cli(['links', 'resend', link.link_id, '--send', 'email,sms']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain('Not sent again by email');
    expect(distributions(fake).slice(before).map((d) => (d.body as { method: string }).method)).toEqual(['sms']);
    expect(fake.state.sessions.get(link.link_id)?.distributions.map((d) => d.method)).toEqual(['email', 'sms']);
    // Both went out now: a further resend sends both again (that is what resend is for).
    const third = await cli(['links', 'resend', link.link_id, '--json']);
    expect(third.json<{ channel: string }[]>().map((m) => m.channel)).toEqual(['email', 'sms']);
  });

  it('on a terminal-less human run the failed SMS is named on stderr, with the resend that sends it (exit 5)', async () => {
    let seen = 0;
    const { cli } = await start({ answer: (req) => (req.method === 'POST' && req.path.endsWith('/distribution') && seen++ === 1 ? { status: 400 } : undefined) });
    const r = await cli(create);
    expect(r.exitCode).toBe(5);
    expect(r.stdout).toMatch(/^https:\/\/\S+\n$/);
    expect(r.stderr).toContain('sent by email to kund@example.se; sms to +46701234567 NOT sent');
    expect(r.stderr).toMatch(/sending by sms failed .*; email went out/);
    expect(r.stderr).toMatch(/merchant links resend \S+ --send sms/);
  });

  it('a resend where one medium fails exits 5 naming it, and the other is sent', async () => {
    let fail = false;
    let seen = 0;
    const { fake, cli } = await start({
      answer: (req) => (req.method === 'POST' && req.path.endsWith('/distribution') && fail && seen++ === 0 ? { status: 400 } : undefined),
    });
    const link = (await cli([...create, '--json'])).json<LinkJson>();
    fail = true;
    const r = await cli(['links', 'resend', link.link_id, '--json']);
    expect(r.exitCode).toBe(5);
    expect(r.json<{ channel: string }[]>().map((m) => m.channel)).toEqual(['sms']);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { kind: 'partial_failure', details: { failed_channels: ['email'], sent_channels: ['sms'] } } });
    expect(fake.state.sessions.get(link.link_id)?.distributions.map((d) => d.method)).toEqual(['email', 'sms', 'sms']);
  });
});
