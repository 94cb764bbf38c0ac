/**
 * A list read past its first page is a stream: `--all` reads a million rows once, in order, and never
 * again. SQLite's page cache (16 MB as better-sqlite3 builds it) only fills with pages that are not read
 * twice, and it counts in the process's memory, so a stream shrinks it to SQLite's own default, 2 MB.
 * A command is one process, so the rest of the connection's life is the stream.
 */
import type { Db } from './database.js';

const STREAM_CACHE_KIB = 2048;

const streaming = new WeakSet<Db>();

export function useStreamCache(db: Db): void {
  if (streaming.has(db)) return;
  streaming.add(db);
  db.pragma(`cache_size = -${STREAM_CACHE_KIB}`);
}
