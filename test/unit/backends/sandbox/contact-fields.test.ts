/** The `customer` object of a sandbox order or link: the contact columns that are set, in the documented order. */
import { describe, expect, it } from 'vitest';
import { contactFields } from '../../../../src/backends/sandbox/contact-fields.js';

describe('contactFields', () => {
  it.each([
    ['every field', ['a@example.com', '+46701234567', 'Ada Lovelace'], '{"email":"a@example.com","phone":"+46701234567","name":"Ada Lovelace"}'],
    ['no field', [null, null, null], '{}'],
    ['empty text counts as unset', ['', '', ''], '{}'],
    ['phone alone', [null, '+46701234567', null], '{"phone":"+46701234567"}'],
    ['email and name, no phone', ['a@example.com', null, 'Ada'], '{"email":"a@example.com","name":"Ada"}'],
  ] as const)('%s', (_what, [email, phone, name], json) => {
    const out = contactFields(email, phone, name);
    // The JSON text checks the keys' order as well as their values; absent fields are not even undefined keys.
    expect(JSON.stringify(out)).toBe(json);
    expect(Object.keys(out)).toEqual(Object.keys(JSON.parse(json) as object));
  });

  it('leaves the name out when the row has no name column (links)', () => {
    expect(contactFields('a@example.com', '+46701234567')).toEqual({ email: 'a@example.com', phone: '+46701234567' });
  });
});
