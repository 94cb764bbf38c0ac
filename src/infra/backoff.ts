/**
 * Exponential backoff with full jitter, the one wait between repeated attempts anywhere in the program
 * (HTTP retries, polling for a file lock): uniform in [0, min(cap, base·2^(attempt−1))), so clients that
 * failed together do not come back together. `attempt` is 1-based; `random` is injected so tests and the
 * seeded sandbox are repeatable.
 */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(unitInterval(random()) * ceiling);
}

/** A random draw forced into [0, 1): a broken source must not make a negative or uncapped wait. */
export function unitInterval(x: number): number {
  if (!Number.isFinite(x) || x < 0) return 0;
  return x >= 1 ? 0.999999 : x;
}
