/**
 * IDs that live on this machine, for shell completion: store IDs (the sandbox's and the kustom ledger's
 * store tables, profiles' default stores, stored keys' stores) and profile names. Read only: no
 * database is created or migrated, no prompt, no network; anything unreadable is simply skipped.
 */
import type { Paths } from '../../config/paths.js';
import type { SettingsFile } from '../../config/settings-schema.js';
import { readCredentials } from '../../config/credentials.js';
import { openReadOnlyDatabase } from '../../infra/sqlite.js';

function quietly<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch {
    return [];
  }
}

function storeTable(file: string): string[] {
  const db = openReadOnlyDatabase(file);
  if (!db) return [];
  try {
    return db.prepare<[], { id: string }>('SELECT id FROM stores').all().map((r) => r.id);
  } finally {
    db.close();
  }
}

export function localStoreIds(paths: Paths, settings: () => SettingsFile): string[] {
  const ids = [
    ...quietly(() => storeTable(paths.sandboxDb)),
    ...quietly(() => storeTable(paths.kustomLedger)),
    ...quietly(() => Object.values(settings().profiles).flatMap((p) => (p.store ? [p.store] : []))),
    ...quietly(() => readCredentials(paths.credentialsFile).entries.map((e) => e.store)),
  ];
  return [...new Set(ids)].sort();
}

export function localProfileNames(settings: () => SettingsFile): string[] {
  return quietly(() => [...new Set(['default', ...Object.keys(settings().profiles)])].sort());
}

/** The IDs of one kind, for `merchant __complete <kind>`. */
export function localIds(kind: 'stores' | 'profiles', paths: Paths, settings: () => SettingsFile): string[] {
  return kind === 'stores' ? localStoreIds(paths, settings) : localProfileNames(settings);
}
