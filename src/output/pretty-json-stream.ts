/**
 * An object written as `JSON.stringify(value, null, 2)` writes it, byte for byte, with one of its members
 * an array taken from an iterable as it is written: a file of 100,000 rows holds a chunk of text at a
 * time, never the rows or the whole text. The members keep their order; one that JSON leaves out
 * (undefined, a function) is left out here too, and an item JSON cannot write is `null`, as in an array.
 */

/** Text is handed on in chunks of about this many characters: few writes, little held. */
const CHUNK = 64 * 1024;

const INDENT = '  ';

/** `text` (one JSON value) placed `depth` levels in: every line after its first is indented. */
const nested = (text: string, depth: number): string => text.replaceAll('\n', `\n${INDENT.repeat(depth)}`);

/**
 * The text of `value` with its member `key` written from `items`, in chunks. The other members are
 * written as JSON.stringify writes them (a member's own toJSON included); `value[key]` itself is not read.
 */
export function* prettyJsonWithArray(value: Readonly<Record<string, unknown>>, key: string, items: Iterable<unknown>): Generator<string> {
  let chunk = '{';
  let first = true;
  for (const name of Object.keys(value)) {
    if (name !== key) {
      const text = JSON.stringify({ [name]: value[name] }, null, 2);
      // `{}`: JSON leaves this member out. Otherwise the one member's line(s), without the braces.
      if (text === '{}') continue;
      chunk += `${first ? '' : ','}\n${text.slice(2, -2)}`;
      first = false;
      continue;
    }
    chunk += `${first ? '' : ','}\n${INDENT}${JSON.stringify(name)}: [`;
    first = false;
    let empty = true;
    for (const item of items) {
      chunk += `${empty ? '' : ','}\n${INDENT}${INDENT}${nested(JSON.stringify(item, null, 2) ?? 'null', 2)}`;
      empty = false;
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    chunk += empty ? ']' : `\n${INDENT}]`;
  }
  chunk += first ? '}' : '\n}';
  yield chunk;
}
