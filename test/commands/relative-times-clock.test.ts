/**
 * Relative times ("3 d ago", "in 25 d") are told against the run's clock: the context's injected clock,
 * plus `sandbox clock advance` on the sandbox — the same "now" the sandbox wrote and expires things by.
 * A fixed clock makes every figure exact; the wall clock plays no part.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

const clock = { now: () => new Date('2026-06-01T12:00:00Z') };

describe('relative times use the injected clock and the sandbox clock', () => {
  it('lookup, orders show and orders list after the sandbox clock moved 3 days', async () => {
    const home = tempHome();
    const seeded = await runCli(['sandbox', 'orders', 'seed', '--count', '1', '--store', 'se-demo', '--reference-prefix', 'CLK'], { home, clock });
    expect(seeded.exitCode, seeded.stderr).toBe(0);
    const order = seeded.stdout.trim();
    const link = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'a@example.com', '--reference', 'CLK-LINK', '--line', 'name=A,price=10,tax=25', '--yes', '--json'], { home, clock });
    expect(link.exitCode, link.stderr).toBe(0);

    const now = await runCli(['lookup', order], { home, clock, tty: true, columns: 200 });
    expect(now.stdout).toMatch(/Created\s+2026-06-01 12:00 UTC \(just now\)/);
    expect(now.stdout).toMatch(/Authorization expires\s+2026-06-29 12:00 UTC \(in 28 d\)/);

    expect((await runCli(['sandbox', 'clock', 'advance', '3d'], { home, clock })).exitCode).toBe(0);
    for (const argv of [['lookup', order], ['orders', 'show', order]]) {
      const r = await runCli(argv, { home, clock, tty: true, columns: 200 });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout, argv.join(' ')).toMatch(/Created\s+2026-06-01 12:00 UTC \(3 d ago\)/);
      expect(r.stdout, argv.join(' ')).toMatch(/Authorization expires\s+2026-06-29 12:00 UTC \(in 25 d\)/);
    }
    const listed = await runCli(['orders', 'list', '--reference', 'CLK-1'], { home, clock, tty: true, columns: 200 });
    expect(listed.stdout.split('\n').find((l) => l.includes(order.slice(0, 8)) || l.includes('CLK-1'))).toContain('3 d ago');
    // A link created at the fixed time and 3 days on: created 3 d ago, its expiry (48 h) already past.
    const story = await runCli(['lookup', 'CLK-LINK'], { home, clock, tty: true, columns: 200 });
    const linkRow = story.stdout.split('\n').find((l) => l.includes('CLK-LINK') && l.includes('│'));
    expect(linkRow).toContain('3 d ago');
    expect(linkRow).toMatch(/\d+ h ago|\d+ d ago/);
    expect(linkRow).not.toContain('just now');
  });
});
