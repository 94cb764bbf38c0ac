/**
 * Label/value lines of a record (`links show`, `orders show`, …) on a terminal narrower than a value: the
 * value is wrapped at spaces under itself, and a value holding a word too long for the space beside the
 * label (a URL, an email address, an ID) starts on the next line, indented, with that word whole. Nothing
 * is cut: a URL or an address that is cut or broken by a hyphen cannot be copied.
 */
import { displayWidth } from './display-width.js';

/** Below this many cells beside the label, wrapping there helps nobody: the value goes under the label. */
const MIN_BESIDE = 16;
/** How far a value under its label is indented. */
const UNDER_INDENT = 2;

/** Words in lines of at most `width` cells; a word longer than that gets a line of its own, whole. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && displayWidth(`${line} ${word}`) > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/**
 * The lines of one field: `label` beside (or above) `value`, labels padded to `labelWidth` cells and
 * drawn with `style`; `columns` is the terminal's width.
 */
export function recordLines(label: string, labelWidth: number, value: string, columns: number, style: (s: string) => string = (s) => s): string[] {
  const indent = labelWidth + 2;
  const beside = columns - indent;
  const head = style(`${label}${' '.repeat(Math.max(0, labelWidth - displayWidth(label)))}`);
  if (displayWidth(value) <= beside) return [`${head}  ${value}`];
  const longest = Math.max(...value.split(' ').map(displayWidth));
  if (beside >= MIN_BESIDE && longest <= beside) {
    const [first, ...rest] = wrapWords(value, beside);
    return [`${head}  ${first ?? ''}`, ...rest.map((l) => `${' '.repeat(indent)}${l}`)];
  }
  return [style(label), ...wrapWords(value, Math.max(1, columns - UNDER_INDENT)).map((l) => `${' '.repeat(UNDER_INDENT)}${l}`)];
}
