/** `settlements reconcile`: a payout against the merchant's ledger CSV (format: domain/ledger-csv.ts). */
import type { Backend } from '../../backends/backend.js';
import type { Payout } from '../../domain/model/payout.js';
import type { SettlementTransaction } from '../../domain/settlement-types.js';
import { requireCapability } from '../../backends/backend.js';
import { UsageError } from '../../errors.js';
import { ledgerEntries } from '../../domain/ledger-csv.js';
import { readCsvFile } from '../../infra/csv-read.js';
import { reconcilePayout, type ReconcileReport } from '../../domain/reconcile.js';

export interface ReconcileResult extends ReconcileReport {
  payout: Payout;
}

export async function reconcile(backend: Backend, options: { payout: string; ledger: string }): Promise<ReconcileResult> {
  requireCapability(backend, 'settlements.read', 'reconcile payouts');
  const api = backend.settlements;
  if (!api) throw new UsageError(`The ${backend.name} backend has no settlements.`);
  const records = await readCsvFile(options.ledger, '--ledger');
  const payout = await api.getPayout(options.payout);
  const ledger = ledgerEntries(records, payout.currency_code, options.ledger);
  const transactions: SettlementTransaction[] = [];
  for await (const tx of api.transactions({ payment_reference: payout.payment_reference })) transactions.push(tx);
  return { payout, ...reconcilePayout(payout.totals.settlement_amount, transactions, ledger) };
}
