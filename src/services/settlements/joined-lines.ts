/**
 * Settlement CSV lines from joined rows (a backend's `transactionJoinedPages`), for exports of millions
 * of rows where making one value per cell is most of the cost. Consecutive verbatim columns (text, ISO
 * dates) are read as one string, their cells joined by the delimiter, and written as they stand once one
 * regular expression shows that no cell in it needs quoting or neutralising; the backend reads any other
 * row whole, and it is written cell by cell. Either way a line is what rawRowFormatter and
 * csvRecordEncoder make of the transaction (test/commands/settlements.test.ts compares the bytes).
 */
import type { JoinedPageRow, JoinedRead, JoinedRow } from '../../backends/backend.js';
import { cellFormatters, columnField, INJECTION_FIRST_CHARACTERS, isVerbatimColumn, rawRowFormatter, type AmountUnit, type CellFormatter, type Dialect, type ExportColumn } from '../../domain/settlement-csv.js';
import type { RawTransaction, TransactionField } from '../../domain/settlement-types.js';
import { csvCellEncoder, csvPlainCells, csvRecordEncoder, type CsvWriteOptions } from '../../infra/csv-write.js';

export interface JoinedLines {
  read: JoinedRead;
  line: (row: JoinedPageRow) => string;
}

export function joinedLines(columns: readonly ExportColumn[], dialect: Dialect, amounts: AmountUnit, csv: Pick<CsvWriteOptions, 'delimiter' | 'crlf'>): JoinedLines {
  const delimiter = csv.delimiter ?? ',';
  const end = csv.crlf ? '\r\n' : '\n';
  const fields: TransactionField[] = [];
  const runs: TransactionField[][] = [];
  // Each column is either the run it belongs to (its number) or its own cell's formatter.
  const parts: (number | CellFormatter)[] = [];
  const index = (field: TransactionField): number => {
    if (!fields.includes(field)) fields.push(field);
    return fields.indexOf(field);
  };
  for (const column of columns) {
    const last = parts[parts.length - 1];
    if (!isVerbatimColumn(column, dialect)) parts.push(...cellFormatters([column], dialect, amounts, index));
    else if (typeof last === 'number') (runs[last] as TransactionField[]).push(columnField(column));
    else parts.push(runs.push([columnField(column)]) - 1);
  }
  const base = fields.length;
  const plain = runs.map((run) => csvPlainCells(run.length, delimiter, INJECTION_FIRST_CHARACTERS));
  const cell = csvCellEncoder(delimiter);
  const pieces = parts.map((part): ((row: JoinedRow) => string) => {
    if (typeof part === 'number') return (row) => row[base + part] as string;
    return (row) => cell(part(row));
  });
  const whole = rawRowFormatter(columns, dialect, amounts);
  const record = csvRecordEncoder(csv);
  return {
    read: {
      fields,
      runs,
      separator: delimiter,
      usable: (row) => plain.every((test, r) => test.test(row[base + r] as string)),
    },
    line: (row) => {
      if (!Array.isArray(row)) return record(whole((row as { whole: RawTransaction }).whole));
      const joined = row as JoinedRow;
      let text = (pieces[0] as (row: JoinedRow) => string)(joined);
      for (let k = 1; k < pieces.length; k++) text += delimiter + (pieces[k] as (row: JoinedRow) => string)(joined);
      return text + end;
    },
  };
}
