/**
 * The ledger's links and messages in the shared PostgreSQL database.
 *
 * Dispatching is shared too: a dispatcher claims one due message at a time (`FOR UPDATE SKIP LOCKED`, so
 * dispatchers on several hosts never wait for or take the same row) and puts its name and a lease on it,
 * timed by the database server's clock so hosts with skewed clocks agree. A message whose claim's lease ran
 * out (its dispatcher was killed or lost the database) is due again for any dispatcher.
 */
import type { PgPool } from '../../../infra/postgres.js';
import type { LinksLedger } from './ledger.js';
import type { LinkRow, MessageRow } from './links-repo.js';

const LINK_COLUMNS = `idempotency_key, link_id, store_id, checkout_order_id, session_url, distribution_url, url, provider_status, order_id,
  link_reference, merchant_reference1, merchant_reference2, request, created_at, expires_at, cancelled_at, completed_at, refreshed_at`;
const MESSAGE_COLUMNS = `message_id, link_id, channel, recipient, subject, body, status, scheduled_for, sent_at, error, created_at`;

export interface PostgresLinksOptions {
  /** This dispatcher's name on its claims (host, process, a random part). */
  me: string;
  leaseMs: number;
}

export function createPostgresLinks(pool: PgPool, options: PostgresLinksOptions): LinksLedger {
  const link = async (where: string, params: unknown[]): Promise<LinkRow | undefined> =>
    (await pool.query<LinkRow>(`SELECT ${LINK_COLUMNS} FROM links WHERE ${where}`, params)).rows[0];
  return {
    byKey: (key) => link('idempotency_key = $1', [key]),
    byId: (id) => link('link_id = $1', [id]),
    byReference: (storeId, ref) => link('store_id = $1 AND link_reference = $2 AND link_id IS NOT NULL', [storeId, ref]),
    async all() {
      return (await pool.query<LinkRow>(`SELECT ${LINK_COLUMNS} FROM links WHERE link_id IS NOT NULL ORDER BY created_at DESC, seq DESC`)).rows;
    },
    async insertPending(row) {
      await pool.query(
        `INSERT INTO links (idempotency_key, store_id, checkout_order_id, link_reference, merchant_reference1, merchant_reference2, request, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [row.idempotency_key, row.store_id, row.checkout_order_id, row.link_reference, row.merchant_reference1, row.merchant_reference2, row.request, row.created_at, row.expires_at],
      );
    },
    async attachSession(key, s) {
      await pool.query(
        `UPDATE links SET link_id = $1, session_url = $2, distribution_url = $3, url = $4, expires_at = $5, provider_status = 'WAITING' WHERE idempotency_key = $6`,
        [s.link_id, s.session_url, s.distribution_url, s.url, s.expires_at, key],
      );
    },
    async updateStatus(linkId, patch) {
      // A field the patch leaves out keeps what another machine may have written meanwhile.
      const fields = (['order_id', 'completed_at', 'cancelled_at'] as const).filter((f) => patch[f] !== undefined);
      const params = [patch.provider_status, patch.refreshed_at, linkId, ...fields.map((f) => patch[f] ?? null)];
      const set = fields.map((f, i) => `, ${f} = $${i + 4}`).join('');
      await pool.query(`UPDATE links SET provider_status = $1, refreshed_at = $2${set} WHERE link_id = $3`, params);
    },
    async messages(linkId) {
      return (await pool.query<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM link_messages WHERE link_id = $1 ORDER BY created_at, seq`, [linkId])).rows;
    },
    async insertMessage(m) {
      await pool.query(
        `INSERT INTO link_messages (${MESSAGE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [m.message_id, m.link_id, m.channel, m.recipient, m.subject, m.body, m.status, m.scheduled_for, m.sent_at, m.error, m.created_at],
      );
    },
    async finishMessage(id, status, at, error) {
      // Only a message still being sent: a dispatcher whose claim was taken over never overwrites the outcome.
      await pool.query(
        `UPDATE link_messages SET status = $1, sent_at = $2, error = $3, claimed_by = NULL, lease_until = NULL WHERE message_id = $4 AND status = 'sending'`,
        [status, status === 'sent' ? at : null, error, id],
      );
    },
    async claimNext(now) {
      const { rows } = await pool.query<MessageRow>(
        `UPDATE link_messages SET status = 'sending', claimed_by = $2, lease_until = clock_timestamp() + $3::bigint * interval '1 millisecond'
         WHERE message_id = (
           SELECT message_id FROM link_messages
           WHERE scheduled_for <= $1 AND (status = 'scheduled' OR (status = 'sending' AND lease_until < clock_timestamp()))
           ORDER BY scheduled_for, seq LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING ${MESSAGE_COLUMNS}`,
        [now, options.me, options.leaseMs],
      );
      const row = rows[0];
      return row ? { ...row, status: 'scheduled' } : undefined;
    },
    async release(id) {
      await pool.query(
        `UPDATE link_messages SET status = 'scheduled', claimed_by = NULL, lease_until = NULL WHERE message_id = $1 AND status = 'sending' AND claimed_by = $2`,
        [id, options.me],
      );
    },
  };
}
