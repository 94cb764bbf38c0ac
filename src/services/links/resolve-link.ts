/** A link by its ID, its payment page URL, its link reference or its merchant reference. */
import type { LinksApi, PaymentLink } from '../../backends/backend.js';
import { canonicalId, classifyIdentifier, isUrl, type IdentifierKind } from '../../domain/identifier.js';
import { NotFoundError, ValidationError } from '../../errors.js';

const CANDIDATES = 10;
const LINK_KINDS: readonly IdentifierKind[] = ['link_url', 'link_reference', 'merchant_reference'];

/** A reference several links carry is refused, listing them (exit 2), rather than acting on a guess. */
export async function resolveLink(api: LinksApi, input: string, storeId?: string): Promise<PaymentLink> {
  const text = input.trim();
  // A URL is read by the one identifier rule: one that names no link is refused (exit 2), not looked up.
  const fromUrl = isUrl(text) ? classifyIdentifier(text) : undefined;
  const id = fromUrl ? fromUrl.linkId : canonicalId(text);
  if (id) {
    try {
      return await api.get(id);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  const matches = await api.search({
    text,
    kinds: fromUrl ? fromUrl.kinds.filter((k) => LINK_KINDS.includes(k)) : ['link_reference', 'merchant_reference'],
    link_id: id,
    store_id: storeId,
    limit: CANDIDATES,
  });
  const [only] = matches;
  if (only && matches.length === 1) return only.link;
  if (matches.length > 1) {
    const list = matches.map((m) => `${m.link.link_id} (${m.link.link_reference ?? m.link.merchant_reference1}, ${m.link.store_id}, ${m.link.status})`).join('; ');
    throw ValidationError.single('link', `${JSON.stringify(text)} names ${matches.length} links: ${list}. Give the link ID`);
  }
  throw new NotFoundError('Payment link', input, { hint: 'Give a link ID, its URL, its link reference or merchant reference. See: merchant links list' });
}
