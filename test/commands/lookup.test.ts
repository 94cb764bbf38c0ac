/** `merchant lookup` and "any identifier everywhere" on the sandbox, in-process. */
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { seedOrders } from '../helpers/orders.js';
import type { LinkJson } from '../helpers/links.js';

interface StoryJson {
  kind: string;
  order: { order_id: string; klarna_reference: string; status: string; customer: { name?: string; email?: string; phone?: string }; order_lines: { captured_quantity: number }[] } | null;
  links: { link_id: string; opened_at: string | null; messages: unknown[] }[];
  settlements: { payment_reference: string; payout_date: string; net_amount: number }[];
  timeline: { type: string; at: string; amount: number | null }[];
  next_actions: string[];
}
interface LookupJson {
  query: string;
  tried: string[];
  matches: StoryJson[];
}

/** A link sent by email, opened, paid and captured in part with a reference, then settled into a payout. */
async function paidStory(home: string): Promise<{ link: LinkJson; orderId: string; captureId: string }> {
  const created = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'Anna@Example.com', '--phone', '+46701112233', '--reference', 'ORD-7001', '--link-reference', 'INV-7001', '--send', 'email', '--line', 'name=Mug,ref=MUG,qty=2,price=100,tax=25', '--yes', '--json'], { home });
  expect(created.exitCode, created.stderr).toBe(0);
  const link = created.json<LinkJson>();
  await runCli(['sandbox', 'open', link.link_id], { home });
  const paid = await runCli(['sandbox', 'pay', link.link_id, '--json'], { home });
  const orderId = paid.json<{ order_id: string }>().order_id;
  const captured = await runCli(['orders', 'capture', orderId, '--line', 'MUG:1', '--reference', 'SHIP-1', '--yes', '--json'], { home });
  expect(captured.exitCode, captured.stderr).toBe(0);
  return { link, orderId, captureId: captured.json<{ capture: { capture_id: string } }>().capture?.capture_id ?? captured.json<{ capture_id: string }>().capture_id };
}

describe('merchant lookup (sandbox)', () => {
  it('finds one payment by every kind of identifier and tells the whole story', async () => {
    const home = tempHome();
    const { link, orderId, captureId } = await paidStory(home);
    const shown = (await runCli(['orders', 'show', orderId, '--json'], { home })).json<{ klarna_reference: string }>();
    const identifiers: [string, string][] = [
      [link.link_id, 'link_id'],
      [link.url, 'link_url'],
      [orderId, 'order_id'],
      [shown.klarna_reference.toLowerCase(), 'klarna_reference'],
      ['ord-7001', 'merchant_reference'],
      ['INV-7001', 'link_reference'],
      [captureId, 'capture_id'],
      ['ship-1', 'capture_reference'],
      ['ANNA@example.com', 'email'],
      ['070-111 22 33', 'phone'],
      ['+46 70 111 22 33', 'phone'],
      // The same identifiers as people paste or read them out.
      [link.link_id.toUpperCase(), 'link_id'],
      [` ${orderId.toUpperCase()} `, 'order_id'],
      [captureId.toUpperCase(), 'capture_id'],
      [`${link.url}/`, 'link_url'],
      [`${link.url}?utm_source=mail`, 'link_url'],
      [link.url.replace('https://', 'http://'), 'link_url'],
      [link.url.toUpperCase(), 'link_url'],
      [link.url.replace('https://', ''), 'link_url'],
      ['+46 (0)70-111 22 33', 'phone'],
      ['(070) 111 22 33', 'phone'],
      // The calling code without +: after 00, or the store's own code with a Swedish number's length.
      ['0046 70 111 22 33', 'phone'],
      ['46 70 111 22 33', 'phone'],
      ['46701112233', 'phone'],
      ['46-(0)70-111.22.33', 'phone'],
      ['070.111.22.33', 'phone'],
      ['Anna <ANNA@example.com>', 'email'],
      ['mailto:anna@example.com', 'email'],
    ];
    for (const [identifier, kind] of identifiers) {
      const r = await runCli(['lookup', identifier, '--json'], { home });
      expect(r.exitCode, `${identifier}: ${r.stderr}`).toBe(0);
      const body = r.json<LookupJson>();
      expect(body.matches.map((m) => [m.order?.order_id, m.kind]), identifier).toEqual([[orderId, kind]]);
    }
    const story = (await runCli(['lookup', 'ORD-7001', '--json'], { home })).json<LookupJson>().matches[0]!;
    expect(story.links.map((l) => l.link_id)).toEqual([link.link_id]);
    expect(story.links[0]!.opened_at).toEqual(expect.any(String));
    expect(story.order!.order_lines[0]!.captured_quantity).toBe(1);
    expect(story.timeline.map((e) => e.type)).toEqual(['link_created', 'message_sent', 'opened', 'paid', 'captured']);
    expect(story.next_actions).toEqual(expect.arrayContaining([`merchant orders capture ${orderId}`, `merchant orders refund ${orderId} --amount <amount>`]));
  });

  it('shows the payout that settled the order, and finds the order by the payout reference', async () => {
    const home = tempHome();
    const { orderId } = await paidStory(home);
    await runCli(['sandbox', 'clock', 'advance', '3d'], { home });
    const payouts = await runCli(['settlements', 'payouts', '--store', 'se-demo', '--json'], { home });
    const [payout] = payouts.json<{ payment_reference: string }[]>();
    expect(payout).toBeDefined();
    const r = await runCli(['lookup', payout!.payment_reference.toLowerCase(), '--json'], { home });
    expect(r.exitCode, r.stderr).toBe(0);
    const story = r.json<LookupJson>().matches[0]!;
    expect(story).toMatchObject({ kind: 'payment_reference', order: { order_id: orderId } });
    expect(story.settlements).toEqual([expect.objectContaining({ payment_reference: payout!.payment_reference, net_amount: expect.any(Number) })]);
    expect(story.settlements[0]!.net_amount).toBeLessThan(10000);
    expect(story.timeline.at(-1)).toMatchObject({ type: 'settled', amount: story.settlements[0]!.net_amount });
  });

  it('finds a link not paid yet, with its messages and the commands that resend or cancel it', async () => {
    const home = tempHome();
    const created = await runCli(['links', 'create', '--store', 'se-demo', '--phone', '+46709998877', '--reference', 'ORD-9', '--send', 'sms', '--line', 'name=A,price=10,tax=25', '--yes', '--json'], { home });
    const link = created.json<LinkJson>();
    const r = await runCli(['lookup', '+46709998877', '--json'], { home });
    const [m] = r.json<LookupJson>().matches;
    expect(m).toMatchObject({ kind: 'phone', order: null, links: [{ link_id: link.link_id }] });
    expect(m!.next_actions).toEqual([`merchant links resend ${link.link_id}`, `merchant links cancel ${link.link_id}`]);
    const human = await runCli(['lookup', link.url], { home, tty: true });
    expect(human.stdout).toContain('(not paid yet)');
    expect(human.stdout).toContain('Messages');
  });

  it('several matches: the list with what matched per row when piped, all of them with --json, a picker on a terminal', async () => {
    const home = tempHome();
    await seedOrders(home, 3, 'MANY');
    // Seeded customers have names; the 3 orders' names differ, so search by the shared email domain prefix instead.
    const piped = await runCli(['lookup', 'customer1@example.com'], { home });
    expect(piped.exitCode).toBe(0);
    const both = await runCli(['orders', 'list', '--search', 'many-', '--json'], { home });
    expect(both.json<unknown[]>()).toHaveLength(3);
    // The same merchant reference on two orders (two stores): several matches.
    await seedOrders(home, 1, 'MANY', 'de-demo');
    const list = await runCli(['lookup', 'many-1'], { home });
    expect(list.exitCode).toBe(0);
    const rows = list.stdout.trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.startsWith('merchant_reference\t'))).toBe(true);
    const json = await runCli(['lookup', 'many-1', '--json'], { home });
    expect(json.json<LookupJson>().matches).toHaveLength(2);
    expect(json.stderr).toBe('');
    expect(json.json<{ more: boolean }>().more).toBe(false);
    // More matches than --limit: the newest are shown, and stderr says the list is cut (stdout stays results
    // only); under --json, where stderr is silent, `more` says it.
    const cut = await runCli(['lookup', 'many-1', '--limit', '1'], { home });
    expect(cut.exitCode, cut.stderr).toBe(0);
    expect(cut.stderr).toMatch(/More than 1 payments match "many-1"; these are the newest 1\..*raise --limit/);
    const cutJson = await runCli(['lookup', 'many-1', '--limit', '1', '--json'], { home });
    expect(cutJson.json<{ more: boolean; matches: unknown[] }>()).toMatchObject({ more: true, matches: [expect.anything()] });
    expect(Object.keys(json.json<LookupJson>().matches[0]!).sort()).toEqual(['disputes', 'incomplete', 'kind', 'links', 'next_actions', 'order', 'settlements', 'timeline']);
    expect(Object.keys(json.json<LookupJson>()).sort()).toEqual(['incomplete', 'matches', 'more', 'query', 'tried']);
    const offered: string[] = [];
    const picked = await runCli(['lookup', 'many-1'], {
      home,
      tty: true,
      overrides: {
        prompter: {
          interactive: true,
          input: async () => '',
          confirm: async () => true,
          password: async () => '',
          select: async <T,>(o: { choices: readonly { name: string; value: T }[] }) => (offered.push(...o.choices.map((c) => c.name)), o.choices[1]!.value),
        },
      },
    });
    expect(picked.exitCode, picked.stderr).toBe(0);
    expect(offered).toHaveLength(2);
    expect(offered[0]).toContain('matched merchant_reference');
    expect(picked.stdout).toContain('Timeline');
  });

  it('says what it tried when nothing matches (exit 3), and refuses an empty identifier (exit 2)', async () => {
    const home = tempHome();
    const none = await runCli(['lookup', 'no-such-thing'], { home });
    expect(none.exitCode).toBe(3);
    expect(none.stderr).toContain('merchant_reference');
    // A phone says how it was read, so a number without + read the wrong way shows at once.
    const phone = await runCli(['lookup', '46 70 999 88 77', '--store', 'se-demo'], { home });
    expect(phone.exitCode).toBe(3);
    expect(phone.stderr).toContain('Tried it as: phone (+46709998877), merchant_reference');
    expect((await runCli(['lookup', '  '], { home })).exitCode).toBe(2);
  });
});

describe('any identifier everywhere (sandbox)', () => {
  it('orders commands take the Kustom reference and a merchant reference in any case; an ambiguous one lists candidates (exit 2)', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1, 'AMB');
    const order = (await runCli(['orders', 'show', id!, '--json'], { home })).json<{ klarna_reference: string }>();
    expect((await runCli(['orders', 'show', order.klarna_reference, '--json'], { home })).json<{ order_id: string }>().order_id).toBe(id);
    expect((await runCli(['orders', 'timeline', 'amb-1', '--json'], { home })).exitCode).toBe(0);
    for (const typed of [id!.toUpperCase(), ` ${id!} `]) {
      for (const verb of ['show', 'timeline']) {
        const r = await runCli(['orders', verb, typed, '--json'], { home });
        expect(r.exitCode, `orders ${verb} ${typed}: ${r.stderr}`).toBe(0);
      }
    }
    expect((await runCli(['orders', 'extend', id!.toUpperCase(), '--yes', '--json'], { home })).json<{ order_id: string }>().order_id).toBe(id);
    const [other] = await seedOrders(home, 1, 'AMB', 'de-demo');
    const ambiguous = await runCli(['orders', 'capture', 'AMB-1', '--yes'], { home });
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.stderr).toContain(id!);
    expect(ambiguous.stderr).toContain(other!);
    expect((await runCli(['orders', 'show', 'AMB-1', '--store', 'de-demo', '--json'], { home })).json<{ order_id: string }>().order_id).toBe(other);
  });

  it('orders commands take the payment link that produced the order (ID or URL, as pasted); a link not paid yet names no order', async () => {
    const home = tempHome();
    const { link, orderId } = await paidStory(home);
    for (const typed of [link.link_id, link.link_id.toUpperCase(), link.url, `${link.url}/`, link.url.toUpperCase(), link.url.replace('https://', '')]) {
      for (const verb of ['show', 'timeline']) {
        const r = await runCli(['orders', verb, typed, '--json'], { home });
        expect(r.exitCode, `orders ${verb} ${typed}: ${r.stderr}`).toBe(0);
        if (verb === 'show') expect(r.json<{ order_id: string }>().order_id).toBe(orderId);
      }
    }
    const captured = await runCli(['orders', 'capture', link.url, '--yes', '--json'], { home });
    expect(captured.exitCode, captured.stderr).toBe(0);
    expect((await runCli(['orders', 'show', orderId, '--json'], { home })).json<{ status: string }>().status).toBe('CAPTURED');
    const unpaid = (await runCli(['links', 'create', '--store', 'se-demo', '--email', 'c@example.com', '--reference', 'UNPAID-1', '--amount', '10', '--yes', '--json'], { home })).json<LinkJson>();
    const none = await runCli(['orders', 'show', unpaid.url], { home });
    expect(none.exitCode).toBe(3);
    expect(none.stderr).toMatch(/payment link \(ID or URL\)/);
  });

  it('links commands take the URL, the link reference and the merchant reference', async () => {
    const home = tempHome();
    const link = (await runCli(['links', 'create', '--store', 'se-demo', '--email', 'b@example.com', '--reference', 'ORD-5', '--link-reference', 'LR-5', '--line', 'name=A,price=10,tax=25', '--yes', '--json'], { home })).json<LinkJson>();
    for (const id of [link.url, 'lr-5', 'ORD-5', link.link_id.toUpperCase(), ` ${link.link_id} `, `${link.url}/`, link.url.toUpperCase(), link.url.replace('https://', '')]) {
      const r = await runCli(['links', 'show', id, '--json'], { home });
      expect(r.exitCode, `${id}: ${r.stderr}`).toBe(0);
      expect(r.json<LinkJson>().link_id).toBe(link.link_id);
    }
    expect((await runCli(['links', 'resend', 'LR-5', '--send', 'email', '--json'], { home })).exitCode).toBe(0);
    expect((await runCli(['links', 'cancel', link.url, '--yes', '--json'], { home })).json<LinkJson>()).toMatchObject({ link_id: link.link_id, status: 'cancelled' });
    expect((await runCli(['links', 'duplicate', 'ORD-5', '--json'], { home })).exitCode).toBe(0);
  });

  it('orders list filters by phone, name and search text; links list by a partial email', async () => {
    const home = tempHome();
    await seedOrders(home, 20, 'FLT');
    const all = (await runCli(['orders', 'list', '--json', '--all'], { home })).json<{ order_id: string; customer: { name: string; phone: string; email: string } }[]>();
    const target = all[0]!;
    const byPhone = (await runCli(['orders', 'list', '--phone', target.customer.phone, '--json'], { home })).json<{ order_id: string }[]>();
    expect(byPhone.map((o) => o.order_id)).toEqual([target.order_id]);
    const local = `0${target.customer.phone.slice(3)}`;
    expect((await runCli(['orders', 'list', '--phone', local, '--store', 'se-demo', '--json'], { home })).json<unknown[]>()).toHaveLength(1);
    // The calling code without +: with or without --store (then any store's code is recognised, not only the first store's).
    const bare = target.customer.phone.slice(1);
    expect(target.customer.phone.startsWith('+46')).toBe(true);
    for (const argv of [['--phone', bare], ['--phone', `${bare.slice(0, 2)} ${bare.slice(2)}`, '--store', 'se-demo'], ['--phone', `00${bare}`]]) {
      expect((await runCli(['orders', 'list', ...argv, '--json'], { home })).json<{ order_id: string }[]>().map((o) => o.order_id), argv.join(' ')).toEqual([target.order_id]);
    }
    const first = target.customer.name.split(' ')[0]!.toLowerCase();
    const byName = (await runCli(['orders', 'list', '--name', first, '--json', '--all'], { home })).json<{ customer: { name: string } }[]>();
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((o) => o.customer.name.toLowerCase().startsWith(first))).toBe(true);
    // Any word of the name, in any case, with surrounding spaces; the family name too.
    const family = target.customer.name.split(' ').pop()!;
    const byFamily = (await runCli(['orders', 'list', '--name', `  ${family.toUpperCase()} `, '--json', '--all'], { home })).json<{ customer: { name: string } }[]>();
    expect(byFamily.map((o) => o.customer.name)).toContain(target.customer.name);
    expect(byFamily.every((o) => o.customer.name.endsWith(family))).toBe(true);
    expect((await runCli(['orders', 'list', '--search', family.slice(0, 4).toLowerCase(), '--json', '--all'], { home })).json<unknown[]>().length).toBeGreaterThanOrEqual(byFamily.length);
    const looked = await runCli(['lookup', `${family.toLowerCase()} ${first}`, '--json'], { home });
    expect(looked.exitCode, looked.stderr).toBe(0);
    expect(looked.json<LookupJson>().matches.map((m) => m.kind)).toContain('name');
    // One letter would match most customers: refused naming the flag and the rule (exit 2).
    for (const [flag, text] of [['--name', 'a'], ['--name', 'a b'], ['--search', 'k']]) {
      const short = await runCli(['orders', 'list', flag!, text!], { home });
      expect(short.exitCode, `${flag} ${text}`).toBe(2);
      expect(short.stderr).toContain(flag!);
      expect(short.stderr).toMatch(/at least 2/);
    }

    expect((await runCli(['orders', 'list', '--search', 'flt-1', '--json', '--all'], { home })).json<unknown[]>()).toHaveLength(11);
    expect((await runCli(['orders', 'list', '--search', target.customer.email.toUpperCase(), '--json'], { home })).json<unknown[]>()).toHaveLength(1);
    expect((await runCli(['orders', 'list', '--reference', 'flt-2', '--json'], { home })).json<unknown[]>()).toHaveLength(1);
    expect((await runCli(['orders', 'list', '--phone', 'abc'], { home })).exitCode).toBe(2);
    await runCli(['links', 'create', '--store', 'se-demo', '--email', 'anna.k@example.com', '--reference', 'C-1', '--line', 'name=A,price=10,tax=25', '--yes'], { home });
    const partial = await runCli(['links', 'list', '--contact', 'ANNA', '--json'], { home });
    expect(partial.exitCode, partial.stderr).toBe(0);
    expect(partial.json<unknown[]>()).toHaveLength(1);
  });
});
