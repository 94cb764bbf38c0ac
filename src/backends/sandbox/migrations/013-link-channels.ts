import type { Migration } from './migration.js';

/**
 * A link sent by email and SMS (`--send email,sms`). `links.channel` keeps its CHECK (SQLite cannot change
 * one without rebuilding the table and its dependants), so a link with more than one medium stores them all
 * in `channels` and its first in `channel`; `channels` is null for a link with one medium or none.
 */
export const linkChannels: Migration = {
  version: 13,
  name: 'links sent by more than one medium',
  up(db) {
    db.exec(`ALTER TABLE links ADD COLUMN channels TEXT CHECK (channels IS NULL OR channels IN ('email,sms'));`);
  },
};
