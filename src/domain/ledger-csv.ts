/**
 * The merchant ledger a payout is reconciled against (format documented in the README, "Settlements").
 * A CSV with a header row; the delimiter (comma, semicolon or tab) is detected from the header line and a
 * UTF-8 BOM is ignored. Columns, by header name (case-insensitive, any order, others ignored):
 *   order_id | merchant_reference (or merchant_reference1, reference) | capture_reference (or
 *   merchant_capture_reference) — at least one, and each row needs at least one of them filled;
 *   amount (decimal in major units, `12.50` or `12,50`, negative for refunds) or amount_minor (integer).
 */
import { ValidationError, type Issue } from '../errors.js';
import { parseAmount } from './money.js';
import type { LedgerEntry } from './reconcile.js';

const ALIASES: Record<string, keyof Omit<LedgerEntry, 'line'> | 'amount_minor'> = {
  order_id: 'order_id',
  merchant_reference: 'merchant_reference',
  merchant_reference1: 'merchant_reference',
  reference: 'merchant_reference',
  capture_reference: 'capture_reference',
  merchant_capture_reference: 'capture_reference',
  amount: 'amount',
  amount_minor: 'amount_minor',
};

/** Turns parsed CSV records (first = header) into ledger entries; every problem is reported at once. */
export function ledgerEntries(records: readonly string[][], currency: string, file: string): LedgerEntry[] {
  const [header, ...rows] = records;
  if (!header) throw ValidationError.single(file, 'is empty; expected a header row such as order_id,amount');
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = ALIASES[name.replace(/^\uFEFF/, '').trim().toLowerCase()];
    if (key && !index.has(key)) index.set(key, i);
  });
  const issues: Issue[] = [];
  if (!index.has('order_id') && !index.has('merchant_reference') && !index.has('capture_reference')) {
    issues.push({ field: `${file} header`, rule: 'needs an order_id, merchant_reference or capture_reference column' });
  }
  if (!index.has('amount') && !index.has('amount_minor')) issues.push({ field: `${file} header`, rule: 'needs an amount (12.50) or amount_minor (1250) column' });
  if (issues.length) throw new ValidationError(issues);
  const cell = (row: string[], key: string): string | null => {
    const i = index.get(key);
    const v = i === undefined ? undefined : row[i]?.trim();
    return v ? v : null;
  };
  const entries: LedgerEntry[] = [];
  rows.forEach((row, i) => {
    const line = i + 1;
    if (row.every((c) => c.trim() === '')) return;
    const entry = { line, order_id: cell(row, 'order_id'), merchant_reference: cell(row, 'merchant_reference'), capture_reference: cell(row, 'capture_reference'), amount: 0 };
    if (!entry.order_id && !entry.merchant_reference && !entry.capture_reference) issues.push({ field: `${file} line ${line}`, rule: 'has no order_id, merchant_reference or capture_reference' });
    const minor = cell(row, 'amount_minor');
    const major = cell(row, 'amount');
    try {
      if (minor !== null) {
        if (!/^-?\d+$/.test(minor)) throw ValidationError.single('amount_minor', `"${minor}" must be a whole number of minor units`);
        entry.amount = Number(minor);
      } else if (major !== null) {
        entry.amount = parseAmount(major, currency, { field: 'amount', allowNegative: true });
      } else {
        issues.push({ field: `${file} line ${line} amount`, rule: 'is empty' });
      }
    } catch (error) {
      if (error instanceof ValidationError) issues.push(...error.issues.map((x) => ({ field: `${file} line ${line} ${x.field}`, rule: x.rule })));
      else throw error;
    }
    entries.push(entry);
  });
  if (issues.length) throw new ValidationError(issues.slice(0, 20));
  return entries;
}
