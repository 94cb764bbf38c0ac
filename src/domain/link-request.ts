/**
 * The rules a payment-link request meets before any backend creates it: the store can take links (terms
 * URL), the country and currency are in its agreement, the lines add up, the link expires in the future
 * and within Kustom's 48 hours, the link reference has the allowed shape, and a message channel has its
 * recipient. Both backends call this with the store they resolved, and the service calls it on the request
 * it built, so every backend refuses a request with the same words.
 */
import { ValidationError, type Issue } from '../errors.js';
import { validateLinkReference } from './link-fields.js';
import { formatMoney } from './money.js';
import { LINK_MAX_TTL_HOURS } from './link-expiry.js';
import { assertCurrencyAllowed, countryAgreementIssue } from './markets.js';
import { validateOrderLines, type OrderLinesToValidate } from './order-lines.js';
import { assertStoreReadyForLinks } from './store-rules.js';

export interface LinkRequestToValidate extends OrderLinesToValidate {
  store_id: string;
  purchase_country: string;
  purchase_currency: string;
  expires_at: string;
  link_reference?: string | undefined;
  customer: { email?: string | undefined; phone?: string | undefined };
  delivery: { channel: string };
}

export interface LinkStore {
  id: string;
  purchase_country: string;
  countries?: readonly string[];
  currencies: readonly string[];
  terms_url: string | null;
}

/** The clocks of the service and the backend may be a moment apart: allow a minute past 48 h. */
const EXPIRY_SLACK_MS = 60_000;

function collect(issues: Issue[], check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (error instanceof ValidationError) issues.push(...error.issues);
    else throw error;
  }
}

/** Throws one ValidationError naming every broken rule; a store without a terms URL stops at once. */
export function validateLinkRequest<S extends LinkStore>(request: LinkRequestToValidate, store: S, now: Date): asserts store is S & { terms_url: string } {
  assertStoreReadyForLinks(store);
  const issues: Issue[] = [];
  const country = countryAgreementIssue(store, request.purchase_country, 'purchase_country');
  if (country) issues.push(country);
  collect(issues, () => assertCurrencyAllowed(store, request.purchase_currency, 'purchase_currency'));
  issues.push(...validateOrderLines(request));
  const zero = zeroTotalIssue(request);
  if (zero) issues.push(zero);
  const expires = Date.parse(request.expires_at);
  if (Number.isNaN(expires) || expires <= now.getTime() || expires - now.getTime() > LINK_MAX_TTL_HOURS * 3_600_000 + EXPIRY_SLACK_MS) {
    issues.push({ field: 'expires_at', rule: `must be in the future and at most ${LINK_MAX_TTL_HOURS} hours from now` });
  }
  if (request.link_reference !== undefined) collect(issues, () => validateLinkReference(request.link_reference ?? ''));
  if (request.delivery.channel === 'email' && !request.customer.email) issues.push({ field: 'email', rule: 'is required to send the link by email' });
  if (request.delivery.channel === 'sms' && !request.customer.phone) issues.push({ field: 'phone', rule: 'is required to send the link by SMS' });
  if (issues.length > 0) throw new ValidationError(issues);
}

/** A link whose total is 0 has nothing to pay: refused, with the totals that make it 0. */
export function zeroTotalIssue(request: { order_amount: number; purchase_currency: string; order_lines: readonly { total_amount: number }[] }): Issue | undefined {
  if (request.order_amount !== 0 || !Array.isArray(request.order_lines)) return undefined;
  const c = request.purchase_currency;
  const goods = request.order_lines.filter((l) => l.total_amount > 0).reduce((n, l) => n + l.total_amount, 0);
  const off = request.order_lines.filter((l) => l.total_amount < 0).reduce((n, l) => n - l.total_amount, 0);
  const parts = off > 0 ? `lines ${formatMoney(goods, c)}, discounts −${formatMoney(off, c)}` : `lines ${formatMoney(goods, c)}`;
  return { field: 'order_amount', rule: `the total is ${formatMoney(0, c)} (${parts}); there is nothing to pay` };
}

/** The refusal of a link reference another link in the store already has. */
export function linkReferenceTaken(reference: string, linkId: string | null, storeId: string): ValidationError {
  return ValidationError.single('link_reference', `${reference} is already used by link ${linkId ?? '(being created)'} in store ${storeId}; a link reference is unique per store`);
}
