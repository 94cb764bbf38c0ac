/** The disputes part of a backend, after checking the backend has the capability (Kustom has none). */
import { requireCapability, type Backend, type Capability, type DisputesApi } from '../../backends/backend.js';

export function disputesApi(backend: Backend, capability: Capability, what: string): DisputesApi {
  requireCapability(backend, capability, `${what}: Kustom documents no disputes API; disputes are handled in the Kustom Portal`);
  if (!backend.disputes) throw new Error(`${capability} listed without a disputes API`);
  return backend.disputes;
}
