/**
 * How a settlement transaction becomes a CSV row: the stable column names (the provider's settlement
 * columns), the dialects finance teams open in Excel, and CSV-injection neutralisation.
 *
 * Rules decided here, once: amounts are never grouped (no thousands separators); every numeric column of a
 * file uses the dialect's one decimal separator; `--amounts minor` writes integers; a TEXT cell starting
 * with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so a spreadsheet shows it instead of evaluating it;
 * numeric columns are never altered (a refund stays `-12.50`).
 */
import type { SettlementTransaction } from './settlement-types.js';
import { UsageError } from '../errors.js';
import { formatAmount } from './money.js';

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
  get(tx: SettlementTransaction): string | number | null;
}

/** Every column an export can have, by its stable name. Order here is the default order. */
export const EXPORT_COLUMNS = {
  type: { kind: 'text', description: 'transaction type (SALE, RETURN, FEE, TAX, FEE_REFUND, …)', get: (t) => t.type },
  capture_date: { kind: 'date', description: 'when the capture (or refund) happened, UTC', get: (t) => t.capture_date },
  sale_date: { kind: 'date', description: 'when the order was placed, UTC', get: (t) => t.sale_date },
  order_id: { kind: 'text', description: 'Kustom order ID', get: (t) => t.order_id },
  short_order_id: { kind: 'text', description: 'consumer-facing order reference', get: (t) => t.short_order_id },
  capture_id: { kind: 'text', description: 'capture ID (SALE and FEE rows only)', get: (t) => t.capture_id },
  merchant_reference1: { kind: 'text', description: 'your order reference', get: (t) => t.merchant_reference1 },
  merchant_reference2: { kind: 'text', description: 'your second order reference', get: (t) => t.merchant_reference2 },
  amount: { kind: 'amount', description: 'signed amount: + paid to you, − deducted', get: (t) => t.amount },
  posting_currency: { kind: 'text', description: 'ISO 4217 currency of the amounts', get: (t) => t.currency_code },
  refund_id: { kind: 'text', description: 'refund ID (RETURN, FEE_REFUND and their TAX rows)', get: (t) => t.refund_id },
  purchase_country: { kind: 'text', description: 'ISO 3166 purchase country', get: (t) => t.purchase_country },
  tax_rate: { kind: 'rate', description: 'VAT rate on the fee, percent (25.00)', get: (t) => t.vat_rate },
  tax_amount: { kind: 'amount', description: 'VAT on the fee', get: (t) => t.vat_amount },
  shipping_country: { kind: 'text', description: 'ISO 3166 shipping country', get: (t) => t.shipping_country },
  merchant_capture_reference: { kind: 'text', description: 'your capture reference', get: (t) => t.merchant_capture_reference },
  merchant_refund_reference: { kind: 'text', description: 'your refund reference', get: (t) => t.merchant_refund_reference },
  detailed_type: { kind: 'text', description: 'detailed type (PURCHASE, PURCHASE_FEE_PERCENTAGE, …)', get: (t) => t.detailed_type },
  payment_reference: { kind: 'text', description: 'the payout this row was paid in', get: (t) => t.payment_reference },
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

const INJECTION_START = /^[=+\-@\t\r]/;

/** Neutralises a text cell a spreadsheet would treat as a formula. */
export function neutralizeText(text: string): string {
  return INJECTION_START.test(text) ? `'${text}` : text;
}

function formatDate(iso: string, excel: boolean): string {
  if (!excel) return iso;
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
}

/** Builds the function that turns one transaction into the CSV cells of the chosen columns. */
export function rowFormatter(columns: readonly ExportColumn[], dialect: Dialect, amounts: AmountUnit): (tx: SettlementTransaction) => string[] {
  const spec = DIALECT_SPECS[dialect];
  const cells = columns.map((name) => {
    const column: ColumnSpec = EXPORT_COLUMNS[name];
    return (tx: SettlementTransaction): string => {
      const value = column.get(tx);
      if (value === null || value === undefined) return '';
      switch (column.kind) {
        case 'amount':
          return amounts === 'minor' ? String(value) : formatAmount(Number(value), tx.currency_code, { decimalSeparator: spec.decimalSeparator });
        case 'rate':
          return formatAmount(Number(value), 'EUR', { decimalSeparator: spec.decimalSeparator });
        case 'date':
          return formatDate(String(value), spec.excelDates);
        case 'text':
          return neutralizeText(String(value));
      }
    };
  });
  return (tx) => cells.map((cell) => cell(tx));
}
