/** Use cases behind `merchant sandbox outbox|open|pay`: acting as the customer on a sandbox link. */
import { requireCapability, type Backend, type SandboxLinksControlApi } from '../../backends/backend.js';
import { linksApi } from '../links/links-api.js';
import { resolveLink } from '../links/resolve-link.js';

export function sandboxLinkControls(backend: Backend): SandboxLinksControlApi {
  requireCapability(backend, 'sandbox.control', 'act as the customer (sandbox only)');
  if (!backend.sandboxLinks) throw new Error('sandbox.control listed without link controls');
  return backend.sandboxLinks;
}

/** The link as every link command takes it (ID, payment page URL, link or merchant reference), as its ID. */
export async function sandboxLinkId(backend: Backend, input: string): Promise<string> {
  return (await resolveLink(linksApi(backend), input)).link_id;
}
