/** Use cases behind `merchant sandbox outbox|open|pay`: acting as the customer on a sandbox link. */
import { requireCapability, type Backend, type SandboxLinksControlApi } from '../../backends/backend.js';

export function sandboxLinkControls(backend: Backend): SandboxLinksControlApi {
  requireCapability(backend, 'sandbox.control', 'act as the customer (sandbox only)');
  if (!backend.sandboxLinks) throw new Error('sandbox.control listed without link controls');
  return backend.sandboxLinks;
}
