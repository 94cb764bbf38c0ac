/**
 * `keys verify` on Kustom. There is no key API (keys are made in the Portal), so the only thing the
 * backend can do with keys is check the one in use with the cheapest authenticated call:
 * `GET /settlements/v1/payouts?size=1` — 200 means it works, 401 is an AuthError (exit 4).
 */
import type { CredentialCheck } from '../../../domain/model/api-key.js';
import type { KustomContext } from '../context.js';

export async function verifyKustomCredentials(ctx: KustomContext): Promise<CredentialCheck> {
  await ctx.http.request({ method: 'GET', path: '/settlements/v1/payouts', query: { size: 1 }, operation: 'keys.verify' });
  return { store_id: ctx.connection.storeId, role: null, environment: ctx.connection.environment };
}
