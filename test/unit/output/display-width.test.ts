/**
 * Terminal cells per text: plain ASCII takes the short path (one cell a character) and must agree with the
 * grapheme path for every other class of text — wide, emoji, combining, control, coloured, mixed.
 */
import { describe, expect, it } from 'vitest';
import { displayWidth, truncateToWidth } from '../../../src/output/display-width.js';

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['ORD-1 250.00 SEK', 16],
    ['~!@#$%^&*()_+{}|:"<>?`-=[]\\;\',./', 32],
    ['\u001b[31mred\u001b[39m', 3],
    ['漢字', 4],
    ['Ab漢', 4],
    ['e\u0301', 1],
    ['Müller', 6],
    ['🇸🇪', 2],
    ['👨‍👩‍👧', 2],
    ['a\tb', 2],
    ['\u001b[1m漢\u001b[22m x', 4],
  ])('%j takes %i cells', (text, cells) => {
    expect(displayWidth(text)).toBe(cells);
  });

  it('cuts plain and wide text to the width, ending in an ellipsis', () => {
    expect(truncateToWidth('abcdefgh', 5)).toBe('abcd…');
    expect(truncateToWidth('漢字漢字', 5)).toBe('漢字…');
    expect(truncateToWidth('abc', 5)).toBe('abc');
  });
});
