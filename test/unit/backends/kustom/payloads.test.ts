/** Pure request-body builders of the kustom links part. */
import { describe, expect, it } from 'vitest';
import { distributionBody, hppSessionBody, merchantUrls, phoneCountry } from '../../../../src/backends/kustom/links/payloads.js';
import { linkRequest, SEK_CART } from '../../../fixtures/carts.js';

describe('kustom link payloads', () => {
  it('derives the four required merchant_urls from the terms URL, distinct and with the order placeholder', () => {
    const urls = merchantUrls('https://shop.example/legal/terms?lang=sv');
    expect(urls.terms).toBe('https://shop.example/legal/terms?lang=sv');
    const rest = [urls.checkout, urls.confirmation, urls.push];
    expect(new Set(rest).size).toBe(3);
    for (const u of rest) expect(u).toMatch(/^https:\/\/shop\.example\/\?kustom_\w+=\{checkout\.order\.id\}$/);
  });

  it('puts the payment session on the same host, with the description as page title', () => {
    expect(hppSessionBody('https://api.playground.kustom.co', 'abc', linkRequest(SEK_CART, { description: 'Invoice 42' }))).toEqual({
      payment_session_url: 'https://api.playground.kustom.co/checkout/v3/orders/abc',
      options: { page_title: 'Invoice 42' },
    });
  });

  it('finds the phone country from the calling code, else falls back to the store country', () => {
    expect(phoneCountry('+358 40 123 4567', 'SE')).toBe('FI');
    expect(phoneCountry('+46701234567', 'DE')).toBe('SE');
    expect(phoneCountry('+1 212 555 0100', 'SE')).toBe('US');
    expect(phoneCountry('+81 3 1234 5678', 'se')).toBe('SE');
    expect(distributionBody('sms', '+4790012345', 'SE')).toEqual({ method: 'sms', contact_information: { phone: '+4790012345', phone_country: 'NO' } });
    expect(distributionBody('email', 'a@b.se', 'SE')).toEqual({ method: 'email', contact_information: { email: 'a@b.se' } });
  });
});
