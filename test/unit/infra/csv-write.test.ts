import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCellEncoder, csvPlainCells, csvPreamble, csvRecordEncoder, csvText } from '../../../src/infra/csv-write.js';

// Every class of cell the quoting rule distinguishes: plain, empty, the delimiters, quotes, CR, LF, CRLF,
// spaces at the ends, formula starts, non-ASCII and astral characters.
const cellClasses = ['plain', '', ',', ';', '"', 'a"b', '""', '\r', '\n', 'a\r\nb', ' padded ', '=SUM(A1)', "'quoted", 'tab\there', 'åäö €', '😀', '-12.50'];
const cell = fc.oneof(fc.constantFrom(...cellClasses), fc.string({ unit: fc.constantFrom('a', ',', ';', '"', '\r', '\n', ' ', 'é') }), fc.string());

describe('csvRecordEncoder', () => {
  it.each([',', ';'])('writes the bytes csv-stringify writes for every class of cell (delimiter %s, CRLF and LF)', async (delimiter) => {
    for (const crlf of [true, false]) {
      const encode = csvRecordEncoder({ delimiter, crlf });
      const columns = cellClasses.map((_, i) => `c${i}`);
      const rows = [cellClasses, [...cellClasses].reverse(), cellClasses.map((c) => `${c}${delimiter}${c}`)];
      const expected = await csvText(rows, { columns, delimiter, crlf, bom: true });
      expect(csvPreamble(columns, { delimiter, crlf, bom: true }) + rows.map(encode).join('')).toBe(expected);
    }
  });

  it('agrees with csv-stringify on arbitrary rows', async () => {
    const encode = csvRecordEncoder({ delimiter: ',', crlf: true });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), async (rows) => {
        const columns = ['a', 'b', 'c'];
        const expected = await csvText(rows, { columns, crlf: true });
        expect(csvPreamble(columns, { crlf: true }) + rows.map(encode).join('')).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a delimiter of more than one character', () => {
    expect(() => csvRecordEncoder({ delimiter: '||' })).toThrow(/one character/);
  });
});

describe('csvPlainCells', () => {
  it.each([',', ';'])('is true exactly when the joined text is its cells written as they are and none starts with a refused character (delimiter %s)', (delimiter) => {
    const encode = csvCellEncoder(delimiter);
    const notFirst = '=+-@\t\r';
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 4 }), (cells) => {
        const joined = cells.join(delimiter);
        const plain = cells.every((c) => encode(c) === c && !notFirst.includes(c.charAt(0)) || c === '');
        // A cell holding the delimiter is not plain, and the count of joins then no longer matches.
        expect(csvPlainCells(cells.length, delimiter, notFirst).test(joined)).toBe(plain);
      }),
      { numRuns: 500 },
    );
  });
});
