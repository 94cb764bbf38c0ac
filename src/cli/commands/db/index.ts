/** `merchant db …`: the verbs in --help order. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { attachNoun } from '../../define-command.js';
import { dbMigrate } from './migrate.js';
import { dbStatus } from './status.js';

export function registerDbCommands(program: Command, ctx: Context): void {
  attachNoun(program, ctx, 'db', 'where the ledger, journal and developer log live (local files or a shared PostgreSQL database)', [dbStatus, dbMigrate]);
}
