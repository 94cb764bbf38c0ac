/**
 * The write checks on their own (no command calls the live guard here): every method of every backend
 * part that is not listed as a read is refused under a live key when the store is not named, before it
 * reaches the backend; reads pass; a backend lacking a capability is refused whatever the caller checked.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePaths } from '../../../../src/config/paths.js';
import { credentialFromEntry } from '../../../../src/config/credentials.js';
import { resolveSettings } from '../../../../src/config/resolve.js';
import { emptySettings } from '../../../../src/config/settings-schema.js';
import { createSandboxBackend } from '../../../../src/backends/sandbox/sandbox-backend.js';
import type { Backend } from '../../../../src/backends/backend.js';
import { READ_METHODS, withWriteChecks } from '../../../../src/services/auth/write-checks.js';

const LIVE = 'kco_live_api_FAKEnotAREALkey0000abcdQr5678';
/** Writes whose argument names the store they change (a store's ID, a link's, a dispute's, an order's): announced, not refused. */
const NAMES_STORE = ['stores.create', 'stores.update', 'links.cancel', 'links.send', 'disputes.respond', 'disputes.accept', 'sandboxDisputes.open', 'sandboxDisputes.decide'];

function liveCtx(env: Record<string, string>) {
  const lines: string[] = [];
  const credential = credentialFromEntry({ id: 'c', profile: 'default', store: null, kind: 'api_key', username: null, secret: LIVE, environment: 'live', added_at: '', last_used_at: null } as never);
  const settings = resolveSettings(emptySettings(), {}, env);
  return { lines, ctx: { credential: () => credential, settings: () => settings, logger: { warn: (m: string) => lines.push(m), info: (m: string) => lines.push(m) } } };
}

async function sandbox(): Promise<Backend> {
  const paths = resolvePaths({ MERCHANT_HOME: mkdtempSync(join(tmpdir(), 'merchant-checks-')) });
  return createSandboxBackend({ paths, clock: { now: () => new Date() } });
}

/** Every write method a backend's parts expose, by the decorator's own classification. */
function writeMethods(backend: Backend): [string, string][] {
  const out: [string, string][] = [];
  for (const part of Object.keys(READ_METHODS)) {
    const api = (backend as unknown as Record<string, Record<string, unknown> | undefined>)[part];
    if (!api) continue;
    for (const name of Object.keys(api)) if (typeof api[name] === 'function' && !READ_METHODS[part]!.includes(name)) out.push([part, name]);
  }
  return out;
}

describe('withWriteChecks', () => {
  it('refuses every write method under a live key with the store only from MERCHANT_STORE, and sends nothing', async () => {
    const raw = await sandbox();
    const request = { store_id: 'se-demo', purchase_country: 'SE', purchase_currency: 'SEK', locale: 'en-SE', order_amount: 10_000, order_tax_amount: 2_000, order_lines: [{ type: 'physical', name: 'A', reference: 'A', quantity: 1, unit_price: 10_000, tax_rate: 2500, total_amount: 10_000, total_tax_amount: 2_000 }], merchant_reference1: 'R', customer: { email: 'a@example.com' }, delivery: { channel: 'none' }, auto_capture: false, notes: {}, created_by: 't', expires_at: new Date(Date.now() + 3_600_000).toISOString() } as never;
    const link = await raw.links!.create(request, { idempotencyKey: 'k1' });
    const argsFor: Record<string, unknown[]> = {
      'links.create': [request, { idempotencyKey: 'k2' }],
      'links.createMany': [[{ request, idempotencyKey: 'k3' }]],
    };
    const { ctx, lines } = liveCtx({ MERCHANT_STORE: 'se-demo' });
    const backend = withWriteChecks(raw, ctx);
    const writes = writeMethods(raw);
    expect(writes.length).toBeGreaterThan(15);
    const before = await raw.sandbox!.status();
    for (const [part, name] of writes) {
      if (NAMES_STORE.includes(`${part}.${name}`)) continue;
      const api = (backend as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[part]!;
      await expect(api[name]!(...(argsFor[`${part}.${name}`] ?? [link.link_id, { channel: 'email' }, { idempotencyKey: 'k' }])), `${part}.${name}`).rejects.toThrow(/Refusing a live write .*the store comes only from MERCHANT_STORE/);
    }
    expect(lines).toEqual([]);
    expect((await raw.sandbox!.status()).counts).toEqual(before.counts);
    // Reads pass.
    await expect(backend.stores.list()).resolves.toHaveLength(before.counts['stores']!);
    await raw.close();
  });

  it('announces one banner per store and run, and refuses a write to another store than the one named', async () => {
    const raw = await sandbox();
    const { ctx, lines } = liveCtx({});
    const backend = withWriteChecks(raw, ctx);
    await backend.stores.update('se-demo', { name: 'One' });
    await backend.stores.update('se-demo', { name: 'Two' });
    expect(lines).toEqual([expect.stringMatching(/^LIVE · store se-demo · .* · configure store se-demo$/)]);
    await expect(backend.orders!.capture('x', { captured_amount: 1 }, { idempotencyKey: 'k', target: 'de-demo', store: 'se-demo' })).rejects.toThrow(/it changes store de-demo, but the store named is se-demo/);
    await raw.close();
  });

  it('refuses a write the backend has no capability for, even when the caller did not check', async () => {
    const raw = await sandbox();
    const limited = Object.assign(Object.create(raw) as Backend, { capabilities: new Set(['stores.read']) });
    const backend = withWriteChecks(limited, liveCtx({}).ctx);
    await expect(backend.stores.update('se-demo', { name: 'X' })).rejects.toThrow(/The sandbox backend cannot stores update \(missing capability stores\.write\)/);
    await raw.close();
  });
});
