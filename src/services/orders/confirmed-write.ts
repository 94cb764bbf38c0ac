/**
 * One money write on one order, as every `orders capture|refund|cancel|release|extend` runs it: prepare
 * (read the order, check locally, recognise an earlier run), check the order is in the store the user
 * named; unless nothing is to be sent, run the live-write check and let the caller confirm; then send
 * once. The check or the caller's `confirm` throws to stop; nothing has been sent by then.
 */
import type { Backend } from '../../backends/backend.js';
import type { Capture, Order, Refund } from '../../domain/model/order.js';
import type { WriteGate } from '../auth/write-gate.js';
import { captureAction, executeCapture, prepareCapture, type CaptureFlags, type PreparedCapture } from './capture-order.js';
import { executeRefund, prepareRefund, refundAction, type PreparedRefund, type RefundFlags } from './refund-order.js';
import { executeStateChange, prepareStateChange, stateChangeAction, type PreparedStateChange, type StateChange } from './order-state-change.js';
import { assertInNamedStore, type OrderScope } from './order-scope.js';
import { openPendingStore, type PendingLocation, type PendingStore } from './pending-store.js';

export interface WriteOptions<P> {
  scope: OrderScope;
  /** Where the intent of each request is recorded while its outcome is open (files, or the shared database). */
  pending: PendingLocation;
  /** The live-write check, run once before the confirmation. */
  gate: WriteGate;
  /** Called first when the request re-sends an earlier run's request whose outcome was unknown. */
  onResume?(): void;
  /** Called only when a request is about to be sent, after the check; `action` says what, in words. */
  confirm(prepared: P, action: string): Promise<void>;
}

async function checkAndConfirm<P extends { order: Order; resumed?: boolean | undefined }>(options: WriteOptions<P>, prepared: P, action: string): Promise<void> {
  if (prepared.resumed) options.onResume?.();
  options.gate.check({ action, target: prepared.order.store_id });
  await options.confirm(prepared, action);
}

/** What was done: `existing` is set when it had been done already (nothing was sent). */
export interface CaptureDone {
  order: Order;
  /** The amount of the request (minor units of the order's currency). */
  amount: number;
  capture: Capture;
  existing?: 'reconciled' | 'same_reference' | undefined;
}

export interface RefundDone {
  order: Order;
  /** The amount of the request (minor units of the order's currency). */
  amount: number;
  refund: Refund;
  existing?: 'reconciled' | 'same_reference' | undefined;
}

export interface StateChangeDone {
  order: Order;
  /** The order already showed the effect of an earlier run's unknown outcome: nothing was sent. */
  alreadyDone: boolean;
}

/** Opened before the order is read: a database that cannot be reached stops the command before anything is asked. */
async function withPendingStore<T>(options: WriteOptions<unknown>, work: (store: PendingStore) => Promise<T>): Promise<T> {
  const store = await openPendingStore(options.pending);
  try {
    return await work(store);
  } finally {
    await store.close().catch(() => undefined);
  }
}

export async function captureOrder(backend: Backend, order: string, flags: CaptureFlags, options: WriteOptions<PreparedCapture>): Promise<CaptureDone> {
  return withPendingStore(options as WriteOptions<unknown>, async (store) => {
    const prepared = await prepareCapture(backend, order, flags, options.scope.storeId, store);
    assertInNamedStore(prepared.order, options.scope);
    if (!prepared.existing) await checkAndConfirm(options, prepared, captureAction(prepared));
    const { capture } = await executeCapture(backend, prepared, store);
    return { order: prepared.order, amount: prepared.request.captured_amount, capture, existing: prepared.existing?.why };
  });
}

export async function refundOrder(backend: Backend, order: string, flags: RefundFlags, options: WriteOptions<PreparedRefund>): Promise<RefundDone> {
  return withPendingStore(options as WriteOptions<unknown>, async (store) => {
    const prepared = await prepareRefund(backend, order, flags, options.scope.storeId, store);
    assertInNamedStore(prepared.order, options.scope);
    if (!prepared.existing) await checkAndConfirm(options, prepared, refundAction(prepared));
    const { refund } = await executeRefund(backend, prepared, store);
    return { order: prepared.order, amount: prepared.request.refunded_amount, refund, existing: prepared.existing?.why };
  });
}

export async function changeOrderState(backend: Backend, change: StateChange, order: string, options: WriteOptions<PreparedStateChange>): Promise<StateChangeDone> {
  // Extending moves no money: nothing is recorded, so it needs no store.
  if (change === 'extend') return changeState(backend, change, order, options, undefined);
  return withPendingStore(options as WriteOptions<unknown>, (store) => changeState(backend, change, order, options, store));
}

async function changeState(backend: Backend, change: StateChange, order: string, options: WriteOptions<PreparedStateChange>, store: PendingStore | undefined): Promise<StateChangeDone> {
  const prepared = await prepareStateChange(backend, change, order, options.scope.storeId, store);
  assertInNamedStore(prepared.order, options.scope);
  if (!prepared.done) await checkAndConfirm(options, prepared, stateChangeAction(change, prepared.order.order_id));
  return { order: await executeStateChange(backend, change, prepared, store), alreadyDone: prepared.done === true };
}
