/** `settlements reconcile`: a payout against the merchant's ledger CSV (format: domain/ledger-csv.ts). */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Backend, Payout, SettlementTransaction } from '../../backends/backend.js';
import { requireCapability } from '../../backends/backend.js';
import { UsageError } from '../../errors.js';
import { detectDelimiter, ledgerEntries } from '../../domain/ledger-csv.js';
import { reconcilePayout, type ReconcileReport } from '../../domain/reconcile.js';

export interface ReconcileResult extends ReconcileReport {
  payout: Payout;
}

export async function reconcile(backend: Backend, options: { payout: string; ledger: string }): Promise<ReconcileResult> {
  requireCapability(backend, 'settlements.read', 'reconcile payouts');
  const api = backend.settlements;
  if (!api) throw new UsageError(`The ${backend.name} backend has no settlements.`);
  let text: string;
  try {
    text = await readFile(options.ledger, 'utf8');
  } catch (error) {
    throw new UsageError(`--ledger: cannot read ${options.ledger}: ${(error as Error).message}`);
  }
  const payout = await api.getPayout(options.payout);
  let records: string[][];
  try {
    const parsed: unknown = parse(text.replace(/^\uFEFF/, ''), { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true });
    records = parsed as string[][];
  } catch (error) {
    throw new UsageError(`--ledger: ${options.ledger} is not valid CSV: ${(error as Error).message}`);
  }
  const ledger = ledgerEntries(records, payout.currency_code, options.ledger);
  const transactions: SettlementTransaction[] = [];
  for await (const tx of api.transactions({ payment_reference: payout.payment_reference })) transactions.push(tx);
  return { payout, ...reconcilePayout(payout.totals.settlement_amount, transactions, ledger) };
}
