/** Walks the whole interactive `links create` flow in a real pseudo-terminal, then checks the stored link. */
import { join } from 'node:path';
import pty from 'node-pty';
import { describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/run-cli.js';
import { listLinks } from '../helpers/links.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'merchant.js');
const DOWN = '\u001b[B';

// Inquirer redraws lines with escape codes; match on text with them removed.
// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

function session(args: string[], home: string) {
  const term = pty.spawn(process.execPath, [BIN, ...args], {
    name: 'xterm',
    cols: 120,
    rows: 40,
    env: { ...process.env, MERCHANT_HOME: home, NO_COLOR: '1', USER: 'pty-tester' },
  });
  let out = '';
  let seen = 0;
  term.onData((d) => (out += d));
  const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
  return {
    /** Waits until `text` appears after what the previous step consumed, then types `keys`. */
    async step(text: string, keys: string): Promise<void> {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const idx = plain(out).indexOf(text, seen);
        if (idx >= 0) {
          seen = idx + text.length;
          break;
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)}; screen:\n${plain(out)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      // Let the prompt finish drawing before typing.
      await new Promise((r) => setTimeout(r, 60));
      term.write(keys);
    },
    output: () => plain(out),
    exited,
  };
}

describe('merchant links create on a terminal', () => {
  it('store pick, two lines with running totals, a discount, delivery, review, confirm', async () => {
    const home = tempHome();
    const s = session(['links', 'create'], home);
    // The picker starts on se-demo: de-demo is shown, disabled, with the reason.
    await s.step('Store', '\r');
    await s.step('Customer email', 'pty@example.com\r');
    await s.step('Customer phone', '\r');
    await s.step('Merchant reference (e.g.', 'PTY-1\r');
    await s.step('Merchant reference 2', 'PTY-1b\r');
    await s.step('Order lines, or one amount?', '\r');
    await s.step('Line 1 name', 'T-shirt\r');
    await s.step('Line 1 reference', '\r');
    await s.step('Line 1 type', '\r');
    await s.step('Line 1 unit price', '125\r');
    await s.step('Line 1 quantity', '2\r');
    await s.step('Line 1 tax rate', '\r');
    await s.step('Add another line?', 'y\r');
    await s.step('Line 2 name', 'Cap\r');
    await s.step('Line 2 reference', 'CAP-9\r');
    await s.step('Line 2 type', '\r');
    await s.step('Line 2 unit price', '99\r');
    await s.step('Line 2 quantity', '\r');
    await s.step('Line 2 tax rate', '\r');
    await s.step('Add another line?', 'n\r');
    await s.step('Add a discount?', 'y\r');
    await s.step('Discount amount', '50\r');
    await s.step('Discount name', 'Loyalty\r');
    await s.step('Add a discount?', 'n\r');
    await s.step('Capture automatically', 'y\r');
    await s.step('Delivery', '\r');
    await s.step('Create this payment link?', 'y\r');
    expect(await s.exited).toBe(0);
    const screen = s.output();
    expect(screen).toMatch(/de-demo — Berlin Demo Store.*no terms-and-conditions URL/);
    expect(screen).toContain('1 line · total 250.00 SEK (tax 50.00 SEK)');
    expect(screen).toContain('2 lines · total 349.00 SEK (tax 69.80 SEK)');
    expect(screen).toContain('total after discounts 299.00 SEK');
    expect(screen).toMatch(/of which tax\s+59\.80 SEK/);
    expect(screen).toMatch(/https:\/\/pay\.sandbox\.kustom\.example\/l\/[0-9a-f-]{36}/);

    const [link] = await listLinks(home);
    expect(link).toMatchObject({
      store_id: 'se-demo',
      merchant_reference1: 'PTY-1',
      merchant_reference2: 'PTY-1b',
      auto_capture: true,
      customer: { email: 'pty@example.com' },
      channel: 'email',
      order_amount: 29900,
      order_tax_amount: 5980,
    });
    expect(link?.order_lines.map((l) => [l.name, l.reference, l.quantity, l.unit_price, l.tax_rate])).toEqual([
      ['T-shirt', 't-shirt', 2, 12500, 2500],
      ['Cap', 'CAP-9', 1, 9900, 2500],
      ['Loyalty', '', 1, -5000, 2500],
    ]);
    expect(link?.messages).toHaveLength(1);
  });

  it('asks only for what the flags did not give; declining the review creates nothing (exit 130)', async () => {
    const home = tempHome();
    const s = session(['links', 'create', '--store', 'se-demo', '--phone', '+46701234567', '--line', 'name=Hat,price=10,tax=25', '--discount', '2'], home);
    await s.step('Merchant reference (e.g.', 'NO-1\r');
    await s.step('Merchant reference 2', '\r');
    await s.step('Capture automatically', '\r');
    await s.step('Delivery', '\r');
    await s.step('Create this payment link?', 'n\r');
    expect(await s.exited).toBe(130);
    const screen = s.output();
    expect(screen).not.toContain('Customer email');
    expect(screen).not.toContain('Line 1 name');
    expect(screen).not.toContain('Add a discount?');
    expect(screen).toContain('Cancelled: nothing was changed.');
    expect(await listLinks(home)).toEqual([]);
  });

  it('the README quick-start command asks nothing on a terminal and prints the link', async () => {
    const home = tempHome();
    const s = session(['links', 'create', '--store', 'se-demo', '--email', 'customer@example.com', '--reference', '10042', '--line', 'name=T-shirt,ref=TS-1,qty=2,price=125.00,tax=25', '--yes'], home);
    expect(await s.exited).toBe(0);
    expect(s.output()).toMatch(/https:\/\/pay\.sandbox\.kustom\.example\/l\/[0-9a-f-]{36}/);
    expect(s.output()).not.toContain('Delivery');
    expect(await listLinks(home)).toHaveLength(1);
  });

  it('stops at once, before any other question, for a store without a terms URL', async () => {
    const home = tempHome();
    const s = session(['links', 'create', '--store', 'de-demo'], home);
    expect(await s.exited).toBe(2);
    expect(s.output()).toContain('store de-demo has no terms-and-conditions URL');
    expect(s.output()).not.toContain('Customer email');
  });

  it('answers typed ahead all at once are read exactly as typed, none lost or doubled', async () => {
    const home = tempHome();
    const s = session(['links', 'create', '--store', 'se-demo', '--email', 'ahead@example.com', '--reference', 'AHEAD-1', '--send', 'none', '--auto-capture'], home);
    await s.step('Order lines, or one amount?', '\r');
    // Everything for the line, sent as one burst as a paste would: name, reference, type, price, qty, tax, no more lines.
    await s.step('Line 1 name', 'Wool sweater\rWS-1\r\r100\r3\r25\rn\rn\r');
    await s.step('Create this payment link?', 'y\r');
    expect(await s.exited).toBe(0);
    const [link] = await listLinks(home);
    expect(link?.order_lines.map((l) => [l.name, l.reference, l.quantity, l.unit_price, l.tax_rate])).toEqual([['Wool sweater', 'WS-1', 3, 10000, 2500]]);
  });

  it('edit at the review: change the customer, add and remove a line, then create', async () => {
    const home = tempHome();
    const s = session(['links', 'create', '--store', 'se-demo', '--email', 'first@example.com', '--reference', 'ED-1', '--line', 'name=Hat,ref=H1,price=10,tax=25', '--line', 'name=Scarf,ref=S1,price=20,tax=25', '--send', 'none'], home);
    await s.step('Capture automatically', '\r');
    await s.step('Create this payment link?', `${DOWN}\r`);
    await s.step('Edit what?', '\r');
    await s.step('Customer email', '\u0015second@example.com\r');
    await s.step('Customer phone', '0701112233\r');
    await s.step('Create this payment link?', `${DOWN}\r`);
    await s.step('Edit what?', `${DOWN}${DOWN}${DOWN}\r`);
    await s.step('Remove which line?', '\r');
    await s.step('Create this payment link?', `${DOWN}\r`);
    await s.step('Edit what?', `${DOWN}${DOWN}\r`);
    await s.step('Line 2 name', 'Gloves\r');
    await s.step('Line 2 reference', '\r');
    await s.step('Line 2 type', '\r');
    await s.step('Line 2 unit price', '15\r');
    await s.step('Line 2 quantity', '\r');
    await s.step('Line 2 tax rate', '\r');
    await s.step('Create this payment link?', 'y\r');
    expect(await s.exited).toBe(0);
    const [link] = await listLinks(home);
    expect(link?.customer).toEqual({ email: 'second@example.com', phone: '+46701112233' });
    expect(link?.order_lines.map((l) => [l.name, l.reference])).toEqual([
      ['Scarf', 'S1'],
      ['Gloves', 'gloves'],
    ]);
  });

  it('an amount-only link from the prompt: one line named by the description, taxed at the standard rate', async () => {
    const home = tempHome();
    const s = session(['links', 'create', '--store', 'se-demo', '--email', 'parent@example.com', '--reference', 'FEES-1', '--send', 'none', '--yes'], home);
    await s.step('Order lines, or one amount?', `${DOWN}\r`);
    await s.step('Amount (SEK', '499.00\r');
    await s.step('Description', 'School fees, class XII B\r');
    await s.step('Tax rate %', '\r');
    expect(await s.exited).toBe(0);
    const [link] = await listLinks(home);
    expect(link?.order_lines.map((l) => [l.name, l.quantity, l.unit_price, l.tax_rate])).toEqual([['School fees, class XII B', 1, 49900, 2500]]);
    expect(link?.description).toBe('School fees, class XII B');
  });
});
