/** How stored keys, issued sandbox keys and developer-log entries look. Secrets never reach a view. */
import { renderList, renderRecord, writeJson, type Column, type RenderTarget } from '../render.js';
import { time } from '../cells.js';
import type { StoredKeyView } from '../../services/keys/stored-keys.js';
import type { MigrateResult } from '../../services/keys/key-storage.js';
import type { VerifyResult } from '../../services/keys/verify-key.js';
import type { SecretStorage } from '../../config/secret-store.js';
import type { Reporter } from './reporter.js';
import type { IssuedKey } from '../../domain/model/api-key.js';

export const storedKeyColumns: Column<StoredKeyView>[] = [
  { header: 'Store', value: (k) => (k.in_use ? `${k.store} *` : k.store) },
  { header: 'Profile', value: (k) => k.profile },
  { header: 'Key', value: (k) => (k.username ? `${k.username}:${k.masked}` : k.masked) },
  { header: 'Environment', value: (k) => k.environment },
  { header: 'Storage', value: (k) => k.storage },
  { header: 'Added', value: (k) => time(k.added_at) },
  { header: 'Last used', value: (k) => (k.last_used_at ? time(k.last_used_at) : 'never') },
];

export const storedKeyJson = (k: StoredKeyView) => ({
  id: k.id,
  store: k.store,
  profile: k.profile,
  kind: k.kind,
  username: k.username,
  masked: k.masked,
  environment: k.environment,
  storage: k.storage,
  in_use: k.in_use,
  added_at: k.added_at,
  last_used_at: k.last_used_at,
});

export const issuedKeyColumns: Column<IssuedKey>[] = [
  { header: 'ID', value: (k) => k.key_id },
  { header: 'Store', value: (k) => k.store_id ?? '(all)' },
  { header: 'Role', value: (k) => k.role },
  { header: 'Key', value: (k) => k.masked },
  { header: 'Created', value: (k) => time(k.created_at) },
  { header: 'Expires', value: (k) => (k.expires_at ? time(k.expires_at) : 'never') },
  { header: 'Revoked', value: (k) => (k.revoked_at ? time(k.revoked_at) : '') },
  { header: 'Last used', value: (k) => (k.last_used_at ? time(k.last_used_at) : 'never') },
];

export const issuedKeyJson = (k: IssuedKey) => ({
  key_id: k.key_id,
  store_id: k.store_id,
  role: k.role,
  masked: k.masked,
  created_at: k.created_at,
  expires_at: k.expires_at,
  revoked_at: k.revoked_at,
  last_used_at: k.last_used_at,
});

export async function renderStoredKeys(target: RenderTarget, rows: readonly StoredKeyView[]): Promise<void> {
  await renderList(target, rows, storedKeyColumns, (r) => r.map(storedKeyJson), { empty: 'No stored keys. Add one: merchant keys add --store <id>' });
}

export async function renderIssuedKeys(target: RenderTarget, rows: readonly IssuedKey[]): Promise<void> {
  await renderList(target, rows, issuedKeyColumns, (r) => r.map(issuedKeyJson), { empty: 'No keys issued: the sandbox is open. Issue one: merchant keys create --role admin' });
}

export function renderKeyAdded(out: Reporter, view: StoredKeyView, json: boolean, credentialsFile: string): void {
  if (json) writeJson(out.io, storedKeyJson(view));
  else out.io.stdout.write(`${view.id}\n`);
  const where = view.storage === 'keychain' ? 'the keychain' : `${credentialsFile} (mode 0600)`;
  out.logger.success(`Stored ${view.environment} key ${view.masked} for store ${view.store} (profile "${view.profile}") in ${where}.`);
  if (view.environment === 'live') out.logger.warn('This is a live key: writes with it change real orders and money.');
  out.logger.info(`Check it works: merchant keys verify --store ${view.store}`);
}

export function renderKeyInUse(out: Reporter, view: StoredKeyView, json: boolean): void {
  if (json) writeJson(out.io, storedKeyJson(view));
  out.logger.success(`Profile "${view.profile}" now uses ${view.masked} (store ${view.store}) when no store is named.`);
}

export const forgetKeyQuestion = (view: StoredKeyView, store: string, profile: string): string => `Forget key ${view.masked} for store ${store} (profile "${profile}")?`;

export function renderKeyRemoved(out: Reporter, removed: { masked: string; id: string; keychain_error?: string }, store: string, profile: string): void {
  if (removed.keychain_error) out.logger.warn(`The secret stays in the keychain (${removed.keychain_error}); delete "${removed.id}" (service merchant-cli) there by hand.`);
  out.logger.success(`Removed key ${removed.masked} for store ${store} (profile "${profile}"). Delete it in the Portal too if it is no longer needed.`);
}

const storageName = (to: SecretStorage): string => (to === 'file' ? 'secrets file' : 'keychain');

export function renderKeysMigrated(out: Reporter, r: MigrateResult, options: { to: SecretStorage; profile: string; store?: string | undefined; json: boolean }): void {
  if (options.json) writeJson(out.io, { moved: r.moved.map(storedKeyJson), unchanged: r.unchanged.map(storedKeyJson) });
  else for (const k of r.moved) out.io.stdout.write(`${k.id}\n`);
  for (const k of r.moved) out.logger.success(`Moved key ${k.masked} for store ${k.store} (profile "${k.profile}") to the ${storageName(options.to)}.`);
  if (r.moved.length === 0) out.logger.info(`Nothing to move: profile "${options.profile}" has no stored key outside the ${storageName(options.to)}${options.store ? ` for store ${options.store}` : ''}.`);
}

export async function renderKeyVerified(target: RenderTarget, r: VerifyResult): Promise<void> {
  await renderRecord(
    target,
    [
      ['Works', 'yes'],
      ['Key', r.masked],
      ['Source', r.source],
      ['Environment', r.environment],
      ['Store', r.store ?? '(all stores)'],
      ['Role', r.role ?? '(not reported by the provider)'],
      ['Backend', r.backend],
    ],
    r,
  );
}

export function renderKeyRotated(out: Reporter, r: { old: StoredKeyView; next: StoredKeyView; verified: VerifyResult }, store: string, backend: string, json: boolean): void {
  if (json) writeJson(out.io, { old: storedKeyJson(r.old), new: storedKeyJson(r.next), verified: r.verified });
  else out.io.stdout.write(`${r.next.id}\n`);
  out.logger.success(`Rotated the key for store ${store} (profile "${r.next.profile}"): ${r.old.masked} → ${r.next.masked}, verified (${r.verified.backend}).`);
  out.logger.info(
    backend === 'sandbox'
      ? 'Revoke the old key if it was issued by this sandbox: merchant keys issued, then merchant keys revoke <id>.'
      : 'Now delete the old key in the Kustom Portal (Integrations → API → ⋯ → Delete API Key).',
  );
}

/** The one place a secret is printed, by design: it is shown once and only its hash is kept. */
export function renderKeyIssued(out: Reporter, r: { key: IssuedKey; secret: string }, json: boolean): void {
  const { key, secret } = r;
  if (json) writeJson(out.io, { ...issuedKeyJson(key), secret });
  else out.io.stdout.write(`${secret}\n`);
  out.logger.success(`Issued ${key.role} key ${key.key_id} for ${key.store_id ? `store ${key.store_id}` : 'all stores'}${key.expires_at ? `, expires ${key.expires_at}` : ''}.`);
  out.logger.info(`It is shown only this once. Store it: merchant keys add --store ${key.store_id ?? '<id>'} --stdin`);
}

export const revokeKeyQuestion = (keyId: string): string => `Revoke sandbox key ${keyId}? Anything using it stops working.`;

export function renderKeyRevoked(out: Reporter, key: IssuedKey): void {
  out.logger.success(`Revoked key ${key.key_id} (${key.role}, ${key.masked}).`);
}
