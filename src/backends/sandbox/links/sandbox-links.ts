/**
 * Payment links in the sandbox (`LinksApi`). Every write runs in one IMMEDIATE transaction that reads and
 * writes, so two processes never both create the same link, cancel a paid link, or send one message twice.
 * The sandbox enforces what Kustom enforces (terms URL, currency in the agreement, valid lines, 48 h).
 */
import { MESSAGE_CHANNELS, messageChannels } from '../../../domain/link-channels.js';
import { timeOrderedId } from '../time-ordered-id.js';
import { NotFoundError, ValidationError } from '../../../errors.js';
import { assertLinkOperation, isFinalLinkStatus } from '../../../domain/link-lifecycle.js';
import { linkReferenceTaken, validateLinkRequest } from '../../../domain/link-request.js';
import type { Clock } from '../../../domain/clock.js';
import type { CreateLinkRequest, LinksApi } from '../../types/links.js';
import type { LinkMessage, PaymentLink } from '../../../domain/model/payment-link.js';
import type { SandboxAccess } from '../access.js';
import type { Db } from '../database.js';
import { EFFECTIVE_STATUS_SQL, toLink, type LinkRow } from './link-rows.js';
import { insertMessage, messagesOf, messagesOfPage } from './messages.js';
import { searchLinks } from './search-links.js';
import { prefixSql } from '../search-sql.js';
import { useStreamCache } from '../stream-cache.js';

const DEFAULT_PAGE = 100;

export function loadLinkRow(db: Db, linkId: string): LinkRow {
  const row = db.prepare<[string], LinkRow>(`SELECT * FROM links WHERE link_id = ?`).get(linkId);
  if (!row) throw new NotFoundError('Payment link', linkId, { hint: 'See: merchant links list' });
  return row;
}

export function readLink(db: Db, linkId: string, now: Date): PaymentLink {
  return toLink(loadLinkRow(db, linkId), messagesOf(db, linkId), now);
}

// Pages are keyed on (created_at, rowid): rowid follows insertion, so links made in the same millisecond keep their order.
function encodeCursor(row: { created_at: string; seq: number }): string {
  return Buffer.from(`${row.created_at}|${row.seq}`).toString('base64url');
}

function decodeCursor(cursor: string): [string, number] {
  const [createdAt, seq] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !seq || !/^\d+$/.test(seq)) throw ValidationError.single('cursor', 'is not a cursor from a previous page');
  return [createdAt, Number(seq)];
}

export function createSandboxLinks(db: Db, clock: Clock, access: SandboxAccess): LinksApi {
  /** Checks and inserts one link (and its first message); runs inside the caller's IMMEDIATE transaction. */
  const insertLink = (request: CreateLinkRequest, idempotencyKey: string, now: Date): PaymentLink => {
    const existing = db.prepare<[string], { link_id: string }>(`SELECT link_id FROM links WHERE idempotency_key = ?`).get(idempotencyKey);
    if (existing) return readLink(db, existing.link_id, now);
    const storeRow = db
      .prepare<[string], { id: string; purchase_country: string; terms_url: string | null; currencies: string }>(`SELECT id, purchase_country, terms_url, currencies FROM stores WHERE id = ?`)
      .get(request.store_id);
    if (!storeRow) throw new NotFoundError('Store', request.store_id, { hint: 'See: merchant stores list' });
    validateLinkRequest(request, { ...storeRow, currencies: JSON.parse(storeRow.currencies) as string[] }, now);
    if (request.link_reference) {
      const taken = db.prepare<[string, string], { link_id: string }>(`SELECT link_id FROM links WHERE store_id = ? AND link_reference = ?`).get(request.store_id, request.link_reference);
      if (taken) throw linkReferenceTaken(request.link_reference, taken.link_id, request.store_id);
    }
    const channel = request.delivery.channel;
    const row: LinkRow = {
      link_id: timeOrderedId(),
      store_id: request.store_id,
      status: 'created',
      order_id: null,
      purchase_country: request.purchase_country,
      purchase_currency: request.purchase_currency,
      locale: request.locale,
      order_amount: request.order_amount,
      order_tax_amount: request.order_tax_amount,
      order_lines: JSON.stringify(request.order_lines),
      merchant_reference1: request.merchant_reference1,
      merchant_reference2: request.merchant_reference2 ?? null,
      link_reference: request.link_reference ?? null,
      description: request.description ?? null,
      notes: JSON.stringify(request.notes),
      invoice_number: request.invoice_number ?? null,
      attachment: request.attachment ? JSON.stringify(request.attachment) : null,
      customer_email: request.customer.email ?? null,
      customer_phone: request.customer.phone ?? null,
      auto_capture: request.auto_capture ? 1 : 0,
      channel: channel === 'email,sms' ? 'email' : channel,
      channels: channel === 'email,sms' ? channel : null,
      template: request.delivery.template ?? null,
      created_at: now.toISOString(),
      created_by: request.created_by,
      expires_at: request.expires_at,
      cancelled_at: null,
      completed_at: null,
      duplicated_from: request.duplicated_from ?? null,
      idempotency_key: idempotencyKey,
    };
    db.prepare(
      `INSERT INTO links (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((k) => `@${k}`).join(', ')})`,
    ).run(row);
    for (const medium of messageChannels(channel)) {
      const recipient = medium === 'email' ? (request.customer.email ?? '') : (request.customer.phone ?? '');
      insertMessage(db, row, { channel: medium, recipient, template: row.template, sendAt: request.delivery.send_at }, now);
    }
    return readLink(db, row.link_id, now);
  };

  return {
    async create(request: CreateLinkRequest, options) {
      access.require('links.create', request.store_id);
      return db.transaction(() => insertLink(request, options.idempotencyKey, clock.now())).immediate();
    },

    async createMany(items) {
      for (const item of items) access.require('links.create', item.request.store_id);
      // All or nothing: one refused row rolls back every row of the batch.
      return db
        .transaction(() => {
          const now = clock.now();
          return items.map((item, index) => {
            try {
              return insertLink(item.request, item.idempotencyKey, now);
            } catch (error) {
              if (error instanceof ValidationError) {
                throw new ValidationError(error.issues.map((i) => ({ field: `items[${index}].${i.field}`, rule: i.rule })), { hint: 'Nothing was created.' });
              }
              throw error;
            }
          });
        })
        .immediate();
    },

    async get(linkId) {
      const row = loadLinkRow(db, linkId);
      access.require('links.view', row.store_id);
      return toLink(row, messagesOf(db, linkId), clock.now());
    },

    async findByReference(storeId, linkReference) {
      access.require('links.view', storeId);
      const row = db.prepare<[string, string], LinkRow>(`SELECT * FROM links WHERE store_id = ? AND link_reference = ?`).get(storeId, linkReference);
      return row ? toLink(row, messagesOf(db, row.link_id), clock.now()) : undefined;
    },

    async search(query) {
      return searchLinks(db, access, query, clock.now());
    },

    async list(query) {
      access.require('links.view', query.store_id ?? null);
      const now = clock.now().toISOString();
      const where: string[] = [];
      const params: Record<string, unknown> = { now };
      if (query.store_id) {
        where.push('store_id = @store');
        params['store'] = query.store_id;
      }
      if (query.statuses?.length) {
        where.push(`(${EFFECTIVE_STATUS_SQL}) IN (${query.statuses.map((_, i) => `@s${i}`).join(', ')})`);
        query.statuses.forEach((s, i) => (params[`s${i}`] = s));
      }
      if (query.created_from) {
        where.push('created_at >= @from');
        params['from'] = query.created_from;
      }
      if (query.created_to) {
        where.push('created_at < @to');
        params['to'] = query.created_to;
      }
      if (query.reference) {
        where.push('(merchant_reference1 = @ref COLLATE NOCASE OR merchant_reference2 = @ref COLLATE NOCASE OR link_reference = @ref COLLATE NOCASE)');
        params['ref'] = query.reference;
      }
      if (query.contact) {
        // A phone is exact (E.164); anything else is the start of an email, case-insensitive.
        where.push(query.contact.startsWith('+') ? 'customer_phone = @contact' : prefixSql('customer_email', '@contact'));
        params['contact'] = query.contact;
      }
      if (query.cursor) {
        useStreamCache(db);
        const [createdAt, seq] = decodeCursor(query.cursor);
        // A row value: a range over the created_at index (which holds the rowid), a seek per page.
        where.push('(created_at, rowid) < (@cAt, @cSeq)');
        params['cAt'] = createdAt;
        params['cSeq'] = seq;
      }
      const size = Math.max(1, Math.min(query.pageSize ?? DEFAULT_PAGE, 500));
      params['limit'] = size + 1;
      const rows = db
        .prepare<[Record<string, unknown>], LinkRow & { seq: number }>(
          `SELECT rowid AS seq, * FROM links ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
        )
        .all(params);
      const page = rows.slice(0, size);
      const last = page[page.length - 1];
      const at = clock.now();
      const messages = messagesOfPage(db, page.map((r) => r.link_id));
      return {
        items: page.map((r) => toLink(r, messages.get(r.link_id) ?? [], at)),
        ...(rows.length > size && last ? { nextCursor: encodeCursor(last) } : {}),
      };
    },

    async cancel(linkId) {
      const storeId = loadLinkRow(db, linkId).store_id;
      access.require('links.create', storeId);
      return db
        .transaction(() => {
          const now = clock.now();
          const row = loadLinkRow(db, linkId);
          assertLinkOperation(row, 'cancel', now);
          db.prepare(`UPDATE links SET status = 'cancelled', cancelled_at = ? WHERE link_id = ?`).run(now.toISOString(), linkId);
          db.prepare(`UPDATE link_messages SET status = 'failed', detail = 'link cancelled before the scheduled time' WHERE link_id = ? AND status = 'scheduled'`).run(linkId);
          return readLink(db, linkId, now);
        })
        .immediate();
    },

    async send(linkId, delivery) {
      const storeId = loadLinkRow(db, linkId).store_id;
      access.require('links.create', storeId);
      return db
        .transaction((): LinkMessage => {
          const now = clock.now();
          const row = loadLinkRow(db, linkId);
          assertLinkOperation(row, 'resend', now);
          const channel = delivery.channel;
          if (!MESSAGE_CHANNELS.includes(channel)) throw ValidationError.single('send', 'choose email or sms to send one message');
          const recipient = delivery.recipient ?? (channel === 'email' ? row.customer_email : row.customer_phone);
          if (!recipient) throw ValidationError.single(channel === 'email' ? 'email' : 'phone', `the link has no customer ${channel === 'email' ? 'email' : 'phone number'} to send to`);
          if (delivery.send_at !== undefined && Date.parse(delivery.send_at) >= Date.parse(row.expires_at)) {
            throw ValidationError.single('send_at', `must be before the link expires (${row.expires_at})`);
          }
          return insertMessage(db, row, { channel, recipient, template: delivery.template ?? row.template, sendAt: delivery.send_at }, now);
        })
        .immediate();
    },

    async dispatchDue() {
      access.require('links.create', null);
      // One IMMEDIATE transaction claims and marks every due message: a second dispatcher waits for the
      // lock and then finds nothing left in `scheduled`, so each message is sent exactly once.
      return db
        .transaction((): LinkMessage[] => {
          const now = clock.now();
          const due = db
            .prepare<[string], LinkMessage>(`SELECT * FROM link_messages WHERE status = 'scheduled' AND scheduled_for <= ? ORDER BY scheduled_for, rowid`)
            .all(now.toISOString());
          const markSent = db.prepare(`UPDATE link_messages SET status = 'sent', sent_at = ? WHERE message_id = ? AND status = 'scheduled'`);
          const markFailed = db.prepare(`UPDATE link_messages SET status = 'failed', detail = ? WHERE message_id = ? AND status = 'scheduled'`);
          const out: LinkMessage[] = [];
          for (const message of due) {
            const link = readLink(db, message.link_id, now);
            if (isFinalLinkStatus(link.status)) {
              const detail = `link is ${link.status}; not sent`;
              if (markFailed.run(detail, message.message_id).changes === 1) out.push({ ...message, status: 'failed', detail });
            } else if (markSent.run(now.toISOString(), message.message_id).changes === 1) {
              out.push({ ...message, status: 'sent', sent_at: now.toISOString() });
            }
          }
          return out;
        })
        .immediate();
    },
  };
}
