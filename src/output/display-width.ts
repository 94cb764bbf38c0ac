/**
 * How many terminal cells a text takes: a CJK character or an emoji takes two, a combining mark or a
 * zero-width character none, colour codes none. Measured per grapheme (what a person sees as one
 * character), so a flag or a family emoji counts once, and a cut never splits one.
 */

// eslint-disable-next-line no-control-regex -- colour codes start with ESC
const ANSI = /\u001b\[[0-9;]*m/g;
/** Printable ASCII: one cell a character, no segmenting needed (the common case: IDs, amounts, dates). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Built on first use: constructing a grapheme segmenter loads ICU data (tens of ms), which a table of
// plain ASCII never needs.
let graphemes: Intl.Segmenter | undefined;
const segments = (text: string): Intl.Segments => (graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' })).segment(text);

/** East Asian Wide and Fullwidth ranges (Unicode EastAsianWidth W/F), as terminals draw them. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    cp === 0x2329 ||
    cp === 0x232a ||
    (cp >= 0x2e80 && cp <= 0x3247 && cp !== 0x303f) ||
    (cp >= 0x3250 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0xa4c6) ||
    (cp >= 0xa960 && cp <= 0xa97c) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6b) ||
    (cp >= 0xff01 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1b000 && cp <= 0x1b001) ||
    (cp >= 0x1f200 && cp <= 0x1f251) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F/u;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]+$/u;

function graphemeWidth(grapheme: string): number {
  if (ZERO_WIDTH.test(grapheme)) return 0;
  if (EMOJI.test(grapheme)) return 2;
  return isWide(grapheme.codePointAt(0) ?? 0) ? 2 : 1;
}

export function displayWidth(text: string): number {
  const plain = text.replace(ANSI, '');
  if (PRINTABLE_ASCII.test(plain)) return plain.length;
  let width = 0;
  for (const { segment } of segments(plain)) width += graphemeWidth(segment);
  return width;
}

/** Cuts `text` (plain, no colour codes) to at most `max` cells, ending in "…" when anything was cut. */
export function truncateToWidth(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  if (max <= 0) return '';
  let out = '';
  let width = 0;
  for (const { segment } of segments(text)) {
    const w = graphemeWidth(segment);
    if (width + w > max - 1) break;
    out += segment;
    width += w;
  }
  return `${out.trimEnd()}…`;
}
