/** `settlements reconcile`: a payout against the merchant's ledger CSV (format: domain/ledger-csv.ts). */
import type { Backend } from '../../backends/backend.js';
import type { Payout } from '../../domain/model/payout.js';
import type { SettlementTransaction } from '../../domain/settlement-types.js';
import { requireCapability } from '../../backends/backend.js';
import { MerchantError, UsageError } from '../../errors.js';
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

/**
 * A payout reconciles when every order in it matches the ledger and the totals add up. Ledger rows outside
 * the payout (`missing_in_payout`) are reported but do not count: a ledger usually spans several payouts.
 */
export function assertReconciled(r: ReconcileResult): void {
  const problems = [
    r.amount_mismatch.length > 0 ? `${r.amount_mismatch.length} amount mismatch(es)` : '',
    r.missing_in_ledger.length > 0 ? `${r.missing_in_ledger.length} order(s) missing in the ledger` : '',
    r.totals.adds_up ? '' : 'totals that do not add up to the settlement amount',
  ].filter(Boolean);
  if (problems.length === 0) return;
  throw new MerchantError('mismatch', `Payout ${r.payout.payment_reference} does not reconcile: ${problems.join(', ')}.`, {
    hint: 'The report above lists each difference; pass --report-only to exit 0 whatever it finds.',
    details: { amount_mismatch: r.amount_mismatch.length, missing_in_ledger: r.missing_in_ledger.length, adds_up: r.totals.adds_up },
  });
}
