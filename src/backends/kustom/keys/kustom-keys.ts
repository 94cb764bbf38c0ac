/**
 * Keys on Kustom: there is no key API (keys are made in the Portal, §7.1), so this can only verify the key
 * in use, with the cheapest authenticated call: `GET /settlements/v1/payouts?size=1` (200 works, 401 not).
 */
import { UsageError } from '../../../errors.js';
import type { KeysApi } from '../../types/keys.js';
import type { KustomContext } from '../context.js';

function portalOnly(what: string): never {
  throw new UsageError(`The kustom backend cannot ${what}: Kustom API keys are managed only in the Kustom Portal (Integrations → API).`, {
    hint: 'Create the key in the Portal, then store it with `merchant keys add`.',
    details: { backend: 'kustom', capability: 'keys.issue' },
  });
}

export function createKustomKeys(ctx: KustomContext): KeysApi {
  return {
    issue: async () => portalOnly('issue API keys'),
    list: async () => portalOnly('list API keys'),
    revoke: async () => portalOnly('revoke API keys'),
    async whoami() {
      await ctx.http.request({ method: 'GET', path: '/settlements/v1/payouts', query: { size: 1 }, operation: 'keys.verify' });
      return { store_id: ctx.connection.storeId, role: null, environment: ctx.connection.environment };
    },
  };
}
