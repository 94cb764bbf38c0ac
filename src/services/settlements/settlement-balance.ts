import type { Backend } from '../../backends/backend.js';
import type { BalanceLine } from '../../domain/model/payout.js';
import { requireCapability } from '../../backends/backend.js';

export async function settlementBalance(backend: Backend, storeId: string | undefined): Promise<BalanceLine[]> {
  requireCapability(backend, 'settlements.balance', 'show the settlement balance (money captured but not yet paid out)');
  return (await backend.settlements?.balance(storeId)) ?? [];
}
