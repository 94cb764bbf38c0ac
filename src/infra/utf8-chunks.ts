/**
 * Text written a piece at a time straight into UTF-8 buffers, handed out as chunks for a byte stream. A
 * page of a million-row export built as one string by `+=` is a rope of thousands of pieces: turning it
 * into bytes (what a byte stream does with every string it is given) first copies it flat, and that was
 * a third of the export's time, with a page-sized string of garbage per page. Each piece written here is
 * small and encoded once, into a buffer that is reused until it is full.
 *
 * A chunk handed out is never written over: the next pieces go after it, and a full buffer is replaced,
 * not reused, so a chunk still queued in a stream keeps its bytes.
 */

/** UTF-8 takes at most three bytes per UTF-16 code unit (a surrogate pair: four bytes for two units). */
const MAX_BYTES_PER_UNIT = 3;

export class Utf8Chunks {
  private buffer: Buffer;
  /** Where the bytes not yet handed out start, and where the next piece goes. */
  private start = 0;
  private end = 0;

  /** `size`: bytes per buffer (a larger piece gets a buffer of its own size). */
  constructor(private readonly size = 256 * 1024) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  append(text: string): void {
    const most = text.length * MAX_BYTES_PER_UNIT;
    if (this.end + most > this.buffer.length) this.renew(most);
    this.end += this.buffer.write(text, this.end);
  }

  /** The bytes appended since the last take (empty when there are none). */
  take(): Buffer {
    const chunk = this.buffer.subarray(this.start, this.end);
    this.start = this.end;
    return chunk;
  }

  /** A new buffer, holding the bytes not yet handed out, with room for `more`. */
  private renew(more: number): void {
    const pending = this.buffer.subarray(this.start, this.end);
    this.buffer = Buffer.allocUnsafe(Math.max(this.size, pending.length + more));
    pending.copy(this.buffer, 0);
    this.start = 0;
    this.end = pending.length;
  }
}
