import { describe, expect, it } from 'vitest';
import { ValidationError, type Issue } from '../../../src/errors.js';
import {
  checkPdf,
  MAX_PDF_BYTES,
  normalizeEmail,
  normalizePhone,
  parseIsoTime,
  parseNotes,
  parseWhen,
  renderTemplate,
  validateDescription,
  validateInvoiceNumber,
  validateLinkReference,
  validateMerchantReference,
  validateSendAt,
  validateTemplate,
} from '../../../src/domain/link-fields.js';

function issues(fn: () => unknown): Issue[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [...(error as ValidationError).issues];
  }
  throw new Error('expected a ValidationError');
}

describe('normalizeEmail', () => {
  it('accepts and lower-cases the domain', () => {
    expect(normalizeEmail(' Anna.B+shop@Example.COM ')).toBe('Anna.B+shop@example.com');
  });
  it.each(['anna', 'anna@', '@example.com', 'anna@example', 'an na@example.com', 'a..b@example.com', 'anna@-x.com'])('refuses %j naming the field', (bad) => {
    expect(issues(() => normalizeEmail(bad))[0]).toMatchObject({ field: 'email', rule: expect.stringContaining('not an email address') });
  });
});

describe('normalizePhone (E.164)', () => {
  it('removes spaces, dashes and parentheses', () => {
    expect(normalizePhone('+46 (70) 123-45 67')).toBe('+46701234567');
  });
  it('refuses a number without + (its country would be a guess)', () => {
    expect(issues(() => normalizePhone('0701234567'))[0]?.rule).toContain('leading +');
  });
  it.each(['+0701234567', '+4670', '+467012345678901234', '+46abc1234567'])('refuses %j', (bad) => {
    expect(issues(() => normalizePhone(bad))[0]?.field).toBe('phone');
  });
});

describe('references, description, invoice number', () => {
  it('requires a non-empty merchant reference of at most 255 characters', () => {
    expect(validateMerchantReference(' 10042 ', 'merchant_reference1')).toBe('10042');
    expect(issues(() => validateMerchantReference('  ', 'merchant_reference1'))[0]).toEqual({ field: 'merchant_reference1', rule: 'must not be empty' });
    expect(issues(() => validateMerchantReference('x'.repeat(256), 'merchant_reference2'))[0]?.rule).toContain('at most 255');
  });
  it('link reference: 1–64 of letters, digits, . _ -', () => {
    expect(validateLinkReference('INV-2026.11_01')).toBe('INV-2026.11_01');
    for (const bad of ['', '-lead', 'has space', 'x'.repeat(65), 'ä']) {
      expect(issues(() => validateLinkReference(bad))[0]?.field).toBe('link_reference');
    }
  });
  it('description at most 500 characters', () => {
    expect(validateDescription('Spring order')).toBe('Spring order');
    expect(issues(() => validateDescription('x'.repeat(501)))[0]?.rule).toContain('at most 500');
  });
  it('invoice number: letters, digits, / . _ -', () => {
    expect(validateInvoiceNumber('2026/0042')).toBe('2026/0042');
    expect(issues(() => validateInvoiceNumber('no spaces'))[0]?.field).toBe('invoice_number');
  });
});

describe('parseNotes', () => {
  it('parses several key=value notes, keeping = in values', () => {
    expect(parseNotes(['channel=phone', 'agent = Eva', 'q=a=b'])).toEqual({ channel: 'phone', agent: 'Eva', q: 'a=b' });
  });
  it('reports every bad note at once: no =, bad key, duplicate, empty value', () => {
    const found = issues(() => parseNotes(['novalue', 'bad key=x', 'a=1', 'a=2', 'empty=']));
    expect(found.map((i) => i.field)).toEqual(['notes', 'notes.bad key', 'notes.a', 'notes.empty']);
  });
  it('allows at most 20 notes', () => {
    expect(issues(() => parseNotes(Array.from({ length: 21 }, (_, i) => `k${i}=v`)))[0]?.rule).toContain('at most 20');
  });
});

describe('message templates', () => {
  it('accepts known placeholders and renders them; {{ and }} are literal braces', () => {
    const t = validateTemplate('Hi! {store}: {amount} for {reference} {{ok}} {url} until {expires}{description}');
    expect(renderTemplate(t, { store: 'S', amount: '1.00 SEK', reference: 'R', url: 'U', expires: 'E', description: '' })).toBe('Hi! S: 1.00 SEK for R {ok} U until E');
  });
  it('refuses unknown placeholders, naming the known ones', () => {
    expect(issues(() => validateTemplate('Pay {url} {name}'))[0]).toMatchObject({ field: 'message_template', rule: expect.stringContaining('unknown placeholder {name}') });
  });
  it('requires {url}', () => {
    expect(issues(() => validateTemplate('Please pay {amount}')).map((i) => i.rule)).toContain('must contain {url}, or the customer gets no link');
  });
  it('refuses unmatched braces and empty or over-long text', () => {
    expect(issues(() => validateTemplate('Pay {url} }')).some((i) => i.rule.includes('unmatched'))).toBe(true);
    expect(issues(() => validateTemplate('   ')).some((i) => i.rule === 'must not be empty')).toBe(true);
    expect(issues(() => validateTemplate(`{url}${'x'.repeat(1000)}`)).some((i) => i.rule.includes('at most 1000'))).toBe(true);
  });
});

describe('checkPdf', () => {
  const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
  it('accepts bytes starting with %PDF-', () => {
    expect(() => checkPdf(pdf, 'inv.pdf')).not.toThrow();
  });
  it('refuses a file that is not a PDF, an empty one, and one over 5 MB', () => {
    expect(issues(() => checkPdf(Buffer.from('PK\u0003\u0004'), 'inv.pdf'))[0]).toEqual({ field: 'invoice_pdf', rule: 'inv.pdf is not a PDF (it does not start with %PDF-)' });
    expect(issues(() => checkPdf(new Uint8Array(0), 'e.pdf'))[0]?.rule).toBe('e.pdf is empty');
    expect(issues(() => checkPdf(new Uint8Array(MAX_PDF_BYTES + 1), 'big.pdf'))[0]?.rule).toContain('at most 5 MB');
  });
});

describe('send time and ISO times', () => {
  const now = new Date('2026-11-25T10:00:00Z');
  const expires = new Date('2026-11-27T10:00:00Z');
  it('a send time must be in the future and before expiry', () => {
    expect(() => validateSendAt(new Date('2026-11-26T09:00:00Z'), now, expires)).not.toThrow();
    expect(issues(() => validateSendAt(new Date('2026-11-25T09:00:00Z'), now, expires))[0]?.rule).toContain('in the past');
    expect(issues(() => validateSendAt(new Date('2026-11-28T09:00:00Z'), now, expires))[0]?.rule).toContain('not before the link expires');
  });
  it('takes a delay from now as well as an ISO time', () => {
    expect(parseWhen('2h', now, 'send_at').toISOString()).toBe('2026-11-25T12:00:00.000Z');
    expect(parseWhen('1h30m', now, 'send_at').toISOString()).toBe('2026-11-25T11:30:00.000Z');
    expect(parseWhen('2026-11-26T08:00:00Z', now, 'send_at').toISOString()).toBe('2026-11-26T08:00:00.000Z');
    expect(issues(() => parseWhen('soon', now, 'send_at'))[0]?.field).toBe('send_at');
  });
  it('parses ISO dates and times, refusing other forms', () => {
    expect(parseIsoTime('2026-12-01', 'from').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseIsoTime('2026-12-01T09:30:00+01:00', 'send_at').toISOString()).toBe('2026-12-01T08:30:00.000Z');
    expect(issues(() => parseIsoTime('tomorrow', 'send_at'))[0]?.field).toBe('send_at');
    expect(issues(() => parseIsoTime('2026-13-45', 'send_at'))[0]?.rule).toContain('not a valid time');
  });
});
