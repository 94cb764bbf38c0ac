/** `sandbox open|pay|outbox --link` take the link as every link command does: ID, pasted URL, or a reference. */
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

describe('acting as the customer on a link named any way', () => {
  it('opens by the pasted URL, lists the outbox by link reference, pays by merchant reference; an unknown one is not found', async () => {
    const home = tempHome();
    const created = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'a@example.com', '--reference', 'ORD-CUST-1', '--link-reference', 'LR-CUST-1', '--send', 'email', '--line', 'name=A,price=10,tax=25', '--yes', '--json'], { home });
    expect(created.exitCode, created.stderr).toBe(0);
    const link = created.json<{ link_id: string; url: string }>();

    const opened = await runCli(['sandbox', 'open', `${link.url.toUpperCase()}/?utm_source=mail`, '--json'], { home });
    expect(opened.exitCode, opened.stderr).toBe(0);
    expect(opened.json()).toMatchObject({ link_id: link.link_id, status: 'in_progress' });

    const outbox = await runCli(['sandbox', 'outbox', '--link', 'lr-cust-1', '--json'], { home });
    expect(outbox.exitCode, outbox.stderr).toBe(0);
    expect(outbox.json<{ link_id: string }[]>().map((m) => m.link_id)).toEqual([link.link_id]);

    const paid = await runCli(['sandbox', 'pay', 'ord-cust-1', '--json'], { home });
    expect(paid.exitCode, paid.stderr).toBe(0);
    expect(paid.json()).toMatchObject({ link_id: link.link_id, status: 'completed' });

    const unknown = await runCli(['sandbox', 'pay', 'NO-SUCH-LINK'], { home });
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toMatch(/NO-SUCH-LINK.*not found/);
  });
});
