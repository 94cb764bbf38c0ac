/** `merchant logs`: filter the developer log, and follow it for new entries. */
import type { Paths } from '../../config/paths.js';
import { parseInstant } from '../../domain/durations.js';
import { canonicalId } from '../../domain/identifier.js';
import { ERROR_KINDS, ValidationError, type Issue } from '../../errors.js';
import { logsDbPath } from '../../logs/log-sink.js';
import { localLogBook, type LogBook, type LogEntry, type LogQuery } from '../../logs/log-store.js';

/** A log entry's outcome is one of the error kinds (or `ok`). */
const LOG_ERROR_KINDS: readonly string[] = ERROR_KINDS;

/** The filters as the user gives them (`since`/`until` may be durations ago); the store pages by itself. */
export type LogFilters = Omit<LogQuery, 'afterId'>;

export function buildLogQuery(filters: LogFilters, now: Date): LogQuery {
  const issues: Issue[] = [];
  const instant = (field: string, value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const at = parseInstant(value, now, 'ago');
    if (!at) issues.push({ field, rule: 'must be an ISO date/time or a duration like 15m, 2h, 7d' });
    return at?.toISOString();
  };
  const since = instant('since', filters.since);
  const until = instant('until', filters.until);
  // A typo (`--status 999`, `--status authh`) would match nothing and look like "no such calls": refuse it.
  if (filters.status !== undefined && !/^([1-5]\d{2}|[1-5]xx|ok|error)$/i.test(filters.status) && !LOG_ERROR_KINDS.includes(filters.status.toLowerCase())) {
    issues.push({ field: 'status', rule: `must be an HTTP status (100–599, e.g. 401), a class (4xx), ok, error or an error kind (${LOG_ERROR_KINDS.join(', ')})` });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  // IDs are read as everywhere (`{…}` or capitals are the same UUID): the log keeps them as the provider does.
  const id = (value: string | undefined): string | undefined => (value === undefined ? undefined : canonicalId(value));
  return { since, until, status: filters.status, order: id(filters.order), link: id(filters.link), operation: filters.operation, limit: filters.limit };
}

/** Where the log is read: this machine's `logs.db`, or the shared database's log of every machine. */
export interface LogSource {
  paths: Paths;
  databaseUrl?: string | undefined;
}

async function openLog(source: LogSource): Promise<LogBook> {
  if (source.databaseUrl === undefined) return localLogBook(logsDbPath(source.paths));
  const { openPostgresLogBook } = await import('../../logs/log-store-postgres.js');
  return openPostgresLogBook(source.databaseUrl);
}

export async function queryLogs(source: LogSource, query: LogQuery): Promise<LogEntry[]> {
  const store = await openLog(source);
  try {
    return await store.query(query);
  } finally {
    await store.close();
  }
}

/**
 * Polls for entries newer than the last one seen until `stopped()` says so. `sleep` is injected so tests
 * drive it without waiting.
 */
export async function followLogs(
  source: LogSource,
  query: LogQuery,
  onEntries: (entries: LogEntry[]) => void,
  options: { sleep: () => Promise<void>; stopped: () => boolean },
): Promise<void> {
  const store = await openLog(source);
  try {
    let last = 0;
    const first = await store.query(query);
    if (first.length) onEntries(first);
    last = first.at(-1)?.id ?? ((await store.query({ limit: 1 })).at(-1)?.id ?? 0);
    while (!options.stopped()) {
      await options.sleep();
      if (options.stopped()) break;
      const next = await store.query({ ...query, afterId: last, limit: 1000 });
      if (next.length) {
        last = next.at(-1)?.id ?? last;
        onEntries(next);
      }
    }
  } finally {
    await store.close();
  }
}

/** `logs` without --follow: the entries the filters select. */
export function searchLogs(source: LogSource, filters: LogFilters, now: Date): Promise<LogEntry[]> {
  return queryLogs(source, buildLogQuery(filters, now));
}

/** `logs --follow`: polls once a second until `signal` aborts; the poll under way finishes first. */
export async function followLogsUntil(source: LogSource, filters: LogFilters, now: Date, onEntries: (entries: LogEntry[]) => void, signal: AbortSignal): Promise<void> {
  await followLogs(source, buildLogQuery(filters, now), onEntries, { sleep: () => sleepUnlessAborted(1000, signal), stopped: () => signal.aborted });
}

function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
