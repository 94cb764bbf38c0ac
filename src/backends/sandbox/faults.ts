/**
 * Fault injection for the sandbox, so the bulk-capture guarantees are tested rather than assumed. A spec
 * like `transient=0.2,rate_limited=0.1,timeout_after_commit=0.1,seed=42` comes from MERCHANT_SANDBOX_FAULTS
 * (wins) or from `merchant sandbox faults set` (stored in sandbox_meta, so every process sees it).
 *   transient            → TransientError before the operation acts
 *   rate_limited         → RateLimitedError (retryAfterMs = retry_after_ms, default 50) before it acts
 *   timeout_after_commit → a capture/refund/cancel/release is committed, then UnknownOutcomeError is thrown
 * With `seed`, draws come from a seeded PRNG so a run is reproducible per process.
 */
import { performance } from 'node:perf_hooks';
import { RateLimitedError, TransientError, UnknownOutcomeError, ValidationError } from '../../errors.js';
import type { FaultSpec } from '../types/sandbox.js';
import type { Db } from './database.js';

export type { FaultSpec };

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

const META_KEY = 'faults';

export function readStoredFaults(db: Db): string | null {
  const row = db.prepare<[string], { value: string }>(`SELECT value FROM sandbox_meta WHERE key = ?`).get(META_KEY);
  return row?.value ?? null;
}

export function storeFaults(db: Db, spec: FaultSpec | null): void {
  if (spec === null) db.prepare(`DELETE FROM sandbox_meta WHERE key = ?`).run(META_KEY);
  else db.prepare(`INSERT INTO sandbox_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(META_KEY, formatFaultSpec(spec));
}

/** mulberry32: tiny, fast, good enough to pick which requests fail. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultInjector {
  /** Called before an operation acts: may throw TransientError or RateLimitedError. */
  before(operation: string): void;
  /** Called after a money-moving write committed: may throw UnknownOutcomeError. */
  afterCommit(operation: string): void;
}

export function createFaultInjector(resolve: () => FaultSpec): FaultInjector {
  let random: (() => number) | undefined;
  let lastSeed: number | null | undefined;
  const draw = (spec: FaultSpec): number => {
    if (spec.seed === null) return Math.random();
    if (!random || lastSeed !== spec.seed) {
      // Mix in the pid so concurrent processes with one seed do not fail in lockstep.
      random = seeded(spec.seed ^ (process.pid << 8));
      lastSeed = spec.seed;
    }
    return random();
  };
  return {
    before(operation) {
      const spec = resolve();
      if (spec.transient > 0 && draw(spec) < spec.transient) {
        throw new TransientError(`sandbox fault: ${operation} failed transiently (injected)`);
      }
      if (spec.rate_limited > 0 && draw(spec) < spec.rate_limited) {
        throw new RateLimitedError(`sandbox fault: ${operation} was rate limited (injected)`, { retryAfterMs: spec.retry_after_ms });
      }
    },
    afterCommit(operation) {
      const spec = resolve();
      if (spec.timeout_after_commit > 0 && draw(spec) < spec.timeout_after_commit) {
        throw new UnknownOutcomeError(`sandbox fault: ${operation} timed out after it was committed (injected)`);
      }
    },
  };
}

/** The spec in force: the environment variable wins over the stored one. */
export function faultSource(db: Db, env: Readonly<Record<string, string | undefined>>): () => FaultSpec {
  const fromEnv = env['MERCHANT_SANDBOX_FAULTS'];
  const envSpec = fromEnv ? parseFaultSpec(fromEnv) : null;
  let cached: { text: string | null; spec: FaultSpec; readAt: number } | undefined;
  return () => {
    if (envSpec) return envSpec;
    // Every order request asks; a `sandbox faults set` from another process is seen within a second.
    const now = performance.now();
    if (cached && now - cached.readAt < 1000) return cached.spec;
    const text = readStoredFaults(db);
    if (!cached || cached.text !== text) cached = { text, spec: text ? parseFaultSpec(text, 'sandbox faults') : NO_FAULTS, readAt: now };
    else cached.readAt = now;
    return cached.spec;
  };
}
