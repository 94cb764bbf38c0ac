/**
 * Live mode is never a surprise. Every write calls `guardLiveWrite` before acting: under a live key it
 * insists that the store was named on the command line (`--store`/an explicit ID) or pinned in the
 * profile — not picked up from a stray MERCHANT_STORE — and prints a one-line banner on stderr saying
 * which store is about to be changed for real. Under a test key (or none) it does nothing.
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

/** Returns whether the write is live (callers may add their own emphasis). */
export function guardLiveWrite(ctx: LiveGuardContext, write: LiveWrite): boolean {
  const credential = ctx.credential();
  if (credential?.environment !== 'live') return false;
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
  ctx.logger.info(`LIVE · store ${store} · mode live (${credential.masked} from ${credential.sourceLabel}) · ${write.action}`);
  return true;
}
