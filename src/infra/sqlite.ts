/**
 * Opens a SQLite file the way every local database of this tool needs it (the sandbox, the kustom ledger,
 * the bulk-capture journal, the developer log): WAL so readers never block the writer, a busy timeout so two
 * processes wait for each other instead of failing, and versioned migrations applied under an IMMEDIATE
 * transaction so two first runs at once cannot both migrate. Applied steps are recorded by version (not
 * "highest so far"), so a step merged later with a lower number is still applied.
 *
 * synchronous = NORMAL under WAL: every commit survives the process being killed (SIGKILL, OOM, Ctrl-C)
 * without an fsync per commit (FULL costs ~10 ms a row in a bulk run); a power loss may drop the last
 * commits, which every user of these files can recover from (the journal re-reads the provider, a log
 * loses its last entries).
 *
 * A file that is not SQLite (or is damaged) is never written to or replaced: the error names the file and
 * says how to move it away. A reader that must not create or change anything opens the file read-only.
 */
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../errors.js';

/**
 * One schema step. Migrations only ever add; `up` runs inside the migrating transaction. A step of a
 * schema that also lives in the shared PostgreSQL database carries the same step in that dialect
 * (`postgres`; see infra/postgres-migrate.ts), so one numbered list serves both engines.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
  postgres?: string;
}

export interface OpenOptions {
  /** How the file is named in messages: "the sandbox database", "the kustom ledger". */
  label: string;
  migrations: readonly Migration[];
  /** What moving the file away costs, for the hint (e.g. "link and order history is lost"). */
  resetNote?: string;
  /** Hint when the file has a step this version does not know. */
  newerHint: string;
  /** Wraps the handle right after opening (e.g. a prepared-statement cache). */
  wrap?: (db: Database.Database) => Database.Database;
  /** How long to wait for another process's write lock (default 10 s). */
  busyTimeoutMs?: number;
  /** Makes the file private (0600) when it holds the user's activity; best effort on a shared folder. */
  private?: boolean;
}

/** A 0-byte file is one SQLite would silently make a fresh database of; a first run in progress fills it at once. */
const EMPTY_FILE_GRACE_MS = 1000;

function unusable(file: string, options: OpenOptions, why: string, cause?: unknown): ConfigError {
  return new ConfigError(`${capitalize(options.label)} ${file} ${why}.`, {
    hint: `Move it away to start afresh${options.resetNote ? ` (${options.resetNote})` : ''}: mv '${file}' '${file}.bak'`,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Refuses an existing empty file (truncated, or made by something else) instead of building a new database in it. */
function refuseEmptyFile(file: string, options: OpenOptions): void {
  const size = (): number | undefined => {
    try {
      return statSync(file).size;
    } catch {
      return undefined;
    }
  };
  if (size() !== 0) return;
  // Another process may have created it a moment ago and be writing the header now: give it a moment.
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited < EMPTY_FILE_GRACE_MS && size() === 0; waited += 50) Atomics.wait(pause, 0, 0, 50);
  if (size() === 0) throw unusable(file, options, 'is empty (0 bytes), not a usable SQLite file');
}

let addon: { path: string | undefined } | undefined;

/**
 * better-sqlite3's native addon where its install builds it. Left to find it, better-sqlite3 asks the
 * `bindings` package, which tries a dozen places (a few milliseconds of every command that opens a
 * database); elsewhere (a build of its own) that search still finds it.
 */
function nativeBinding(): { nativeBinding?: string } {
  if (!addon) {
    let path: string | undefined;
    try {
      path = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    } catch {
      path = undefined;
    }
    addon = { path };
  }
  return addon.path === undefined ? {} : { nativeBinding: addon.path };
}

export function openMigratedDatabase(file: string, options: OpenOptions): Database.Database {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  refuseEmptyFile(file, options);
  let db: Database.Database;
  try {
    db = new Database(file, nativeBinding());
    if (options.wrap) db = options.wrap(db);
    if (options.private) makePrivate(file);
  } catch (error) {
    throw new ConfigError(`Cannot open ${options.label} ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    // The connection's settings in one call, synchronous before the switch to WAL: a new file's switch
    // (a write of its header) then syncs as NORMAL does, one fsync fewer than FULL, SQLite's default.
    db.exec(`PRAGMA busy_timeout = ${options.busyTimeoutMs ?? 10_000}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON`);
    db.pragma('journal_mode = WAL');
    migrate(db, options);
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw unusable(file, options, 'is not a usable SQLite file', error);
    throw error;
  }
  return db;
}

/** Opens an existing database to read only: nothing is created or migrated. Undefined when there is no file. */
export function openReadOnlyDatabase(file: string): Database.Database | undefined {
  if (!existsSync(file)) return undefined;
  return new Database(file, { readonly: true, fileMustExist: true, ...nativeBinding() });
}

/** The highest migration applied. */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Database.Database, options: OpenOptions): void {
  const known = new Set(options.migrations.map((m) => m.version));
  const latest = Math.max(0, ...known);
  const pending = (): Set<number> => {
    const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
    const applied = new Set(exists ? db.prepare<[], { version: number }>(`SELECT version FROM schema_migrations`).all().map((r) => r.version) : []);
    for (const version of applied) {
      if (!known.has(version)) {
        throw new ConfigError(`${capitalize(options.label)} has schema step ${version}, which this version of merchant does not know.`, { hint: options.newerHint });
      }
    }
    return new Set(options.migrations.filter((m) => !applied.has(m.version)).map((m) => m.version));
  };
  // Every migrating run ends by setting user_version to its latest step, and steps are only ever added
  // in order: a file at exactly our latest has every step we know and none we do not (one pragma read,
  // where listing the applied steps is two statements).
  if (schemaVersion(db) === latest && latest > 0) return;
  if (pending().size === 0) return;
  db.transaction(() => {
    // Re-check inside the write lock: another process may have migrated while we waited.
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const todo = pending();
    for (const migration of [...options.migrations].sort((a, b) => a.version - b.version)) {
      if (!todo.has(migration.version)) continue;
      migration.up(db);
      db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`).run(migration.version, migration.name, new Date().toISOString());
    }
    db.pragma(`user_version = ${latest}`);
  }).immediate();
}

function makePrivate(file: string): void {
  try {
    chmodSync(file, 0o600);
  } catch {
    // Not our file to change (shared data dir); the directory's own mode still applies.
  }
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
