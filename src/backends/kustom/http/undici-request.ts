/**
 * undici's `request()` without the rest of undici. The package's index also evaluates fetch, WebSocket,
 * cookies, caches and mocks, about 60 ms of CPU a kustom command spends before its first request; these
 * two modules are the request API and the process-wide dispatcher (an `Agent`, or what a test installs
 * with `setGlobalDispatcher`), which is all the client uses. The same call as the index's `request(url,
 * options)` for an absolute URL.
 */
import { createRequire } from 'node:module';
import type { Dispatcher } from 'undici';

const require = createRequire(import.meta.url);
const apiRequest = require('undici/lib/api/api-request.js') as (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
const { getGlobalDispatcher } = require('undici/lib/global.js') as { getGlobalDispatcher: () => Dispatcher };

export type UndiciRequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher?: Dispatcher };

export function undiciRequest(url: string, options: UndiciRequestOptions): Promise<Dispatcher.ResponseData> {
  const { dispatcher = getGlobalDispatcher(), ...rest } = options;
  const parsed = new URL(url);
  return apiRequest.call(dispatcher, { ...rest, origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` });
}
