import { describe, expect, it } from 'vitest';
import { forEachConcurrent, Slots, workersFor } from '../../../../../src/services/orders/bulk/pool.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Slots', () => {
  it('never has more holders than its size, whatever the number of workers', async () => {
    const slots = new Slots(3);
    let holding = 0;
    let most = 0;
    const done: number[] = [];
    await forEachConcurrent(
      Array.from({ length: 40 }, (_, i) => i),
      workersFor(3),
      async (i) => {
        await tick(); // the row's own preparation
        const release = await slots.acquire();
        holding++;
        most = Math.max(most, holding);
        await tick();
        await tick();
        holding--;
        release?.();
        release?.(); // a second call gives nothing back twice
        done.push(i);
      },
    );
    expect(most).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('gives a freed slot to the longest waiter', async () => {
    const slots = new Slots(1);
    const first = await slots.acquire();
    const order: string[] = [];
    const a = slots.acquire().then((r) => (order.push('a'), r));
    const b = slots.acquire().then((r) => (order.push('b'), r));
    first?.();
    (await a)?.();
    (await b)?.();
    expect(order).toEqual(['a', 'b']);
  });

  it('once closed, wakes every waiter with no slot and gives none out', async () => {
    const slots = new Slots(1);
    const held = await slots.acquire();
    const waiting = [slots.acquire(), slots.acquire()];
    slots.close();
    expect(await Promise.all(waiting)).toEqual([undefined, undefined]);
    expect(await slots.acquire()).toBeUndefined();
    held?.();
    expect(await slots.acquire()).toBeUndefined();
  });

  it('a size that grows lets in as many waiting holders as now fit, never more', async () => {
    let size = 1;
    const slots = new Slots(() => size);
    const first = await slots.acquire();
    const admitted: number[] = [];
    const waiters = [1, 2, 3, 4].map((n) => slots.acquire().then((release) => (admitted.push(n), release)));
    await tick();
    expect(admitted).toEqual([]);
    size = 3;
    first?.();
    await tick();
    // Three fit now, in the order they asked; the fourth waits for one of them.
    expect(admitted).toEqual([1, 2, 3]);
    const [r1] = await Promise.all(waiters.slice(0, 3));
    r1?.();
    await tick();
    expect(admitted).toEqual([1, 2, 3, 4]);
  });
});
