/**
 * Pending operations as files on this machine: `pending-captures/<intent>.json` and the like under the
 * data folder, one file per intent so concurrent commands never share a write. Each is written to a
 * temporary file, synced, then renamed: a crash leaves the old record or the new one.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../infra/atomic-file.js';
import type { PendingKind, PendingOperation } from './pending-operation.js';
import type { PendingStore } from './pending-store.js';

const FOLDERS: Record<PendingKind, string> = { capture: 'pending-captures', refund: 'pending-refunds', cancel: 'pending-cancels', release: 'pending-releases' };
const folderOf = (dataDir: string, kind: PendingKind): string => join(dataDir, FOLDERS[kind]);
const fileOf = (dataDir: string, kind: PendingKind, intent: string): string => join(folderOf(dataDir, kind), `${intent}.json`);

export function filePendingStore(dataDir: string): PendingStore {
  return {
    async read<R>(kind: PendingKind, intent: string) {
      try {
        return JSON.parse(readFileSync(fileOf(dataDir, kind, intent), 'utf8')) as PendingOperation<R>;
      } catch {
        return undefined;
      }
    },
    async write(kind, intent, pending) {
      mkdirSync(folderOf(dataDir, kind), { recursive: true, mode: 0o700 });
      writeFileAtomicSync(fileOf(dataDir, kind, intent), JSON.stringify(pending), { mode: 0o600 });
    },
    async clear(kind, intent) {
      rmSync(fileOf(dataDir, kind, intent), { force: true });
      removeOrphanedTemps(dataDir, kind, intent);
    },
    async close() {},
  };
}

/**
 * A process killed between writing its temporary record and renaming it leaves
 * `.<intent>.json.<pid>.<random>.tmp` (its request was never sent). Removed once that process is gone; a live one may be about to rename it.
 */
function removeOrphanedTemps(dataDir: string, kind: PendingKind, intent: string): void {
  let names: string[];
  try {
    names = readdirSync(folderOf(dataDir, kind));
  } catch {
    return;
  }
  const prefix = `.${intent}.json.`;
  for (const name of names) {
    const pid = Number(/^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length))?.[1]);
    if (!name.startsWith(prefix) || !Number.isSafeInteger(pid) || processAlive(pid)) continue;
    rmSync(join(folderOf(dataDir, kind), name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
