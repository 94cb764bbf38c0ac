import { describe, expect, it } from 'vitest';
import { getHeapStatistics } from 'node:v8';
import { COLLECT_EVERY_CHARS, oldGenerationCollector } from '../../../src/output/old-generation.js';

describe('oldGenerationCollector', () => {
  it('collects once per interval of output, however long the stream and however its writes are cut', () => {
    for (const [writes, size] of [
      [10, 100],
      [1_000, 7],
      [3, 2_500],
      [100_000, 1],
    ] as const) {
      let collections = 0;
      const written = oldGenerationCollector(1_000, () => collections++);
      for (let i = 0; i < writes; i++) written(size);
      // A collection as soon as an interval of output has been written since the last one.
      expect(collections).toBe(Math.floor(writes / Math.ceil(1_000 / size)));
    }
  });

  it('collects nothing for a stream shorter than the interval', () => {
    let collections = 0;
    const written = oldGenerationCollector(COLLECT_EVERY_CHARS, () => collections++);
    written(COLLECT_EVERY_CHARS - 1);
    expect(collections).toBe(0);
    written(1);
    expect(collections).toBe(1);
  });

  it("runs V8's full collection: the old generation's garbage is gone afterwards", () => {
    // The whole heap, not old space alone: where V8 keeps these objects before the collection differs by version.
    const oldUsed = (): number => getHeapStatistics().used_heap_size;
    // Garbage in the old generation: objects kept alive across young collections, then dropped.
    let kept: unknown[] | undefined = Array.from({ length: 200_000 }, (_, i) => ({ i, text: `row-${i}` }));
    for (let i = 0; i < 2_000_000; i++) void { i, text: `young-${i}` };
    const before = oldUsed();
    kept = undefined;
    oldGenerationCollector(1)(1);
    expect(kept).toBeUndefined();
    expect(oldUsed()).toBeLessThan(before - 4 * 1024 * 1024);
  });
});
