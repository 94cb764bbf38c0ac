/**
 * Label/value lines of a record at any terminal width: no line wider than the terminal except one holding
 * a single word too long for any line (drawn whole, under its label), and every value whole — its words
 * in order, a URL or an email never cut or split.
 */
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/output/display-width.js';
import { recordLines } from '../../../src/output/record-lines.js';

const URL = 'https://pay.sandbox.kustom.example/l/691410f3-37bd-40e2-8250-153ffe053b9e';
const VALUES = [
  URL,
  'a.very.long.customer.address.for.testing@example-company-domain.com, +46701234567',
  'School fees for the autumn term, class XII B, including the excursion to the museum',
  '東京の学校の秋学期の授業料 クラス XII B 博物館への遠足を含む 授業料',
  '250.00 SEK',
];
const LABEL_WIDTH = 16;

describe('recordLines', () => {
  for (const columns of [20, 40, 60, 80, 120, 200]) {
    it.each(VALUES)(`at ${columns} columns keeps %s whole and within the width`, (value) => {
      const lines = recordLines('Customer', LABEL_WIDTH, value, columns);
      expect(lines[0]!.startsWith('Customer')).toBe(true);
      const words = value.split(' ');
      for (const line of lines) {
        if (displayWidth(line) <= columns) continue;
        // Only a word too long for any line may pass the edge, alone on its line.
        expect(words).toContain(line.trim());
      }
      const shown = lines.map((l, i) => (i === 0 ? l.slice('Customer'.length) : l)).join(' ').split(' ').filter(Boolean);
      expect(shown).toEqual(words);
    });
  }

  it('a value that fits stays beside its label; a long one wraps under itself; a URL goes under the label', () => {
    expect(recordLines('Amount', 8, '250.00 SEK', 60)).toEqual(['Amount    250.00 SEK']);
    expect(recordLines('Note', 4, 'one two three four five six seven', 30)).toEqual(['Note  one two three four five', '      six seven']);
    const url = recordLines('URL', 16, URL, 60);
    expect(url).toEqual(['URL', `  ${URL}`]);
  });

  it('an unlimited width (--wide) keeps every value on its label line', () => {
    expect(recordLines('URL', 16, `${URL} ${URL}`, Number.POSITIVE_INFINITY)).toHaveLength(1);
  });
});
