/** Links made without line references (older prompts, scripts) can still be captured line by line, by name. */
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

describe('orders capture --line <name>[:qty]', () => {
  it('captures a line by its unique name, then the rest; a shared name is refused', async () => {
    const home = tempHome();
    const created = await runCli(
      ['links', 'create', '--store', 'se-demo', '--email', 'a@b.example', '--reference', 'N-1', '--line', 'name=Wool sweater,qty=2,price=100,tax=25', '--line', 'name=Sock,price=10,tax=25', '--line', 'name=Sock,price=10,tax=25', '--yes', '--json'],
      { home },
    );
    expect(created.exitCode).toBe(0);
    const link = created.json<{ link_id: string }>();
    const paid = await runCli(['sandbox', 'pay', link.link_id, '--json'], { home });
    expect(paid.exitCode).toBe(0);
    const orderId = paid.json<{ order_id: string }>().order_id;

    const one = await runCli(['orders', 'capture', orderId, '--line', 'Wool sweater:1', '--yes', '--json'], { home });
    expect(one.exitCode).toBe(0);
    expect(one.json<{ captured_amount: number }>().captured_amount).toBe(10000);
    const rest = await runCli(['orders', 'capture', orderId, '--line', 'Wool sweater', '--yes', '--json'], { home });
    expect(rest.exitCode).toBe(0);
    expect(rest.json<{ captured_amount: number }>().captured_amount).toBe(10000);
    const again = await runCli(['orders', 'capture', orderId, '--line', 'Wool sweater', '--yes'], { home });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/nothing left to capture on this line \(2 of 2 already\)/);
    const shared = await runCli(['orders', 'capture', orderId, '--line', 'Sock', '--yes'], { home });
    expect(shared.exitCode).toBe(2);
    expect(shared.stderr).toMatch(/2 lines have this name/);
  });
});
