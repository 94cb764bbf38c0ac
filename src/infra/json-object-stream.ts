/**
 * A JSON document whose top level is an object, read a chunk of text at a time: each member is handed
 * over as it ends, and the array of one named member element by element, so a document of any size holds
 * one element's text at a time. The scanner only finds where each key, value and element starts and ends
 * (tracking strings, escapes and nesting); every piece's text goes to JSON.parse, so what it hands over is
 * what JSON.parse of the whole document would give.
 *
 * Whatever it cannot vouch for is NotStreamable: invalid JSON anywhere (a truncated document included), a
 * top level that is not an object, a key given twice (JSON.parse keeps the last) or `__proto__`. The caller
 * then reads the document whole, which says what is wrong in JSON.parse's own words.
 */

export class NotStreamable extends Error {}

export type JsonObjectEvent =
  | { kind: 'member'; key: string; value: unknown }
  | { kind: 'element'; index: number; value: unknown }
  /** The array handed over element by element has ended (it may have had none). */
  | { kind: 'array-end'; key: string };

const enum State {
  Start,
  KeyOrEnd,
  KeyRequired,
  Key,
  Colon,
  ValueStart,
  Value,
  ElementOrEnd,
  ElementRequired,
  Element,
  AfterArray,
  End,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** JSON's whitespace (and JSON.parse's): space, tab, line feed, carriage return. */
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new NotStreamable('invalid JSON');
  }
}

export class JsonObjectScanner {
  private state = State.Start;
  /** Text not yet handed over: from `mark` (the piece being read) to the end of the last chunk. */
  private text = '';
  private mark = -1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private key = '';
  private readonly keys = new Set<string>();
  private index = 0;

  /** `arrayKey`: the member whose array is handed over element by element. */
  constructor(private readonly arrayKey: string) {}

  /** The members and elements that end in this chunk, in document order. */
  feed(chunk: string): JsonObjectEvent[] {
    const events: JsonObjectEvent[] = [];
    let i = 0;
    if (this.mark >= 0) {
      // A piece the last chunk cut: its start is kept, and reading goes on where that chunk ended.
      this.text = this.text.slice(this.mark) + chunk;
      i = this.text.length - chunk.length;
      this.mark = 0;
    } else {
      this.text = chunk;
    }
    const text = this.text;
    const n = text.length;
    // The next backslash at or after `i` (n: none in this chunk), looked up again only once passed.
    let backslash = -1;
    for (; i < n; i++) {
      if (this.state === State.Value || this.state === State.Element) {
        if (this.inString) {
          // Most of a plan is string text: it is skipped to the next quote or backslash at once.
          if (this.escaped) {
            this.escaped = false;
            continue;
          }
          const quote = text.indexOf('"', i);
          if (backslash < i) {
            backslash = text.indexOf('\\', i);
            if (backslash < 0) backslash = n;
          }
          if (quote >= 0 && quote < backslash) {
            i = quote;
            this.inString = false;
          } else if (backslash < n) {
            i = backslash;
            this.escaped = true;
          } else i = n;
          continue;
        }
        const v = text.charCodeAt(i);
        if (v === QUOTE) this.inString = true;
        else if (v === OPEN_BRACE || v === OPEN_BRACKET) this.depth += 1;
        else if (this.depth > 0 && (v === CLOSE_BRACE || v === CLOSE_BRACKET)) this.depth -= 1;
        else if (this.depth === 0 && (v === CLOSE_BRACE || v === CLOSE_BRACKET || v === COMMA)) {
          this.endPiece(text.slice(this.mark, i), v, events);
          this.mark = -1;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (this.state === State.Key) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.endKey(text.slice(this.mark, i + 1));
        continue;
      }
      if (isSpace(c)) continue;
      this.structure(c, i, events);
    }
    return events;
  }

  /** A character outside every key and value: the object's own punctuation. */
  private structure(c: number, i: number, events: JsonObjectEvent[]): void {
    switch (this.state) {
      case State.Start:
        this.expect(c === OPEN_BRACE, State.KeyOrEnd);
        return;
      case State.KeyOrEnd:
        if (c === CLOSE_BRACE) this.state = State.End;
        else this.startKey(c, i);
        return;
      case State.KeyRequired:
        this.startKey(c, i);
        return;
      case State.Colon:
        this.expect(c === COLON, State.ValueStart);
        return;
      case State.ValueStart:
        if (c === OPEN_BRACKET && this.key === this.arrayKey) this.state = State.ElementOrEnd;
        else this.startValue(State.Value, c, i);
        return;
      case State.ElementOrEnd:
        if (c === CLOSE_BRACKET) this.endArray(events);
        else this.startValue(State.Element, c, i);
        return;
      case State.ElementRequired:
        this.startValue(State.Element, c, i);
        return;
      case State.AfterArray:
        if (c === COMMA) this.state = State.KeyRequired;
        else this.expect(c === CLOSE_BRACE, State.End);
        return;
      default:
        // After the closing brace only whitespace may follow.
        throw new NotStreamable('text after the document');
    }
  }

  /** The document ended: anything but a closed top-level object is not JSON. */
  end(): void {
    if (this.state !== State.End) throw new NotStreamable('the document ends early');
  }

  private expect(ok: boolean, next: State): void {
    if (!ok) throw new NotStreamable('unexpected character');
    this.state = next;
  }

  private startKey(c: number, i: number): void {
    this.expect(c === QUOTE, State.Key);
    this.mark = i;
  }

  private endKey(quoted: string): void {
    const key = parse(quoted) as string;
    if (key === '__proto__' || this.keys.has(key)) throw new NotStreamable(`member ${key} given twice`);
    this.keys.add(key);
    this.key = key;
    this.mark = -1;
    this.state = State.Colon;
  }

  /** A value starts with `c` at `i`; the rest of it is read in `state`. */
  private startValue(state: State.Value | State.Element, c: number, i: number): void {
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET) throw new NotStreamable('a value is missing');
    this.state = state;
    this.mark = i;
    this.inString = c === QUOTE;
    this.depth = c === OPEN_BRACE || c === OPEN_BRACKET ? 1 : 0;
  }

  private endArray(events: JsonObjectEvent[]): void {
    events.push({ kind: 'array-end', key: this.key });
    this.state = State.AfterArray;
  }

  /** A value or element ended at `c` (a comma, or a closer at its own level). */
  private endPiece(piece: string, c: number, events: JsonObjectEvent[]): void {
    const value = parse(piece);
    if (this.state === State.Element) {
      events.push({ kind: 'element', index: this.index, value });
      this.index += 1;
      if (c === COMMA) this.state = State.ElementRequired;
      else if (c === CLOSE_BRACKET) this.endArray(events);
      else throw new NotStreamable('unexpected character');
    } else {
      events.push({ kind: 'member', key: this.key, value });
      if (c === COMMA) this.state = State.KeyRequired;
      else this.expect(c === CLOSE_BRACE, State.End);
    }
  }
}
