/**
 * Request bodies for a payment link: the Checkout order, the HPP session over it and the
 * distribution request that sends it. Pure functions, so the mapping can be tested without a server.
 */
import { kustomOrderLine } from '../order-line-json.js';
import type { CreateLinkRequest } from '../../types/links.js';
import type { Store } from '../../../domain/model/store.js';

export type Json = Record<string, unknown>;

/**
 * `merchant_urls` (all four required by Kustom). The link lives on Kustom's hosted page, so the merchant
 * needs no checkout page of their own: checkout, confirmation and push point at the store's site (the
 * origin of its terms URL), with the `{checkout.order.id}` placeholder so they are distinct per order.
 * This tool never reads the push; it polls the session instead, which Kustom supports as the fallback when pushes are missed.
 */
export function merchantUrls(termsUrl: string): Json {
  const origin = new URL(termsUrl).origin;
  return {
    terms: termsUrl,
    checkout: `${origin}/?kustom_checkout={checkout.order.id}`,
    confirmation: `${origin}/?kustom_confirmation={checkout.order.id}`,
    push: `${origin}/?kustom_push={checkout.order.id}`,
  };
}

/** POST /checkout/v3/orders body. `store.terms_url` must be set (checked by the caller). */
export function checkoutOrderBody(request: CreateLinkRequest, store: Store & { terms_url: string }): Json {
  const body: Json = {
    purchase_country: request.purchase_country,
    purchase_currency: request.purchase_currency,
    locale: request.locale,
    order_amount: request.order_amount,
    order_tax_amount: request.order_tax_amount,
    order_lines: request.order_lines.map(kustomOrderLine),
    merchant_reference1: request.merchant_reference1,
    merchant_urls: merchantUrls(store.terms_url),
    options: { auto_capture: request.auto_capture },
  };
  if (request.merchant_reference2 !== undefined && request.merchant_reference2 !== '') body.merchant_reference2 = request.merchant_reference2;
  // Prefill the contact the link goes to, so the customer does not type it again.
  const address: Json = {};
  if (request.customer.email) address.email = request.customer.email;
  if (request.customer.phone) address.phone = request.customer.phone;
  if (Object.keys(address).length > 0) body.billing_address = address;
  return body;
}

/** POST /hpp/v1/sessions body: the checkout order on the same host (HPP only accepts a session URL on its own host). */
export function hppSessionBody(baseUrl: string, checkoutOrderId: string, request: CreateLinkRequest): Json {
  const body: Json = { payment_session_url: `${baseUrl}/checkout/v3/orders/${checkoutOrderId}` };
  if (request.description) body.options = { page_title: request.description.slice(0, 255) };
  return body;
}

/** Calling codes of the countries Kustom serves most; SMS distribution needs the phone's country. */
const CALLING_CODES: readonly [string, string][] = [
  ['358', 'FI'],
  ['46', 'SE'],
  ['47', 'NO'],
  ['45', 'DK'],
  ['44', 'GB'],
  ['49', 'DE'],
  ['31', 'NL'],
  ['43', 'AT'],
  ['41', 'CH'],
  ['34', 'ES'],
  ['33', 'FR'],
  ['32', 'BE'],
  ['48', 'PL'],
  ['1', 'US'],
];

/** The ISO country of an E.164 number, falling back to the store's country for codes not listed. */
export function phoneCountry(phone: string, fallback: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) {
    for (const [code, country] of CALLING_CODES) if (digits.startsWith(`+${code}`)) return country;
  }
  return fallback.toUpperCase();
}

/** POST {distribution_url} body: the channel and the recipient to send the link to. */
export function distributionBody(channel: 'email' | 'sms', recipient: string, storeCountry: string): Json {
  if (channel === 'email') return { method: 'email', contact_information: { email: recipient } };
  return { method: 'sms', contact_information: { phone: recipient, phone_country: phoneCountry(recipient, storeCountry) } };
}
