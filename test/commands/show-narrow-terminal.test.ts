/**
 * `links show` and `orders show` on narrow terminals: the label/value part never draws a line wider than
 * the terminal except a single word that fits no line (a URL, an email), and that word is whole — so the
 * terminal does not wrap lines into noise and a URL can be copied.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { seedOrders } from '../helpers/orders.js';
import { TSHIRT, type LinkJson } from '../helpers/links.js';

const EMAIL = 'a.very.long.customer.address.for.testing@example-company-domain.com';
const DESCRIPTION = 'School fees for the autumn term, class XII B, including the excursion to the museum';

/** The record's lines: everything before the first section title (a blank line). */
const recordPart = (stdout: string) => stdout.split('\n\n')[0]!.split('\n');

describe('show views on a narrow terminal', () => {
  it.each([40, 60, 80])('links show at %i columns: lines fit, the URL, email and description are whole', async (columns) => {
    const home = tempHome();
    const created = await runCli(['links', 'create', '--store', 'se-demo', '--email', EMAIL, '--reference', 'N-1', '--line', TSHIRT, '--description', DESCRIPTION, '--yes', '--json'], { home });
    expect(created.exitCode, created.stderr).toBe(0);
    const link = created.json<LinkJson>();
    const r = await runCli(['links', 'show', link.link_id], { home, tty: true, columns });
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = recordPart(r.stdout);
    for (const line of lines) if (line.length > columns) expect([link.url, EMAIL]).toContain(line.trim());
    expect(lines.some((l) => l.trim() === link.url || l.endsWith(` ${link.url}`))).toBe(true);
    expect(lines.some((l) => l.includes(EMAIL))).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain(DESCRIPTION);
  });

  it('orders show at 40 columns: lines fit', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1, 'NARROW');
    const r = await runCli(['orders', 'show', id!], { home, tty: true, columns: 40 });
    expect(r.exitCode, r.stderr).toBe(0);
    for (const line of recordPart(r.stdout)) expect(line.length <= 40 || !line.trim().includes(' '), line).toBe(true);
  });
});
