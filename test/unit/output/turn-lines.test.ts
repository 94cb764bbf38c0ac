import { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createTurnLines } from '../../../src/output/turn-lines.js';

/** A stream that keeps each write as it was made. */
function recordingStream(): { out: Writable; writes: string[] } {
  const writes: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString('utf8'));
      done();
    },
  });
  return { out, writes };
}

describe('lines batched per turn of the event loop', () => {
  it('sends the lines of one turn in one write, in the order they came', async () => {
    const { out, writes } = recordingStream();
    const lines = createTurnLines(out);
    lines.write('a\n');
    lines.write('b\n');
    lines.write('c\n');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['a\nb\nc\n']);
  });

  it('sends each turn in its own write, so no line waits past the turn it was written in', async () => {
    const { out, writes } = recordingStream();
    const lines = createTurnLines(out);
    lines.write('1\n');
    await nextTurn();
    lines.write('2\n');
    lines.write('3\n');
    await nextTurn();
    expect(writes).toEqual(['1\n', '2\n3\n']);
  });

  it('flush writes what is waiting at once, and nothing twice', async () => {
    const { out, writes } = recordingStream();
    const lines = createTurnLines(out);
    lines.write('x\n');
    lines.flush();
    expect(writes).toEqual(['x\n']);
    lines.flush();
    await nextTurn();
    expect(writes).toEqual(['x\n']);
  });
});
