/** Rows of the ledger's `links` and `link_messages` tables, and the queries the links API needs. */
import type { LinkMessage } from '../../../domain/model/payment-link.js';
import type { LedgerDb } from './database.js';

export interface LinkRow {
  idempotency_key: string;
  link_id: string | null;
  store_id: string;
  checkout_order_id: string;
  session_url: string | null;
  distribution_url: string | null;
  url: string | null;
  provider_status: string | null;
  order_id: string | null;
  link_reference: string | null;
  merchant_reference1: string;
  merchant_reference2: string | null;
  request: string;
  created_at: string;
  expires_at: string;
  cancelled_at: string | null;
  completed_at: string | null;
  refreshed_at: string | null;
}

export interface MessageRow extends Omit<LinkMessage, 'detail'> {
  error: string | null;
}

export interface LinksRepo {
  byKey(key: string): LinkRow | undefined;
  byId(linkId: string): LinkRow | undefined;
  byReference(storeId: string, linkReference: string): LinkRow | undefined;
  all(): LinkRow[];
  insertPending(row: Pick<LinkRow, 'idempotency_key' | 'store_id' | 'checkout_order_id' | 'link_reference' | 'merchant_reference1' | 'merchant_reference2' | 'request' | 'created_at' | 'expires_at'>): void;
  attachSession(key: string, session: { link_id: string; session_url: string; distribution_url: string; url: string; expires_at: string }): void;
  updateStatus(linkId: string, patch: { provider_status: string; order_id?: string | null; completed_at?: string | null; cancelled_at?: string | null; refreshed_at: string }): void;
  messages(linkId: string): MessageRow[];
  insertMessage(message: MessageRow): void;
  finishMessage(messageId: string, status: 'sent' | 'failed', at: string, error: string | null): void;
  /**
   * Atomically moves the next due scheduled message to `sending` and returns it (so two dispatchers never
   * both send it); one at a time, so a claim covers one send and dispatchers share a long queue.
   */
  claimNext(now: string): MessageRow | undefined;
  /** Returns a claimed message that was not sent (a stopped dispatch) to `scheduled`. */
  release(messageId: string): void;
}

export function createLinksRepo(db: LedgerDb): LinksRepo {
  const byKey = db.prepare<[string], LinkRow>(`SELECT * FROM links WHERE idempotency_key = ?`);
  const byId = db.prepare<[string], LinkRow>(`SELECT * FROM links WHERE link_id = ?`);
  const byRef = db.prepare<[string, string], LinkRow>(`SELECT * FROM links WHERE store_id = ? AND link_reference = ? AND link_id IS NOT NULL`);
  const all = db.prepare<[], LinkRow>(`SELECT * FROM links WHERE link_id IS NOT NULL ORDER BY created_at DESC, rowid DESC`);
  const messages = db.prepare<[string], MessageRow>(`SELECT * FROM link_messages WHERE link_id = ? ORDER BY created_at, rowid`);
  const due = db.prepare<[string], MessageRow>(`SELECT * FROM link_messages WHERE status = 'scheduled' AND scheduled_for <= ? ORDER BY scheduled_for, rowid LIMIT 1`);
  return {
    byKey: (key) => byKey.get(key),
    byId: (id) => byId.get(id),
    byReference: (storeId, ref) => byRef.get(storeId, ref),
    all: () => all.all(),
    insertPending(row) {
      db.prepare(
        `INSERT INTO links (idempotency_key, store_id, checkout_order_id, link_reference, merchant_reference1, merchant_reference2, request, created_at, expires_at)
         VALUES (@idempotency_key, @store_id, @checkout_order_id, @link_reference, @merchant_reference1, @merchant_reference2, @request, @created_at, @expires_at)`,
      ).run(row);
    },
    attachSession(key, s) {
      db.prepare(
        `UPDATE links SET link_id = ?, session_url = ?, distribution_url = ?, url = ?, expires_at = ?, provider_status = 'WAITING' WHERE idempotency_key = ?`,
      ).run(s.link_id, s.session_url, s.distribution_url, s.url, s.expires_at, key);
    },
    updateStatus(linkId, patch) {
      const current = byId.get(linkId);
      if (!current) return;
      db.prepare(`UPDATE links SET provider_status = ?, order_id = ?, completed_at = ?, cancelled_at = ?, refreshed_at = ? WHERE link_id = ?`).run(
        patch.provider_status,
        patch.order_id === undefined ? current.order_id : patch.order_id,
        patch.completed_at === undefined ? current.completed_at : patch.completed_at,
        patch.cancelled_at === undefined ? current.cancelled_at : patch.cancelled_at,
        patch.refreshed_at,
        linkId,
      );
    },
    messages: (linkId) => messages.all(linkId),
    insertMessage(m) {
      db.prepare(
        `INSERT INTO link_messages (message_id, link_id, channel, recipient, subject, body, status, scheduled_for, sent_at, error, created_at)
         VALUES (@message_id, @link_id, @channel, @recipient, @subject, @body, @status, @scheduled_for, @sent_at, @error, @created_at)`,
      ).run(m);
    },
    finishMessage(id, status, at, error) {
      db.prepare(`UPDATE link_messages SET status = ?, sent_at = ?, error = ? WHERE message_id = ?`).run(status, status === 'sent' ? at : null, error, id);
    },
    claimNext(now) {
      return db
        .transaction(() => {
          const row = due.get(now);
          if (!row) return undefined;
          db.prepare(`UPDATE link_messages SET status = 'sending' WHERE message_id = ? AND status = 'scheduled'`).run(row.message_id);
          return row;
        })
        .immediate();
    },
    release(id) {
      db.prepare(`UPDATE link_messages SET status = 'scheduled' WHERE message_id = ? AND status = 'sending'`).run(id);
    },
  };
}
