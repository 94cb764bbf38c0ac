import { describe, expect, it } from 'vitest';
import { canonicalId, classifyIdentifier, linkIdFromUrl, matchingKind, phoneForCountries, phoneToE164 } from '../../../src/domain/identifier.js';

describe('classifyIdentifier', () => {
  it('reads a payment page URL as a link, with the ID from the path or the query', () => {
    const id = '0b8e2a8e-4b5a-4968-8776-5a4b3c2d1e0f';
    expect(classifyIdentifier(`https://pay.sandbox.kustom.example/l/${id}`)).toEqual({ text: `https://pay.sandbox.kustom.example/l/${id}`, kinds: ['link_url'], linkId: id });
    expect(linkIdFromUrl(`https://pay.kustom.co/hpp?session_id=${id}&x=1`)).toBe(id);
    // Kustom's payment page names the session by an opaque token.
    expect(linkIdFromUrl('https://pay.klarna.com/eu/hpp/payments/2OCkffK')).toBe('2OCkffK');
    expect(linkIdFromUrl('https://pay.kustom.co/hpp?session_id=2OCkffK')).toBe('2OCkffK');
    expect(linkIdFromUrl('not a url')).toBeUndefined();
    expect(() => classifyIdentifier('https://example.com/')).toThrow(/names no payment link/);
  });

  it('reads a UUID as an order, link, capture or refund ID, and still as a reference', () => {
    const id = classifyIdentifier(' 6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f ');
    expect(id.text).toBe('6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f');
    expect(id.kinds.slice(0, 4)).toEqual(['order_id', 'link_id', 'capture_id', 'refund_id']);
    expect(id.kinds).toContain('merchant_reference');
    expect(id.kinds).not.toContain('name');
  });

  it('reads a link URL however it is pasted: any case, trailing slash, query, fragment, http, no scheme', () => {
    const id = '53bb03cb-2eb8-48d5-a460-c556e2ebd025';
    const forms = [
      `https://pay.sandbox.kustom.example/l/${id}`,
      `https://pay.sandbox.kustom.example/l/${id}/`,
      `https://pay.sandbox.kustom.example/l/${id}?utm_source=mail`,
      `https://pay.sandbox.kustom.example/l/${id}#top`,
      `http://pay.sandbox.kustom.example/l/${id}`,
      `HTTPS://PAY.SANDBOX.KUSTOM.EXAMPLE/L/${id.toUpperCase()}`,
      `  pay.sandbox.kustom.example/l/${id}  `,
      `pay.sandbox.kustom.example:8443/l/${id.toUpperCase()}/`,
    ];
    for (const form of forms) {
      expect(linkIdFromUrl(form), form).toBe(id);
      const classified = classifyIdentifier(form);
      expect(classified.kinds[0], form).toBe('link_url');
      expect(classified.linkId, form).toBe(id);
    }
    // Without a scheme it may still be a reference with a dot and a slash.
    expect(classifyIdentifier(`pay.sandbox.kustom.example/l/${id}`).kinds).toEqual(expect.arrayContaining(['link_url', 'merchant_reference', 'link_reference']));
    expect(classifyIdentifier('ACME.SE/4411').kinds).toEqual(['merchant_reference', 'link_reference', 'capture_reference', 'payment_reference']);
    expect(linkIdFromUrl('https://pay.example/l/%E0%A4%A')).toBeUndefined();
  });

  it('refuses (exit 2, naming the rule) every URL that cannot name a link: no ID, a malformed ID, another site', () => {
    const noLink = [
      'https://example.com/',
      'https://pay.sandbox.kustom.example/l/0b7e-1',
      'https://pay.sandbox.kustom.example/l/nonsense',
      'https://pay.sandbox.kustom.example/l/0b8e2a8e-4b5a-4968-8776',
      'https://pay.sandbox.kustom.example/l/{0b8e2a8e-4b5a-4968-8776-5a4b3c2d1e0f',
      'https://www.google.com/search?q=anna',
      'https://pay.kustom.co/hpp?session_id=abc',
      'https://pay.klarna.com/eu/hpp/payments/2OC-kffK',
      'http://pay.sandbox.kustom.example/orders/',
    ];
    for (const url of noLink) {
      expect(linkIdFromUrl(url), url).toBeUndefined();
      expect(() => classifyIdentifier(url), url).toThrow(expect.objectContaining({ kind: 'validation', message: expect.stringMatching(/names no payment link: .*ends with the link ID/) }));
    }
  });

  it('reads a UUID in braces (as Windows tools copy it) and in any case, bare, in a URL, and through canonicalId', () => {
    const id = '0b8e2a8e-4b5a-4968-8776-5a4b3c2d1e0f';
    for (const typed of [`{${id}}`, `{${id.toUpperCase()}}`, ` {${id}} `, id.toUpperCase()]) {
      expect(canonicalId(typed), typed).toBe(id);
      const c = classifyIdentifier(typed);
      expect(c.text, typed).toBe(id);
      expect(c.kinds.slice(0, 4), typed).toEqual(['order_id', 'link_id', 'capture_id', 'refund_id']);
      expect(linkIdFromUrl(`https://pay.sandbox.kustom.example/l/${encodeURIComponent(typed.trim())}`), typed).toBe(id);
    }
    // One brace is no UUID in braces: the text stays as typed.
    expect(canonicalId(`{${id}`)).toBe(`{${id}`);
    expect(canonicalId('{ORD-7001}')).toBe('{ORD-7001}');
  });

  it('reads an ID in any case: UUIDs are compared in lower case, other text as typed', () => {
    const upper = classifyIdentifier(' 6F1E2D3C-4B5A-4968-8776-5A4B3C2D1E0F ');
    expect(upper.text).toBe('6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f');
    expect(upper.kinds.slice(0, 4)).toEqual(['order_id', 'link_id', 'capture_id', 'refund_id']);
    expect(canonicalId(' 6F1E2D3C-4B5A-4968-8776-5A4B3C2D1E0F\t')).toBe('6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f');
    expect(canonicalId(' ORD-7001 ')).toBe('ORD-7001');
  });

  it('reads an email as copied from a mail program: mailto:, or a name with the address in angle brackets', () => {
    for (const typed of ['mailto:Anna@Example.com', 'Anna Svensson <Anna@Example.com>', '"Svensson, Anna" <anna@example.com> ', '<anna@example.com>']) {
      const id = classifyIdentifier(typed);
      expect(id.kinds[0], typed).toBe('email');
      expect(id.email, typed).toBe('anna@example.com');
    }
    expect(classifyIdentifier('Anna <not an address>').kinds).not.toContain('email');
  });

  it('reads an email in any case as an email, lower-cased', () => {
    const e = classifyIdentifier('Anna.S@Example.COM');
    expect(e.kinds[0]).toBe('email');
    expect(e.email).toBe('anna.s@example.com');
  });

  it("reads a phone in E.164, 00-form or local with the store's country; without a country a local number is not a phone", () => {
    expect(classifyIdentifier('+46 70 123 45 67').phone).toBe('+46701234567');
    expect(classifyIdentifier('0046701234567').phone).toBe('+46701234567');
    expect(classifyIdentifier('070-123 45 67', 'SE')).toMatchObject({ kinds: expect.arrayContaining(['phone']), phone: '+46701234567' });
    expect(classifyIdentifier('0151 2345678', 'DE').phone).toBe('+491512345678');
    expect(classifyIdentifier('070-123 45 67').kinds).not.toContain('phone');
    expect(phoneToE164('12', 'SE')).toBeUndefined();
  });

  it('reads a phone with the written trunk 0 after the country code, and any punctuation people type', () => {
    for (const typed of ['+46 (0)70 123 45 67', '+46(0)701234567', '0046 (0)70-123 45 67', '(070) 123 45 67', '070.123.45.67', ' 070 - 123 45 67 ']) {
      expect(phoneToE164(typed, 'SE'), typed).toBe('+46701234567');
    }
    expect(classifyIdentifier('+49 (0)151 2345678').phone).toBe('+491512345678');
  });

  it("with several stores' countries, a number with any of their calling codes but no + is that number; a local one is the first store's", () => {
    expect(phoneForCountries('46 70 123 45 67', ['DE', 'SE'])).toBe('+46701234567');
    expect(phoneForCountries('49 151 23456789', ['SE', 'DE'])).toBe('+4915123456789');
    expect(phoneForCountries('070-123 45 67', ['SE', 'DE'])).toBe('+46701234567');
    expect(phoneForCountries('070-123 45 67', ['DE', 'SE'])).toBe('+49701234567');
    expect(phoneForCountries('+47 41 23 45 67', ['SE'])).toBe('+4741234567');
    expect(phoneForCountries('0047 41 23 45 67', ['SE'])).toBe('+4741234567');
    // Without the code of any store, no guess at another country: 47… in Sweden and Germany is read locally.
    expect(phoneForCountries('4741234567', ['SE', 'DE'])).not.toBe('+4741234567');
    expect(phoneForCountries('12', ['SE'])).toBeUndefined();
  });

  it("reads a Kustom short reference, references and a customer name from free text", () => {
    expect(classifyIdentifier('KLPMG3T').kinds).toEqual(expect.arrayContaining(['klarna_reference', 'merchant_reference', 'payment_reference', 'name']));
    expect(classifyIdentifier('ORD-7002').kinds).not.toContain('klarna_reference');
    expect(classifyIdentifier('Anna Svensson').kinds).toContain('name');
    expect(classifyIdentifier('12345').kinds).not.toContain('name');
    // One letter, or words of one letter each, would match most customers: not a name.
    expect(classifyIdentifier('a').kinds).not.toContain('name');
    expect(classifyIdentifier('a b').kinds).not.toContain('name');
    expect(classifyIdentifier('Ö').kinds).not.toContain('name');
    expect(classifyIdentifier('al').kinds).toContain('name');
  });

  it('refuses an empty or over-long identifier naming the field', () => {
    expect(() => classifyIdentifier('  ')).toThrow(/identifier/);
    expect(() => classifyIdentifier('x'.repeat(256))).toThrow(/255/);
  });
});

describe('matchingKind', () => {
  const values = { merchant_reference: ['ORD-1', null], name: ['Anna Svensson'], phone: ['+46701234567'], email: ['anna@example.com'], link_url: ['L1'] };
  it('matches references in any case, names by any word, phones exactly, the first kind in query order', () => {
    expect(matchingKind({ text: 'ord-1', kinds: ['klarna_reference', 'merchant_reference'] }, values)).toBe('merchant_reference');
    expect(matchingKind({ text: 'anna s', kinds: ['name'] }, values)).toBe('name');
    expect(matchingKind({ text: 'svensson', kinds: ['name'] }, values)).toBe('name');
    expect(matchingKind({ text: 'vensson', kinds: ['name'] }, values)).toBeUndefined();
    expect(matchingKind({ text: 'x', kinds: ['phone'], phone: '+46701234567' }, values)).toBe('phone');
    expect(matchingKind({ text: 'x', kinds: ['email'], email: 'anna@example.com' }, values)).toBe('email');
    expect(matchingKind({ text: 'https://x/l/L1', kinds: ['link_url'], link_id: 'L1' }, values)).toBe('link_url');
    expect(matchingKind({ text: 'nothing', kinds: ['merchant_reference', 'name'] }, values)).toBeUndefined();
  });
});
