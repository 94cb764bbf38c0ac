/**
 * The demo data a fresh sandbox starts with, so the quick start works with no setup: one store ready for
 * payment links (it has a terms URL) and one that is not (so the terms-URL rule can be seen).
 */
import type Database from 'better-sqlite3';

export const DEMO_STORES = [
  {
    id: 'se-demo',
    name: 'Nordic Demo Shop',
    purchase_country: 'SE',
    currencies: ['SEK'],
    terms_url: 'https://shop.example/terms',
    payout_schedule: 'daily',
  },
  {
    id: 'de-demo',
    name: 'Berlin Demo Store',
    purchase_country: 'DE',
    currencies: ['EUR'],
    terms_url: null,
    payout_schedule: 'weekly',
  },
] as const;

export function seedDemoStores(db: Database.Database, now: Date): void {
  const insert = db.prepare(
    `INSERT INTO stores (id, name, purchase_country, currencies, terms_url, payout_schedule, created_at)
     VALUES (@id, @name, @purchase_country, @currencies, @terms_url, @payout_schedule, @created_at)`,
  );
  for (const store of DEMO_STORES) {
    insert.run({ ...store, currencies: JSON.stringify(store.currencies), created_at: now.toISOString() });
  }
}
