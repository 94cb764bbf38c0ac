/**
 * The chunked scanner against JSON.parse: over seeded random documents, written in any valid layout (any
 * whitespace, member order, escapes) and fed in pieces cut anywhere (inside strings, escapes, numbers),
 * what it hands over is what JSON.parse of the whole gives; a document it accepts is one JSON.parse
 * accepts with the same value, and every valid document without a repeated member is accepted.
 */
import { describe, expect, it } from 'vitest';
import { JsonObjectScanner, NotStreamable, type JsonObjectEvent } from '../../../src/infra/json-object-stream.js';
import { mulberry32 } from '../../../src/infra/prng.js';
import { corrupt, randomDocument, writeJson } from '../../helpers/random-json.js';

/** The document rebuilt from the scanner's events, fed in random pieces; NotStreamable when it refuses. */
function scan(text: string, rng: () => number): Record<string, unknown> | NotStreamable {
  const scanner = new JsonObjectScanner('rows');
  const doc: Record<string, unknown> = {};
  const events: JsonObjectEvent[] = [];
  try {
    for (let at = 0; at < text.length; ) {
      const size = 1 + Math.floor(rng() * (rng() < 0.5 ? 8 : 400));
      events.push(...scanner.feed(text.slice(at, at + size)));
      at += size;
    }
    scanner.end();
  } catch (error) {
    if (error instanceof NotStreamable) return error;
    throw error;
  }
  const rows: unknown[] = [];
  for (const e of events) {
    if (e.kind === 'member') doc[e.key] = e.value;
    else if (e.kind === 'element') {
      expect(e.index).toBe(rows.length);
      rows.push(e.value);
    } else doc['rows'] = rows;
  }
  return doc;
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NotStreamable;
  }
};

describe('JsonObjectScanner', () => {
  it('gives what JSON.parse gives for valid documents in any layout, cut anywhere', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rng = mulberry32(seed);
      const doc = randomDocument(rng);
      const text = writeJson(doc, rng);
      const got = scan(text, rng);
      expect(got, `seed ${seed}: ${text.slice(0, 200)}`).toEqual(JSON.parse(text));
      // Key order too (the plan's header keeps it).
      expect(Object.keys(got as object)).toEqual(Object.keys(JSON.parse(text) as object));
    }
  });

  it('accepts only what JSON.parse accepts, with its value (corrupted documents)', () => {
    let refused = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const rng = mulberry32(seed * 7919);
      const text = corrupt(writeJson(randomDocument(rng), rng), rng);
      const got = scan(text, rng);
      if (got instanceof NotStreamable) {
        refused += 1;
        continue;
      }
      const whole = parsed(text);
      expect(whole, `seed ${seed}: accepted what JSON.parse refuses: ${text.slice(0, 300)}`).not.toBe(NotStreamable);
      expect(got).toEqual(whole);
    }
    // The corruptions mostly break the document: the class of fault is exercised, not skipped.
    expect(refused).toBeGreaterThan(200);
  });

  it('refuses a repeated member, __proto__, a top level that is not an object, and text after the document', () => {
    for (const text of ['{"a":1,"a":2}', '{"rows":[],"rows":[1]}', '{"__proto__":{}}', '[1]', '"x"', '{} x', '{}{}', '', ' ', '{"rows":[1,]}', '{"rows":[,1]}', '{"a":}', '{"a" 1}', '{,}', '{"rows":[1}', '{"rows":{]}']) {
      expect(scan(text, mulberry32(1)), text).toBeInstanceOf(NotStreamable);
    }
  });
});
