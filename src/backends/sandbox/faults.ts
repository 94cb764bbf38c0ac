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
import { formatFaultSpec, NO_FAULTS, parseFaultSpec, type FaultSpec } from '../../domain/fault-spec.js';
import { RateLimitedError, TransientError, UnknownOutcomeError } from '../../errors.js';
import type { Db } from './database.js';
import { mulberry32 } from '../../infra/prng.js';

const META_KEY = 'faults';

export function readStoredFaults(db: Db): string | null {
  const row = db.prepare<[string], { value: string }>(`SELECT value FROM sandbox_meta WHERE key = ?`).get(META_KEY);
  return row?.value ?? null;
}

export function storeFaults(db: Db, spec: FaultSpec | null): void {
  if (spec === null) db.prepare(`DELETE FROM sandbox_meta WHERE key = ?`).run(META_KEY);
  else db.prepare(`INSERT INTO sandbox_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(META_KEY, formatFaultSpec(spec));
}

export interface FaultInjector {
  /** Called before an operation acts: may throw TransientError or RateLimitedError. */
  before(operation: string): void;
  /** Called after a money-moving write committed: may throw UnknownOutcomeError. */
  afterCommit(operation: string): void;
  /** True while any fault is injected: the sandbox then stands in for a remote provider. */
  active(): boolean;
}

export function createFaultInjector(resolve: () => FaultSpec): FaultInjector {
  let random: (() => number) | undefined;
  let lastSeed: number | null | undefined;
  const draw = (spec: FaultSpec): number => {
    if (spec.seed === null) return Math.random();
    if (!random || lastSeed !== spec.seed) {
      // Mix in the pid so concurrent processes with one seed do not fail in lockstep.
      random = mulberry32(spec.seed ^ (process.pid << 8));
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
    active() {
      const spec = resolve();
      return spec.transient > 0 || spec.rate_limited > 0 || spec.timeout_after_commit > 0;
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
