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
    await s.step('Store', `${DOWN}\r`);
    await s.step('Customer email', 'pty@example.com\r');
    await s.step('Merchant reference', 'PTY-1\r');
    await s.step('Line 1 name', 'T-shirt\r');
    await s.step('Line 1 unit price', '125\r');
    await s.step('Line 1 quantity', '2\r');
    await s.step('Line 1 tax rate', '\r');
    await s.step('Add another line?', 'y\r');
    await s.step('Line 2 name', 'Cap\r');
    await s.step('Line 2 unit price', '99\r');
    await s.step('Line 2 quantity', '\r');
    await s.step('Line 2 tax rate', '\r');
    await s.step('Add another line?', 'n\r');
    await s.step('Add a discount?', 'y\r');
    await s.step('Discount amount', '50\r');
    await s.step('Discount name', 'Loyalty\r');
    await s.step('Add a discount?', 'n\r');
    await s.step('Delivery', '\r');
    await s.step('Create this payment link?', 'y\r');
    expect(await s.exited).toBe(0);
    const screen = s.output();
    expect(screen).toContain('1 line · total 250.00 SEK (tax 50.00 SEK)');
    expect(screen).toContain('2 lines · total 349.00 SEK (tax 69.80 SEK)');
    expect(screen).toContain('total after discounts 299.00 SEK');
    expect(screen).toMatch(/of which tax\s+59\.80 SEK/);
    expect(screen).toMatch(/https:\/\/pay\.sandbox\.kustom\.example\/l\/[0-9a-f-]{36}/);

    const [link] = await listLinks(home);
    expect(link).toMatchObject({
      store_id: 'se-demo',
      merchant_reference1: 'PTY-1',
      customer: { email: 'pty@example.com' },
      channel: 'email',
      order_amount: 29900,
      order_tax_amount: 5980,
    });
    expect(link?.order_lines.map((l) => [l.name, l.quantity, l.unit_price, l.tax_rate])).toEqual([
      ['T-shirt', 2, 12500, 2500],
      ['Cap', 1, 9900, 2500],
      ['Loyalty', 1, -5000, 2500],
    ]);
    expect(link?.messages).toHaveLength(1);
  });

  it('asks only for what the flags did not give; declining the review creates nothing (exit 130)', async () => {
    const home = tempHome();
    const s = session(['links', 'create', '--store', 'se-demo', '--phone', '+46701234567', '--line', 'name=Hat,price=10,tax=25', '--discount', '2'], home);
    await s.step('Merchant reference', 'NO-1\r');
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
});
