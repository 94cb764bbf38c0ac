/**
 * Where a single money write records its intent: the shared database when database_url is set on the
 * kustom backend (a command left unknown on one machine is settled from another), else this machine's
 * files. The sandbox's orders are local, so its records are too.
 */
import type { Context } from '../../context.js';
import type { PendingLocation } from '../../../services/orders/pending-store.js';

export const sharedDatabaseUrl = (ctx: Context): string | undefined => (ctx.settings().backend.value === 'kustom' ? ctx.settings().database_url.value : undefined);

export const pendingLocation = (ctx: Context): PendingLocation => ({ dataDir: ctx.paths.dataDir, databaseUrl: sharedDatabaseUrl(ctx) });
