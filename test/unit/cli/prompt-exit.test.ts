/** The binary ends the process itself once output has drained, unless that would lose Node's compile cache. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { drained, readyToExit } from '../../../src/cli/prompt-exit.js';

describe('readyToExit', () => {
  it('a Node without a compile cache (20) writes nothing at the end: ready', () => {
    expect(readyToExit({})).toBe(true);
  });

  it('a Node that can flush its cache flushes it first: ready', () => {
    let flushed = 0;
    expect(readyToExit({ enableCompileCache: () => undefined, flushCompileCache: () => void (flushed += 1) })).toBe(true);
    expect(flushed).toBe(1);
  });

  it('a cache that cannot be written does not keep the process waiting', () => {
    const failing = () => {
      throw new Error('read-only folder');
    };
    expect(readyToExit({ enableCompileCache: () => undefined, flushCompileCache: failing })).toBe(true);
  });

  it('a Node with a cache it writes only on a natural end (22.1-22.9): the process ends by itself', () => {
    expect(readyToExit({ enableCompileCache: () => undefined })).toBe(false);
  });
});

describe('drained', () => {
  it('resolves once what was written before has been handed on', async () => {
    const stream = new PassThrough();
    stream.write('last line\n');
    await drained(stream);
    expect(String(stream.read())).toBe('last line\n');
  });
});
