/** Text appended in pieces, taken as UTF-8 chunks: the same bytes as the text joined, and a chunk taken is never written over. */
import { describe, expect, it } from 'vitest';
import { Utf8Chunks } from '../../../src/infra/utf8-chunks.js';

describe('Utf8Chunks', () => {
  it('takes the UTF-8 bytes of what was appended since the last take', () => {
    const chunks = new Utf8Chunks(64);
    chunks.append('a,b\r\n');
    chunks.append('å,€\r\n');
    expect(chunks.take().toString('utf8')).toBe('a,b\r\nå,€\r\n');
    expect(chunks.take().length).toBe(0);
    chunks.append('😀');
    expect([...chunks.take()]).toEqual([...Buffer.from('😀')]);
  });

  it('keeps every chunk it handed out while later pieces fill and replace its buffer', () => {
    const chunks = new Utf8Chunks(16);
    const pieces = ['first line\r\n', 'ü'.repeat(9), '', 'x'.repeat(40), '€😀\r\n', 'tail'];
    const taken: Buffer[] = [];
    pieces.forEach((piece, i) => {
      chunks.append(piece);
      if (i % 2 === 1) taken.push(chunks.take());
    });
    taken.push(chunks.take());
    expect(Buffer.concat(taken).toString('utf8')).toBe(pieces.join(''));
    expect(taken.map((c) => c.toString('utf8'))).toEqual([pieces[0]! + pieces[1]!, pieces[2]! + pieces[3]!, pieces[4]! + pieces[5]!, '']);
  });

  it('gives a piece larger than the buffer size a buffer of its own size', () => {
    const chunks = new Utf8Chunks(4);
    chunks.append('ab');
    chunks.append('ÿ'.repeat(100));
    expect(chunks.take().toString('utf8')).toBe(`ab${'ÿ'.repeat(100)}`);
  });
});
