import { describe, expect, it } from 'vitest';
import { displayWidth, truncateToWidth } from '../../../src/output/display-width.js';
import { fitTable, tableWidth, type FitColumn } from '../../../src/output/fit-table.js';

describe('displayWidth: terminal cells, per grapheme', () => {
  it.each([
    ['ascii', 'abc', 3],
    ['CJK ideographs take two cells each', '東京', 4],
    ['Hangul', '서울', 4],
    ['fullwidth forms', 'ＡＢ', 4],
    ['an emoji takes two', '🛒', 2],
    ['an emoji with a variation selector is one grapheme of two', '☕️', 2],
    ['a ZWJ family is one grapheme of two', '👩‍👩‍👧', 2],
    ['a flag is one grapheme of two', '🇸🇪', 2],
    ['a combining accent adds nothing', 'e\u0301', 1],
    ['colour codes add nothing', '\u001b[1mbold\u001b[22m', 4],
    ['zero-width characters add nothing', 'a\u200Bb', 2],
  ])('%s', (_name, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('truncateToWidth', () => {
  it('leaves text that fits alone', () => {
    expect(truncateToWidth('short', 5)).toBe('short');
  });

  it('cuts to the width with an ellipsis, never splitting a wide character or an emoji', () => {
    for (const text of ['東京ストア本店です', '🛍️🛍️🛍️🛍️🛍️', 'a👩‍👩‍👧b東c', 'plain text that is long']) {
      for (let max = 1; max < displayWidth(text); max++) {
        const cut = truncateToWidth(text, max);
        expect(displayWidth(cut), `${text} at ${max}`).toBeLessThanOrEqual(max);
        expect(cut.endsWith('…')).toBe(true);
        // Every grapheme kept is one of the original's, in order.
        expect(text.startsWith(cut.slice(0, -1).trimEnd())).toBe(true);
      }
    }
  });
});

describe('fitTable', () => {
  const columns: FitColumn[] = [
    { header: 'ID' },
    { header: 'Name', truncate: true },
    { header: 'Created', priority: 2 },
    { header: 'Channel', priority: 3 },
    { header: 'Amount' },
  ];
  const rows = [['id-0001-aaaa', 'A very long customer name that goes on', '2026-11-01', 'email', '1 250,00 kr']];
  const shownWidth = (width: number): number => {
    const fit = fitTable(columns, rows, width);
    return tableWidth(fit.keep.map((i) => Math.min(fit.maxWidth.get(i) ?? Infinity, Math.max(displayWidth(columns[i]?.header ?? ''), displayWidth(rows[0]?.[i] ?? '')))));
  };

  it('keeps everything when the table fits', () => {
    expect(fitTable(columns, rows, 200)).toEqual({ keep: [0, 1, 2, 3, 4], maxWidth: new Map(), dropped: [], fits: true });
  });

  it('drops the lowest-valued columns first, then cuts text, never an ID or an amount', () => {
    const fit = fitTable(columns, rows, 60);
    expect(fit.dropped).toEqual(['Channel', 'Created']);
    expect(fit.keep).toEqual([0, 1, 4]);
    expect([...fit.maxWidth.keys()]).toEqual([1]);
    expect(shownWidth(60)).toBeLessThanOrEqual(60);
  });

  it('cuts long text rather than drop a column when cutting to a readable width is enough', () => {
    const natural = tableWidth([12, 38, 10, 7, 11]);
    const fit = fitTable(columns, rows, natural - 1);
    expect(fit.dropped).toEqual([]);
    expect(fit.maxWidth.get(1)).toBe(37);
    expect(fit.fits).toBe(true);
  });

  it('drops only as much as it must: the lowest-valued column first', () => {
    const readable = tableWidth([12, 20, 10, 7, 11]);
    const fit = fitTable(columns, rows, readable - 1);
    expect(fit.dropped).toEqual(['Channel']);
    expect(fit.keep).toEqual([0, 1, 2, 4]);
  });

  it('without a box, columns two spaces apart take less room', () => {
    expect(tableWidth([10, 10], 'plain')).toBe(22);
    expect(tableWidth([10, 10], 'box')).toBe(27);
    expect(fitTable(columns, rows, 55, 'plain').fits).toBe(true);
  });

  it('stops cutting at a readable width: the table may then stay wider than the terminal', () => {
    const fit = fitTable(columns, rows, 10);
    expect(fit.keep).toEqual([0, 1, 4]);
    expect(fit.maxWidth.get(1)).toBe(6);
    expect(fit.fits).toBe(false);
  });
});
