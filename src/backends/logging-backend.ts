/**
 * Wraps any backend so that every call through its parts (stores, links, orders, settlements, keys,
 * sandbox, verifyCredentials) is written to the developer log: operation, store, order/link, outcome,
 * duration, idempotency key — arguments and results redacted. A Proxy, so parts and methods added later
 * by other features are logged without touching this file.
 */
import { performance } from 'node:perf_hooks';
import { isMerchantError, ApiError } from '../errors.js';
import type { LogSink } from '../logs/log-sink.js';
import { bodyRedactor, redactText } from '../logs/redact.js';
import type { Backend } from './backend.js';

const PARTS = new Set(['stores', 'links', 'orders', 'settlements', 'keys', 'sandbox', 'overview', 'disputes', 'sandboxDisputes']);
const TOP_LEVEL = new Set(['verifyCredentials']);

export interface LoggingOptions {
  /** Called once per logged call (the context uses it to stamp the stored key's last use). */
  onCall?: () => void;
}

type Facts = { store: string | null; order: string | null; link: string | null; idem: string | null };

function pick(obj: unknown, names: readonly string[]): string | null {
  if (!obj || typeof obj !== 'object') return null;
  for (const name of names) {
    const v = (obj as Record<string, unknown>)[name];
    if (typeof v === 'string' && v !== '') return v;
  }
  return null;
}

function facts(part: string, args: readonly unknown[], result: unknown): Facts {
  const first = typeof args[0] === 'string' ? args[0] : null;
  const objects = [...args, result].filter((a) => a && typeof a === 'object');
  const find = (names: readonly string[]): string | null => {
    for (const o of objects) {
      const v = pick(o, names);
      if (v) return v;
    }
    return null;
  };
  return {
    store: (part === 'stores' ? first : null) ?? find(['store_id', 'storeId', 'store']),
    order: (part === 'orders' ? first : null) ?? find(['order_id', 'orderId']),
    link: (part === 'links' ? first : null) ?? find(['link_id', 'linkId', 'session_id']),
    idem: find(['idempotencyKey', 'idempotency_key']),
  };
}

/** Rows a page may carry in the log as they are; a larger page is logged by its count and cursor. */
const LOGGED_PAGE_ROWS = 50;

/**
 * A large page (`orders list --all` reads a million rows, 500 a page) is logged as its size and cursor,
 * and a large batch (`orders.getMany` while a bulk capture plans) as its size: copying and redacting every
 * row into the log would cost more than reading them.
 */
function responseOf(result: unknown, redacted: (value: unknown) => string | null): string | null {
  if (Array.isArray(result) && result.length > LOGGED_PAGE_ROWS) return JSON.stringify(`(${result.length} rows)`);
  if (result !== null && typeof result === 'object' && Array.isArray((result as { items?: unknown }).items)) {
    const page = result as { items: unknown[]; nextCursor?: unknown };
    if (page.items.length > LOGGED_PAGE_ROWS) return JSON.stringify({ items: `(${page.items.length} rows)`, nextCursor: page.nextCursor ?? null });
  }
  return redacted(result);
}

/** A write's order snapshot (WriteOptions.snapshot) is logged by its order ID: the order is the caller's read, logged there. */
function withoutSnapshot(arg: unknown): unknown {
  if (!arg || typeof arg !== 'object' || !('snapshot' in arg)) return arg;
  const { snapshot, ...rest } = arg as { snapshot?: { order_id?: unknown } };
  return snapshot === undefined ? rest : { ...rest, snapshot: snapshot.order_id ?? null };
}

export function withLogging(backend: Backend, sink: LogSink, options: LoggingOptions = {}): Backend {
  // Keyed per operation and side.
  const body = bodyRedactor();
  const wireLogged = backend.logsExchanges === true;
  const wrap = (part: string, name: string, fn: (...a: unknown[]) => unknown, self: unknown) =>
    function logged(...args: unknown[]): unknown {
      const started = performance.now();
      const operation = part === '' ? name : `${part}.${name}`;
      const done = (result: unknown, error: unknown): void => {
        options.onCall?.();
        // A read that succeeded over HTTP is in the log already, body and all, as its HTTP row(s).
        if (wireLogged && name === 'get' && error === undefined) return;
        const f = facts(part, args, error === undefined ? result : undefined);
        // Streams (async iterables) are logged as started; their items are not buffered here.
        const isStream = result !== null && typeof result === 'object' && Symbol.asyncIterator in result;
        sink.record({
          kind: 'call',
          backend: backend.name,
          store: f.store,
          operation,
          method: null,
          path: null,
          status: error instanceof ApiError ? error.status : null,
          outcome: error === undefined ? 'ok' : isMerchantError(error) ? error.kind : 'bug',
          duration_ms: Math.round(performance.now() - started),
          correlation_id: error instanceof ApiError ? (error.correlationId ?? null) : null,
          idempotency_key: f.idem,
          order_id: f.order,
          link_id: f.link,
          request: body(`${operation} request`, args.map(withoutSnapshot)),
          response: error !== undefined ? null : isStream ? '"(stream)"' : responseOf(result, (value) => body(`${operation} response`, value)),
          error: error === undefined ? null : redactText(error instanceof Error ? error.message : JSON.stringify(error) ?? 'unknown error'),
        });
      };
      let out: unknown;
      try {
        out = fn.apply(self, args);
      } catch (error) {
        done(undefined, error);
        throw error;
      }
      if (out && typeof (out as Promise<unknown>).then === 'function') {
        return (out as Promise<unknown>).then(
          (value) => (done(value, undefined), value),
          (error: unknown) => {
            done(undefined, error);
            throw error;
          },
        );
      }
      done(out, undefined);
      return out;
    };

  const partProxies = new Map<string, unknown>();
  const proxyPart = (part: string, target: object): unknown =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value: unknown = Reflect.get(t, prop, receiver);
        if (typeof prop !== 'string' || typeof value !== 'function') return value;
        return wrap(part, prop, value as (...a: unknown[]) => unknown, t);
      },
    });

  return new Proxy(backend, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string') return value;
      if (PARTS.has(prop) && value && typeof value === 'object') {
        if (!partProxies.has(prop)) partProxies.set(prop, proxyPart(prop, value));
        return partProxies.get(prop);
      }
      if (TOP_LEVEL.has(prop) && typeof value === 'function') return wrap('', prop, value as (...a: unknown[]) => unknown, target);
      return value;
    },
  });
}
