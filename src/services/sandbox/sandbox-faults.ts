/**
 * `sandbox faults set|clear|show`: the stored fault-injection spec (MERCHANT_SANDBOX_FAULTS, when set,
 * wins over it). Works on the sandbox database directly: this is a sandbox-only control.
 */
import type { Backend } from '../../backends/backend.js';
import { openSandboxDatabase } from '../../backends/sandbox/database.js';
import { formatFaultSpec, NO_FAULTS, parseFaultSpec, readStoredFaults, storeFaults, type FaultSpec } from '../../backends/sandbox/faults.js';
import { sandboxControls } from './sandbox-admin.js';

export interface FaultsStatus {
  stored: string | null;
  environment: string | null;
  in_force: FaultSpec;
  source: 'environment' | 'stored' | 'none';
}

function withDb<T>(file: string, fn: (db: ReturnType<typeof openSandboxDatabase>) => T): T {
  const db = openSandboxDatabase(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function faultsStatus(backend: Backend, file: string, env: Readonly<Record<string, string | undefined>>): FaultsStatus {
  sandboxControls(backend);
  const stored = withDb(file, readStoredFaults);
  const environment = env['MERCHANT_SANDBOX_FAULTS'] || null;
  const source = environment ? 'environment' : stored ? 'stored' : 'none';
  const in_force = environment ? parseFaultSpec(environment) : stored ? parseFaultSpec(stored, 'sandbox faults') : NO_FAULTS;
  return { stored, environment, in_force, source };
}

export function setFaults(backend: Backend, file: string, spec: string | null): string | null {
  sandboxControls(backend);
  const parsed = spec === null ? null : parseFaultSpec(spec, 'spec');
  withDb(file, (db) => storeFaults(db, parsed && formatFaultSpec(parsed) !== '' ? parsed : null));
  return parsed ? formatFaultSpec(parsed) || null : null;
}
