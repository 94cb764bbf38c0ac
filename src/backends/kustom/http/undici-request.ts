/**
 * undici's `request()` without the rest of undici. The package's index also evaluates fetch, WebSocket,
 * cookies, caches and mocks, about 60 ms of CPU a kustom command spends before its first request; these
 * two modules are the request API and the process-wide dispatcher (an `Agent`, or what a test installs
 * with `setGlobalDispatcher`), which is all the client uses. The same call as the index's `request(url,
 * options)`, with the URL given as its origin and path.
 */
import { createRequire } from 'node:module';
import type { Dispatcher } from 'undici';
import { deferFunctionModule } from './deferred-module.js';

const require = createRequire(import.meta.url);
// undici's client module loads its HTTP/2 half, and with it `node:http2` (about 6 ms of a command's
// start-up), although that half runs only for a TLS connection whose server chose h2 after undici offered
// it (`allowH2`), which this client never asks for. It is loaded the first time it is called instead.
deferFunctionModule(require, require.resolve('undici/lib/dispatcher/client-h2.js'));
const apiRequest = require('undici/lib/api/api-request.js') as (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
const { getGlobalDispatcher } = require('undici/lib/global.js') as { getGlobalDispatcher: () => Dispatcher };

export type UndiciRequestOptions = Dispatcher.RequestOptions & { dispatcher?: Dispatcher };

/** `origin` and `path` as the caller splits them once (the client parses its base URL once, not per request). */
export function undiciRequest(options: UndiciRequestOptions): Promise<Dispatcher.ResponseData> {
  const { dispatcher = getGlobalDispatcher(), ...rest } = options;
  return apiRequest.call(dispatcher, rest);
}

/** A base URL split into undici's origin and the path prefix every request's path is appended to. */
export function splitBaseUrl(baseUrl: string): { origin: string; pathPrefix: string } {
  const parsed = new URL(baseUrl);
  return { origin: parsed.origin, pathPrefix: parsed.pathname.replace(/\/+$/, '') };
}

