import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { computeOrder } from '../../../src/domain/order-lines.js';
import { linkReferenceTaken, validateLinkRequest, type LinkRequestToValidate, type LinkStore } from '../../../src/domain/link-request.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
const store: LinkStore = { id: 'se-demo', purchase_country: 'SE', currencies: ['SEK'], terms_url: 'https://shop.example/terms' };
const request = (overrides: Partial<LinkRequestToValidate> = {}): LinkRequestToValidate => ({
  store_id: 'se-demo',
  purchase_country: 'SE',
  purchase_currency: 'SEK',
  ...computeOrder([{ type: 'physical', name: 'Hat', reference: 'H-1', quantity: 1, unit_price: 10000, tax_rate: 2500 }], 'SEK'),
  expires_at: new Date(NOW.getTime() + 48 * HOUR).toISOString(),
  customer: { email: 'a@example.com' },
  delivery: { channel: 'none' },
  ...overrides,
});

function issues(run: () => void): { field: string; rule: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('validateLinkRequest', () => {
  it('accepts a request within every rule', () => {
    expect(issues(() => validateLinkRequest(request(), store, NOW))).toEqual([]);
  });

  it('stops at once, with how to fix it, when the store has no terms URL', () => {
    expect(() => validateLinkRequest(request({ purchase_currency: 'EUR' }), { ...store, terms_url: null }, NOW)).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field: 'terms_url' })], hint: expect.stringContaining('stores configure se-demo --terms-url') }),
    );
  });

  it.each([
    ['past', -1],
    ['now', 0],
    ['48 h and two minutes', 48 * HOUR + 120_000],
  ])('refuses an expiry %s', (_name, offset) => {
    expect(issues(() => validateLinkRequest(request({ expires_at: new Date(NOW.getTime() + offset).toISOString() }), store, NOW))).toEqual([
      { field: 'expires_at', rule: 'must be in the future and at most 48 hours from now' },
    ]);
  });

  it('allows the minute of clock difference past 48 h, and refuses an unreadable time', () => {
    expect(issues(() => validateLinkRequest(request({ expires_at: new Date(NOW.getTime() + 48 * HOUR + 30_000).toISOString() }), store, NOW))).toEqual([]);
    expect(issues(() => validateLinkRequest(request({ expires_at: 'soon' }), store, NOW)).map((i) => i.field)).toEqual(['expires_at']);
  });

  it('a channel needs its recipient', () => {
    expect(issues(() => validateLinkRequest(request({ delivery: { channel: 'sms' } }), store, NOW))).toEqual([{ field: 'phone', rule: 'is required to send the link by SMS' }]);
    expect(issues(() => validateLinkRequest(request({ customer: { phone: '+46701234567' }, delivery: { channel: 'email' } }), store, NOW))).toEqual([
      { field: 'email', rule: 'is required to send the link by email' },
    ]);
  });

  it('names every broken rule at once', () => {
    const found = issues(() => validateLinkRequest(request({ purchase_country: 'DE', purchase_currency: 'EUR', order_amount: 5, link_reference: '-x' }), store, NOW));
    expect(found.map((i) => i.field)).toEqual(['purchase_country', 'purchase_currency', 'order_amount', 'link_reference']);
  });
});

describe('linkReferenceTaken', () => {
  it('says which link has the reference and that it is unique per store', () => {
    expect(linkReferenceTaken('R-1', 'lnk_1', 'se-demo').message).toBe('link_reference: R-1 is already used by link lnk_1 in store se-demo; a link reference is unique per store');
  });
});
