/** Developer-log entries (already redacted when written). */
import { renderList, writeJsonLine, type Column, type RenderTarget } from '../render.js';
import { time } from '../cells.js';
import type { LogEntry } from '../../logs/log-store.js';

const parse = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export const logColumns: Column<LogEntry>[] = [
  { header: 'Time', value: (e) => time(e.time) },
  { header: 'Store', value: (e) => e.store ?? '', priority: 3 },
  { header: 'Operation', value: (e) => e.operation },
  { header: 'Request', value: (e) => (e.method && e.path ? `${e.method} ${e.path}` : ''), priority: 2, truncate: true },
  { header: 'Status', value: (e) => (e.status === null ? '' : e.status) },
  { header: 'Outcome', value: (e) => e.outcome },
  { header: 'ms', value: (e) => e.duration_ms, align: 'right', priority: 3 },
  { header: 'Attempt', value: (e) => e.attempt ?? '', priority: 3 },
  { header: 'Order/link', value: (e) => e.order_id ?? e.link_id ?? '', priority: 2 },
  { header: 'Correlation ID', value: (e) => e.correlation_id ?? '', priority: 4 },
  { header: 'Idempotency key', value: (e) => e.idempotency_key ?? '', priority: 4 },
  // A shared log holds every machine's calls: who made each one.
  { header: 'By', value: (e) => (e.host ? `${e.os_user ?? '?'}@${e.host}` : ''), priority: 3, truncate: true },
];

export const logJson = (e: LogEntry) => ({
  id: e.id,
  time: e.time,
  kind: e.kind,
  backend: e.backend,
  store: e.store,
  operation: e.operation,
  method: e.method,
  path: e.path,
  status: e.status,
  outcome: e.outcome,
  duration_ms: e.duration_ms,
  correlation_id: e.correlation_id,
  idempotency_key: e.idempotency_key,
  order_id: e.order_id,
  link_id: e.link_id,
  request: parse(e.request),
  response: parse(e.response),
  error: e.error,
  attempt: e.attempt ?? null,
  host: e.host ?? null,
  os_user: e.os_user ?? null,
});

export async function renderLogEntries(target: RenderTarget, rows: readonly LogEntry[]): Promise<void> {
  await renderList(target, rows, logColumns, (r) => r.map(logJson), { empty: 'No log entries match.' });
}

/**
 * What following the log prints per batch: one JSON object per line with --json (a consumer can stream
 * them), else rows without a table (a table cannot grow).
 */
export function logFollower(target: RenderTarget, json: boolean): (entries: readonly LogEntry[]) => void {
  const rows = { ...target, mode: target.mode === 'table' ? ('plain' as const) : target.mode };
  return (entries) => {
    if (json) for (const e of entries) writeJsonLine(target, logJson(e));
    else void renderList(rows, entries, logColumns, () => null);
  };
}
