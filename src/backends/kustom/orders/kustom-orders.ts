/**
 * OrdersApi on Kustom's Order Management v1. Every POST/PATCH carries the caller's
 * idempotency key as `Klarna-Idempotency-Key` (the client repeats it on its own retries). State rules are
 * checked locally first with the same domain rules the sandbox uses, so refusals read the same; Kustom's own
 * 403 `*_NOT_ALLOWED` still maps to a state conflict if the order changed in between.
 *
 * An UnknownOutcomeError (sent, no definite answer) is resolved by re-reading the order: if the effect is
 * visible (a new capture/refund of that amount and reference, the new status or expiry) that is the result;
 * otherwise the UnknownOutcomeError is rethrown so nothing is done twice.
 *
 * A write Kustom confirmed stays confirmed when the read that follows it fails: the result is built from
 * the request and the confirmed ID, with a warning, never turned into a failure.
 */
import { applyCapture, checkCancel, checkCapture, checkExtend, checkRefund, checkRelease } from '../../../domain/order-lifecycle.js';
import { isMerchantError, NotFoundError, ValidationError } from '../../../errors.js';
import type { CaptureRequest, OrderMatch, OrdersApi, WriteOptions } from '../../backend.js';
import type { Capture, Order, OrderEvent, Refund } from '../../../domain/model/order.js';
import type { KustomContext } from '../context.js';
import { kustomOrderLine } from '../order-line-json.js';
import { omShippingInfo, orderState, toCapture, toOrder, toRefund, type OmJson } from './map-order.js';
import { buildTimeline } from './timeline.js';
import { orderIdentifiers, orderMatchesFilters } from './order-search.js';
import { settledOrderIds } from './settled-order-ids.js';
import { matchingKind } from '../../../domain/identifier.js';
import { learnPaidLinkOrders } from './paid-link-orders.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const base = (orderId: string): string => `/ordermanagement/v1/orders/${encodeURIComponent(orderId)}`;

function idFromHeaders(headers: Record<string, string>, name: string): string | undefined {
  return headers[name] ?? headers.location?.split('/').filter(Boolean).pop();
}

/** Whether a capture's checks (`checkCapture`, `checkLinesMatch`) pass on this order; they throw when run for real. */
function passesCaptureChecks(order: Order, request: CaptureRequest, now: Date): boolean {
  try {
    checkCapture(orderState(order), request.captured_amount, now);
    checkLinesMatch(request.order_lines, request.captured_amount, 'captured_amount');
    return true;
  } catch {
    return false;
  }
}

function checkLinesMatch(lines: unknown[] | undefined, amount: number, field: string): void {
  if (!lines || lines.length === 0) return;
  const sum = (lines as { total_amount: number }[]).reduce((acc, l) => acc + l.total_amount, 0);
  if (sum !== amount) throw ValidationError.single(field, `must equal the sum of the order lines' total_amount (${sum})`);
}

export function createKustomOrders(ctx: KustomContext): OrdersApi {
  async function fetchOrder(orderId: string): Promise<Order> {
    if (!UUID.test(orderId)) throw new NotFoundError('Order', orderId, { hint: 'Kustom order IDs are UUIDs.' });
    // The ledger's reads do not depend on Kustom's answer, so they run while the request is out (on a shared
    // database each is a round trip); Kustom's error, if any, is the one reported, as when they ran after it.
    const known = (async () => {
      const origin = await ctx.orders.origin(orderId);
      return { storeId: origin.store_id ?? ctx.defaultStoreId, linkId: origin.link_id };
    })();
    known.catch(() => undefined);
    const res = await ctx.http.request<OmJson>({ method: 'GET', path: base(orderId), operation: 'orders.get', resource: 'Order', resourceId: orderId });
    const order = toOrder(res.body ?? {}, { ...(await known), now: ctx.clock.now() });
    await ctx.orders.saveSnapshot(order, ctx.clock.now().toISOString());
    return order;
  }

  /** Runs a mutation; on an unknown outcome, re-reads the order and lets `resolve` find the effect. */
  async function mutate<T>(orderId: string, send: () => Promise<T>, resolve: (after: Order) => T | undefined): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!isMerchantError(error) || error.kind !== 'unknown_outcome') throw error;
      ctx.logger.debug(`unknown outcome for order ${orderId}; re-reading it to decide`);
      let after: Order;
      try {
        after = await fetchOrder(orderId);
      } catch {
        throw error;
      }
      const found = resolve(after);
      if (found === undefined) throw error;
      return found;
    }
  }

  /**
   * The order embeds its captures, and the ledger wants the order re-read after a capture anyway: one GET
   * of the order does both (a bulk capture under a rate limit pays per request). GET capture only as fallback.
   */
  async function readCapture(orderId: string, captureId: string): Promise<Capture> {
    const after = await fetchOrder(orderId);
    const fromOrder = after.captures.find((c) => c.capture_id === captureId);
    if (fromOrder) return fromOrder;
    const res = await ctx.http.request<OmJson>({ method: 'GET', path: `${base(orderId)}/captures/${encodeURIComponent(captureId)}`, operation: 'orders.capture', resource: 'Capture', resourceId: captureId });
    return toCapture(res.body ?? {});
  }

  /** OM has no "list refunds" and reads one refund by id; the order embeds them all, so read the order. */
  async function readRefund(orderId: string, refundId: string): Promise<Refund> {
    const after = await fetchOrder(orderId);
    const fromOrder = after.refunds.find((r) => r.refund_id === refundId);
    if (fromOrder) return fromOrder;
    const res = await ctx.http.request<OmJson>({ method: 'GET', path: `${base(orderId)}/refunds/${encodeURIComponent(refundId)}`, operation: 'orders.refund', resource: 'Refund', resourceId: refundId });
    return toRefund(res.body ?? {});
  }

  /** The read after a confirmed write; when it fails, `fallback` (from the request) stands in, with a warning. */
  async function readBack<T>(what: string, read: () => Promise<T>, fallback: () => T): Promise<T> {
    try {
      return await read();
    } catch (error) {
      // Whatever failed (Kustom, or the ledger saving what was read), the write itself was confirmed.
      ctx.logger.warn(`${what} was confirmed by Kustom, but reading it back failed (${error instanceof Error ? error.message : String(error)}); the details shown come from the request.`);
      return fallback();
    }
  }

  /**
   * Ledger bookkeeping after Kustom confirmed a write. The money moved: a ledger that cannot record it (the
   * shared database went away) is a warning, never a failure of the write, and a re-run still finds the
   * effect on the order (its idempotency key replays it) instead of acting twice.
   */
  async function afterConfirmed(what: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      ctx.logger.warn(`${what} was confirmed by Kustom, but the ledger could not record it (${error instanceof Error ? error.message : String(error)}).`);
    }
  }

  async function event(orderId: string, type: OrderEvent['type'], amount: number | null, detail: string): Promise<void> {
    await ctx.orders.addEvent(orderId, { at: ctx.clock.now().toISOString(), type, amount, detail });
  }

  /**
   * A body-less OM write (cancel, release, extend). `check` runs the local state rule unless this is a retry
   * of an operation already done with the same key; `done` recognises the effect after an unknown outcome.
   */
  async function simple(
    orderId: string,
    path: string,
    operation: string,
    options: WriteOptions,
    check: (before: Order) => void,
    done: (before: Order, after: Order) => boolean,
    record: (before: Order, after: Order) => Promise<void>,
    expected: (before: Order) => Order,
  ): Promise<Order> {
    const key = options.idempotencyKey;
    const earlier = await ctx.operations.find(key, orderId, operation);
    const before = await fetchOrder(orderId);
    if (earlier?.result_id) return before;
    if (!earlier) check(before);
    await ctx.operations.claim(key, orderId, operation, ctx.clock.now().toISOString());
    await mutate<unknown>(
      orderId,
      () => ctx.http.request({ method: 'POST', path: `${base(orderId)}${path}`, idempotencyKey: key, operation, resource: 'Order', resourceId: orderId }),
      (after) => (done(before, after) ? after : undefined),
    );
    await afterConfirmed(`${operation} on order ${orderId}`, () => ctx.operations.setResult(key, 'done'));
    const after = await readBack(`${operation} on order ${orderId}`, () => fetchOrder(orderId), () => expected(before));
    await afterConfirmed(`${operation} on order ${orderId}`, () => record(before, after));
    return after;
  }

  return {
    usesSnapshot: true,
    gatesSends: true,
    get: fetchOrder,

    async getMany(orderIds) {
      // One GET per order, in turn: Kustom reads one order per request.
      const orders: Order[] = [];
      for (const id of new Set(orderIds)) {
        try {
          orders.push(await fetchOrder(id));
        } catch (error) {
          if (!(isMerchantError(error) && error.kind === 'not_found')) throw error;
        }
      }
      return orders;
    },

    async findByReference(storeId, reference) {
      const rows = (await ctx.orders.byReference(reference)).filter((r) => storeId === undefined || r.store_id === storeId);
      const first = rows[0];
      if (!first) return undefined;
      try {
        return await fetchOrder(first.order_id);
      } catch (error) {
        if (isMerchantError(error) && error.kind === 'not_found') return undefined;
        throw error;
      }
    },

    async list(query) {
      const orders: Order[] = [];
      for (const row of await ctx.orders.all()) {
        if (query.store_id !== undefined && row.store_id !== query.store_id) continue;
        // Cancelled and closed orders never change again: their last snapshot is current.
        if (row.snapshot && (row.status === 'CANCELLED' || row.status === 'CLOSED')) {
          orders.push(JSON.parse(row.snapshot) as Order);
          continue;
        }
        try {
          orders.push(await fetchOrder(row.order_id));
        } catch (error) {
          // An order Kustom no longer knows cannot be shown fresh; fall back to the last snapshot.
          if (!(isMerchantError(error) && error.kind === 'not_found') || !row.snapshot) throw error;
          orders.push(JSON.parse(row.snapshot) as Order);
        }
      }
      const filtered = orders
        .filter((o) => !query.statuses || query.statuses.length === 0 || query.statuses.includes(o.status))
        .filter((o) => query.created_from === undefined || o.created_at >= query.created_from)
        .filter((o) => query.created_to === undefined || o.created_at <= query.created_to)
        .filter((o) => orderMatchesFilters(o, query))
        .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
      const offset = query.cursor ? Number.parseInt(query.cursor, 10) || 0 : 0;
      const items = filtered.slice(offset, offset + (query.pageSize ?? filtered.length));
      const next = offset + items.length;
      return next < filtered.length ? { items, nextCursor: String(next) } : { items };
    },

    /**
     * Kustom has no order search: the ledger (the orders this tool has seen, with their last snapshot) says
     * which orders the identifier names, and each is then read live from Kustom. An order the ledger does not
     * know is found by its ID (one read), or by a capture or refund through the settlement transactions.
     */
    async search(query) {
      await learnPaidLinkOrders(ctx, query);
      const found: OrderMatch[] = [];
      for (const row of await ctx.orders.all()) {
        if (found.length >= query.limit) break;
        if (query.store_id !== undefined && row.store_id !== query.store_id) continue;
        const seen = row.snapshot ? (JSON.parse(row.snapshot) as Order) : undefined;
        const kind = matchingKind(query, orderIdentifiers(row, seen));
        if (!kind) continue;
        try {
          found.push({ order: await fetchOrder(row.order_id), kind });
        } catch (error) {
          if (!(isMerchantError(error) && error.kind === 'not_found') || !seen) throw error;
          found.push({ order: seen, kind });
        }
      }
      // An order ID this machine has never seen is still one read away.
      if (query.kinds.includes('order_id') && UUID.test(query.text) && !(await ctx.orders.get(query.text))) {
        try {
          const order = await fetchOrder(query.text);
          if (query.store_id === undefined || order.store_id === query.store_id) found.push({ order, kind: 'order_id' });
        } catch (error) {
          if (!(isMerchantError(error) && error.kind === 'not_found')) throw error;
        }
      }
      // A capture or refund of an order this machine has never seen: the settlement transactions name its order.
      if (found.length === 0) {
        for (const [orderId, kind] of await settledOrderIds(ctx, query)) {
          try {
            const order = await fetchOrder(orderId);
            if (query.store_id === undefined || order.store_id === query.store_id) found.push({ order, kind });
          } catch (error) {
            if (!(isMerchantError(error) && error.kind === 'not_found')) throw error;
          }
          if (found.length >= query.limit) break;
        }
      }
      return found.sort((a, b) => b.order.created_at.localeCompare(a.order.created_at));
    },

    async timeline(orderId) {
      const order = await fetchOrder(orderId);
      return buildTimeline(order, await ctx.orders.events(orderId));
    },

    async capture(orderId, request, options): Promise<Capture> {
      const at = (): string => ctx.clock.now().toISOString();
      // With the caller's snapshot and its checks passing, the key's earlier use is read by the claim itself
      // (one statement on a shared database); otherwise it is read first, as the checks depend on it.
      const passes = options.snapshot?.order_id === orderId && passesCaptureChecks(options.snapshot, request, ctx.clock.now());
      const earlier = passes
        ? await ctx.operations.claimOrFind(options.idempotencyKey, orderId, 'orders.capture', at())
        : await ctx.operations.find(options.idempotencyKey, orderId, 'orders.capture');
      const asSent = (captureId: string): Capture => ({
        capture_id: captureId,
        captured_amount: request.captured_amount,
        captured_at: ctx.clock.now().toISOString(),
        description: request.description ?? null,
        reference: request.reference ?? null,
        order_lines: request.order_lines ?? [],
        refunded_amount: 0,
        shipping_info: request.shipping_info ?? [],
      });
      const readBackCapture = (captureId: string): Promise<Capture> => readBack(`Capture ${captureId} on order ${orderId}`, () => readCapture(orderId, captureId), () => asSent(captureId));
      // Every request below waits for the caller's turn to send (a bulk run's slot), and only then.
      const turn = async (): Promise<void> => options.beforeSend?.();
      if (earlier?.result_id) {
        await turn();
        return readBackCapture(earlier.result_id);
      }
      let before: Order;
      if (options.snapshot?.order_id === orderId) before = options.snapshot;
      else {
        await turn();
        before = await fetchOrder(orderId);
      }
      // A retry of a claimed key whose outcome was never known goes straight to Kustom, which replays or acts.
      // (Checks that passed before the claim are not run again: a clock past a deadline now would leave a
      // claim without its request.)
      if (!passes) {
        if (!earlier) checkCapture(orderState(before), request.captured_amount, ctx.clock.now());
        checkLinesMatch(request.order_lines, request.captured_amount, 'captured_amount');
      }
      const known = new Set(before.captures.map((c) => c.capture_id));
      const body: OmJson = { captured_amount: request.captured_amount };
      if (request.description !== undefined) body.description = request.description;
      if (request.reference !== undefined) body.reference = request.reference;
      if (request.order_lines && request.order_lines.length > 0) body.order_lines = request.order_lines.map(kustomOrderLine);
      if (request.shipping_info && request.shipping_info.length > 0) body.shipping_info = request.shipping_info.map(omShippingInfo);
      if (!passes) await ctx.operations.claim(options.idempotencyKey, orderId, 'orders.capture', at());
      // The claim is committed before the turn is taken, so the slot is held by the request alone.
      await turn();
      const captureId = await mutate<string>(
        orderId,
        async () => {
          const res = await ctx.http.request({ method: 'POST', path: `${base(orderId)}/captures`, body, idempotencyKey: options.idempotencyKey, operation: 'orders.capture', resource: 'Order', resourceId: orderId });
          const id = idFromHeaders(res.headers, 'capture-id');
          if (!id) throw new Error('Kustom accepted the capture but returned neither Capture-Id nor Location');
          return id;
        },
        (after) =>
          after.captures.find((c) => !known.has(c.capture_id) && c.captured_amount === request.captured_amount && (request.reference === undefined || c.reference === request.reference))?.capture_id,
      );
      // The key named a capture the order already had (a replay): that capture, as read, is the answer.
      const replayed = before.captures.find((c) => c.capture_id === captureId);
      // Neither a replay nor a trusted 201 reads anything more: the caller's slot is free before the records.
      if (replayed || options.snapshot) options.afterSend?.();
      await afterConfirmed(`Capture ${captureId} on order ${orderId}`, () => ctx.operations.setResult(options.idempotencyKey, captureId));
      if (replayed) return replayed;
      // With the caller's snapshot, a confirmed 201 is trusted: the capture is the request under Kustom's ID.
      // The order is read again only when the outcome was unknown (in `mutate`). The ledger still learns the
      // order as it now stands (what `status` and `orders list` read), computed, not fetched: from the order
      // it stored, revised with the ledger's next commit (no read of its own while the row waits).
      if (options.snapshot) {
        const capture = asSent(captureId);
        const now = ctx.clock.now();
        // Kustom made the capture: a ledger that cannot store the order now (a shared database gone) must not
        // turn that into a failure; the order is stored again the next time it is read.
        try {
          await ctx.orders.reviseSnapshot(orderId, capture.captured_at, (stored) => afterCapture(storedWhole(stored, before), capture, now));
        } catch (error) {
          ctx.logger.debug(`the ledger could not store order ${orderId} after capture ${captureId}: ${error instanceof Error ? error.message : String(error)}`);
        }
        return capture;
      }
      return readBackCapture(captureId);
    },

    async refund(orderId, request, options): Promise<Refund> {
      const earlier = await ctx.operations.find(options.idempotencyKey, orderId, 'orders.refund');
      const asSent = (refundId: string): Refund => ({
        refund_id: refundId,
        refunded_amount: request.refunded_amount,
        refunded_at: ctx.clock.now().toISOString(),
        description: request.description ?? null,
        reference: request.reference ?? null,
        order_lines: request.order_lines ?? [],
      });
      const readBackRefund = (refundId: string): Promise<Refund> => readBack(`Refund ${refundId} on order ${orderId}`, () => readRefund(orderId, refundId), () => asSent(refundId));
      if (earlier?.result_id) return readBackRefund(earlier.result_id);
      const before = await fetchOrder(orderId);
      if (!earlier) checkRefund(orderState(before), request.refunded_amount, ctx.clock.now());
      checkLinesMatch(request.order_lines, request.refunded_amount, 'refunded_amount');
      const known = new Set(before.refunds.map((r) => r.refund_id));
      const body: OmJson = { refunded_amount: request.refunded_amount };
      if (request.description !== undefined) body.description = request.description;
      if (request.reference !== undefined) body.reference = request.reference;
      if (request.order_lines && request.order_lines.length > 0) body.order_lines = request.order_lines.map(kustomOrderLine);
      await ctx.operations.claim(options.idempotencyKey, orderId, 'orders.refund', ctx.clock.now().toISOString());
      const refundId = await mutate<string>(
        orderId,
        async () => {
          const res = await ctx.http.request({ method: 'POST', path: `${base(orderId)}/refunds`, body, idempotencyKey: options.idempotencyKey, operation: 'orders.refund', resource: 'Order', resourceId: orderId });
          const id = idFromHeaders(res.headers, 'refund-id');
          if (!id) throw new Error('Kustom accepted the refund but returned neither Refund-Id nor Location');
          return id;
        },
        (after) =>
          after.refunds.find((r) => !known.has(r.refund_id) && r.refunded_amount === request.refunded_amount && (request.reference === undefined || r.reference === request.reference))?.refund_id,
      );
      await afterConfirmed(`Refund ${refundId} on order ${orderId}`, () => ctx.operations.setResult(options.idempotencyKey, refundId));
      return readBackRefund(refundId);
    },

    async cancel(orderId, options) {
      return simple(
        orderId,
        '/cancel',
        'orders.cancel',
        options,
        (before) => checkCancel(orderState(before), ctx.clock.now()),
        (_before, after) => after.status === 'CANCELLED',
        (before) => event(orderId, 'cancelled', before.remaining_authorized_amount, 'authorization cancelled'),
        (before) => ({ ...before, status: 'CANCELLED', remaining_authorized_amount: 0 }),
      );
    },

    async releaseRemaining(orderId, options) {
      return simple(
        orderId,
        '/release-remaining-authorization',
        'orders.release',
        options,
        (before) => checkRelease(orderState(before), ctx.clock.now()),
        (_before, after) => after.remaining_authorized_amount === 0,
        (before) => event(orderId, 'released', before.remaining_authorized_amount, 'remaining authorization released'),
        (before) => ({ ...before, status: before.captured_amount > 0 ? 'CAPTURED' : before.status, remaining_authorized_amount: 0 }),
      );
    },

    async extendAuthorization(orderId, options) {
      return simple(
        orderId,
        '/extend-authorization-time',
        'orders.extend',
        options,
        (before) => void checkExtend(orderState(before), ctx.clock.now()),
        (before, after) => after.expires_at > before.expires_at,
        (_before, after) => event(orderId, 'extended', null, `authorization extended to ${after.expires_at}`),
        (before) => before,
      );
    },

    async addShippingInfo(orderId, captureId, info, options) {
      if (info.length === 0 || info.length > 500) throw ValidationError.single('shipping_info', 'must have 1–500 entries');
      await ctx.operations.claim(options.idempotencyKey, orderId, `orders.shipping_info:${captureId}`, ctx.clock.now().toISOString());
      await mutate(
        orderId,
        () =>
          ctx.http.request({
            method: 'POST',
            path: `${base(orderId)}/captures/${encodeURIComponent(captureId)}/shipping-info`,
            body: { shipping_info: info.map(omShippingInfo) },
            idempotencyKey: options.idempotencyKey,
            operation: 'orders.shipping_info',
            resource: 'Capture',
            resourceId: captureId,
          }),
        () => undefined,
      );
      await event(orderId, 'shipping_info', null, info.map((i) => [i.shipping_company, i.tracking_number].filter(Boolean).join(' ')).join('; ') || 'shipping info added');
    },
  };
}

/**
 * The order as the ledger stored it when it was read, when `trimmed` is that read with its lines and
 * customer left out (a bulk plan keeps no more per row): the order stored after a capture keeps them, so
 * `lookup` still finds it by e-mail. Otherwise `trimmed` itself.
 */
function storedWhole(stored: Order | undefined, trimmed: Order): Order {
  if (!stored) return trimmed;
  // Only what the ledger stores is at stake here: a stored order of another shape leaves the trimmed one.
  try {
    const same = stored.order_id === trimmed.order_id && stored.status === trimmed.status && stored.captured_amount === trimmed.captured_amount && stored.captures.map((c) => c.capture_id).join() === trimmed.captures.map((c) => c.capture_id).join();
    return same ? { ...stored, ...trimmed, order_lines: stored.order_lines, customer: stored.customer, refunds: stored.refunds, captures: stored.captures } : trimmed;
  } catch {
    return trimmed;
  }
}

/**
 * The order after a confirmed capture, as Kustom will show it: the lifecycle's amounts and status, the
 * capture appended. Undefined when the snapshot no longer allowed it (Kustom accepted what the snapshot did
 * not foresee): the ledger then keeps its row until the order is next read, rather than guess.
 */
function afterCapture(before: Order, capture: Capture, now: Date): Order | undefined {
  let state;
  try {
    state = applyCapture(orderState(before), capture.captured_amount, now);
  } catch {
    return undefined;
  }
  return {
    ...before,
    status: state.status,
    captured_amount: state.captured_amount,
    remaining_authorized_amount: state.remaining_authorized_amount,
    captures: [...before.captures, capture],
  };
}
