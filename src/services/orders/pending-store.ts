/**
 * Where the intents of single money-moving commands are kept while their outcome is open
 * (pending-operation.ts): one file per intent in this machine's data folder, or one row per intent in the
 * shared database when database_url is set, so a capture left unknown on one machine is reconciled from
 * another before anything is re-sent.
 */
import type { PendingKind, PendingOperation } from './pending-operation.js';

export interface PendingStore {
  read<R>(kind: PendingKind, intent: string): Promise<PendingOperation<R> | undefined>;
  /** Durable before it returns: the request is sent only after. */
  write<R>(kind: PendingKind, intent: string, pending: PendingOperation<R>): Promise<void>;
  clear(kind: PendingKind, intent: string): Promise<void>;
  close(): Promise<void>;
}

export interface PendingLocation {
  /** This machine's data folder (the file store). */
  dataDir: string;
  /** The shared database; when set, the records live there instead. */
  databaseUrl?: string | undefined;
}

export async function openPendingStore(where: PendingLocation): Promise<PendingStore> {
  if (where.databaseUrl === undefined) {
    const { filePendingStore } = await import('./pending-store-files.js');
    return filePendingStore(where.dataDir);
  }
  const { openPostgresPendingStore } = await import('./pending-store-postgres.js');
  return openPostgresPendingStore(where.databaseUrl);
}
