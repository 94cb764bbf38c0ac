/**
 * `sandbox faults set|clear|show`: the stored fault-injection spec (MERCHANT_SANDBOX_FAULTS, when set,
 * wins over it), through the sandbox's control API.
 */
import type { Backend, FaultsStatus } from '../../backends/backend.js';
import { sandboxControls } from './sandbox-admin.js';

export type { FaultsStatus };

export function faultsStatus(backend: Backend): Promise<FaultsStatus> {
  return sandboxControls(backend).faults();
}

/** Returns the spec as stored, or null when nothing is (cleared, or every share was 0). */
export function setFaults(backend: Backend, spec: string | null): Promise<string | null> {
  return sandboxControls(backend).setFaults(spec);
}
