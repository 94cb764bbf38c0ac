/** Stores in the sandbox: rows in `stores`; changing them needs the `stores.manage` permission. */
import type { Clock } from '../../domain/clock.js';
import { createSqliteStores } from '../sqlite/sqlite-stores.js';
import type { StoresApi } from '../types/stores.js';
import type { SandboxAccess } from './access.js';
import type { Db } from './database.js';

export function createSandboxStores(db: Db, clock: Clock, access: SandboxAccess): StoresApi {
  return createSqliteStores(db, clock, {
    authorize: (storeId) => access.require('stores.manage', storeId),
    notFoundHint: 'See: merchant stores list',
  });
}
