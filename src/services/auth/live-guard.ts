/**
 * Live mode is never a surprise. Every write passes `guardLiveWrite` before acting (the context installs
 * it on every backend write, see write-checks.ts): under a live key it insists that the store was named on
 * the command line (`--store`/an explicit ID) or pinned in the profile — not picked up from a stray
 * MERCHANT_STORE — and prints a one-line banner on stderr saying which store is about to be changed for
 * real. Under a test key (or none) it does nothing.
 *
 * The guard remembers, per run, the stores it has announced: the same write announced twice prints one
 * banner, and a backend write to a store this run has already named and announced passes quietly.
 */
import { UsageError } from '../../errors.js';
import type { ResolvedCredential } from '../../config/credentials.js';
import type { ResolvedSettings } from '../../config/resolve.js';

export interface LiveGuardContext {
  credential(): ResolvedCredential | undefined;
  settings(): ResolvedSettings;
  logger: { warn(message: string): void; info(message: string): void };
}

export interface LiveWrite {
  /** What is about to happen, for the banner: "capture 120.00 SEK on order 123". */
  action: string;
  /**
   * The store the write targets when the command names it itself (a positional ID, or `--store` read
   * by the command). Omit to use the resolved store setting (flag > env > profile).
   */
  store?: string | undefined;
  /**
   * The store the write will really change, when the command learns it from the object (an order's
   * store). A live write is refused when it differs from the store named or pinned: the banner must
   * never name one store while another is changed.
   */
  target?: string | undefined;
}

interface RunState {
  /** Stores named for a live write in this run (and announced). */
  stores: Set<string>;
  /** Banners printed, so one write guarded twice is announced once. */
  banners: Set<string>;
}

// Keyed by the run's context object: one run, one memory; a new context starts empty.
const runs = new WeakMap<object, RunState>();

function runState(ctx: LiveGuardContext): RunState {
  let state = runs.get(ctx);
  if (!state) runs.set(ctx, (state = { stores: new Set(), banners: new Set() }));
  return state;
}

/** The store a live write changes, or a refusal naming the rule it breaks. */
function checkedStore(ctx: LiveGuardContext, credential: ResolvedCredential, write: LiveWrite): string {
  const setting = ctx.settings().store;
  let store = write.store;
  if (store === undefined) {
    if (setting.value === undefined || (setting.origin !== 'flag' && setting.origin !== 'profile')) {
      const why = setting.value === undefined ? 'no store is named' : `the store comes only from ${setting.source}`;
      throw new UsageError(`Refusing a live write (${write.action}): ${why}. A live write needs the store named with --store or pinned in the profile.`, {
        hint: `Re-run with --store <id>, or pin it: merchant config set store <id> --for-profile ${credential.profile}`,
        details: { live: true },
      });
    }
    store = setting.value;
  }
  if (write.target !== undefined && write.target !== store) {
    throw new UsageError(`Refusing a live write (${write.action}): it changes store ${write.target}, but the store named is ${store}.`, {
      hint: `Re-run with --store ${write.target} if that is the store you mean.`,
      details: { live: true },
    });
  }
  return store;
}

/** Returns whether the write is live (callers may add their own emphasis). */
export function guardLiveWrite(ctx: LiveGuardContext, write: LiveWrite): boolean {
  const credential = ctx.credential();
  if (credential?.environment !== 'live') return false;
  const store = checkedStore(ctx, credential, write);
  const state = runState(ctx);
  state.stores.add(store);
  const banner = `LIVE · store ${store} · mode live (${credential.masked} from ${credential.sourceLabel}) · ${write.action}`;
  if (!state.banners.has(banner)) {
    state.banners.add(banner);
    ctx.logger.info(banner);
  }
  return true;
}

/**
 * The guard on one backend write. A write whose store this run has already named and announced passes
 * quietly (one banner per store and run, as a bulk run shows); any other write is guarded in full.
 */
export function guardBackendWrite(ctx: LiveGuardContext, write: LiveWrite): void {
  const credential = ctx.credential();
  if (credential?.environment !== 'live') return;
  const state = runState(ctx);
  const known = write.target ?? write.store;
  if (known !== undefined && state.stores.has(known) && (write.store === undefined || write.store === known)) return;
  if (known === undefined && state.stores.size > 0) {
    // The store comes from the settings: quiet when that is a store already announced.
    const store = checkedStore(ctx, credential, write);
    if (state.stores.has(store)) return;
  }
  guardLiveWrite(ctx, write);
}
