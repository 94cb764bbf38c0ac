import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { createLink, listLinks, type LinkJson } from '../helpers/links.js';

describe('merchant links list', () => {
  it('lists all stores by default, newest first, with the portal columns (TSV when piped, table on a TTY)', async () => {
    const home = tempHome();
    await runCli(['stores', 'configure', 'de-demo', '--terms-url', 'https://shop.example/agb'], { home });
    const se = await createLink(home);
    const de = await runCli(['links', 'create', '--store', 'de-demo', '--email', 'k@b.example', '--reference', 'DE-1', '--line', 'name=Buch,price=20,tax=7', '--json'], { home });
    const deLink = de.json<LinkJson>();
    const r = await runCli(['links', 'list'], { home });
    const rows = r.stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(rows.map((c) => c[0])).toEqual([deLink.link_id, se.link_id]);
    expect(rows[1]?.slice(2, 7)).toEqual(['se-demo', 'created', 'none', '250.00 SEK', '10042']);
    const table = await runCli(['links', 'list'], { home, tty: true });
    for (const h of ['Link ID', 'Order ID', 'Status', 'Channel', 'Amount', 'Created', 'Created by']) expect(table.stdout).toContain(h);
    expect((await listLinks(home, ['--store', 'de-demo'])).map((l) => l.link_id)).toEqual([deLink.link_id]);
  });

  it('filters by status computed from the sandbox clock (expired without anyone updating it)', async () => {
    const home = tempHome();
    const short = await createLink(home, ['--expires-in', '1h']);
    const long = await createLink(home);
    const paid = await createLink(home);
    await runCli(['sandbox', 'pay', paid.link_id], { home });
    await runCli(['sandbox', 'clock', 'advance', '2h'], { home });
    expect((await listLinks(home, ['--status', 'expired'])).map((l) => l.link_id)).toEqual([short.link_id]);
    expect((await listLinks(home, ['--status', 'created'])).map((l) => l.link_id)).toEqual([long.link_id]);
    expect((await listLinks(home, ['--status', 'completed,expired'])).length).toBe(2);
    const bad = await runCli(['links', 'list', '--status', 'paid'], { home });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('status: unknown status paid');
  });

  it('filters by reference, contact and date range; --limit counts in total, --all fetches everything; --csv has a header', async () => {
    const home = tempHome();
    for (let i = 0; i < 5; i++) await createLink(home, ['--reference2', `R2-${i}`]);
    const other = await runCli(['links', 'create', '--store', 'se-demo', '--phone', '+46701234567', '--reference', 'X-9', '--line', 'name=A,price=1,tax=25', '--link-reference', 'LR-9', '--json'], { home });
    const otherId = other.json<LinkJson>().link_id;
    expect((await listLinks(home, ['--reference', 'X-9'])).map((l) => l.link_id)).toEqual([otherId]);
    expect((await listLinks(home, ['--reference', 'LR-9'])).map((l) => l.link_id)).toEqual([otherId]);
    expect((await listLinks(home, ['--reference', 'R2-3'])).length).toBe(1);
    // A phone as people write it, read with the store's country like every phone (README "How a phone number is read").
    for (const typed of ['+46 70 123 45 67', '0046 70 123 45 67', '46701234567', '070-123 45 67', '(070) 123.45.67']) {
      expect((await listLinks(home, ['--contact', typed, '--store', 'se-demo'])).map((l) => l.link_id), typed).toEqual([otherId]);
    }
    const notPhone = await runCli(['links', 'list', '--contact', '12'], { home });
    expect([notPhone.exitCode, notPhone.stderr]).toEqual([2, expect.stringContaining('contact: "12" is not a phone number')]);
    expect((await listLinks(home, ['--contact', 'CUSTOMER@example.com'])).length).toBe(5);
    const limited = await runCli(['links', 'list', '--json', '--limit', '2'], { home });
    expect(limited.json<unknown[]>()).toHaveLength(2);
    expect(await listLinks(home)).toHaveLength(6);
    const today = new Date().toISOString().slice(0, 10);
    expect(await listLinks(home, ['--from', today, '--to', today])).toHaveLength(6);
    expect(await listLinks(home, ['--to', '2020-01-01'])).toHaveLength(0);
    const csv = await runCli(['links', 'list', '--csv', '--limit', '1'], { home });
    expect(csv.stdout.split('\n')[0]).toBe('link_id,order_id,store,status,channel,amount,reference,customer,created,created_by,currency');
    const badRange = await runCli(['links', 'list', '--from', '2026-12-02', '--to', '2026-12-01'], { home });
    expect(badRange.exitCode).toBe(2);
  });

  it('an unknown --store is not found (exit 3)', async () => {
    const r = await runCli(['links', 'list', '--store', 'nope']);
    expect(r.exitCode).toBe(3);
  });
});

describe('merchant links show', () => {
  it('shows everything, including messages and the resulting order', async () => {
    const home = tempHome();
    const link = await createLink(home, ['--send', 'email']);
    const pay = await runCli(['sandbox', 'pay', link.link_id], { home });
    const orderId = pay.stdout.trim();
    const shown = await runCli(['links', 'show', link.link_id, '--json'], { home });
    expect(shown.json()).toMatchObject({ link_id: link.link_id, status: 'completed', order_id: orderId, messages: [{ channel: 'email', status: 'sent' }] });
    const text = await runCli(['links', 'show', link.link_id], { home, tty: true });
    expect(text.stdout).toContain(orderId);
    expect(text.stdout).toContain('Messages');
    expect(text.stdout).toContain('T-shirt');
  });

  it('an unknown link is not found (exit 3)', async () => {
    const r = await runCli(['links', 'show', 'missing']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('Payment link missing was not found');
  });
});

describe('merchant links cancel', () => {
  it('needs --yes when not on a terminal, then cancels', async () => {
    const home = tempHome();
    const link = await createLink(home);
    const noYes = await runCli(['links', 'cancel', link.link_id], { home });
    expect(noYes.exitCode).toBe(2);
    expect(noYes.stderr).toContain('--yes');
    const ok = await runCli(['links', 'cancel', link.link_id, '--yes', '--json'], { home });
    expect(ok.exitCode).toBe(0);
    expect(ok.json()).toMatchObject({ status: 'cancelled', cancelled_at: expect.any(String) });
  });

  it('is refused with a clear message once completed (exit 1), and the customer cannot pay a cancelled link', async () => {
    const home = tempHome();
    const paid = await createLink(home);
    await runCli(['sandbox', 'pay', paid.link_id], { home });
    const r = await runCli(['links', 'cancel', paid.link_id, '--yes'], { home });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('is completed; it cannot be cancelled');
    const cancelled = await createLink(home);
    await runCli(['links', 'cancel', cancelled.link_id, '--yes'], { home });
    const pay = await runCli(['sandbox', 'pay', cancelled.link_id], { home });
    expect(pay.exitCode).toBe(1);
  });
});

describe('merchant links duplicate', () => {
  it('copies a cancelled link into a new one with a new expiry, sent if asked', async () => {
    const home = tempHome();
    const old = await createLink(home, ['--line', 'name=Cap,price=99,tax=25', '--discount', '20', '--note', 'a=b', '--link-reference', 'OLD-1']);
    await runCli(['links', 'cancel', old.link_id, '--yes'], { home });
    const r = await runCli(['links', 'duplicate', old.link_id, '--send', 'email', '--expires-in', '24h', '--json'], { home });
    expect(r.exitCode).toBe(0);
    const copy = r.json<LinkJson>();
    expect(copy).toMatchObject({ status: 'created', duplicated_from: old.link_id, order_amount: old.order_amount, order_lines: old.order_lines, notes: { a: 'b' }, link_reference: null, channel: 'email' });
    expect(copy.messages).toHaveLength(1);
    expect(Date.parse(copy.expires_at) - Date.parse(copy.created_at)).toBeLessThanOrEqual(24 * 3_600_000);
  });

  it('--expires-at and --link-reference set the new link\'s expiry and reference', async () => {
    const home = tempHome();
    const old = await createLink(home);
    await runCli(['links', 'cancel', old.link_id, '--yes'], { home });
    const at = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const r = await runCli(['links', 'duplicate', old.link_id, '--expires-at', at, '--link-reference', 'NEW-1', '--json'], { home });
    expect(r.json()).toMatchObject({ expires_at: at, link_reference: 'NEW-1', channel: 'none', messages: [] });
  });

  it('copies an expired link, and refuses an active one', async () => {
    const home = tempHome();
    const active = await createLink(home);
    const r = await runCli(['links', 'duplicate', active.link_id], { home });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('cannot be duplicated while it can still be paid');
    await runCli(['sandbox', 'clock', 'advance', '49h'], { home });
    const ok = await runCli(['links', 'duplicate', active.link_id], { home });
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toMatch(/^https:\/\//);
  });
});

describe('merchant links resend', () => {
  it('sends an active link again (default channel, or --send), and can schedule with --send-at', async () => {
    const home = tempHome();
    const link = await createLink(home, ['--phone', '+46701234567', '--send', 'email']);
    const again = await runCli(['links', 'resend', link.link_id, '--json'], { home });
    // A resend prints the messages it sent: a JSON array, one per medium.
    expect(again.json()).toMatchObject([{ channel: 'email', recipient: 'customer@example.com', status: 'sent' }]);
    const sms = await runCli(['links', 'resend', link.link_id, '--send', 'sms', '--message-template', 'Reminder: {url}', '--json'], { home });
    expect(sms.json()).toMatchObject([{ channel: 'sms', body: `Reminder: ${link.url}` }]);
    const later = await runCli(['links', 'resend', link.link_id, '--send-at', new Date(Date.now() + 3_600_000).toISOString(), '--json'], { home });
    expect(later.json()).toMatchObject([{ status: 'scheduled' }]);
    expect((await runCli(['sandbox', 'outbox', '--link', link.link_id, '--json'], { home })).json<unknown[]>()).toHaveLength(3);
  });

  it('refuses a link that is no longer active, and a channel with no recipient', async () => {
    const home = tempHome();
    const link = await createLink(home);
    const sms = await runCli(['links', 'resend', link.link_id, '--send', 'sms'], { home });
    expect(sms.exitCode).toBe(2);
    expect(sms.stderr).toContain('phone: the link has no customer phone number');
    await runCli(['links', 'cancel', link.link_id, '--yes'], { home });
    const r = await runCli(['links', 'resend', link.link_id], { home });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('is cancelled; it cannot be resent');
  });
});

describe('merchant sandbox open / pay', () => {
  it('open marks the link in progress; a declined payment marks it failed and it can be paid after', async () => {
    const home = tempHome();
    const link = await createLink(home);
    expect((await runCli(['sandbox', 'open', link.link_id], { home })).stdout).toBe('in_progress\n');
    const declined = await runCli(['sandbox', 'pay', link.link_id, '--decline', '--json'], { home });
    expect(declined.json()).toMatchObject({ status: 'failed', order_id: null });
    const paid = await runCli(['sandbox', 'pay', link.link_id, '--json'], { home });
    expect(paid.json()).toMatchObject({ status: 'completed', order_id: expect.any(String) });
    const twice = await runCli(['sandbox', 'pay', link.link_id], { home });
    expect(twice.exitCode).toBe(1);
  });

  it('an expired link cannot be paid', async () => {
    const home = tempHome();
    const link = await createLink(home, ['--expires-in', '30m']);
    await runCli(['sandbox', 'clock', 'advance', '31m'], { home });
    const r = await runCli(['sandbox', 'pay', link.link_id], { home });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('is expired');
  });
});
