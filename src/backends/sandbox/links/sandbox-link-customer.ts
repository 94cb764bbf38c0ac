/**
 * The customer's side of a sandbox link (`merchant sandbox open|pay|outbox`). Paying completes the link
 * and creates the Order Management order in ONE transaction, so a link is never completed without its
 * order (or the other way round).
 */
import { assertLinkOperation } from '../../../domain/link-lifecycle.js';
import type { Clock } from '../../../domain/clock.js';
import type { SandboxLinksControlApi } from '../../types/links.js';
import type { LinkMessage } from '../../../domain/model/payment-link.js';
import type { SandboxAccess } from '../access.js';
import type { Db } from '../database.js';
import { insertAuthorizedOrder } from '../orders/insert-order.js';
import { loadLinkRow, readLink } from './sandbox-links.js';

export function createSandboxLinkCustomer(db: Db, clock: Clock, access: SandboxAccess): SandboxLinksControlApi {
  return {
    async outbox(linkId) {
      if (linkId !== undefined) access.require('links.view', loadLinkRow(db, linkId).store_id);
      else access.require('links.view', null);
      const sql = `SELECT * FROM link_messages WHERE status = 'sent' ${linkId ? 'AND link_id = @link' : ''} ORDER BY sent_at, rowid`;
      return db.prepare<[Record<string, unknown>], LinkMessage>(sql).all(linkId ? { link: linkId } : {});
    },
    async open(linkId) {
      access.require('links.view', loadLinkRow(db, linkId).store_id);
      return db
        .transaction(() => {
          const now = clock.now();
          assertLinkOperation(loadLinkRow(db, linkId), 'open', now);
          db.prepare(`UPDATE links SET status = 'in_progress', opened_at = COALESCE(opened_at, ?) WHERE link_id = ?`).run(now.toISOString(), linkId);
          return readLink(db, linkId, now);
        })
        .immediate();
    },
    async pay(linkId, options = {}) {
      access.require('links.view', loadLinkRow(db, linkId).store_id);
      return db
        .transaction(() => {
          const now = clock.now();
          const row = loadLinkRow(db, linkId);
          assertLinkOperation(row, 'pay', now);
          if (options.decline) {
            db.prepare(`UPDATE links SET status = 'failed' WHERE link_id = ?`).run(linkId);
            return readLink(db, linkId, now);
          }
          const link = readLink(db, linkId, now);
          const { order_id } = insertAuthorizedOrder(
            db,
            {
              store_id: row.store_id,
              link_id: row.link_id,
              purchase_country: row.purchase_country,
              purchase_currency: row.purchase_currency,
              locale: row.locale,
              order_amount: row.order_amount,
              order_lines: link.order_lines,
              merchant_reference1: row.merchant_reference1,
              merchant_reference2: row.merchant_reference2,
              customer: link.customer,
              auto_capture: row.auto_capture === 1,
            },
            now,
          );
          db.prepare(`UPDATE links SET status = 'completed', order_id = ?, completed_at = ? WHERE link_id = ?`).run(order_id, now.toISOString(), linkId);
          return readLink(db, linkId, now);
        })
        .immediate();
    },
  };
}
