/**
 * The sandbox "sends" a message by rendering it and storing it in `link_messages` (the outbox). A message
 * for later is stored as `scheduled` and turned `sent` by dispatch.
 */
import { randomUUID } from '../../../infra/lazy-crypto.js';
import { DEFAULT_TEMPLATES, renderTemplate } from '../../../domain/link-fields.js';
import { formatMoney } from '../../../domain/money.js';
import type { LinkMessage } from '../../../domain/model/payment-link.js';
import type { Db } from '../database.js';
import { linkUrl, type LinkRow } from './link-rows.js';

export interface NewMessage {
  channel: 'email' | 'sms';
  recipient: string;
  template: string | null;
  /** ISO; a time after `now` schedules the message. */
  sendAt?: string | undefined;
}

export function renderLinkMessage(link: LinkRow, storeName: string, channel: 'email' | 'sms', template: string | null): { subject: string | null; body: string } {
  const body = renderTemplate(template ?? DEFAULT_TEMPLATES[channel], {
    url: linkUrl(link.link_id),
    amount: formatMoney(link.order_amount, link.purchase_currency),
    store: storeName,
    reference: link.merchant_reference1,
    expires: `${link.expires_at.slice(0, 10)} ${link.expires_at.slice(11, 16)} UTC`,
    description: link.description ?? '',
  });
  return { subject: channel === 'email' ? `Payment link from ${storeName}: order ${link.merchant_reference1}` : null, body };
}

/** Inserts one message (must run inside the caller's transaction). */
export function insertMessage(db: Db, link: LinkRow, message: NewMessage, now: Date): LinkMessage {
  const store = db.prepare<[string], { name: string }>(`SELECT name FROM stores WHERE id = ?`).get(link.store_id);
  const { subject, body } = renderLinkMessage(link, store?.name ?? link.store_id, message.channel, message.template);
  const scheduled = message.sendAt !== undefined && Date.parse(message.sendAt) > now.getTime();
  const row: LinkMessage = {
    message_id: randomUUID(),
    link_id: link.link_id,
    channel: message.channel,
    recipient: message.recipient,
    subject,
    body,
    status: scheduled ? 'scheduled' : 'sent',
    detail: null,
    scheduled_for: scheduled ? (message.sendAt ?? null) : null,
    sent_at: scheduled ? null : now.toISOString(),
    created_at: now.toISOString(),
  };
  db.prepare(
    `INSERT INTO link_messages (message_id, link_id, channel, recipient, subject, body, status, detail, scheduled_for, sent_at, created_at)
     VALUES (@message_id, @link_id, @channel, @recipient, @subject, @body, @status, @detail, @scheduled_for, @sent_at, @created_at)`,
  ).run(row);
  return row;
}

export function messagesOf(db: Db, linkId: string): LinkMessage[] {
  return db.prepare<[string], LinkMessage>(`SELECT * FROM link_messages WHERE link_id = ? ORDER BY created_at, rowid`).all(linkId);
}

/** The messages of a page of links in one query (not one per link), by link, each in sending order. */
export function messagesOfPage(db: Db, linkIds: readonly string[]): Map<string, LinkMessage[]> {
  const out = new Map<string, LinkMessage[]>();
  if (linkIds.length === 0) return out;
  const rows = db
    .prepare<string[], LinkMessage>(`SELECT * FROM link_messages WHERE link_id IN (${linkIds.map(() => '?').join(', ')}) ORDER BY link_id, created_at, rowid`)
    .all(...linkIds);
  for (const row of rows) {
    const list = out.get(row.link_id);
    if (list) list.push(row);
    else out.set(row.link_id, [row]);
  }
  return out;
}
