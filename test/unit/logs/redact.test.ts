import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addKnownSecret, redactedJson, redactSecrets, redactText, redactValue } from '../../../src/logs/redact.js';

describe('redaction', () => {
  it('removes keys, Authorization values and known secrets from text', () => {
    addKnownSecret('legacyPairSecret99');
    const text = 'key kco_live_api_FAKEnotAREALkey0000abcd, header Basic a2NvX3Rlc3Q6eHh4, pair legacyPairSecret99';
    const out = redactSecrets(text);
    expect(out).toBe('key kco_live_api_[redacted], header Basic [redacted], pair [redacted]');
  });

  it('masks e-mail addresses and phone numbers in logs', () => {
    expect(redactText('mail jane.doe@example.com or +46 70 123 45 67')).toBe('mail j***@example.com or *********67');
  });

  it('drops secret fields and masks contact fields in bodies, keeping idempotency keys', () => {
    const body = {
      headers: { Authorization: 'Basic xyz', 'Content-Type': 'application/json' },
      secret: 'kco_test_api_FAKEnotAREALkey0000abcd',
      api_key: 'anything',
      authorization_token: 'tok',
      admin_password: 'pw',
      merchant_api_key: 'mk',
      idempotencyKey: 'capture:o1:1',
      billing_address: { email: 'a.b@shop.se', phone: '0701234567', given_name: 'Ann' },
      notes: ['call +46701234567'],
    };
    expect(redactValue(body)).toEqual({
      headers: { Authorization: '[redacted]', 'Content-Type': 'application/json' },
      secret: '[redacted]',
      api_key: '[redacted]',
      authorization_token: '[redacted]',
      admin_password: '[redacted]',
      merchant_api_key: '[redacted]',
      idempotencyKey: 'capture:o1:1',
      billing_address: { email: 'a***@shop.se', phone: '********67', given_name: 'Ann' },
      notes: ['call *********67'],
    });
  });

  it('survives cycles, errors and functions', () => {
    const a: Record<string, unknown> = { name: 'x', fn: () => 1 };
    a['self'] = a;
    expect(redactValue(a)).toEqual({ name: 'x', fn: undefined, self: '[cycle]' });
    expect(redactValue(new Error('bad kco_test_api_FAKEnotAREALkey0000abcd'))).toEqual({ error: 'Error', message: 'bad kco_test_api_[redacted]' });
  });
});

describe('redacted JSON without a deep copy when nothing needs hiding', () => {
  const fieldName = fc.oneof(
    fc.constantFrom('order_id', 'captured_amount', 'key', 'idempotencyKey', 'Authorization', 'client_secret', 'phone', 'billing_phone_number', 'email', 'token', 'set-cookie', 'password', 'authorization_token', 'admin_password', 'merchant_api_key'),
    fc.string({ maxLength: 8 }),
  );
  const leaf = fc.oneof(
    fc.constantFrom('kco_test_api_FAKEnotAREALkey0000abcd', 'Basic a2NvX3Rlc3Q6eHh4', 'jane.doe@example.com', '+46 70 123 45 67', 'legacyPairSecret99', 'T-shirt', 'SE'),
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
    fc.string({ maxLength: 6 }).map((m) => new Error(m)),
  );
  const body = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fieldName, tie('value'), { maxKeys: 4 })),
  })).value;

  it('gives exactly what the deep copy gives, for any body (class: every secret, contact and odd value)', () => {
    addKnownSecret('legacyPairSecret99');
    fc.assert(
      fc.property(body, (value) => {
        expect(redactedJson(value, 1_000_000)).toBe(value === undefined ? null : (JSON.stringify(redactValue(value)) ?? null));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a body with nothing secret in it as is', () => {
    const body = { order_id: 'o-1', captured_amount: 1000, idempotencyKey: 'k', order_lines: [{ reference: 'SKU-1', quantity: 1 }] };
    expect(redactedJson(body)).toBe(JSON.stringify(body));
  });
});

describe('a known secret costs a text nothing unless the text holds it', () => {
  const fragment = fc.oneof(
    fc.constantFrom('kco_test_api_FAKEnotAREALkey0000abcd', 'Basic a2NvX3Rlc3Q6eHh4', 'jane.doe@example.com', '+46 70 123 45 67', 'legacyPairSecret99', 'pa"ss\\wd', 'order 6f1e', '/orders/'),
    fc.string({ maxLength: 10 }),
  );
  const text = fc.array(fragment, { maxLength: 6 }).map((parts) => parts.join(' '));

  it('redacts any text exactly as the full pass does (class: keys, known secrets, contact details, plain text)', () => {
    addKnownSecret('legacyPairSecret99');
    addKnownSecret('pa"ss\\wd');
    // ` kco_` sends a text down the full pass (it could start a key) and is itself left as it is.
    const fullPass = (t: string): string => redactText(`${t} kco_`).slice(0, -' kco_'.length);
    fc.assert(
      fc.property(text, (t) => {
        expect(redactText(t)).toBe(fullPass(t));
      }),
      { numRuns: 2000 },
    );
    expect(redactText('pair legacyPairSecret99 and pa"ss\\wd')).toBe('pair [redacted] and [redacted]');
    expect(redactedJson({ note: 'pa"ss\\wd', id: 'o-1' })).toBe(JSON.stringify({ note: '[redacted]', id: 'o-1' }));
  });
});

