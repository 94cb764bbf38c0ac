/**
 * Disputes worked end to end in the sandbox through the CLI: opened by the customer, answered with
 * evidence, decided by the provider, and the money effect in the next payout (export and reconcile);
 * accepting; refusals after the deadline, for a decided dispute, for a role that may not answer, for bad
 * evidence; and the kustom backend's refusal naming the capability.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome, type RunOptions } from '../helpers/run-cli.js';
import { seedOrders } from '../helpers/orders.js';
import { DEFAULT_FAKE_API_KEY, startFakeKustom } from '../helpers/fake-kustom/index.js';

interface DisputeJson {
  dispute_id: string;
  order_id: string;
  store_id: string;
  amount: number;
  currency: string;
  state: string;
  reason: string;
  response_deadline: string;
  response_text: string | null;
  evidence: { filename: string; content_type: string; size_bytes: number }[];
  settled_in: string | null;
}

async function ok(argv: string[], options: RunOptions): Promise<string> {
  const r = await runCli(argv, options);
  expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** A captured order (100.00 SEK) in se-demo and a dispute opened on 40.00 SEK of it. */
async function disputed(home: string, extra: string[] = ['--amount', '40']): Promise<{ order: string; dispute: DisputeJson }> {
  const [order] = await seedOrders(home, 1, `D${Math.random().toString(36).slice(2, 6)}`);
  await ok(['orders', 'capture', order!, '--amount', '100', '--yes'], { home });
  const dispute = JSON.parse(await ok(['sandbox', 'disputes', 'open', order!, '--reason', 'faulty_goods', '--json', ...extra], { home })) as DisputeJson;
  return { order: order!, dispute };
}

function pdf(home: string, name = 'proof.pdf', body = '%PDF-1.4\n% proof of delivery\n'): string {
  const file = join(home, name);
  writeFileSync(file, body);
  return file;
}

describe('disputes in the sandbox', () => {
  it('open → respond with evidence → lost: the reversal and the dispute fee leave the next payout (export and reconcile)', async () => {
    const home = tempHome();
    const { order, dispute } = await disputed(home);
    expect(dispute).toMatchObject({ order_id: order, store_id: 'se-demo', amount: 4_000, currency: 'SEK', state: 'open', reason: 'faulty_goods' });

    const list = JSON.parse(await ok(['disputes', 'list', '--state', 'open', '--json'], { home })) as DisputeJson[];
    expect(list.map((d) => d.dispute_id)).toEqual([dispute.dispute_id]);

    const responded = JSON.parse(await ok(['disputes', 'respond', dispute.dispute_id, '--text', 'Delivered, signed for', '--evidence', pdf(home), '--json'], { home })) as DisputeJson;
    expect(responded).toMatchObject({ state: 'under_review', response_text: 'Delivered, signed for' });
    expect(responded.evidence).toEqual([{ filename: 'proof.pdf', content_type: 'application/pdf', size_bytes: 29 }]);

    const lost = await runCli(['sandbox', 'disputes', 'decide', dispute.dispute_id, 'lost'], { home });
    expect(lost.exitCode, lost.stderr).toBe(0);
    expect(lost.stderr).toMatch(/lost: 40\.00 SEK and the dispute fee leave the next payout/);

    // Before settlement it is in the balance: 100.00 sale − 4.49 fees − 1.12 VAT − 40.00 − 150.00 fee − 37.50 VAT.
    const balance = JSON.parse(await ok(['settlements', 'balance', '--store', 'se-demo', '--json'], { home })) as { pending_amount: number }[];
    expect(balance[0]!.pending_amount).toBe(10_000 - 449 - 112 - 4_000 - 15_000 - 3_750);

    await ok(['sandbox', 'clock', 'advance', '2d'], { home });
    const payouts = JSON.parse(await ok(['settlements', 'payouts', '--store', 'se-demo', '--json'], { home })) as { payment_reference: string; totals: { reversal_amount: number; settlement_amount: number } }[];
    expect(payouts).toHaveLength(1);
    const payout = payouts[0]!;
    expect(payout.totals.reversal_amount).toBe(4_000);
    expect(payout.totals.settlement_amount).toBe(10_000 - 449 - 112 - 4_000 - 15_000 - 3_750);

    const csv = await ok(['settlements', 'export', '--payout', payout.payment_reference], { home });
    const rows = csv.trim().split('\n');
    const header = rows[0]!.split(',');
    const col = (row: string, name: string) => row.split(',')[header.indexOf(name)];
    const disputeRows = rows.slice(1).filter((r) => col(r, 'refund_id') === dispute.dispute_id);
    expect(disputeRows.map((r) => [col(r, 'type'), col(r, 'amount')])).toEqual([
      ['REVERSAL', '-40.00'],
      ['FEE', '-150.00'],
      ['TAX', '-37.50'],
    ]);

    // Reconcile: the order's payout amount is the sale less the reversal; the dispute fee is a fee row.
    const ledger = join(home, 'ledger.csv');
    writeFileSync(ledger, `order_id,amount\n${order},60.00\n`);
    const reconciled = JSON.parse(await ok(['settlements', 'reconcile', '--payout', payout.payment_reference, '--ledger', ledger, '--json'], { home })) as {
      matched: { order_id: string; payout_amount: number }[];
      totals: { adds_up: boolean; fee_amount: number };
    };
    expect(reconciled.matched).toEqual([expect.objectContaining({ order_id: order, payout_amount: 6_000 })]);
    expect(reconciled.totals.adds_up).toBe(true);
    expect(reconciled.totals.fee_amount).toBe(-(449 + 112 + 15_000 + 3_750));

    const shown = JSON.parse(await ok(['disputes', 'show', dispute.dispute_id, '--json'], { home })) as DisputeJson;
    expect(shown).toMatchObject({ state: 'lost', settled_in: payout.payment_reference });
    // Settling again (another read) never takes the money twice.
    await ok(['sandbox', 'clock', 'advance', '2d'], { home });
    const again = JSON.parse(await ok(['settlements', 'payouts', '--store', 'se-demo', '--json'], { home })) as { totals: { reversal_amount: number } }[];
    expect(again.reduce((sum, p) => sum + p.totals.reversal_amount, 0)).toBe(4_000);
  });

  it('a won dispute costs nothing', async () => {
    const home = tempHome();
    const { dispute } = await disputed(home);
    await ok(['sandbox', 'disputes', 'decide', dispute.dispute_id, 'won'], { home });
    const balance = JSON.parse(await ok(['settlements', 'balance', '--store', 'se-demo', '--json'], { home })) as { pending_amount: number }[];
    expect(balance[0]!.pending_amount).toBe(10_000 - 449 - 112);
  });

  it('accept concedes after confirmation (--yes): the amount leaves the payout without a fee; accepting again sends nothing', async () => {
    const home = tempHome();
    const { dispute } = await disputed(home);
    const unconfirmed = await runCli(['disputes', 'accept', dispute.dispute_id], { home });
    expect(unconfirmed.exitCode).toBe(2);
    expect(unconfirmed.stderr).toMatch(/pass --yes/);
    const accepted = await runCli(['disputes', 'accept', dispute.dispute_id, '--yes', '--json'], { home });
    expect(accepted.exitCode, accepted.stderr).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ state: 'accepted' });
    const again = await runCli(['disputes', 'accept', dispute.dispute_id, '--yes'], { home });
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toMatch(/already accepted; nothing was sent again/);
    const balance = JSON.parse(await ok(['settlements', 'balance', '--store', 'se-demo', '--json'], { home })) as { pending_amount: number }[];
    expect(balance[0]!.pending_amount).toBe(10_000 - 449 - 112 - 4_000);
    // Decided: it can no longer be answered.
    const respond = await runCli(['disputes', 'respond', dispute.dispute_id, '--text', 'late'], { home });
    expect(respond.exitCode).toBe(1);
    expect(respond.stderr).toMatch(/is accepted; a decided dispute cannot be changed/);
  });

  it.each([
    ['respond', ['--text', 'Too late?']],
    ['accept', ['--yes']],
  ])('%s is refused once the response deadline passed (sandbox clock), and nothing changes', async (verb, extra) => {
    const home = tempHome();
    const { dispute } = await disputed(home);
    await ok(['sandbox', 'clock', 'advance', '15d'], { home });
    const r = await runCli(['disputes', verb, dispute.dispute_id, ...extra], { home });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/response deadline .* passed/);
    expect(r.stdout).toBe('');
    const shown = JSON.parse(await ok(['disputes', 'show', dispute.dispute_id, '--json'], { home })) as DisputeJson;
    expect(shown.state).toBe('open');
  });

  it('a decided dispute cannot be decided again', async () => {
    const home = tempHome();
    const { dispute } = await disputed(home);
    await ok(['sandbox', 'disputes', 'decide', dispute.dispute_id, 'closed'], { home });
    const r = await runCli(['sandbox', 'disputes', 'decide', dispute.dispute_id, 'lost'], { home });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/already closed/);
  });

  it('a decided dispute names its payout once the payout date passed, read from disputes alone; a refusal names the dispute', async () => {
    for (const read of [['show'], ['list']]) {
      const home = tempHome();
      const { dispute } = await disputed(home);
      await ok(['sandbox', 'disputes', 'decide', dispute.dispute_id, 'lost'], { home });
      await ok(['sandbox', 'clock', 'advance', '2d'], { home });
      // No settlements command ran: the disputes read itself sees the payout that has happened.
      const out = JSON.parse(await ok(['disputes', ...read, ...(read[0] === 'show' ? [dispute.dispute_id] : []), '--json'], { home })) as DisputeJson | DisputeJson[];
      const shown = Array.isArray(out) ? out.find((d) => d.dispute_id === dispute.dispute_id)! : out;
      const [payout] = JSON.parse(await ok(['settlements', 'payouts', '--store', 'se-demo', '--json'], { home })) as { payment_reference: string }[];
      expect(shown.settled_in, read.join(' ')).toBe(payout!.payment_reference);
      const again = await runCli(['sandbox', 'disputes', 'decide', dispute.dispute_id, 'won'], { home });
      expect(again.exitCode).toBe(1);
      expect(again.stderr).toContain(`merchant disputes show ${dispute.dispute_id}`);
      const late = await runCli(['disputes', 'accept', dispute.dispute_id, '--yes'], { home });
      expect(late.stderr).toContain(`merchant disputes show ${dispute.dispute_id}`);
    }
  });

  it('list --order takes the order as every order command does; an unknown order is not found, not an empty list', async () => {
    const home = tempHome();
    const { order, dispute } = await disputed(home);
    const shown = JSON.parse(await ok(['orders', 'show', order, '--json'], { home })) as { klarna_reference: string; merchant_reference1: string };
    for (const typed of [order, order.toUpperCase(), ` ${order} `, shown.klarna_reference.toLowerCase(), shown.merchant_reference1.toLowerCase()]) {
      const list = JSON.parse(await ok(['disputes', 'list', '--order', typed, '--json'], { home })) as DisputeJson[];
      expect(list.map((d) => d.dispute_id), typed).toEqual([dispute.dispute_id]);
    }
    const unknown = await runCli(['disputes', 'list', '--order', 'NO-SUCH-ORDER'], { home });
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toMatch(/Order NO-SUCH-ORDER was not found/);
  });

  it('evidence is checked like invoice PDFs (type, size, count) before anything is sent', async () => {
    const home = tempHome();
    const { dispute } = await disputed(home);
    const cases: [string[], RegExp][] = [
      [['--evidence', pdf(home, 'photo.jpg', '\xff\xd8\xff\xe0 jpeg')], /evidence: photo\.jpg is not a PDF/],
      [['--evidence', pdf(home, 'empty.pdf', '')], /evidence: empty\.pdf is empty/],
      [['--evidence', pdf(home, 'big.pdf', `%PDF-${'x'.repeat(5 * 1024 * 1024)}`)], /evidence: big\.pdf is 5\.0 MB; at most 5 MB/],
      [['--evidence', join(home, 'missing.pdf')], /evidence: .*missing\.pdf does not exist/],
      [Array.from({ length: 6 }, () => ['--evidence', pdf(home)]).flat(), /evidence: 6 files given; at most 5/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['disputes', 'respond', dispute.dispute_id, '--text', 'x', ...args], { home });
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const empty = await runCli(['disputes', 'respond', dispute.dispute_id, '--text', '  '], { home });
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toMatch(/text: is empty/);
    const shown = JSON.parse(await ok(['disputes', 'show', dispute.dispute_id, '--json'], { home })) as DisputeJson;
    expect(shown.state).toBe('open');
  });

  it('open refuses an uncaptured order and more than can be disputed', async () => {
    const home = tempHome();
    const [uncaptured] = await seedOrders(home, 1, 'U');
    const none = await runCli(['sandbox', 'disputes', 'open', uncaptured!], { home });
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toMatch(/has no captures/);
    const { order } = await disputed(home);
    const tooMuch = await runCli(['sandbox', 'disputes', 'open', order, '--amount', '60.01'], { home });
    expect(tooMuch.exitCode).toBe(2);
    // Amounts in money, never minor units; nothing left says so.
    expect(tooMuch.stderr).toMatch(/amount: 60\.01 SEK is more than can be disputed on order \S+: at most 60\.00 SEK/);
    expect(tooMuch.stderr).not.toMatch(/minor units|6001/);
    await ok(['sandbox', 'disputes', 'open', order], { home });
    const nothing = await runCli(['sandbox', 'disputes', 'open', order], { home });
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toMatch(/amount: nothing is left to dispute on order/);
    const reason = await runCli(['sandbox', 'disputes', 'open', order, '--reason', 'because'], { home });
    expect(reason.exitCode).toBe(2);
    expect(reason.stderr).toMatch(/--reason: must be one of goods_not_received/);
  });

  it('Portal roles: Settlement views but may not answer; Read Only may not view; Disputes answers', async () => {
    const home = tempHome();
    const { dispute } = await disputed(home);
    const admin = (await ok(['keys', 'create', '--role', 'super_admin', '--store', 'se-demo'], { home })).trim();
    const key = async (role: string) => (await ok(['keys', 'create', '--role', role, '--store', 'se-demo'], { home, env: { MERCHANT_API_KEY: admin } })).trim();
    const as = (secret: string): RunOptions => ({ home, env: { MERCHANT_API_KEY: secret } });

    const settlement = await key('settlement');
    expect((await runCli(['disputes', 'list', '--json'], as(settlement))).exitCode).toBe(0);
    const refused = await runCli(['disputes', 'accept', dispute.dispute_id, '--yes'], as(settlement));
    expect(refused.exitCode).toBe(4);
    expect(refused.stderr).toMatch(/Settlement.*respond to or accept disputes/);

    const readOnly = await key('read_only');
    const hidden = await runCli(['disputes', 'show', dispute.dispute_id], as(readOnly));
    expect(hidden.exitCode).toBe(4);
    expect(hidden.stderr).toMatch(/Read Only.*view disputes/);

    const disputes = await key('disputes');
    const answered = await runCli(['disputes', 'respond', dispute.dispute_id, '--text', 'Delivered', '--json'], as(disputes));
    expect(answered.exitCode, answered.stderr).toBe(0);
    expect(JSON.parse(answered.stdout)).toMatchObject({ state: 'under_review' });
  });
});

describe('disputes on the kustom backend', () => {
  it('every disputes command is refused naming the missing capability, and nothing is sent', async () => {
    const fake = await startFakeKustom();
    try {
      const home = tempHome();
      const env = { MERCHANT_API_KEY: DEFAULT_FAKE_API_KEY };
      const cli = (argv: string[]) => runCli(['--backend', 'kustom', '--base-url', fake.url, ...argv], { home, env });
      const cases: [string[], string][] = [
        [['disputes', 'list'], 'disputes.read'],
        [['disputes', 'show', 'DSP-1'], 'disputes.read'],
        [['disputes', 'respond', 'DSP-1', '--text', 'x'], 'disputes.respond'],
        [['disputes', 'accept', 'DSP-1', '--yes'], 'disputes.respond'],
      ];
      for (const [argv, capability] of cases) {
        const r = await cli(argv);
        expect(r.exitCode, argv.join(' ')).toBe(2);
        expect(r.stderr).toContain(`missing capability ${capability}`);
        expect(r.stderr).toMatch(/Kustom documents no disputes API/);
      }
      const open = await cli(['sandbox', 'disputes', 'open', 'x']);
      expect(open.exitCode).toBe(2);
      expect(open.stderr).toContain('missing capability sandbox.control');
      expect(fake.requests).toEqual([]);
      expect(fake.violations).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
