/**
 * One HTTP exchange through undici's dispatcher, its body read whole as text, without the rest of undici.
 * The package's index also evaluates fetch, WebSocket, cookies, caches and mocks (about 60 ms of CPU a
 * kustom command would spend before its first request), and its `request()` wraps every response body
 * in a stream the client only reads to the end. This uses the process-wide dispatcher (an `Agent`, or
 * what a test installs with `setGlobalDispatcher`) with a handler that collects the body: the same
 * status, headers (as `request()` parses them) and text (as `body.text()` decodes it), and the same errors
 * (connect, timeouts, a socket lost mid-body), with no stream per response.
 */
import { createRequire } from 'node:module';
import type { Dispatcher } from 'undici';
import { deferFunctionModule } from './deferred-module.js';

const require = createRequire(import.meta.url);
// undici's client module loads its HTTP/2 half, and with it `node:http2` (about 6 ms of a command's
// start-up), although that half runs only for a TLS connection whose server chose h2 after undici offered
// it (`allowH2`), which this client never asks for. It is loaded the first time it is called instead.
deferFunctionModule(require, require.resolve('undici/lib/dispatcher/client-h2.js'));
const { getGlobalDispatcher } = require('undici/lib/global.js') as { getGlobalDispatcher: () => Dispatcher };
const { parseHeaders } = require('undici/lib/core/util.js') as { parseHeaders: (raw: Buffer[]) => Record<string, string | string[]> };

export type UndiciRequestOptions = Dispatcher.DispatchOptions & { dispatcher?: Dispatcher };

export interface UndiciTextResponse {
  statusCode: number;
  /** Lower-cased names; a repeated header is an array of its values. */
  headers: Record<string, string | string[]>;
  text: string;
}

/** `origin` and `path` as the caller splits them once (the client parses its base URL once, not per request). */
export function undiciRequest(options: UndiciRequestOptions): Promise<UndiciTextResponse> {
  const { dispatcher = getGlobalDispatcher(), ...rest } = options;
  return new Promise((resolve, reject) => {
    const handler = new TextResponse(resolve, reject);
    try {
      dispatcher.dispatch(rest, handler);
    } catch (error) {
      handler.onError(error as Error);
    }
  });
}

/** The body as `body.text()` decodes it: UTF-8, a leading byte-order mark left out. */
export function decodeText(chunks: readonly Buffer[], length: number): string {
  if (chunks.length === 0 || length === 0) return '';
  const buffer = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
  const start = buffer.length > 2 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  return buffer.toString('utf8', start);
}

/** undici's handler interface: the final response's status and headers, its body's chunks, then the end or an error. */
class TextResponse implements Dispatcher.DispatchHandler {
  private statusCode = 0;
  private rawHeaders: Buffer[] = [];
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private settled = false;

  constructor(
    private readonly resolve: (response: UndiciTextResponse) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  onConnect(): void {}

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    // A 1xx is informational: the final response follows on the same request.
    if (statusCode >= 200) {
      this.statusCode = statusCode;
      this.rawHeaders = rawHeaders;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    this.length += chunk.length;
    return true;
  }

  onComplete(): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve({ statusCode: this.statusCode, headers: parseHeaders(this.rawHeaders), text: decodeText(this.chunks, this.length) });
  }

  onError(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }
}

/** A base URL split into undici's origin and the path prefix every request's path is appended to. */
export function splitBaseUrl(baseUrl: string): { origin: string; pathPrefix: string } {
  const parsed = new URL(baseUrl);
  return { origin: parsed.origin, pathPrefix: parsed.pathname.replace(/\/+$/, '') };
}
