/** The backend's links API, after the read capability check. Its own module so that reading links
 * (`links list`, `show`) does not load link creation and its zod schemas (~90 modules). */
import { requireCapability, type Backend } from '../../backends/backend.js';

export function linksApi(backend: Backend): NonNullable<Backend['links']> {
  requireCapability(backend, 'links.read', 'read payment links');
  if (!backend.links) throw new Error(`${backend.name} lists links capabilities without a links API`);
  return backend.links;
}
