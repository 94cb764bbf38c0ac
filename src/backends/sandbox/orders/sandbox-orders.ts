/**
 * Order Management in the sandbox. Every write runs the domain's check/apply rules inside an IMMEDIATE
 * transaction (read-then-write with the write lock held, so concurrent processes serialize), honours the
 * idempotency key (same key → the first result, no second capture), and computes EXPIRED from the
 * sandbox clock. Captures in flight together share one commit, each in its own savepoint (commit-group.ts).
 * Fault injection (faults.ts) sits in front of each call and after each money-moving commit.
 */
import { ValidationError } from '../../../errors.js';
import { applyCancel, applyCapture, applyExtend, applyRefund, applyRelease } from '../../../domain/order-lifecycle.js';
import type { OrderLine } from '../../../domain/order-lines.js';
import type { Page } from '../../backend.js';
import type { Clock } from '../../../domain/clock.js';
import type { CaptureRequest, OrderQuery, OrdersApi, RefundRequest } from '../../types/orders.js';
import type { Capture, Order, OrderEvent, Refund, ShippingInfo } from '../../../domain/model/order.js';
import type { SandboxAccess } from '../access.js';
import type { Db } from '../database.js';
import { lineKey } from '../../../domain/order-line-selection.js';
import type { FaultInjector } from '../faults.js';
import { createCommitGroup } from '../commit-group.js';
import { timeOrderedId } from '../time-ordered-id.js';
import { priorUse, type KeyedOperation } from './idempotency.js';
import { customerFilters, searchOrders } from './search-orders.js';
import { searchedRows } from './searched-rows.js';
import { capturedLines, captureRows, loadCaptureTarget, loadRow, orderState, toCapture, toOrder, toOrders, toRefund, type OrderRow } from './order-rows.js';
import { useStreamCache } from '../stream-cache.js';

const MAX_PAGE = 500;

/**
 * Rows a bulk run keeps in flight against the sandbox: each turn's captures share one commit (and the
 * journal's claims one of their own), and a commit costs about the pages it writes, which the rows of one
 * group largely share (index pages, per-day totals). 256 rows hold the write lock for a few
 * milliseconds per group.
 */
const CAPTURE_GROUP = 256;

function checkRequestLines(row: Pick<OrderRow, 'order_id' | 'order_lines'>, lines: readonly OrderLine[] | undefined, taken: readonly OrderLine[], verb: string): void {
  if (!lines || lines.length === 0) return;
  const orderLines = JSON.parse(row.order_lines) as OrderLine[];
  const issues: { field: string; rule: string }[] = [];
  lines.forEach((line, i) => {
    if ((line.type as string) === 'return_fee') return;
    // Lines are identified as the selection rule identifies them: by reference, or by name without one.
    const key = lineKey(line);
    const match = orderLines.find((l) => lineKey(l) === key);
    if (!match) return void issues.push({ field: `order_lines[${i}].reference`, rule: `no line ${JSON.stringify(line.reference || line.name)} on order ${row.order_id}` });
    const already = taken.filter((l) => lineKey(l) === key).reduce((n, l) => n + l.quantity, 0);
    if (already + line.quantity > match.quantity) {
      issues.push({ field: `order_lines[${i}].quantity`, rule: `only ${match.quantity - already} of ${match.quantity} can still be ${verb}` });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
}

export function createSandboxOrders(db: Db, clock: Clock, access: SandboxAccess, faults: FaultInjector): OrdersApi {
  const event = db.prepare(`INSERT INTO order_events (order_id, at, type, amount, detail) VALUES (?, ?, ?, ?, ?)`);
  const capturesCount = db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM captures WHERE order_id = ?`);
  const recordOp = db.prepare(`INSERT INTO idempotent_operations (idempotency_key, operation, order_id, created_at) VALUES (?, ?, ?, ?)`);
  // Captures in flight together (a bulk run) share one commit; each stays atomic in its own savepoint.
  const captures = createCommitGroup(db);

  const read = (orderId: string): Order => {
    const row = loadRow(db, orderId);
    access.require('orders.view', row.store_id);
    return toOrder(db, row, clock.now());
  };

  /** cancel / release / extend: state change + a recorded key, all in one transaction. */
  const stateOperation = (orderId: string, key: string, operation: KeyedOperation, apply: (row: OrderRow, now: Date) => string): Order => {
    faults.before(operation);
    const order = db
      .transaction(() => {
        const row = loadRow(db, orderId);
        access.require('orders.manage', row.store_id);
        const now = clock.now();
        if (!priorUse(db, key, operation, orderId)) {
          const detail = apply(row, now);
          recordOp.run(key, operation, orderId, now.toISOString());
          event.run(orderId, now.toISOString(), operation === 'cancel' ? 'cancelled' : operation === 'release' ? 'released' : 'extended', null, detail);
        }
        return toOrder(db, loadRow(db, orderId), now);
      })
      .immediate();
    // Cancel and release void an authorization: they can time out after committing as captures can.
    if (operation === 'cancel' || operation === 'release') faults.afterCommit(operation);
    return order;
  };

  return {
    // With faults injected the sandbox stands in for a remote provider (rate limits pause the workers,
    // timeouts leave outcomes unknown): a run then keeps --concurrency rows in flight, as against Kustom.
    get captureGroup() {
      return faults.active() ? undefined : CAPTURE_GROUP;
    },

    async get(orderId) {
      faults.before('get');
      return read(orderId);
    },

    async getMany(orderIds) {
      faults.before('get');
      const found = new Map<string, OrderRow>();
      // In slices: a statement takes at most a few thousand parameters.
      for (let i = 0; i < orderIds.length; i += MAX_PAGE) {
        const slice = orderIds.slice(i, i + MAX_PAGE);
        const rows = db.prepare<string[], OrderRow>(`SELECT * FROM orders WHERE order_id IN (${slice.map(() => '?').join(', ')})`).all(...slice);
        for (const row of rows) found.set(row.order_id, row);
      }
      const rows = [...new Set(orderIds)].flatMap((id) => {
        const row = found.get(id);
        return row ? [row] : [];
      });
      for (const row of rows) access.require('orders.view', row.store_id);
      return toOrders(db, rows, clock.now());
    },

    async findByReference(storeId, reference) {
      faults.before('get');
      const rows = storeId
        ? db.prepare<[string, string], OrderRow>(`SELECT * FROM orders WHERE merchant_reference1 = ? AND store_id = ? ORDER BY created_at DESC, rowid DESC`).all(reference, storeId)
        : db.prepare<[string], OrderRow>(`SELECT * FROM orders WHERE merchant_reference1 = ? ORDER BY created_at DESC, rowid DESC`).all(reference);
      const row = rows[0];
      if (!row) return undefined;
      access.require('orders.view', row.store_id);
      return toOrder(db, row, clock.now());
    },

    async search(query) {
      faults.before('list');
      return searchOrders(db, access, query, clock.now());
    },

    async list(query: OrderQuery): Promise<Page<Order>> {
      faults.before('list');
      access.require('orders.view', query.store_id ?? null);
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (query.store_id) {
        where.push('store_id = ?');
        args.push(query.store_id);
      }
      if (query.created_from) {
        where.push('created_at >= ?');
        args.push(query.created_from);
      }
      if (query.created_to) {
        where.push('created_at < ?');
        args.push(query.created_to);
      }
      for (const [condition, values] of customerFilters(query)) {
        where.push(condition);
        args.push(...values);
      }
      // Cursor: "created_at|order_id" of the last row seen (newest first).
      if (query.cursor) {
        useStreamCache(db);
        const [at = '', id = ''] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
        // A row value: a range over the (created_at, order_id) index, a seek per page.
        where.push('(created_at, order_id) < (?, ?)');
        args.push(at, id);
      }
      const size = Math.min(query.pageSize ?? 100, MAX_PAGE);
      const now = clock.now();
      const wanted = query.statuses && query.statuses.length > 0 ? new Set(query.statuses) : null;
      const sql = `SELECT * FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, order_id DESC`;
      const items: Order[] = [];
      let last: OrderRow | undefined;
      // Status is computed (expiry), so it is filtered here rather than in SQL: rows are read in batches
      // of the page's size, each batch with its captures and refunds in one query per table.
      const batch: OrderRow[] = [];
      const take = (): void => {
        const orders = toOrders(db, batch, now);
        for (let j = 0; j < orders.length && items.length < size; j++) {
          const order = orders[j] as Order;
          last = batch[j];
          if (!wanted || wanted.has(order.status)) items.push(order);
        }
        batch.length = 0;
      };
      const rows = query.search ? searchedRows(db, query.search, where, args, query, query.cursor, size) : db.prepare<(string | number)[], OrderRow>(sql).iterate(...args);
      for (const row of rows) {
        batch.push(row);
        if (batch.length >= size - items.length) {
          take();
          if (items.length >= size) break;
        }
      }
      if (batch.length > 0 && items.length < size) take();
      const more = items.length >= size && last !== undefined;
      return { items, nextCursor: more && last ? Buffer.from(`${last.created_at}|${last.order_id}`).toString('base64url') : undefined };
    },

    async timeline(orderId): Promise<OrderEvent[]> {
      faults.before('timeline');
      const row = loadRow(db, orderId);
      access.require('orders.view', row.store_id);
      const events = db
        .prepare<[string], OrderEvent>(`SELECT at, type, amount, detail FROM order_events WHERE order_id = ? ORDER BY id`)
        .all(orderId);
      const now = clock.now();
      const order = toOrder(db, row, now);
      if (order.status === 'EXPIRED') events.push({ at: row.expires_at, type: 'expired', amount: null, detail: 'authorization expired' });
      return events;
    },

    async capture(orderId, request: CaptureRequest, options): Promise<Capture> {
      faults.before('capture');
      const capture = await captures.run((): Capture => {
        const row = loadCaptureTarget(db, orderId);
        access.require('orders.manage', row.store_id);
        const prior = priorUse(db, options.idempotencyKey, 'capture', orderId);
        if (prior?.result_id) return captureRows(db, orderId).find((c) => c.capture_id === prior.result_id) as Capture;
        const now = clock.now();
        const state = orderState(row, row.captures_count);
        const next = applyCapture(state, request.captured_amount, now);
        // The lines already captured are parsed only when the request names lines to check against them.
        if (request.order_lines?.length) checkRequestLines(row, request.order_lines, capturedLines(row), 'captured');
        // The row as inserted (refunded_amount starts at its default, 0): read back, it would say the same.
        const stored = {
          capture_id: timeOrderedId(),
          captured_amount: request.captured_amount,
          captured_at: now.toISOString(),
          description: request.description ?? null,
          reference: request.reference ?? null,
          order_lines: JSON.stringify(request.order_lines ?? []),
          refunded_amount: 0,
          shipping_info: JSON.stringify(request.shipping_info ?? []),
        };
        db.prepare(
          `INSERT INTO captures (capture_id, order_id, captured_amount, captured_at, description, reference, order_lines, shipping_info, idempotency_key)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          stored.capture_id,
          orderId,
          stored.captured_amount,
          stored.captured_at,
          stored.description,
          stored.reference,
          stored.order_lines,
          stored.shipping_info,
          options.idempotencyKey,
        );
        db.prepare(`UPDATE orders SET status = ?, captured_amount = ? WHERE order_id = ?`).run(next.status, next.captured_amount, orderId);
        event.run(orderId, stored.captured_at, 'captured', request.captured_amount, `capture ${stored.capture_id}${request.reference ? ` (reference ${request.reference})` : ''}`);
        return toCapture(stored);
      });
      faults.afterCommit('capture');
      return capture;
    },

    async refund(orderId, request: RefundRequest, options): Promise<Refund> {
      faults.before('refund');
      const refund = db
        .transaction((): Refund => {
          const row = loadRow(db, orderId);
          access.require('orders.manage', row.store_id);
          const prior = priorUse(db, options.idempotencyKey, 'refund', orderId);
          const byId = db.prepare(`SELECT * FROM refunds WHERE refund_id = ?`);
          if (prior?.result_id) return toRefund(byId.get(prior.result_id) as Parameters<typeof toRefund>[0]);
          const now = clock.now();
          const next = applyRefund(orderState(row, capturesCount.get(orderId)?.n ?? 0), request.refunded_amount, now);
          const taken = (db.prepare(`SELECT order_lines FROM refunds WHERE order_id = ?`).all(orderId) as { order_lines: string }[]).flatMap(
            (r) => JSON.parse(r.order_lines) as OrderLine[],
          );
          checkRequestLines(row, request.order_lines, taken, 'refunded');
          const id = timeOrderedId();
          db.prepare(
            `INSERT INTO refunds (refund_id, order_id, refunded_amount, refunded_at, description, reference, order_lines, idempotency_key)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(id, orderId, request.refunded_amount, now.toISOString(), request.description ?? null, request.reference ?? null, JSON.stringify(request.order_lines ?? []), options.idempotencyKey);
          db.prepare(`UPDATE orders SET status = ?, refunded_amount = ? WHERE order_id = ?`).run(next.status === 'EXPIRED' ? row.status : next.status, next.refunded_amount, orderId);
          event.run(orderId, now.toISOString(), 'refunded', request.refunded_amount, `refund ${id}${request.reference ? ` (reference ${request.reference})` : ''}`);
          return toRefund(byId.get(id) as Parameters<typeof toRefund>[0]);
        })
        .immediate();
      faults.afterCommit('refund');
      return refund;
    },

    async cancel(orderId, options) {
      return stateOperation(orderId, options.idempotencyKey, 'cancel', (row, now) => {
        applyCancel(orderState(row, capturesCount.get(orderId)?.n ?? 0), now);
        db.prepare(`UPDATE orders SET status = 'CANCELLED' WHERE order_id = ?`).run(orderId);
        return 'order cancelled; the authorization was voided';
      });
    },

    async releaseRemaining(orderId, options) {
      return stateOperation(orderId, options.idempotencyKey, 'release', (row, now) => {
        const next = applyRelease(orderState(row, capturesCount.get(orderId)?.n ?? 0), now);
        db.prepare(`UPDATE orders SET status = ?, released = 1 WHERE order_id = ?`).run(next.status, orderId);
        return `released ${row.order_amount - row.captured_amount} (minor units) of remaining authorization`;
      });
    },

    async extendAuthorization(orderId, options) {
      return stateOperation(orderId, options.idempotencyKey, 'extend', (row, now) => {
        const next = applyExtend(orderState(row, capturesCount.get(orderId)?.n ?? 0), now);
        db.prepare(`UPDATE orders SET expires_at = ? WHERE order_id = ?`).run(next.expires_at, orderId);
        return `authorization extended to ${next.expires_at}`;
      });
    },

    async addShippingInfo(orderId, captureId, info: ShippingInfo[], options) {
      faults.before('shipping_info');
      db.transaction(() => {
        const row = loadRow(db, orderId);
        access.require('orders.manage', row.store_id);
        if (priorUse(db, options.idempotencyKey, 'shipping_info', orderId)) return;
        const capture = captureRows(db, orderId).find((c) => c.capture_id === captureId);
        if (!capture) throw new ValidationError([{ field: 'capture_id', rule: `no capture ${captureId} on order ${orderId}` }]);
        const now = clock.now().toISOString();
        db.prepare(`UPDATE captures SET shipping_info = ? WHERE capture_id = ?`).run(JSON.stringify([...capture.shipping_info, ...info]), captureId);
        recordOp.run(options.idempotencyKey, 'shipping_info', orderId, now);
        event.run(orderId, now, 'shipping_info', null, `shipping info added to capture ${captureId}`);
      }).immediate();
    },
  };
}
