/**
 * Sandboxes at volume for the reading figures, seeded with direct SQL inserts in large transactions (the
 * CLI creates and migrates the database first), and made once per bench run: figures that read the same
 * shape share one home.
 *
 * The shape: `orders` orders, one in ten in se-demo (SEK) and the rest in de-demo (EUR), created over the
 * last 90 days; four in five captured, the others open authorizations; each with a reference
 * (`VOL-<n>`), a Kustom reference, an email (`customer<n>@example.com`), a phone and one of 2,500 names.
 * And `links` links in se-demo over the same 90 days, one in ten still open, each with a reference and an
 * email.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { nameWords } from '../../src/domain/name-words.js';
import { benchEnv, benchHome, merchant } from './cli.js';

export interface VolumeSandbox {
  home: string;
  env: NodeJS.ProcessEnv;
  orders: number;
  links: number;
  /** Orders in se-demo (the rest are in de-demo). */
  storeOrders: number;
  seedSeconds: number;
}

const FIRST = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Johan', 'Eva', 'Anders', 'Sara', 'Per', 'Lena', 'Nils', 'Ida', 'Olof', 'Elsa', 'Hugo', 'Alma', 'Axel', 'Ebba', 'Leo', 'Ada', 'Otto', 'Vera', 'Emil', 'Saga', 'Lina', 'Knut', 'Tove', 'Arvid', 'Maja', 'Gustav', 'Stina', 'Ivar', 'Greta', 'Sven', 'Frida', 'Ture', 'Signe', 'Bo', 'Astrid', 'Jonas', 'Klara', 'Malte', 'Hedda', 'Viggo', 'Tilda', 'Arne', 'Linnea', 'Rolf', 'Ingrid'];
const LAST = ['Svensson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Andersson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Lindqvist', 'Olofsson', 'Lindgren', 'Axelsson', 'Berg', 'Bergström', 'Lundberg', 'Lind', 'Lundgren', 'Lundqvist', 'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Eklund', 'Danielsson', 'Lundin', 'Håkansson', 'Björk', 'Bergman', 'Gunnarsson', 'Holm', 'Wikström', 'Samuelsson', 'Isaksson', 'Fransson', 'Bergqvist'];
const LINES = JSON.stringify([{ type: 'physical', reference: 'SKU-1', name: 'Demo item', quantity: 2, unit_price: 12500, tax_rate: 2500, total_discount_amount: 0, total_amount: 25000, total_tax_amount: 5000 }]);
const BATCH = 50_000;
const DAY = 86_400_000;

export const customerName = (i: number): string => `${FIRST[i % FIRST.length] as string} ${LAST[Math.floor(i / FIRST.length) % LAST.length] as string}`;

/** The seeded names' words as the CLI folds them (src/domain/name-words.ts): the names are plain words with accents. */

function insertInBatches(db: Database.Database, count: number, insert: (i: number) => void): void {
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insert(i);
  });
  for (let from = 0; from < count; from += BATCH) batch(from, Math.min(count, from + BATCH));
}

function seed(bin: string, orders: number, links: number): VolumeSandbox {
  const started = Date.now();
  const home = benchHome();
  const env = benchEnv(home);
  merchant(bin, ['stores', 'list', '--json'], env); // creates and migrates the database
  const db = new Database(join(home, 'data', 'sandbox.db'));
  // Set-up only, on a throw-away file: no journal, no syncs, the indexes' pages held in memory.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const now = Date.now();
  // Oldest first, spread over 90 days, so the newest rows are the last inserted (as in real use).
  const at = (i: number, n: number): string => new Date(now - 90 * DAY + Math.floor((i * 90 * DAY) / n)).toISOString();
  const storeOrders = Math.floor(orders / 10);
  // Secondary indexes are dropped and rebuilt from their own stored SQL after the inserts: one sorted
  // build per index is far cheaper than a million random index updates per table.
  const indexes = db
    .prepare<[], { name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('orders', 'order_name_words', 'links')`)
    .all();
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  // The CLI writes an order's name words with the order (migration 12); a seed by SQL writes them too.
  const word = db.prepare(`INSERT INTO order_name_words (word, order_id, created_at) VALUES (?, ?, ?)`);
  const order = db.prepare(`INSERT INTO orders (order_id, store_id, link_id, status, purchase_country, purchase_currency, locale, order_amount, original_order_amount, captured_amount, refunded_amount, released,
      merchant_reference1, merchant_reference2, klarna_reference, customer_email, customer_phone, customer_name, order_lines, created_at, expires_at)
    VALUES (?, ?, NULL, ?, ?, ?, ?, 25000, 25000, ?, 0, 0, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`);
  insertInBatches(db, orders, (i) => {
    const se = i % 10 === 0;
    const captured = i % 5 !== 0;
    const created = at(i, orders);
    order.run(`vol-order-${i}`, se ? 'se-demo' : 'de-demo', captured ? 'CAPTURED' : 'AUTHORIZED', se ? 'SE' : 'DE', se ? 'SEK' : 'EUR', se ? 'sv-SE' : 'de-DE', captured ? 25000 : 0,
      `VOL-${i}`, `K${i.toString(36).toUpperCase().padStart(6, '0')}`, `customer${i}@example.com`, `+4670${String(i).padStart(7, '0')}`, customerName(i), LINES, created, new Date(Date.parse(created) + 120 * DAY).toISOString());
    for (const w of nameWords(customerName(i))) word.run(w, `vol-order-${i}`, created);
  });
  const link = db.prepare(`INSERT INTO links (link_id, store_id, status, purchase_country, purchase_currency, locale, order_amount, order_tax_amount, order_lines, merchant_reference1, customer_email, channel, created_at, created_by, expires_at, idempotency_key)
    VALUES (?, 'se-demo', ?, 'SE', 'SEK', 'sv-SE', 25000, 5000, ?, ?, ?, 'none', ?, 'bench', ?, ?)`);
  insertInBatches(db, links, (i) => {
    const created = at(i, links);
    const open = i % 10 === 0;
    link.run(`vol-link-${i}`, open ? 'created' : 'cancelled', LINES, `LINK-${i}`, `buyer${i}@example.com`, created, new Date(Date.parse(created) + (open ? 120 : 2) * DAY).toISOString(), `bench-link-${i}`);
  });
  for (const index of indexes) db.exec(index.sql);
  db.pragma('optimize');
  db.pragma('journal_mode = WAL');
  db.close();
  return { home, env, orders, links, storeOrders, seedSeconds: (Date.now() - started) / 1000 };
}

const made = new Map<string, VolumeSandbox>();

/** The volume sandbox of this shape, seeded on first use in this bench run. */
export function volumeSandbox(bin: string, orders: number, links: number): VolumeSandbox {
  const key = `${orders}/${links}`;
  const existing = made.get(key);
  if (existing) return existing;
  const sandbox = seed(bin, orders, links);
  made.set(key, sandbox);
  return sandbox;
}
