/** How stored keys, issued sandbox keys and developer-log entries look. Secrets never reach a view. */
import type { Column } from '../render.js';
import { time } from '../cells.js';
import type { StoredKeyView } from '../../services/keys/stored-keys.js';
import type { IssuedKey } from '../../backends/types/keys.js';

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
