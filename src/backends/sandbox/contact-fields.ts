/**
 * A row's contact columns as the model's `customer` object: only the fields that are set, in the
 * documented order (email, phone, name). Built by assignment rather than as an object literal of
 * conditional spreads: those allocate a throw-away object per field, and measured over a million-row list
 * they were most of what V8 promoted to its old generation, which is what grows a stream's memory.
 */
export interface ContactFields {
  email?: string;
  phone?: string;
  name?: string;
}

export function contactFields(email: string | null, phone: string | null, name: string | null = null): ContactFields {
  const out: ContactFields = {};
  if (email) out.email = email;
  if (phone) out.phone = phone;
  if (name) out.name = name;
  return out;
}
