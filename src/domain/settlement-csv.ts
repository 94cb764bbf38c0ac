/**
 * How a settlement transaction becomes a CSV row: the stable column names (the provider's settlement
 * columns), the dialects finance teams open in Excel, and CSV-injection neutralisation.
 *
 * Rules decided here, once: amounts are never grouped (no thousands separators); every numeric column of a
 * file uses the dialect's one decimal separator; `--amounts minor` writes integers; a TEXT cell starting
 * with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so a spreadsheet shows it instead of evaluating it;
 * numeric columns are never altered (a refund stays `-12.50`).
 */
import { TRANSACTION_FIELDS, type RawTransaction, type SettlementTransaction, type TransactionField } from './settlement-types.js';
import { UsageError } from '../errors.js';
import { amountFormatter, formatAmount } from './money.js';

export const DIALECTS = ['rfc4180', 'excel', 'excel-eu'] as const;
export type Dialect = (typeof DIALECTS)[number];
export type AmountUnit = 'major' | 'minor';

export interface DialectSpec {
  delimiter: ',' | ';';
  decimalSeparator: '.' | ',';
  bom: boolean;
  /** rfc4180: ISO 8601 `2026-03-01T10:15:00.000Z`; Excel: `2026-03-01 10:15:00` (UTC), which Excel reads as a date in every locale. */
  excelDates: boolean;
  recordDelimiter: '\r\n';
}

export const DIALECT_SPECS: Record<Dialect, DialectSpec> = {
  rfc4180: { delimiter: ',', decimalSeparator: '.', bom: false, excelDates: false, recordDelimiter: '\r\n' },
  excel: { delimiter: ',', decimalSeparator: '.', bom: true, excelDates: true, recordDelimiter: '\r\n' },
  'excel-eu': { delimiter: ';', decimalSeparator: ',', bom: true, excelDates: true, recordDelimiter: '\r\n' },
};

type ColumnKind = 'text' | 'amount' | 'rate' | 'date';

interface ColumnSpec {
  kind: ColumnKind;
  description: string;
  /** The transaction field the column shows. */
  field: TransactionField;
}

/** Every column an export can have, by its stable name. Order here is the default order. */
export const EXPORT_COLUMNS = {
  type: { kind: 'text', description: 'transaction type (SALE, RETURN, FEE, TAX, FEE_REFUND, …)', field: 'type' },
  capture_date: { kind: 'date', description: 'when the capture (or refund) happened, UTC', field: 'capture_date' },
  sale_date: { kind: 'date', description: 'when the order was placed, UTC', field: 'sale_date' },
  order_id: { kind: 'text', description: 'Kustom order ID', field: 'order_id' },
  short_order_id: { kind: 'text', description: 'consumer-facing order reference', field: 'short_order_id' },
  capture_id: { kind: 'text', description: 'capture ID (SALE and FEE rows only)', field: 'capture_id' },
  merchant_reference1: { kind: 'text', description: 'your order reference', field: 'merchant_reference1' },
  merchant_reference2: { kind: 'text', description: 'your second order reference', field: 'merchant_reference2' },
  amount: { kind: 'amount', description: 'signed amount: + paid to you, − deducted', field: 'amount' },
  posting_currency: { kind: 'text', description: 'ISO 4217 currency of the amounts', field: 'currency_code' },
  refund_id: { kind: 'text', description: 'refund ID (RETURN, FEE_REFUND and their TAX rows)', field: 'refund_id' },
  purchase_country: { kind: 'text', description: 'ISO 3166 purchase country', field: 'purchase_country' },
  tax_rate: { kind: 'rate', description: 'VAT rate on the fee, percent (25.00)', field: 'vat_rate' },
  tax_amount: { kind: 'amount', description: 'VAT on the fee', field: 'vat_amount' },
  shipping_country: { kind: 'text', description: 'ISO 3166 shipping country', field: 'shipping_country' },
  merchant_capture_reference: { kind: 'text', description: 'your capture reference', field: 'merchant_capture_reference' },
  merchant_refund_reference: { kind: 'text', description: 'your refund reference', field: 'merchant_refund_reference' },
  detailed_type: { kind: 'text', description: 'detailed type (PURCHASE, PURCHASE_FEE_PERCENTAGE, …)', field: 'detailed_type' },
  payment_reference: { kind: 'text', description: 'the payout this row was paid in', field: 'payment_reference' },
} satisfies Record<string, ColumnSpec>;

export type ExportColumn = keyof typeof EXPORT_COLUMNS;
export const DEFAULT_COLUMNS = Object.keys(EXPORT_COLUMNS) as ExportColumn[];

export function parseDialect(value: string): Dialect {
  if ((DIALECTS as readonly string[]).includes(value)) return value as Dialect;
  throw new UsageError(`--dialect: "${value}" is not a dialect; use one of ${DIALECTS.join(', ')}.`);
}

export function parseAmountUnit(value: string): AmountUnit {
  if (value === 'major' || value === 'minor') return value;
  throw new UsageError(`--amounts: "${value}" must be major (12.50) or minor (1250).`);
}

/** `--columns a,b,c`: known names only, no duplicates, in the order given. */
export function parseColumns(value: string | undefined): ExportColumn[] {
  if (value === undefined) return DEFAULT_COLUMNS;
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new UsageError('--columns: give at least one column name.');
  const seen = new Set<string>();
  for (const name of names) {
    if (!(name in EXPORT_COLUMNS)) throw new UsageError(`--columns: unknown column "${name}"; known columns: ${DEFAULT_COLUMNS.join(', ')}.`);
    if (seen.has(name)) throw new UsageError(`--columns: "${name}" is listed twice.`);
    seen.add(name);
  }
  return names as ExportColumn[];
}

/** The first characters that make a spreadsheet evaluate a text cell. */
export const INJECTION_FIRST_CHARACTERS = '=+-@\t\r';
const INJECTION_START = /^[=+\-@\t\r]/;

/** Neutralises a text cell a spreadsheet would treat as a formula. */
export function neutralizeText(text: string): string {
  return INJECTION_START.test(text) ? `'${text}` : text;
}

function formatDate(iso: string, excel: boolean): string {
  if (!excel) return iso;
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
}

/**
 * Whether a column's cell is its field's stored text unchanged, unless that text starts with one of
 * INJECTION_FIRST_CHARACTERS (null shows as empty): text columns, and dates in ISO dialects.
 */
export function isVerbatimColumn(column: ExportColumn, dialect: Dialect): boolean {
  const kind = EXPORT_COLUMNS[column].kind;
  return kind === 'text' || (kind === 'date' && !DIALECT_SPECS[dialect].excelDates);
}

/** The transaction field a column shows. */
export function columnField(column: ExportColumn): TransactionField {
  return EXPORT_COLUMNS[column].field;
}

/** A row of field values, read through `index` (where each field sits in the row). */
type Row = readonly (string | number | null | undefined)[];
export type CellFormatter = (row: Row) => string;

/**
 * One formatter per chosen column, chosen once: each reads its field at `index(field)` of a row. Amounts
 * look up their currency's exponent once per currency, not per cell.
 */
export function cellFormatters(columns: readonly ExportColumn[], dialect: Dialect, amounts: AmountUnit, index: (field: TransactionField) => number): CellFormatter[] {
  const spec = DIALECT_SPECS[dialect];
  const options = { decimalSeparator: spec.decimalSeparator };
  const byCurrency = new Map<string, (minor: number) => string>();
  const money = (minor: number, code: string): string => {
    const format = byCurrency.get(code);
    if (format === undefined) {
      // The first amount of a currency goes through formatAmount, so its errors come in formatAmount's order.
      const text = formatAmount(minor, code, options);
      byCurrency.set(code, amountFormatter(code, options));
      return text;
    }
    return format(minor);
  };
  return columns.map((name): CellFormatter => {
    const column: ColumnSpec = EXPORT_COLUMNS[name];
    const i = index(column.field);
    switch (column.kind) {
      case 'amount': {
        if (amounts === 'minor') return (row) => (row[i] === null || row[i] === undefined ? '' : String(row[i]));
        const currency = index('currency_code');
        return (row) => (row[i] === null || row[i] === undefined ? '' : money(Number(row[i]), String(row[currency])));
      }
      case 'rate':
        return (row) => (row[i] === null || row[i] === undefined ? '' : money(Number(row[i]), 'EUR'));
      case 'date':
        return (row) => (row[i] === null || row[i] === undefined ? '' : formatDate(String(row[i]), spec.excelDates));
      case 'text':
        return (row) => (row[i] === null || row[i] === undefined ? '' : neutralizeText(String(row[i])));
    }
  });
}

/**
 * Builds the function that turns one raw transaction (TRANSACTION_FIELDS order) into the CSV cells of the
 * chosen columns. Each column's formatter is chosen once, here, not per row.
 */
export function rawRowFormatter(columns: readonly ExportColumn[], dialect: Dialect, amounts: AmountUnit): (row: RawTransaction) => string[] {
  const cells = cellFormatters(columns, dialect, amounts, (field) => TRANSACTION_FIELDS.indexOf(field));
  const count = cells.length;
  return (row) => {
    const out = new Array<string>(count);
    for (let k = 0; k < count; k++) out[k] = (cells[k] as CellFormatter)(row);
    return out;
  };
}

/** The same cells from a transaction object. */
export function rowFormatter(columns: readonly ExportColumn[], dialect: Dialect, amounts: AmountUnit): (tx: SettlementTransaction) => string[] {
  const raw = rawRowFormatter(columns, dialect, amounts);
  return (tx) => raw(TRANSACTION_FIELDS.map((field) => tx[field]));
}
