/**
 * The live-write check a service runs once, up front: before it asks for confirmation or starts a run of
 * many writes, so a refusal comes before the question or the first row. The backend runs the same check
 * on every write (write-checks.ts), so a write cannot skip it; a store this gate has announced then passes
 * quietly there.
 */
import type { Backend } from '../../backends/backend.js';
import { guardLiveWrite, type LiveGuardContext, type LiveWrite } from './live-guard.js';

/**
 * A backend opened on first use. A service that checks the live write before anything else takes the
 * backend this way, so the refusal (or the banner) comes before opening it, which may itself refuse the key.
 */
export type OpenBackend = () => Promise<Backend>;

export interface WriteGate {
  /** Refuses a live write that breaks the rule, and announces the store it changes (once per run). */
  check(write: LiveWrite): void;
}

export function writeGate(ctx: LiveGuardContext): WriteGate {
  return {
    check(write) {
      guardLiveWrite(ctx, write);
    },
  };
}
