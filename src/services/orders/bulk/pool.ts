import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Runs `fn` over items with at most `limit` in flight; stops taking new items once `stopped()` is true.
 * The items may be a lazy iterable (a spool read a page at a time): each is taken only when a worker is free.
 * `limit` may be a function: it is asked again each time a worker finishes an item, and more workers start
 * when it has grown (it never stops one that is running).
 * Once `abandon` is aborted it returns without waiting for the calls still in flight (their later
 * results and errors are dropped: the caller reports those items from its own records).
 */
export async function forEachConcurrent<T>(
  items: Iterable<T>,
  limit: number | (() => number),
  fn: (item: T) => Promise<void>,
  stopped: () => boolean = () => false,
  abandon?: AbortSignal,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const size = Array.isArray(items) ? (items as readonly T[]).length : Number.POSITIVE_INFINITY;
  const wanted = (): number => Math.max(1, Math.min(typeof limit === 'number' ? limit : limit(), size));
  let exhausted = false;
  let running = 0;
  let started = 0;
  let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const all = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const worker = async (): Promise<void> => {
    while (!stopped()) {
      const next = iterator.next();
      if (next.done === true) return void (exhausted = true);
      await fn(next.value);
      grow();
      // A backend that answers synchronously (the sandbox's SQLite) would otherwise keep the event loop
      // from running until the last item: no signal, timer or progress line would be handled.
      await nextTurn();
    }
  };
  const grow = (): void => {
    while (!exhausted && started < wanted()) {
      started++;
      running++;
      worker().then(
        () => {
          running--;
          if (running === 0) settle?.resolve();
        },
        (error: unknown) => settle?.reject(error),
      );
    }
  };
  grow();
  if (!abandon) return void (await all);
  all.catch(() => undefined);
  await Promise.race([all, aborted(abandon)]);
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
