/**
 * Redaction of what the HTTP client puts into error messages and observed headers: credentials, API keys,
 * e-mail addresses and phone numbers never leave the client in clear text there. Observed bodies are
 * redacted by the observer that writes them (the developer log, src/logs/redact.ts).
 */

const KEY_PATTERN = /kco_(test|live)_api_[^\s"'`,;&<>)}\]]+/g;
const EMAIL_PATTERN = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const BASIC_PATTERN = /\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]+/g;
const SECRET_FIELD = /^(password|passwd|secret|api_?key|authorization|proxy-authorization|cookie|set-cookie|token|.*_token|.*_secret|.*_password|.*_api_?key)$/i;
const PHONE_FIELD = /(phone|mobile|msisdn)/i;

/** Masks API keys, e-mail local parts and credentials embedded in free text. */
export function redactString(text: string): string {
  return text
    .replace(KEY_PATTERN, (_m, env: string) => `kco_${env}_api_***`)
    .replace(BASIC_PATTERN, (_m, scheme: string) => `${scheme} ***`)
    .replace(EMAIL_PATTERN, (_m, first: string, domain: string) => `${first}***@${domain}`);
}

/** Keeps the last two digits of a phone number and masks the others. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '').length;
  let seen = 0;
  return value.replace(/\d/g, (d) => {
    seen += 1;
    return seen > digits - 2 ? d : '*';
  });
}

function redactNode(value: unknown, key: string | undefined, depth: number): unknown {
  if (depth > 50) return '[too deep]';
  if (key !== undefined && SECRET_FIELD.test(key) && value !== null && value !== undefined && typeof value !== 'object') {
    return '***';
  }
  if (typeof value === 'string') {
    if (key !== undefined && PHONE_FIELD.test(key)) return maskPhone(redactString(value));
    return redactString(value);
  }
  if (Array.isArray(value)) return value.map((item) => redactNode(item, undefined, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactNode(v, k, depth + 1);
    return out;
  }
  return value;
}

/** Deep copy of `value` with secrets, keys, e-mails and phone numbers masked. */
export function redactBody(value: unknown): unknown {
  return redactNode(value, undefined, 0);
}

/** Copy of `headers` with Authorization (and cookies) masked; never contains the key. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const scheme = /^\s*(\S+)\s/.exec(value)?.[1];
      out[name] = scheme ? `${scheme} ***` : '***';
    } else if (SECRET_FIELD.test(lower)) {
      out[name] = '***';
    } else {
      out[name] = redactString(value);
    }
  }
  return out;
}
