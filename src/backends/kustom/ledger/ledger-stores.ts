/**
 * Stores for the kustom backend. Kustom has no store API (a store is a MID agreed with Kustom), so what
 * `stores add/configure` records — name, country, currencies, terms URL — lives in the ledger.
 */
import type { Clock } from '../../../domain/clock.js';
import { createSqliteStores } from '../../sqlite/sqlite-stores.js';
import type { StoresApi } from '../../types/stores.js';
import type { LedgerDb } from './database.js';

export function createLedgerStores(db: LedgerDb, clock: Clock): StoresApi {
  return createSqliteStores(db, clock, { notFoundHint: 'The kustom backend keeps stores locally: merchant stores add --backend kustom' });
}
