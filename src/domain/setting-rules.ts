/**
 * The rules for setting values, one per key, used alike for a flag (`--store`), an environment variable
 * (`MERCHANT_STORE`), `config set` and `profiles add`: the same value gets the same words wherever it came from.
 */
import { STORE_ID_PATTERN, STORE_ID_RULE } from './store-rules.js';
import { shown } from './text-rules.js';

export const BACKEND_CHOICES = ['sandbox', 'kustom'] as const;

/** What is wrong with `value` for setting `key`, or undefined when it is fine. */
export function settingRuleBroken(key: 'backend' | 'store' | 'base_url', value: string): string | undefined {
  if (key === 'backend') {
    return (BACKEND_CHOICES as readonly string[]).includes(value) ? undefined : `${shown(value)} is not a backend; use one of ${BACKEND_CHOICES.join(', ')}`;
  }
  if (key === 'store') {
    // One rule for store IDs everywhere (a sandbox store ID or a Kustom MID such as `M123`; never a path).
    return STORE_ID_PATTERN.test(value) ? undefined : `${shown(value)} is not a store ID: it ${STORE_ID_RULE}`;
  }
  let url: URL | undefined;
  try {
    url = /\s/.test(value) ? undefined : new URL(value);
  } catch {
    url = undefined;
  }
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? undefined : `${shown(value)} must be an http(s) URL, e.g. https://api.kustom.co`;
}
