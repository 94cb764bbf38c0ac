import type { Backend } from '../../backends/backend.js';
import type { Payout } from '../../domain/model/payout.js';
import { requireCapability } from '../../backends/backend.js';

/** One line of the breakdown that explains a payout's amount: per type and detailed type. */
export interface BreakdownLine {
  type: string;
  detailed_type: string | null;
  count: number;
  amount: number;
}

export interface PayoutDetails extends Payout {
  breakdown: BreakdownLine[];
  /** Sum of the transactions; equals totals.settlement_amount (the invariant, checked here too). */
  transactions_sum: number;
}

const TYPE_ORDER = ['SALE', 'RETURN', 'REVERSAL', 'REVERSAL_MERCHANT_PROTECTION', 'FEE', 'FEE_REFUND', 'CORRECTION', 'TAX', 'COMMISSION', 'CHARGE', 'CREDIT', 'HOLDBACK', 'RELEASE'];

export async function showPayout(backend: Backend, reference: string): Promise<PayoutDetails> {
  requireCapability(backend, 'settlements.read', 'show payouts');
  const api = backend.settlements;
  if (!api) throw new Error('unreachable: settlements.read without settlements');
  const payout = await api.getPayout(reference);
  const lines = new Map<string, BreakdownLine>();
  let sum = 0;
  for await (const tx of api.transactions({ payment_reference: payout.payment_reference })) {
    const key = `${tx.type}|${tx.detailed_type ?? ''}`;
    const line = lines.get(key) ?? { type: tx.type, detailed_type: tx.detailed_type, count: 0, amount: 0 };
    line.count++;
    line.amount += tx.amount;
    lines.set(key, line);
    sum += tx.amount;
  }
  // In the order the settlement formula reads: sales, returns, fees, fee refunds, VAT, then the rest.
  const rank = (type: string) => {
    const i = TYPE_ORDER.indexOf(type);
    return i === -1 ? TYPE_ORDER.length : i;
  };
  const breakdown = [...lines.values()].sort((a, b) => rank(a.type) - rank(b.type) || (a.detailed_type ?? '').localeCompare(b.detailed_type ?? ''));
  return { ...payout, breakdown, transactions_sum: sum };
}
