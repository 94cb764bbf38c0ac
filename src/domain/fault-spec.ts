/**
 * A sandbox fault-injection spec, `transient=0.2,rate_limited=0.1,timeout_after_commit=0.1,seed=42`: shares
 * of order requests that fail each way, the pause a rate limit asks for, and a seed for reproducible draws.
 */
import { ValidationError } from '../errors.js';

export interface FaultSpec {
  transient: number;
  rate_limited: number;
  timeout_after_commit: number;
  retry_after_ms: number;
  seed: number | null;
}

export const NO_FAULTS: FaultSpec = { transient: 0, rate_limited: 0, timeout_after_commit: 0, retry_after_ms: 50, seed: null };

const RATE_KEYS = ['transient', 'rate_limited', 'timeout_after_commit'] as const;

/** Parses `key=value,…`; every problem names the key and the rule. */
export function parseFaultSpec(text: string, field = 'MERCHANT_SANDBOX_FAULTS'): FaultSpec {
  const spec: FaultSpec = { ...NO_FAULTS };
  const issues: { field: string; rule: string }[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key = '', value = ''] = part.split('=').map((s) => s.trim());
    const num = Number(value);
    if (value === '' || !Number.isFinite(num)) {
      issues.push({ field: `${field}.${key}`, rule: `needs a number (got ${JSON.stringify(value)})` });
    } else if ((RATE_KEYS as readonly string[]).includes(key)) {
      if (num < 0 || num > 1) issues.push({ field: `${field}.${key}`, rule: 'must be a share between 0 and 1' });
      else spec[key as (typeof RATE_KEYS)[number]] = num;
    } else if (key === 'seed') {
      if (!Number.isSafeInteger(num)) issues.push({ field: `${field}.seed`, rule: 'must be a whole number' });
      else spec.seed = num;
    } else if (key === 'retry_after_ms') {
      if (!Number.isSafeInteger(num) || num < 0) issues.push({ field: `${field}.retry_after_ms`, rule: 'must be a whole number ≥ 0' });
      else spec.retry_after_ms = num;
    } else {
      issues.push({ field: `${field}.${key}`, rule: 'unknown fault (known: transient, rate_limited, timeout_after_commit, retry_after_ms, seed)' });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return spec;
}

export function formatFaultSpec(spec: FaultSpec): string {
  const parts = RATE_KEYS.filter((k) => spec[k] > 0).map((k) => `${k}=${spec[k]}`);
  if (parts.length > 0 && spec.retry_after_ms !== NO_FAULTS.retry_after_ms) parts.push(`retry_after_ms=${spec.retry_after_ms}`);
  if (parts.length > 0 && spec.seed !== null) parts.push(`seed=${spec.seed}`);
  return parts.join(',');
}
