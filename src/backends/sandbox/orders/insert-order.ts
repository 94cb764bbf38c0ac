/**
 * Creates an authorized order in the sandbox's Order Management, as Kustom does when a customer
 * completes a checkout: used by `sandbox pay` (links) and by volume seeding. With auto-capture the full
 * amount is captured in the same transaction, so no one ever sees a half-made order.
 */
import { timeOrderedId } from '../time-ordered-id.js';
import { AUTHORIZATION_DAYS } from '../../../domain/order-lifecycle.js';
import type { OrderLine } from '../../../domain/order-lines.js';
import type { Db } from '../database.js';
import { nameWordsWriter } from './name-words-sql.js';

export interface NewSandboxOrder {
  store_id: string;
  link_id?: string | null;
  purchase_country: string;
  purchase_currency: string;
  locale: string;
  order_amount: number;
  order_lines: OrderLine[];
  merchant_reference1?: string | null;
  merchant_reference2?: string | null;
  customer?: { email?: string | undefined; phone?: string | undefined; name?: string | undefined };
  auto_capture?: boolean;
  /** Given by tests and seeding for reproducible IDs. */
  order_id?: string;
}

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Short consumer-facing reference like Kustom's `K4MADNY`. */
export function klarnaReference(): string {
  let out = 'K';
  for (let i = 0; i < 6; i++) out += REFERENCE_ALPHABET[Math.floor(Math.random() * REFERENCE_ALPHABET.length)] ?? 'X';
  return out;
}

/** Must run inside the caller's transaction when combined with other writes (it opens none itself). */
export function insertAuthorizedOrder(db: Db, order: NewSandboxOrder, now: Date): { order_id: string; capture_id: string | null } {
  const orderId = order.order_id ?? timeOrderedId();
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + AUTHORIZATION_DAYS * 86_400_000).toISOString();
  const lines = JSON.stringify(order.order_lines);
  const captured = order.auto_capture ? order.order_amount : 0;
  db.prepare(
    `INSERT INTO orders (order_id, store_id, link_id, status, purchase_country, purchase_currency, locale, order_amount,
       original_order_amount, captured_amount, merchant_reference1, merchant_reference2, klarna_reference,
       customer_email, customer_phone, customer_name, order_lines, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    orderId,
    order.store_id,
    order.link_id ?? null,
    order.auto_capture ? 'CAPTURED' : 'AUTHORIZED',
    order.purchase_country,
    order.purchase_currency,
    order.locale,
    order.order_amount,
    order.order_amount,
    captured,
    order.merchant_reference1 ?? null,
    order.merchant_reference2 ?? null,
    klarnaReference(),
    order.customer?.email ?? null,
    order.customer?.phone ?? null,
    order.customer?.name ?? null,
    lines,
    createdAt,
    expiresAt,
  );
  nameWordsWriter(db)(orderId, order.customer?.name);
  const event = db.prepare(`INSERT INTO order_events (order_id, at, type, amount, detail) VALUES (?, ?, ?, ?, ?)`);
  event.run(orderId, createdAt, 'created', order.order_amount, order.link_id ? `authorized via payment link ${order.link_id}` : 'authorized');
  let captureId: string | null = null;
  if (order.auto_capture && order.order_amount > 0) {
    captureId = timeOrderedId();
    db.prepare(
      `INSERT INTO captures (capture_id, order_id, captured_amount, captured_at, description, order_lines, idempotency_key)
       VALUES (?, ?, ?, ?, 'auto-capture', ?, ?)`,
    ).run(captureId, orderId, order.order_amount, createdAt, lines, `auto-capture:${orderId}`);
    event.run(orderId, createdAt, 'captured', order.order_amount, 'auto-capture at purchase');
  }
  return { order_id: orderId, capture_id: captureId };
}
