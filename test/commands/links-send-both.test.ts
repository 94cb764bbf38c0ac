/** `--send email,sms` on the sandbox: one message per medium, every spelling, every missing contact, resend and bulk. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { createLink, listLinks, TSHIRT, type LinkJson } from '../helpers/links.js';

const BOTH = ['--email', 'anna@example.com', '--phone', '+46701234567'];
const base = (extra: string[]) => ['links', 'create', '--store', 'se-demo', '--reference', 'B-1', '--line', TSHIRT, '--json', ...extra];

describe('links create --send email,sms (sandbox)', () => {
  it.each([['email,sms'], ['sms,email'], [' Email , SMS ']])('--send %j records an email and an SMS, and the link reads email,sms', async (send) => {
    const home = tempHome();
    const r = await runCli(base([...BOTH, '--send', send]), { home });
    expect(r.exitCode, r.stderr).toBe(0);
    const link = r.json<LinkJson>();
    expect(link.channel).toBe('email,sms');
    expect(link.messages.map((m) => [m.channel, m.recipient, m.status])).toEqual([
      ['email', 'anna@example.com', 'sent'],
      ['sms', '+46701234567', 'sent'],
    ]);
    const outbox = (await runCli(['sandbox', 'outbox', '--link', link.link_id, '--json'], { home })).json<{ channel: string }[]>();
    expect(outbox.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    expect((await runCli(['links', 'show', link.link_id, '--json'], { home })).json<LinkJson>().channel).toBe('email,sms');
    const human = await runCli(base([...BOTH, '--send', send, '--link-reference', 'H-1']).filter((a) => a !== '--json'), { home });
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stderr).toMatch(/sent by email to anna@example\.com; sent by sms to \+46701234567/);
  });

  it.each([
    [['--email', 'anna@example.com'], 'phone', '--phone'],
    [['--phone', '+46701234567'], 'email', '--email'],
  ])('a missing contact (%j) is refused naming %s and %s, before anything is created', async (contact, field, flag) => {
    const home = tempHome();
    const r = await runCli(base([...contact, '--send', 'email,sms']), { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${field}: is required to send the link by`);
    expect(r.stderr).toContain(`give ${flag}`);
    expect(await listLinks(home)).toEqual([]);
    const outbox = await runCli(['sandbox', 'outbox', '--json'], { home });
    expect(outbox.json()).toEqual([]);
  });

  it.each([['fax'], ['email,email'], ['email,none'], ['email;sms'], ['']])('--send %j is refused (exit 2, nothing created)', async (send) => {
    const home = tempHome();
    const r = await runCli(base([...BOTH, '--send', send]), { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/send/);
    expect(await listLinks(home)).toEqual([]);
  });

  it('single values still work, and --send-at schedules both messages', async () => {
    const home = tempHome();
    for (const send of ['email', 'sms', 'none']) {
      const r = await runCli(base([...BOTH, '--send', send]), { home });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.json<LinkJson>().messages.map((m) => m.channel)).toEqual(send === 'none' ? [] : [send]);
    }
    const later = await runCli(base([...BOTH, '--send', 'email,sms', '--send-at', '2h']), { home });
    expect(later.exitCode, later.stderr).toBe(0);
    expect(later.json<LinkJson>().messages.map((m) => [m.channel, m.status])).toEqual([
      ['email', 'scheduled'],
      ['sms', 'scheduled'],
    ]);
  });

  it('links resend --send email,sms sends both; the default for an email,sms link is both; a missing contact sends nothing', async () => {
    const home = tempHome();
    const link = await createLink(home, ['--phone', '+46701234567', '--send', 'email,sms']);
    const again = await runCli(['links', 'resend', link.link_id, '--json'], { home });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.json<{ channel: string }[]>().map((m) => m.channel)).toEqual(['email', 'sms']);
    const explicit = await runCli(['links', 'resend', link.link_id, '--send', 'sms,email'], { home });
    expect(explicit.exitCode, explicit.stderr).toBe(0);
    expect(explicit.stdout.trim().split('\n')).toHaveLength(2);

    const emailOnly = await createLink(home, ['--link-reference', 'EO-1']);
    const refused = await runCli(['links', 'resend', emailOnly.link_id, '--send', 'email,sms'], { home });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('phone: the link has no customer phone number to send to (--send email,sms)');
    const outbox = (await runCli(['sandbox', 'outbox', '--link', emailOnly.link_id, '--json'], { home })).json<unknown[]>();
    expect(outbox).toHaveLength(0);
  });

  it('links duplicate --send email,sms and a bulk row with send=email,sms send both', async () => {
    const home = tempHome();
    const old = await createLink(home, ['--phone', '+46701234567']);
    await runCli(['links', 'cancel', old.link_id, '--yes'], { home });
    const dup = await runCli(['links', 'duplicate', old.link_id, '--send', 'email,sms', '--json'], { home });
    expect(dup.exitCode, dup.stderr).toBe(0);
    expect(dup.json<LinkJson>().messages.map((m) => m.channel)).toEqual(['email', 'sms']);

    const csv = join(home, 'links.csv');
    writeFileSync(csv, `link_reference,reference,email,phone,lines,send\nLR-B1,BULK-1,a@example.com,+46701234567,"${TSHIRT}","email,sms"\n`);
    const bulk = await runCli(['links', 'create', '--from', csv, '--store', 'se-demo', '--results', join(home, 'r.json')], { home });
    expect(bulk.exitCode, bulk.stderr).toBe(0);
    const [created] = await listLinks(home, ['--reference', 'BULK-1']);
    expect(created?.channel).toBe('email,sms');
  });
});
