/** Runs `fn` over items with at most `limit` in flight; stops taking new items once `stopped()` is true. */
export async function forEachConcurrent<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>, stopped: () => boolean = () => false): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stopped()) {
      const index = next++;
      if (index >= items.length) return;
      await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
