/** `sandbox disputes open|decide`: the customer opens a dispute on a captured order; the provider decides it. */
import { requireCapability, type Backend, type Dispute, type SandboxDisputesControlApi } from '../../backends/backend.js';
import type { DisputeDecision } from '../../domain/dispute-lifecycle.js';
import { parseAmount } from '../../domain/money.js';
import { assertInNamedStore, type OrderScope } from '../orders/order-scope.js';
import { ordersApi, resolveOrder } from '../orders/orders-api.js';

function control(backend: Backend): SandboxDisputesControlApi {
  requireCapability(backend, 'sandbox.control', 'open or decide disputes (only the sandbox can act as the customer and the provider)');
  if (!backend.sandboxDisputes) throw new Error('sandbox.control listed without sandbox dispute controls');
  return backend.sandboxDisputes;
}

export interface OpenDisputeOptions {
  order: string;
  /** In the order's currency, as typed (e.g. "10.50"); absent: everything still disputable. */
  amount?: string | undefined;
  reason: string;
  scope?: OrderScope;
}

export async function openDispute(backend: Backend, options: OpenDisputeOptions): Promise<Dispute> {
  const api = control(backend);
  const order = await resolveOrder(ordersApi(backend, 'orders.read', 'open disputes on orders'), options.order, options.scope?.storeId);
  assertInNamedStore(order, options.scope ?? {});
  const amount = options.amount === undefined ? undefined : parseAmount(options.amount, order.purchase_currency, { allowZero: false });
  return api.open({ order_id: order.order_id, amount, reason: options.reason });
}

export async function decideDispute(backend: Backend, disputeId: string, decision: DisputeDecision): Promise<Dispute> {
  return control(backend).decide(disputeId, decision);
}
