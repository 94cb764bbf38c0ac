/**
 * The developer log: every backend call and HTTP exchange, redacted, in `logs.db` in the data folder
 * (separate from the sandbox database so it works with every backend and survives `sandbox reset`).
 * Entries older than 30 days are pruned when the log is written, as Kustom keeps its logs 30 days.
 */
import { statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { openMigratedDatabase, type Migration } from '../infra/sqlite.js';

export const LOG_RETENTION_DAYS = 30;

export interface LogEntry {
  id: number;
  time: string;
  /** `call`: one backend operation; `http`: one HTTP exchange under it. */
  kind: 'call' | 'http';
  backend: string;
  store: string | null;
  operation: string;
  method: string | null;
  path: string | null;
  status: number | null;
  /** `ok`, or the error kind (`auth`, `validation`, `transient`, ...). */
  outcome: string;
  duration_ms: number;
  correlation_id: string | null;
  idempotency_key: string | null;
  order_id: string | null;
  link_id: string | null;
  request: string | null;
  response: string | null;
  error: string | null;
  /** For HTTP exchanges: which attempt of the request's retry budget ("2 of 4 attempts within 30 s"). */
  attempt?: string | null;
  /** The machine and OS user that made the call (filled in when written). */
  host?: string | null;
  os_user?: string | null;
}

export type NewLogEntry = Omit<LogEntry, 'id'>;

export interface LogQuery {
  since?: string | undefined;
  until?: string | undefined;
  /** An HTTP status (`401`), a class (`4xx`), or an outcome (`ok`, `error`, `auth`, ...). */
  status?: string | undefined;
  order?: string | undefined;
  link?: string | undefined;
  /** Prefix match: `orders` matches `orders.capture`. */
  operation?: string | undefined;
  afterId?: number | undefined;
  limit?: number | undefined;
}

export interface LogStore {
  append(entry: NewLogEntry, now: Date): void;
  /** Several entries in one commit (the sink batches a busy run's entries). */
  appendMany(entries: readonly NewLogEntry[], now: Date): void;
  query(q: LogQuery): LogEntry[];
  close(): void;
  /**
   * For a process about to end: leaves the connection for the exit to release while the WAL is small,
   * closes it otherwise (see LEFT_OPEN_WAL_BYTES).
   */
  leaveForExit(): void;
}

/**
 * Closing the last connection to a WAL database checkpoints it: a sync of the WAL and one of the file, and
 * the next run's first commit restarts the WAL with a third. Those syncs were most of what writing a
 * command's few log entries cost. A process that ends with the connection open leaves every entry
 * committed in the WAL (what synchronous = NORMAL promises either way); the next run to open the log
 * reads the WAL once to recover its index, which costs less than the syncs while the WAL is small (about
 * 2 ms a megabyte). A larger WAL (a long run's) is checkpointed on close as before, and SQLite checkpoints
 * it on its own when it reaches 1,000 pages.
 */
const LEFT_OPEN_WAL_BYTES = 1024 * 1024;

function walBytes(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}

export const COLUMNS = [
  'time', 'kind', 'backend', 'store', 'operation', 'method', 'path', 'status', 'outcome', 'duration_ms',
  'correlation_id', 'idempotency_key', 'order_id', 'link_id', 'request', 'response', 'error', 'attempt', 'host', 'os_user',
] as const;

/** Stamped on every entry: a log shared by several machines says which one made each call. */
export const ORIGIN = { host: hostname(), os_user: osUser() };

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}

export const LOG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'log-entries',
    up: (db) =>
      db.exec(`
        CREATE TABLE IF NOT EXISTS log_entries (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          time TEXT NOT NULL, kind TEXT NOT NULL, backend TEXT NOT NULL, store TEXT, operation TEXT NOT NULL,
          method TEXT, path TEXT, status INTEGER, outcome TEXT NOT NULL, duration_ms INTEGER NOT NULL,
          correlation_id TEXT, idempotency_key TEXT, order_id TEXT, link_id TEXT,
          request TEXT, response TEXT, error TEXT
        );
        CREATE INDEX IF NOT EXISTS log_entries_time ON log_entries(time);
      `),
    postgres: `
      CREATE TABLE IF NOT EXISTS log_entries (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        time TEXT NOT NULL, kind TEXT NOT NULL, backend TEXT NOT NULL, store TEXT, operation TEXT NOT NULL,
        method TEXT, path TEXT, status INTEGER, outcome TEXT NOT NULL, duration_ms INTEGER NOT NULL,
        correlation_id TEXT, idempotency_key TEXT, order_id TEXT, link_id TEXT,
        request TEXT, response TEXT, error TEXT
      );
      CREATE INDEX IF NOT EXISTS log_entries_time ON log_entries(time);`,
  },
  {
    // Which attempt of the retry budget each HTTP exchange is (rows without it: null). A log file whose
    // steps are not recorded may already have the column.
    version: 2,
    name: 'log-entries-attempt',
    up: (db) => {
      const columns = db.prepare(`PRAGMA table_info(log_entries)`).all() as { name: string }[];
      if (!columns.some((c) => c.name === 'attempt')) db.exec(`ALTER TABLE log_entries ADD COLUMN attempt TEXT`);
    },
    postgres: `ALTER TABLE log_entries ADD COLUMN IF NOT EXISTS attempt TEXT`,
  },
  {
    // Which machine and user made each call: a shared log holds every terminal's and runner's entries.
    version: 3,
    name: 'log-entries-origin',
    up: (db) => db.exec(`ALTER TABLE log_entries ADD COLUMN host TEXT; ALTER TABLE log_entries ADD COLUMN os_user TEXT;`),
    postgres: `ALTER TABLE log_entries ADD COLUMN host TEXT, ADD COLUMN os_user TEXT`,
  },
];

/** An entry's values in COLUMNS order: no attempt is null, and the origin is this machine's unless the entry names one. */
function columnValues(entry: NewLogEntry): unknown[] {
  const fields = entry as unknown as Record<string, unknown>;
  return COLUMNS.map((column) => (column in fields ? fields[column] : column === 'host' || column === 'os_user' ? ORIGIN[column] : null) ?? null);
}

export function openLogStore(file: string): LogStore {
  const db = openMigratedDatabase(file, {
    label: 'the developer log',
    migrations: LOG_MIGRATIONS,
    resetNote: 'the log of past calls is lost',
    newerHint: 'Upgrade merchant.',
    busyTimeoutMs: 5_000,
    // Redacted, but still order and store activity: private to the user like the rest of the data dir.
    private: true,
  });
  // Appended to at the end and read by time: a small page cache does, and a long run's log does not grow
  // the process by SQLite's 16 MB default.
  db.pragma('cache_size = -2048');
  // Bound by position: naming 20 parameters per entry costs as much as the insert itself in a busy run.
  const insert = db.prepare(`INSERT INTO log_entries (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const prune = db.prepare<[string]>(`DELETE FROM log_entries WHERE time < ?`);
  let pruned = false;
  const pruneOnce = (now: Date): void => {
    if (!pruned) {
      pruned = true;
      prune.run(new Date(now.getTime() - LOG_RETENTION_DAYS * 86_400_000).toISOString());
    }
  };
  const insertAll = db.transaction((entries: readonly NewLogEntry[]) => {
    for (const entry of entries) insert.run(columnValues(entry));
  });
  return {
    append(entry, now) {
      pruneOnce(now);
      insert.run(columnValues(entry));
    },
    appendMany(entries, now) {
      pruneOnce(now);
      insertAll(entries);
    },
    query(q) {
      const params: unknown[] = [];
      const sql = `SELECT * FROM log_entries ${logFilter(q, (value) => (params.push(value), '?'))} ORDER BY id DESC LIMIT ?`;
      return (db.prepare(sql).all(...params, q.limit ?? 1000) as LogEntry[]).reverse();
    },
    close() {
      db.close();
    },
    leaveForExit() {
      if (walBytes(file) > LEFT_OPEN_WAL_BYTES) db.close();
    },
  };
}

/**
 * The WHERE clause of a query, the same for both engines; `param` adds a value and returns its
 * placeholder (`?` for SQLite, `$n` for PostgreSQL).
 */
export function logFilter(q: LogQuery, param: (value: unknown) => string): string {
  const where: string[] = [];
  if (q.since) where.push(`time >= ${param(q.since)}`);
  if (q.until) where.push(`time <= ${param(q.until)}`);
  if (q.order) where.push(`order_id = ${param(q.order)}`);
  if (q.link) where.push(`link_id = ${param(q.link)}`);
  if (q.operation) where.push(`(operation = ${param(q.operation)} OR operation LIKE ${param(`${q.operation.replace(/[\\%_]/g, '\\$&')}.%`)} ESCAPE '\\')`);
  if (q.afterId !== undefined) where.push(`id > ${param(q.afterId)}`);
  const status = q.status?.toLowerCase();
  if (status) {
    if (/^\d{3}$/.test(status)) where.push(`status = ${param(Number(status))}`);
    else if (/^\dxx$/.test(status)) where.push(`status BETWEEN ${param(Number(status[0]) * 100)} AND ${param(Number(status[0]) * 100 + 99)}`);
    else if (status === 'error') where.push("outcome <> 'ok'");
    else where.push(`outcome = ${param(status)}`);
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** The log as the sink and `merchant logs` use it, whichever engine holds it. */
export interface LogBook {
  appendMany(entries: readonly NewLogEntry[], now: Date): Promise<void>;
  query(q: LogQuery): Promise<LogEntry[]>;
  close(): Promise<void>;
}

export function localLogBook(file: string): LogBook {
  const store = openLogStore(file);
  return {
    appendMany: async (entries, now) => store.appendMany(entries, now),
    query: async (q) => store.query(q),
    close: async () => store.close(),
  };
}
