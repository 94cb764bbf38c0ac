import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createKeyFeed } from '../../../src/prompts/key-feed.js';

const tick = () => new Promise((r) => setImmediate(r));

function feedOf() {
  const source = new PassThrough();
  let interrupts = 0;
  const feed = createKeyFeed(source, () => interrupts++);
  let seen = '';
  feed.input.on('data', (d: string) => (seen += d));
  return { source, feed, seen: () => seen, interrupts: () => interrupts };
}

describe('the one terminal reader', () => {
  it('hands each question exactly one answer, keeping typed-ahead answers in order', async () => {
    const t = feedOf();
    t.source.write('2\r3\r\u001b[B\r');
    await tick();
    expect(t.seen()).toBe('');
    t.feed.open();
    await tick();
    expect(t.seen()).toBe('2\r');
    t.feed.open();
    await tick();
    expect(t.seen()).toBe('2\r3\r');
    t.feed.open();
    await tick();
    expect(t.seen()).toBe('2\r3\r\u001b[B\r');
    t.feed.close();
  });

  it('passes keys through while a question is open, and a CR LF paste is one Enter', async () => {
    const t = feedOf();
    t.feed.open();
    t.source.write('ab');
    await tick();
    expect(t.seen()).toBe('ab');
    t.source.write('c\r\nd\r');
    await tick();
    expect(t.seen()).toBe('abc\r');
    t.feed.open();
    await tick();
    expect(t.seen()).toBe('abc\rd\r');
    t.feed.close();
  });

  it('Ctrl-C with no question open is an interrupt; with one open it goes to the question', async () => {
    const t = feedOf();
    t.source.write('\u0003');
    await tick();
    expect(t.interrupts()).toBe(1);
    t.feed.open();
    t.source.write('\u0003');
    await tick();
    expect(t.seen()).toBe('\u0003');
    expect(t.interrupts()).toBe(1);
    t.feed.close();
  });
});
