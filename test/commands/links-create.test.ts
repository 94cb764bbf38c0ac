import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { createLink, listLinks, sandboxDb, TSHIRT, type LinkJson } from '../helpers/links.js';

const base = ['links', 'create', '--store', 'se-demo', '--email', 'customer@example.com', '--reference', '10042', '--line', TSHIRT];

describe('merchant links create (scripted)', () => {
  it('creates a link from flags, prints its URL, and stores computed totals', async () => {
    const home = tempHome();
    const r = await runCli([...base, '--yes'], { home });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^https:\/\/pay\.sandbox\.kustom\.example\/l\/[0-9a-f-]{36}\n$/);
    expect(r.stderr).toContain('Created payment link');
    const [link] = await listLinks(home);
    expect(link).toMatchObject({ status: 'created', order_amount: 25000, order_tax_amount: 5000, merchant_reference1: '10042', channel: 'none', customer: { email: 'customer@example.com' } });
  });

  it('on a terminal with every value given, --yes creates without asking', async () => {
    const home = tempHome();
    const r = await runCli([...base, '--send', 'none', '--yes'], { home, tty: true });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).not.toContain('Create this payment link?');
    expect(await listLinks(home)).toHaveLength(1);
  });

  it('--json prints the created link with every documented field', async () => {
    const link = await createLink(tempHome());
    expect(Object.keys(link)).toEqual([
      'link_id', 'store_id', 'status', 'url', 'order_id', 'purchase_country', 'purchase_currency', 'locale', 'order_amount', 'order_tax_amount',
      'order_lines', 'merchant_reference1', 'merchant_reference2', 'link_reference', 'description', 'notes', 'invoice_number', 'has_attachment',
      'customer', 'auto_capture', 'channel', 'created_at', 'created_by', 'expires_at', 'cancelled_at', 'completed_at', 'opened_at', 'duplicated_from', 'messages',
    ]);
    expect(Date.parse(link.expires_at) - Date.parse(link.created_at)).toBeGreaterThan(47.9 * 3_600_000);
  });

  it('not a TTY and values missing: one usage error naming every missing flag, nothing created', async () => {
    const home = tempHome();
    const r = await runCli(['links', 'create'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Missing --store, --email or --phone, --reference, --line, --lines-file or --amount');
    expect(await listLinks(home)).toEqual([]);
  });

  it('a store without a terms URL stops at once with how to set one', async () => {
    const r = await runCli(['links', 'create', '--store', 'de-demo', '--email', 'a@b.example', '--reference', '1', '--line', 'name=A,price=1,tax=19']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('terms_url: store de-demo has no terms-and-conditions URL');
    expect(r.stderr).toContain('merchant stores configure de-demo --terms-url');
  });

  it('reports every invalid field at once and creates nothing', async () => {
    const home = tempHome();
    const r = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'nope', '--phone', '0701', '--reference', ' ', '--line', 'name=A,price=x,tax=25', '--note', 'bad', '--send', 'fax'], { home });
    expect(r.exitCode).toBe(2);
    for (const field of ['email:', 'phone:', 'merchant_reference1:', 'line[1].price:', 'notes:', 'send:']) expect(r.stderr).toContain(field);
    expect(await listLinks(home)).toEqual([]);
  });

  it('--country/--currency must be in the store agreement, naming the allowed ones', async () => {
    const cur = await runCli([...base, '--currency', 'EUR']);
    expect(cur.exitCode).toBe(2);
    expect(cur.stderr).toContain("currency: EUR is not in store se-demo's agreement; allowed: SEK");
    const country = await runCli([...base, '--country', 'NO']);
    expect(country.exitCode).toBe(2);
    expect(country.stderr).toContain("country: NO is not in store se-demo's agreement; allowed: SE");
    const ok = await createLink(tempHome(), ['--country', 'se', '--currency', 'sek']);
    expect(ok).toMatchObject({ purchase_country: 'SE', purchase_currency: 'SEK', locale: 'sv-SE' });
  });

  it('--phone (E.164), --reference2, --description, --note, --invoice-number, --link-reference, --auto-capture are stored', async () => {
    const link = await createLink(tempHome(), [
      '--phone', '+46 70 123 45 67', '--reference2', 'PO-7', '--description', 'Spring order', '--note', 'agent=Eva', '--note', 'channel=phone',
      '--invoice-number', 'INV-42', '--link-reference', 'L-42', '--auto-capture',
    ]);
    expect(link).toMatchObject({
      customer: { email: 'customer@example.com', phone: '+46701234567' },
      merchant_reference2: 'PO-7',
      description: 'Spring order',
      notes: { agent: 'Eva', channel: 'phone' },
      invoice_number: 'INV-42',
      link_reference: 'L-42',
      auto_capture: true,
    });
  });

  it('--line is repeatable and --discount adds discount lines (bare amount or key=value)', async () => {
    const link = await createLink(tempHome(), ['--line', 'name=Cap,price=99.00,tax=25,discount=9', '--discount', '50', '--discount', 'amount=10,name=Coupon']);
    expect(link.order_lines.map((l) => [l.name, l.type, l.total_amount])).toEqual([
      ['T-shirt', 'physical', 25000],
      ['Cap', 'physical', 9000],
      ['Discount', 'discount', -5000],
      ['Coupon', 'discount', -1000],
    ]);
    expect(link.order_amount).toBe(28000);
    expect(link.order_tax_amount).toBe(5600);
  });

  it('refuses discounts larger than the order', async () => {
    const r = await runCli([...base, '--discount', '300']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('order_amount: discounts (300.00 SEK) exceed the rest of the order');
  });

  it('--lines-file reads JSON (API units) and CSV (the --line keys)', async () => {
    const home = tempHome();
    const json = join(home, 'cart.json');
    writeFileSync(json, JSON.stringify({ order_lines: [{ type: 'physical', name: 'Mug', quantity: 3, unit_price: 5000, tax_rate: 2500 }] }));
    const fromJson = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'a@b.example', '--reference', '1', '--lines-file', json, '--json'], { home });
    expect(fromJson.exitCode).toBe(0);
    expect(fromJson.json<LinkJson>().order_amount).toBe(15000);
    const csv = join(home, 'cart.csv');
    writeFileSync(csv, 'name,ref,qty,price,tax\nMug,M-1,2,50.00,25\n"Socks, wool",S-1,1,99.50,25\n');
    const fromCsv = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'a@b.example', '--reference', '2', '--lines-file', csv, '--json'], { home });
    expect(fromCsv.exitCode).toBe(0);
    expect(fromCsv.json<LinkJson>().order_lines.map((l) => l.name)).toEqual(['Mug', 'Socks, wool']);
    writeFileSync(json, JSON.stringify([{ type: 'physical', name: 'Mug', quantity: 1, unitprice: 5000, tax_rate: 2500 }]));
    const bad = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'a@b.example', '--reference', '3', '--lines-file', json], { home });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('order_lines[0]');
  });

  it('--send email and --send sms put the rendered message in the outbox; --message-template is used', async () => {
    const home = tempHome();
    const email = await createLink(home, ['--send', 'email']);
    expect(email.messages[0]).toMatchObject({ channel: 'email', recipient: 'customer@example.com', status: 'sent', subject: expect.stringContaining('Nordic Demo Shop') });
    expect(email.messages[0]?.body).toContain(email.url);
    const sms = await createLink(home, ['--phone', '+46701234567', '--send', 'sms', '--message-template', 'Hi! Pay {amount} here: {url}']);
    const outbox = await runCli(['sandbox', 'outbox', '--link', sms.link_id, '--json'], { home });
    expect(outbox.json()).toEqual([expect.objectContaining({ channel: 'sms', recipient: '+46701234567', body: `Hi! Pay 250.00 SEK here: ${sms.url}` })]);
    const text = await runCli(['sandbox', 'outbox'], { home });
    expect(text.stdout).toContain('Subject: Payment link from Nordic Demo Shop: order 10042');
  });

  it('refuses --send sms without a phone, and a template with an unknown placeholder', async () => {
    const r = await runCli([...base, '--send', 'sms', '--message-template', 'Pay {link}']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('phone: is required to send the link by SMS');
    expect(r.stderr).toContain('unknown placeholder {link}');
  });

  it('--expires-in and --expires-at set the expiry, never beyond 48 h', async () => {
    const home = tempHome();
    const short = await createLink(home, ['--expires-in', '2h']);
    expect(Date.parse(short.expires_at) - Date.parse(short.created_at)).toBeLessThanOrEqual(2 * 3_600_000);
    const at = new Date(Date.now() + 5 * 3_600_000).toISOString();
    expect((await createLink(home, ['--expires-at', at])).expires_at).toBe(at);
    const long = await runCli([...base, '--expires-in', '49h'], { home });
    expect(long.exitCode).toBe(2);
    expect(long.stderr).toContain('at most 48 hours');
    const both = await runCli([...base, '--expires-in', '2h', '--expires-at', at], { home });
    expect(both.stderr).toContain('give --expires-in or --expires-at, not both');
  });

  it('--link-reference is unique per store', async () => {
    const home = tempHome();
    const first = await createLink(home, ['--link-reference', 'REF-1']);
    const again = await runCli([...base, '--link-reference', 'REF-1'], { home });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain(`link_reference: REF-1 is already used by link ${first.link_id} in store se-demo`);
    const dry = await runCli([...base, '--link-reference', 'REF-1', '--dry-run'], { home });
    expect(dry.exitCode).toBe(2);
  });

  it('--invoice-pdf attaches a real PDF and refuses anything else', async () => {
    const home = tempHome();
    const pdf = join(home, 'inv.pdf');
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
    expect((await createLink(home, ['--invoice-pdf', pdf])).has_attachment).toBe(true);
    const fake = join(home, 'fake.pdf');
    writeFileSync(fake, 'hello');
    const r = await runCli([...base, '--invoice-pdf', fake], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('invoice_pdf: fake.pdf is not a PDF');
    const big = join(home, 'big.pdf');
    writeFileSync(big, Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(5 * 1024 * 1024)]));
    expect((await runCli([...base, '--invoice-pdf', big], { home })).stderr).toContain('at most 5 MB');
  });

  it('--dry-run prints what would be sent and creates nothing', async () => {
    const home = tempHome();
    const r = await runCli([...base, '--dry-run', '--send', 'email', '--json'], { home });
    expect(r.exitCode).toBe(0);
    expect(r.json()).toMatchObject({ dry_run: true, request: { store_id: 'se-demo', order_amount: 25000, delivery: { channel: 'email' }, merchant_reference1: '10042' } });
    const text = await runCli([...base, '--dry-run'], { home });
    expect(text.stdout).toContain('250.00 SEK');
    expect(text.stderr).toContain('Dry run');
    expect(await listLinks(home)).toEqual([]);
  });

  it('--send-at schedules the message; dispatch sends it once it is due, and only once', async () => {
    const home = tempHome();
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const link = await createLink(home, ['--send', 'email', '--send-at', at]);
    expect(link.messages[0]).toMatchObject({ status: 'scheduled', scheduled_for: at });
    const early = await runCli(['links', 'dispatch', '--json'], { home });
    expect(early.json()).toEqual([]);
    await runCli(['sandbox', 'clock', 'advance', '2h'], { home });
    const due = await runCli(['links', 'dispatch', '--json'], { home });
    expect(due.json()).toEqual([expect.objectContaining({ link_id: link.link_id, status: 'sent' })]);
    expect((await runCli(['links', 'dispatch', '--json'], { home })).json()).toEqual([]);
    const past = await runCli([...base, '--send', 'email', '--send-at', '2020-01-01T00:00:00Z'], { home });
    expect(past.stderr).toContain('send_at: 2020-01-01T00:00:00.000Z is in the past');
    const relative = await createLink(home, ['--send', 'email', '--send-at', '30m']);
    expect(relative.messages[0]?.status).toBe('scheduled');
    const noChannel = await runCli([...base, '--send-at', at], { home });
    expect(noChannel.stderr).toContain('send_at: needs --send email or --send sms');
  });

  it('a scheduled message for a link cancelled meanwhile is never sent', async () => {
    const home = tempHome();
    const link = await createLink(home, ['--send', 'email', '--send-at', new Date(Date.now() + 3_600_000).toISOString()]);
    await runCli(['links', 'cancel', link.link_id, '--yes'], { home });
    await runCli(['sandbox', 'clock', 'advance', '2h'], { home });
    expect((await runCli(['links', 'dispatch', '--json'], { home })).json()).toEqual([]);
    expect((await runCli(['sandbox', 'outbox', '--json'], { home })).json()).toEqual([]);
  });

  it('auto-capture: paying creates a captured order; without it, an authorized one', async () => {
    const home = tempHome();
    const auto = await createLink(home, ['--auto-capture']);
    const plain = await createLink(home);
    expect((await runCli(['sandbox', 'pay', auto.link_id], { home })).exitCode).toBe(0);
    expect((await runCli(['sandbox', 'pay', plain.link_id], { home })).exitCode).toBe(0);
    const db = sandboxDb(home);
    try {
      const status = (id: string) => (db.prepare('SELECT status, captured_amount FROM orders WHERE link_id = ?').get(id) as { status: string; captured_amount: number });
      expect(status(auto.link_id)).toEqual({ status: 'CAPTURED', captured_amount: 25000 });
      expect(status(plain.link_id)).toEqual({ status: 'AUTHORIZED', captured_amount: 0 });
    } finally {
      db.close();
    }
  });

  it('--help lists every flag with examples', async () => {
    const r = await runCli(['links', 'create', '--help']);
    expect(r.exitCode).toBe(0);
    for (const flag of ['--store', '--email', '--phone', '--country', '--currency', '--reference', '--reference2', '--line', '--lines-file', '--discount', '--auto-capture', '--send', '--send-at', '--expires-in', '--expires-at', '--link-reference', '--description', '--note', '--invoice-number', '--invoice-pdf', '--message-template', '--from', '--results', '--dry-run', '--json', '--yes']) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toContain('Examples:');
  });
});
