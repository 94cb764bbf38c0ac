import type Database from 'better-sqlite3';

/** One schema step. Migrations only ever add; `up` runs inside the migrating transaction. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
