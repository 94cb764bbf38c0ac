/**
 * Maps a backend name to a factory. Factories are imported lazily so that a command pays only for the
 * backend it uses (the kustom backend pulls in undici; the sandbox, better-sqlite3).
 */
import { UsageError } from '../errors.js';
import type { Backend, BackendDeps } from './backend.js';

export type { BackendDeps };

export type BackendFactory = (deps: BackendDeps) => Promise<Backend>;

const factories: Record<string, () => Promise<BackendFactory>> = {
  sandbox: async () => {
    const { createSandboxBackend } = await import('./sandbox/sandbox-backend.js');
    const { createKeyAccess } = await import('./sandbox/key-access.js');
    return (deps) => createSandboxBackend(deps, { access: (db) => createKeyAccess(db, deps.credential, deps.clock) });
  },
  kustom: async () => (await import('./kustom/kustom-backend.js')).createKustomBackend,
};

/** Backends built into this version. Others are added by registering a factory here. */
export function backendNames(): string[] {
  return Object.keys(factories);
}

/**
 * Starts loading a backend's modules without opening anything, so a command can overlap that load with
 * work that waits on the disk (reading its input). A failure is left for createBackend to report.
 */
export function preloadBackend(name: string): void {
  factories[name]?.().catch(() => undefined);
}

export async function createBackend(name: string, deps: BackendDeps): Promise<Backend> {
  const load = factories[name];
  if (!load) {
    throw new UsageError(`The ${name} backend is not available in this version (available: ${backendNames().join(', ')}).`);
  }
  return (await load())(deps);
}
