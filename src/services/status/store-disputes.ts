/**
 * The disputes that wait for a store on the home page: those open (not yet answered) whose response
 * deadline has not passed, their count and amount per currency, and the one due first with the command
 * that answers it. A backend without disputes, or a key whose role may not view them, says so instead of
 * showing zero, so "0 open disputes" is never a guess.
 */
import type { Backend } from '../../backends/backend.js';
import { keyMay, type Role } from '../../domain/roles.js';
import { isMerchantError } from '../../errors.js';
import { listDisputes } from '../disputes/list-disputes.js';

export interface NearestDispute {
  dispute_id: string;
  order_id: string;
  currency: string;
  amount: number;
  response_deadline: string;
  /**
   * What answers it (evidence PDFs go with `--evidence`; `merchant disputes accept <id>` concedes instead);
   * for a key whose role may view disputes but not answer them (Settlement, External User), what shows it.
   */
  command: string;
}

export type StoreDisputes =
  | { available: true; open: number; amounts: { currency: string; amount: number }[]; nearest: NearestDispute | null }
  | { available: false; reason: string };

export async function storeDisputes(backend: Backend, storeId: string, now: Date, role: Role | null): Promise<StoreDisputes> {
  if (!backend.capabilities.has('disputes.read') || !backend.disputes) {
    return { available: false, reason: `not available on the ${backend.name} backend (missing capability disputes.read); see the Disputes section of the Kustom Portal` };
  }
  let open;
  try {
    open = (await listDisputes(backend, { storeId, states: ['open'] })).filter((d) => Date.parse(d.response_deadline) > now.getTime());
  } catch (error) {
    if (isMerchantError(error) && error.kind === 'auth') return { available: false, reason: `not visible with this key: ${error.message}` };
    throw error;
  }
  const amounts = new Map<string, number>();
  for (const d of open) amounts.set(d.currency, (amounts.get(d.currency) ?? 0) + d.amount);
  const first = [...open].sort((a, b) => a.response_deadline.localeCompare(b.response_deadline))[0];
  return {
    available: true,
    open: open.length,
    amounts: [...amounts].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount })),
    nearest: first
      ? {
          dispute_id: first.dispute_id,
          order_id: first.order_id,
          currency: first.currency,
          amount: first.amount,
          response_deadline: first.response_deadline,
          command: keyMay(role, 'disputes.respond') ? `merchant disputes respond ${first.dispute_id} --text "<your answer>"` : `merchant disputes show ${first.dispute_id}`,
        }
      : null,
  };
}
