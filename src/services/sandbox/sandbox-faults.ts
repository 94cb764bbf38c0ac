/**
 * `sandbox faults set|clear|show`: the stored fault-injection spec (MERCHANT_SANDBOX_FAULTS, when set,
 * wins over it), kept through the sandbox's control API.
 */
import type { Backend } from '../../backends/backend.js';
import { formatFaultSpec, NO_FAULTS, parseFaultSpec, type FaultSpec } from '../../domain/fault-spec.js';
import { sandboxControls } from './sandbox-admin.js';

export interface FaultsStatus {
  stored: string | null;
  environment: string | null;
  in_force: FaultSpec;
  source: 'environment' | 'stored' | 'none';
}

export async function faultsStatus(backend: Backend, env: Readonly<Record<string, string | undefined>>): Promise<FaultsStatus> {
  const stored = await sandboxControls(backend).storedFaults();
  const environment = env['MERCHANT_SANDBOX_FAULTS'] || null;
  const source = environment ? 'environment' : stored ? 'stored' : 'none';
  const in_force = environment ? parseFaultSpec(environment) : stored ? parseFaultSpec(stored, 'sandbox faults') : NO_FAULTS;
  return { stored, environment, in_force, source };
}

/** Stores `spec` (null clears); returns it as stored, or null when every share is 0. */
export async function setFaults(backend: Backend, spec: string | null): Promise<string | null> {
  const controls = sandboxControls(backend);
  const parsed = spec === null ? null : parseFaultSpec(spec, 'spec');
  await controls.storeFaults(parsed && formatFaultSpec(parsed) !== '' ? parsed : null);
  return parsed ? formatFaultSpec(parsed) || null : null;
}
