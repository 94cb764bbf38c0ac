/**
 * The sandbox issues keys and enforces Portal roles, through the real CLI: once keys exist for a store,
 * every operation on it needs a valid key whose role allows it; refusals exit 4 naming the role.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { ROLES, roleAllows, ROLE_LABELS, type Role } from '../../src/domain/roles.js';
import { PERMISSIONS } from '../../src/backends/sandbox/access.js';
import { openSandboxDatabase } from '../../src/backends/sandbox/database.js';
import { createKeyAccess } from '../../src/backends/sandbox/key-access.js';
import { createSandboxKeys } from '../../src/backends/sandbox/sandbox-keys.js';
import { allowAll } from '../../src/backends/sandbox/access.js';
import { credentialFromEntry } from '../../src/config/credentials.js';

async function issue(home: string, role: string, asKey: string | undefined, extra: string[] = []): Promise<string> {
  const r = await runCli(['keys', 'create', '--role', role, '--store', 'se-demo', ...extra], { home, env: asKey ? { MERCHANT_API_KEY: asKey } : {} });
  expect(r.exitCode, r.stderr).toBe(0);
  return r.stdout.trim();
}

const asCredential = (secret: string) =>
  credentialFromEntry({ id: 'c', profile: 'default', store: 'se-demo', kind: 'api_key', username: null, secret, environment: 'test', added_at: '', last_used_at: null });

describe('sandbox keys: create, verify, issued, revoke', () => {
  it('issues a real key shown once, stored hashed, and verifies it', async () => {
    const home = tempHome();
    const created = await runCli(['keys', 'create', '--role', 'super_admin', '--store', 'se-demo', '--json'], { home });
    expect(created.exitCode).toBe(0);
    const body = created.json<{ key_id: string; secret: string; masked: string; role: string }>();
    expect(body.secret).toMatch(/^kco_test_api_[A-Za-z0-9_-]{32}$/);
    expect(body.masked).toBe(`kco_test_api_…${body.secret.slice(-4)}`);
    const verify = await runCli(['keys', 'verify', '--json'], { home, env: { MERCHANT_API_KEY: body.secret } });
    expect(verify.exitCode).toBe(0);
    expect(verify.json()).toMatchObject({ ok: true, store: 'se-demo', role: 'super_admin', source: 'MERCHANT_API_KEY', environment: 'test' });
    const issued = await runCli(['keys', 'issued', '--json'], { home, env: { MERCHANT_API_KEY: body.secret } });
    expect(issued.json<{ key_id: string }[]>().map((k) => k.key_id)).toEqual([body.key_id]);
    expect(issued.stdout).not.toContain(body.secret);
    const db = openSandboxDatabase(join(home, 'data', 'sandbox.db'));
    const row = db.prepare(`SELECT secret_hash FROM sandbox_keys`).get() as { secret_hash: string };
    db.close();
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    // Shown once: not in the log, not in the database.
    for (const file of ['data/sandbox.db', 'data/sandbox.db-wal', 'data/logs.db', 'data/logs.db-wal']) {
      let content = '';
      try {
        content = readFileSync(join(home, file)).toString('latin1');
      } catch {
        continue;
      }
      expect(content, file).not.toContain(body.secret);
    }
    const logs = await runCli(['logs', '--json', '--operation', 'keys.issue'], { home });
    expect(logs.stdout).toContain('[redacted]');
    expect(logs.stdout).not.toContain(body.secret);
  });

  it('a fresh sandbox needs no key; once a key exists, the store needs one', async () => {
    const home = tempHome();
    expect((await runCli(['stores', 'configure', 'se-demo', '--name', 'A'], { home })).exitCode).toBe(0);
    await issue(home, 'admin', undefined);
    const none = await runCli(['stores', 'configure', 'se-demo', '--name', 'B'], { home });
    expect(none.exitCode).toBe(4);
    expect(none.stderr).toContain('Store se-demo requires an API key');
    // A store without keys stays open.
    expect((await runCli(['stores', 'configure', 'de-demo', '--name', 'C'], { home })).exitCode).toBe(0);
  });

  it('stored profile keys work the same as env keys, and last use is recorded', async () => {
    const home = tempHome();
    const admin = await issue(home, 'admin', undefined);
    expect((await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: admin })).exitCode).toBe(0);
    expect((await runCli(['stores', 'configure', 'se-demo', '--name', 'B'], { home })).exitCode).toBe(0);
    const list = await runCli(['keys', 'list', '--json'], { home });
    expect(list.json<{ last_used_at: string | null }[]>()[0]?.last_used_at).toMatch(/^\d{4}-/);
  });

  it('revoked and expired keys are refused (exit 4), by the sandbox clock', async () => {
    const home = tempHome();
    const admin = await issue(home, 'super_admin', undefined);
    const temp = await issue(home, 'external_user', admin, ['--expires', '2d']);
    expect((await runCli(['keys', 'verify'], { home, env: { MERCHANT_API_KEY: temp } })).exitCode).toBe(0);
    expect((await runCli(['sandbox', 'clock', 'advance', '3d'], { home, env: { MERCHANT_API_KEY: admin } })).exitCode).toBe(0);
    const expired = await runCli(['keys', 'verify'], { home, env: { MERCHANT_API_KEY: temp } });
    expect(expired.exitCode).toBe(4);
    expect(expired.stderr).toContain('expired at');
    const user = await issue(home, 'user', admin);
    const id = (await runCli(['keys', 'issued', '--json'], { home, env: { MERCHANT_API_KEY: admin } })).json<{ key_id: string; role: string }[]>().find((k) => k.role === 'user')?.key_id ?? '';
    expect((await runCli(['keys', 'revoke', id], { home, env: { MERCHANT_API_KEY: admin } })).exitCode).toBe(2);
    expect((await runCli(['keys', 'revoke', id, '--yes'], { home, env: { MERCHANT_API_KEY: admin } })).exitCode).toBe(0);
    const revoked = await runCli(['keys', 'verify'], { home, env: { MERCHANT_API_KEY: user } });
    expect(revoked.exitCode).toBe(4);
    expect(revoked.stderr).toContain('was revoked');
    expect((await runCli(['keys', 'revoke', id, '--yes'], { home, env: { MERCHANT_API_KEY: admin } })).exitCode).toBe(1);
    expect((await runCli(['keys', 'revoke', 'key_nope', '--yes'], { home, env: { MERCHANT_API_KEY: admin } })).exitCode).toBe(3);
  });

  it('validates create: role, store, expiry (external users need one)', async () => {
    const home = tempHome();
    const cases: [string[], string][] = [
      [['--role', 'boss'], 'role: must be one of'],
      [['--role', 'external_user'], 'expires: external_user keys are time-limited'],
      [['--role', 'external_user', '--expires', '365d'], 'at most 90 days'],
      [['--role', 'user', '--expires', 'soon'], 'expires: must be a duration'],
      [['--role', 'user', '--store', 'nope'], 'store: no store nope'],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['keys', 'create', ...args], { home });
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect((await runCli(['keys', 'issued', '--json'], { home })).json()).toEqual([]);
  });

  it('a key for one store does not open another store', async () => {
    const home = tempHome();
    const se = await issue(home, 'admin', undefined);
    await runCli(['keys', 'create', '--role', 'admin', '--store', 'de-demo'], { home, env: { MERCHANT_API_KEY: se } });
    const r = await runCli(['stores', 'configure', 'de-demo', '--name', 'X'], { home, env: { MERCHANT_API_KEY: se } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('belongs to store se-demo, not de-demo');
  });

  it('rotate verifies the new key before replacing the old one', async () => {
    const home = tempHome();
    const first = await issue(home, 'admin', undefined);
    const second = await issue(home, 'admin', first);
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: first });
    const bad = await runCli(['keys', 'rotate', '--store', 'se-demo', '--stdin'], { home, stdin: 'kco_test_api_FakeNotIssuedByThisSandbox0' });
    expect(bad.exitCode).toBe(4);
    expect((await runCli(['auth', 'status', '--json'], { home })).json()).toMatchObject({ masked: `kco_test_api_…${first.slice(-4)}` });
    const ok = await runCli(['keys', 'rotate', '--store', 'se-demo', '--stdin', '--json'], { home, stdin: second });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ old: { masked: `kco_test_api_…${first.slice(-4)}` }, new: { masked: `kco_test_api_…${second.slice(-4)}` }, verified: { ok: true } });
    expect((await runCli(['auth', 'status', '--json'], { home })).json()).toMatchObject({ masked: `kco_test_api_…${second.slice(-4)}` });
  });
});

describe('sandbox role enforcement through the CLI', () => {
  it.each(ROLES.filter((r) => r !== 'external_user'))('%s: stores and keys management', async (role: Role) => {
    const home = tempHome();
    const root = await issue(home, 'super_admin', undefined);
    const key = await issue(home, role, root);
    const env = { MERCHANT_API_KEY: key };
    const configure = await runCli(['stores', 'configure', 'se-demo', '--name', 'Renamed'], { home, env });
    const create = await runCli(['keys', 'create', '--role', 'read_only', '--store', 'se-demo'], { home, env });
    for (const r of [configure, create]) {
      const allowed = role === 'admin' || role === 'super_admin';
      expect(r.exitCode).toBe(allowed ? 0 : 4);
      if (!allowed) expect(r.stderr).toContain(`The ${ROLE_LABELS[role]} role`);
    }
    if (role !== 'admin' && role !== 'super_admin') expect(create.stderr).toContain('cannot manage API keys');
  });

  it('an admin cannot mint a super admin; a super admin can', async () => {
    const home = tempHome();
    const root = await issue(home, 'super_admin', undefined);
    const admin = await issue(home, 'admin', root);
    const r = await runCli(['keys', 'create', '--role', 'super_admin', '--store', 'se-demo'], { home, env: { MERCHANT_API_KEY: admin } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('The Admin role');
    expect(r.stderr).toContain('cannot issue Super Admin keys');
  });

  it('once keys exist, only an admin may move the clock; sandbox reset always works (the files are the user\'s)', async () => {
    const home = tempHome();
    const root = await issue(home, 'super_admin', undefined);
    const ro = await issue(home, 'read_only', root);
    const clock = await runCli(['sandbox', 'clock', 'advance', '1d'], { home, env: { MERCHANT_API_KEY: ro } });
    expect(clock.exitCode).toBe(4);
    expect(clock.stderr).toContain('The Read Only role');
    expect((await runCli(['sandbox', 'reset', '--yes'], { home, env: { MERCHANT_API_KEY: ro } })).exitCode).toBe(0);
    expect((await runCli(['keys', 'issued', '--json'], { home })).json()).toEqual([]);
    await issue(home, 'super_admin', undefined);
    expect((await runCli(['sandbox', 'reset', '--yes'], { home })).exitCode).toBe(0);
    expect((await runCli(['keys', 'issued', '--json'], { home })).json()).toEqual([]);
  });

  it.each(['settlement', 'read_only', 'user', 'disputes'] as const)('a first %s key never locks the sandbox: keys create and reset still work without a key', async (role) => {
    const home = tempHome();
    await issue(home, role, undefined);
    // No admin key exists, so issuing stays open, as for the first key.
    const admin = await issue(home, 'admin', undefined);
    const issued = await runCli(['keys', 'issued', '--json'], { home, env: { MERCHANT_API_KEY: admin } });
    expect(issued.json<{ role: string }[]>().map((k) => k.role)).toEqual([role, 'admin']);
    // Once an admin key exists, issuing needs it again.
    const refused = await runCli(['keys', 'create', '--role', 'user', '--store', 'se-demo'], { home });
    expect(refused.exitCode).toBe(4);
    expect((await runCli(['sandbox', 'reset', '--yes'], { home })).exitCode).toBe(0);
  });

  it('--json errors carry the role and the missing permission', async () => {
    const home = tempHome();
    const root = await issue(home, 'super_admin', undefined);
    const ro = await issue(home, 'read_only', root);
    const r = await runCli(['stores', 'configure', 'se-demo', '--name', 'X', '--json'], { home, env: { MERCHANT_API_KEY: ro } });
    expect(r.exitCode).toBe(4);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { kind: 'auth', exit_code: 4, details: { role: 'read_only', permission: 'stores.manage' } } });
  });
});

describe('sandbox access: every role × every permission', () => {
  it('matches the domain matrix for a store with keys, and refuses with the role named', async () => {
    const home = mkdtempSync(join(tmpdir(), 'merchant-access-'));
    const db = openSandboxDatabase(join(home, 'sandbox.db'));
    const clock = { now: () => new Date() };
    const { secret: root } = await createSandboxKeys(db, clock, allowAll, undefined).issue({ role: 'super_admin', store_id: 'se-demo' });
    const issuer = createSandboxKeys(db, clock, allowAll, asCredential(root));
    const secrets = new Map<Role, string>();
    for (const role of ROLES) {
      const { secret } = await issuer.issue({ role, store_id: 'se-demo', expires_at: new Date(Date.now() + 86_400_000).toISOString() });
      secrets.set(role, secret);
    }
    for (const role of ROLES) {
      const access = createKeyAccess(db, asCredential(secrets.get(role) ?? ''), clock);
      for (const permission of PERMISSIONS) {
        const attempt = () => access.require(permission, 'se-demo');
        if (roleAllows(role, permission)) expect(attempt, `${role} ${permission}`).not.toThrow();
        else expect(attempt, `${role} ${permission}`).toThrow(`The ${ROLE_LABELS[role]} role`);
      }
    }
    const anonymous = createKeyAccess(db, undefined, clock);
    expect(() => anonymous.require('orders.view', 'se-demo')).toThrow('requires an API key');
    expect(() => anonymous.require('orders.view', 'de-demo')).not.toThrow();
    db.close();
  });
});
