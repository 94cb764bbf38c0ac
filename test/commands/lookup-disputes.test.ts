/**
 * `merchant lookup` tells an order's disputes: on the timeline (opened, answered, decided, the reversal in
 * a payout) and in the next steps (`disputes respond` / `accept` while the dispute may still be answered).
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempHome, type RunOptions } from '../helpers/run-cli.js';
import { seedOrders } from '../helpers/orders.js';

interface Story {
  order: { order_id: string } | null;
  disputes: { dispute_id: string; state: string; settled_in: string | null }[];
  settlements: { payment_reference: string; payout_date: string }[];
  timeline: { at: string; type: string; amount: number | null; currency: string | null; detail: string }[];
  next_actions: string[];
}

async function ok(argv: string[], options: RunOptions): Promise<string> {
  const r = await runCli(argv, options);
  expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

async function story(home: string, identifier: string): Promise<Story> {
  const body = JSON.parse(await ok(['lookup', identifier, '--json'], { home })) as { matches: Story[] };
  expect(body.matches).toHaveLength(1);
  return body.matches[0]!;
}

/** A captured order (100.00 SEK) in se-demo with a dispute on 40.00 SEK of it. */
async function disputed(home: string): Promise<{ order: string; dispute: string }> {
  const [order] = await seedOrders(home, 1, `LD${Math.random().toString(36).slice(2, 6)}`);
  await ok(['orders', 'capture', order!, '--amount', '100', '--yes'], { home });
  const opened = JSON.parse(await ok(['sandbox', 'disputes', 'open', order!, '--amount', '40', '--reason', 'faulty_goods', '--json'], { home })) as { dispute_id: string };
  return { order: order!, dispute: opened.dispute_id };
}

const disputeEvents = (s: Story) => s.timeline.filter((e) => e.type.startsWith('dispute_')).map((e) => [e.type, e.amount]);

describe('merchant lookup: disputes', () => {
  it('open → answered → lost → paid out: each step on the timeline, and respond/accept offered only while allowed', async () => {
    const home = tempHome();
    const { order, dispute } = await disputed(home);

    const open = await story(home, order);
    expect(open.disputes).toEqual([expect.objectContaining({ dispute_id: dispute, state: 'open' })]);
    expect(disputeEvents(open)).toEqual([['dispute_opened', 4_000]]);
    expect(open.timeline.find((e) => e.type === 'dispute_opened')).toMatchObject({ currency: 'SEK', detail: expect.stringContaining('faulty goods') });
    // The dispute has a deadline: its commands come first.
    expect(open.next_actions.slice(0, 2)).toEqual([`merchant disputes respond ${dispute} --text "<your answer>"`, `merchant disputes accept ${dispute}`]);
    expect(open.next_actions).toContain(`merchant orders refund ${order} --amount <amount>`);

    await ok(['disputes', 'respond', dispute, '--text', 'Delivered, signed for'], { home });
    const answered = await story(home, order);
    expect(disputeEvents(answered)).toEqual([['dispute_opened', 4_000], ['dispute_responded', null]]);
    // Answered once: it may still be conceded, not answered again.
    expect(answered.next_actions.filter((a) => a.includes('disputes'))).toEqual([`merchant disputes accept ${dispute}`]);

    await ok(['sandbox', 'disputes', 'decide', dispute, 'lost'], { home });
    const lost = await story(home, order);
    expect(disputeEvents(lost)).toEqual([['dispute_opened', 4_000], ['dispute_responded', null], ['dispute_lost', null]]);
    expect(lost.next_actions.filter((a) => a.includes('disputes'))).toEqual([]);

    await ok(['sandbox', 'clock', 'advance', '2d'], { home });
    const paid = await story(home, order);
    const payout = paid.disputes[0]!.settled_in;
    expect(payout).toEqual(expect.any(String));
    const reversed = paid.timeline.find((e) => e.type === 'dispute_reversed');
    expect(reversed).toMatchObject({ amount: -4_000, currency: 'SEK', detail: expect.stringContaining(`payout ${payout} with the dispute fee`) });
    expect(reversed!.at).toBe(paid.settlements.find((s) => s.payment_reference === payout)!.payout_date);
    // The timeline stays in time order with the dispute's events among the order's.
    expect(paid.timeline.map((e) => e.at)).toEqual([...paid.timeline.map((e) => e.at)].sort());
  });

  it('an accepted dispute: accepted, then its reversal without a fee; nothing left to answer', async () => {
    const home = tempHome();
    const { order, dispute } = await disputed(home);
    await ok(['disputes', 'accept', dispute, '--yes'], { home });
    await ok(['sandbox', 'clock', 'advance', '2d'], { home });
    const s = await story(home, order);
    expect(disputeEvents(s)).toEqual([['dispute_opened', 4_000], ['dispute_accepted', null], ['dispute_reversed', -4_000]]);
    expect(s.timeline.find((e) => e.type === 'dispute_reversed')!.detail).not.toContain('fee');
    expect(s.next_actions.filter((a) => a.includes('disputes'))).toEqual([]);
  });

  it('a won and a withdrawn dispute cost nothing; past its deadline an open dispute offers no answer', async () => {
    const home = tempHome();
    const won = await disputed(home);
    await ok(['sandbox', 'disputes', 'decide', won.dispute, 'won'], { home });
    const closed = await disputed(home);
    await ok(['sandbox', 'disputes', 'decide', closed.dispute, 'closed'], { home });
    const late = await disputed(home);
    await ok(['sandbox', 'clock', 'advance', '15d'], { home });
    expect(disputeEvents(await story(home, won.order))).toEqual([['dispute_opened', 4_000], ['dispute_won', null]]);
    expect(disputeEvents(await story(home, closed.order))).toEqual([['dispute_opened', 4_000], ['dispute_closed', null]]);
    const expired = await story(home, late.order);
    expect(expired.disputes).toEqual([expect.objectContaining({ dispute_id: late.dispute, state: 'open' })]);
    expect(expired.next_actions.filter((a) => a.includes('disputes'))).toEqual([]);
  });

  it('on a terminal the story has a Disputes section and the dispute events in its timeline', async () => {
    const home = tempHome();
    const { order, dispute } = await disputed(home);
    const r = await runCli(['lookup', order], { home, tty: true, columns: 200 });
    expect(r.exitCode, r.stderr).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf('\nDisputes\n'), r.stdout.indexOf('\nTimeline\n'));
    expect(section.split('\n').find((line) => line.includes(dispute))).toMatch(/open .* 40\.00 SEK .* faulty_goods/);
    expect(r.stdout).toContain('dispute_opened');
    expect(r.stdout).toContain(`merchant disputes respond ${dispute} --text "<your answer>"`);
  });

  it('a key whose Portal role may not view disputes or payouts (User) still gets the rest of the story', async () => {
    const home = tempHome();
    const { order } = await disputed(home);
    const admin = (await ok(['keys', 'create', '--role', 'super_admin', '--store', 'se-demo'], { home })).trim();
    const key = (await ok(['keys', 'create', '--role', 'user', '--store', 'se-demo'], { home, env: { MERCHANT_API_KEY: admin } })).trim();
    const body = JSON.parse(await ok(['lookup', order, '--json'], { home, env: { MERCHANT_API_KEY: key } })) as { matches: Story[] };
    expect(body.matches[0]).toMatchObject({ order: { order_id: order }, disputes: [], settlements: [] });
    // Named as not shown, and why; not a failure (exit 0).
    expect((body.matches[0] as unknown as { incomplete: { part: string; cause: string }[] }).incomplete.map((i) => [i.part, i.cause])).toEqual([
      ['settlements', 'not_visible'],
      ['disputes', 'not_visible'],
    ]);
    expect(disputeEvents(body.matches[0]!)).toEqual([]);
  });

  it('next steps and status suggestions offer only what the key\'s Portal role may do (Settlement: view, never answer or change)', async () => {
    const home = tempHome();
    const { order, dispute } = await disputed(home);
    const admin = (await ok(['keys', 'create', '--role', 'super_admin', '--store', 'se-demo'], { home })).trim();
    const keyOf = async (role: string) => (await ok(['keys', 'create', '--role', role, '--store', 'se-demo'], { home, env: { MERCHANT_API_KEY: admin } })).trim();
    const actionsAs = async (key: string) => (JSON.parse(await ok(['lookup', order, '--json'], { home, env: { MERCHANT_API_KEY: key } })) as { matches: Story[] }).matches[0]!.next_actions;

    const settlement = await keyOf('settlement');
    const asSettlement = await actionsAs(settlement);
    expect(asSettlement.filter((a) => a.startsWith('merchant disputes ') || a.startsWith('merchant orders '))).toEqual([]);
    const asDisputes = await actionsAs(await keyOf('disputes'));
    expect(asDisputes.filter((a) => a.startsWith('merchant disputes '))).toHaveLength(2);
    expect(asDisputes.filter((a) => a.startsWith('merchant orders '))).toEqual([]);
    const asAdmin = await actionsAs(admin);
    expect(asAdmin).toContain(`merchant disputes respond ${dispute} --text "<your answer>"`);
    expect(asAdmin).toContain(`merchant orders refund ${order} --amount <amount>`);

    // The home page: the dispute is shown, with the command that shows it rather than one that answers it.
    type Status = { stores: { store_id: string; disputes: { nearest: { command: string } | null } }[]; expiring: { order_id: string; commands: string[] }[] };
    const status = JSON.parse(await ok(['status', '--store', 'se-demo', '--json'], { home, env: { MERCHANT_API_KEY: settlement } })) as Status;
    expect(status.stores[0]!.disputes.nearest!.command).toBe(`merchant disputes show ${dispute}`);
    expect(status.expiring.flatMap((e) => e.commands)).toEqual([]);
    const asAdminStatus = JSON.parse(await ok(['status', '--store', 'se-demo', '--json'], { home, env: { MERCHANT_API_KEY: admin } })) as Status;
    expect(asAdminStatus.stores[0]!.disputes.nearest!.command).toBe(`merchant disputes respond ${dispute} --text "<your answer>"`);

    // An authorization about to expire: extend/capture are suggested to a key that may change orders only.
    const [open] = await seedOrders(home, 1, 'LDX');
    await ok(['sandbox', 'clock', 'advance', '25d'], { home, env: { MERCHANT_API_KEY: admin } });
    const expiring = async (key: string) =>
      (JSON.parse(await ok(['status', '--store', 'se-demo', '--json'], { home, env: { MERCHANT_API_KEY: key } })) as Status).expiring.find((e) => e.order_id === open)!;
    expect((await expiring(admin)).commands).toEqual(expect.arrayContaining([`merchant orders capture ${open}`]));
    expect((await expiring(settlement)).commands).toEqual([]);
  });
});
