/**
 * Idempotency keys derived from the logical operation (never random per attempt): the same operation
 * retried — by us after a timeout, or by a re-run after a crash — carries the same key, so the provider
 * acts at most once. Shaped as a UUID (Kustom recommends UUIDs for idempotency keys) from a SHA-256 of the parts.
 */
import { hash } from 'node:crypto';

export function operationKey(parts: readonly (string | number | null | undefined)[]): string {
  // The one-shot digest: a bulk plan derives a key per row, and a Hash object per row costs three times as much.
  const hex = hash('sha256', JSON.stringify(parts.map((p) => p ?? null)), 'hex');
  // Version 5-style layout (name-based), so it passes UUID validators.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
