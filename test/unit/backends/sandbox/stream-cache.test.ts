/** A list streamed past its first page reads every page once: the connection's page cache shrinks to 2 MB. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useStreamCache } from '../../../../src/backends/sandbox/stream-cache.js';

describe('useStreamCache', () => {
  it('sets a 2 MB page cache on the connection, once, and leaves other connections as they are', () => {
    const streamed = new Database(':memory:');
    const other = new Database(':memory:');
    const before = other.pragma('cache_size', { simple: true });
    useStreamCache(streamed);
    expect(streamed.pragma('cache_size', { simple: true })).toBe(-2048);
    streamed.pragma('cache_size = -100');
    useStreamCache(streamed);
    expect(streamed.pragma('cache_size', { simple: true })).toBe(-100);
    expect(other.pragma('cache_size', { simple: true })).toBe(before);
    streamed.close();
    other.close();
  });
});
