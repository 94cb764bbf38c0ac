/**
 * Where backend calls are reported: the developer log on disk, and `--debug` lines on stderr, both
 * redacted the same way. The kustom HTTP client's `observer` option takes `sink.observeHttp`, so each
 * HTTP exchange lands here too without the client knowing about files.
 */
import { join } from 'node:path';
import type { Clock } from '../domain/clock.js';
import type { Paths } from '../config/paths.js';
import { openLogStore, type LogBook, type LogStore, type NewLogEntry } from './log-store.js';
import { bodyRedactor, redactText } from './redact.js';
import { str } from '../infra/coerce.js';

const LOG_BATCH_SIZE = 200;
const LOG_BATCH_MS = 100;

export const logsDbPath = (paths: Paths): string => join(paths.dataDir, 'logs.db');

/**
 * What the HTTP client reports per exchange. Field names are read loosely (the client is written in
 * parallel): whichever of the listed aliases it uses is taken.
 */
export interface HttpExchange {
  method?: string;
  url?: string;
  path?: string;
  status?: number | null;
  durationMs?: number;
  duration_ms?: number;
  requestHeaders?: Record<string, unknown>;
  requestBody?: unknown;
  responseBody?: unknown;
  correlationId?: string | null;
  idempotencyKey?: string | null;
  operation?: string;
  store?: string | null;
  error?: unknown;
  [extra: string]: unknown;
}

export interface LogSink {
  record(entry: Omit<NewLogEntry, 'time'> & { time?: string }): void;
  /** Pass as the HTTP client's `observer`. */
  observeHttp(event: HttpExchange): void;
  /**
   * Writes what is pending and closes the log; the local log is written before this returns a promise.
   * `processEnding`: the process ends next, and the local log may be left for its end to release
   * (LogStore.leaveForExit).
   */
  close(options?: { processEnding?: boolean }): Promise<void>;
}

export interface LogSinkOptions {
  file: string;
  /** The shared database, when the log lives there (kustom backend with database_url set). */
  databaseUrl?: string | undefined;
  clock: Clock;
  backend: string;
  /** Prints one redacted line per entry (`--debug`); absent when debugging is off. */
  debug?: ((line: string) => void) | undefined;
  /** Told once when the log cannot be written (e.g. logs.db is damaged): the command goes on, the user is told. */
  onBroken?: ((error: unknown) => void) | undefined;
}


export function createLogSink(options: LogSinkOptions): LogSink {
  let local: LogStore | undefined;
  let shared: Promise<LogBook> | undefined;
  let broken = false;
  // Shared batches are written in order, one after another; close() waits for the last.
  let writing: Promise<void> = Promise.resolve();
  const openShared = async (url: string): Promise<LogBook> => {
    const { openPostgresLogBook } = await import('./log-store-postgres.js');
    return openPostgresLogBook(url);
  };
  // Entries are written in batches: one commit per entry would be a third of a bulk capture's disk writes.
  // A batch is flushed when it is full, a moment after its first entry, and when the sink closes (the
  // entry point always closes it), so only a killed process can lose the last few entries.
  let pending: NewLogEntry[] = [];
  // HTTP bodies arrive as sent and received (the client does not redact them): they are redacted here, once.
  const body = bodyRedactor();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (broken || batch.length === 0) return;
    const now = options.clock.now();
    const fail = (error: unknown): void => {
      // A log that cannot be written must never fail the command it describes; it is reported once.
      if (!broken) options.onBroken?.(error);
      broken = true;
    };
    if (options.databaseUrl === undefined) {
      try {
        local ??= openLogStore(options.file);
        local.appendMany(batch, now);
      } catch (error) {
        fail(error);
      }
      return;
    }
    const book = (shared ??= openShared(options.databaseUrl));
    writing = writing.then(async () => (broken ? undefined : (await book).appendMany(batch, now))).catch(fail);
  };
  const write = (entry: NewLogEntry): void => {
    if (options.debug) options.debug(debugLine(entry));
    if (broken) return;
    pending.push(entry);
    if (pending.length >= LOG_BATCH_SIZE) flush();
    else if (!timer) {
      timer = setTimeout(flush, LOG_BATCH_MS);
      // A pending batch never keeps the process alive; close() writes it.
      timer.unref();
    }
  };
  return {
    record(entry) {
      write({ ...entry, time: entry.time ?? options.clock.now().toISOString() });
    },
    observeHttp(event) {
      let path = str(event.path);
      const url = str(event.url);
      if (!path && url) {
        try {
          const u = new URL(url);
          path = u.pathname + u.search;
        } catch {
          path = url;
        }
      }
      const status = typeof event.status === 'number' ? event.status : null;
      const method = str(event.method)?.toUpperCase() ?? null;
      const errorText = event.error === undefined ? null : redactText(event.error instanceof Error ? event.error.message : typeof event.error === 'string' ? event.error : (JSON.stringify(event.error) ?? 'error'));
      const operation = str(event.operation) ?? `${method ?? 'HTTP'} ${path ? redactText(path.split('?')[0] ?? '') : ''}`.trim();
      write({
        time: options.clock.now().toISOString(),
        kind: 'http',
        backend: options.backend,
        store: str(event.store),
        operation,
        method,
        path: path ? redactText(path) : null,
        status,
        outcome: errorText ? 'error' : status !== null && status >= 400 ? `http_${status}` : 'ok',
        duration_ms: Math.round(Number(event.durationMs ?? event.duration_ms ?? 0)),
        correlation_id: str(event.correlationId),
        idempotency_key: str(event.idempotencyKey),
        order_id: path ? (/\/orders\/([^/?]+)/.exec(path)?.[1] ?? null) : null,
        link_id: path ? (/\/sessions\/([^/?]+)/.exec(path)?.[1] ?? null) : null,
        request: body(`${operation} request`, event.requestBody ?? null),
        response: body(`${operation} response`, event.responseBody ?? null),
        error: errorText,
        attempt: str(event.attempt),
      });
    },
    async close({ processEnding = false } = {}) {
      flush();
      if (processEnding) local?.leaveForExit();
      else local?.close();
      local = undefined;
      await writing;
      const open = shared;
      shared = undefined;
      if (open) await (await open.catch(() => undefined))?.close().catch(() => undefined);
    },
  };
}

function debugLine(e: NewLogEntry): string {
  const parts = [
    e.time,
    e.operation,
    e.method && e.path ? `${e.method} ${e.path}` : null,
    e.status !== null ? String(e.status) : null,
    e.outcome,
    `${e.duration_ms}ms`,
    e.store ? `store=${e.store}` : null,
    e.correlation_id ? `correlation_id=${e.correlation_id}` : null,
    e.idempotency_key ? `idempotency_key=${e.idempotency_key}` : null,
    e.request ? `request=${e.request}` : null,
    e.response ? `response=${e.response}` : null,
    e.error ? `error=${e.error}` : null,
    e.attempt ? `attempt=${JSON.stringify(e.attempt)}` : null,
  ];
  return redactText(parts.filter((p) => p !== null).join(' '));
}
