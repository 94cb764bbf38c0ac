/** `links.search` in the sandbox: each identifier kind through its own index (see search-sql.ts). */
import type { LinkMatch, SearchQuery } from '../../types/search.js';
import type { SandboxAccess } from '../access.js';
import type { Db } from '../database.js';
import { matchIds, newestFirst, textOf, type KindStatements } from '../search-sql.js';
import { toLink, type LinkRow } from './link-rows.js';
import { messagesOf } from './messages.js';

const STATEMENTS: KindStatements = {
  link_id: { sql: `SELECT link_id AS id FROM links WHERE link_id = @v`, value: textOf },
  link_url: { sql: `SELECT link_id AS id FROM links WHERE link_id = @v`, value: (q) => q.link_id },
  order_id: { sql: `SELECT link_id AS id FROM links WHERE order_id = @v`, value: textOf },
  link_reference: { sql: `SELECT link_id AS id FROM links WHERE link_reference = @v COLLATE NOCASE`, value: textOf },
  merchant_reference: {
    sql: `SELECT link_id AS id FROM links WHERE merchant_reference1 = @v COLLATE NOCASE UNION SELECT link_id FROM links WHERE merchant_reference2 = @v COLLATE NOCASE`,
    value: textOf,
  },
  email: { sql: `SELECT link_id AS id FROM links WHERE customer_email = @v COLLATE NOCASE`, value: (q) => q.email },
  phone: { sql: `SELECT link_id AS id FROM links WHERE customer_phone = @v`, value: (q) => q.phone },
};

export function searchLinks(db: Db, access: SandboxAccess, query: SearchQuery, now: Date): LinkMatch[] {
  access.require('links.view', query.store_id ?? null);
  const cap = query.limit + 1;
  const ids = matchIds((sql, value) => db.prepare<[{ v: string }], { id: string }>(`${sql} LIMIT ${cap}`).all({ v: value }).map((r) => r.id), STATEMENTS, query);
  const one = db.prepare<[string], LinkRow>(`SELECT * FROM links WHERE link_id = ?`);
  const matches: LinkMatch[] = [];
  for (const [id, kind] of ids) {
    const row = one.get(id);
    if (!row || (query.store_id && row.store_id !== query.store_id)) continue;
    matches.push({ link: toLink(row, messagesOf(db, row.link_id), now), kind });
  }
  return newestFirst(matches, (m) => m.link.created_at).slice(0, query.limit);
}
