/** `merchant settlements …`: the verbs in --help order. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { attachNoun } from '../../define-command.js';
import { settlementsBalance } from './balance.js';
import { settlementsExport } from './export.js';
import { settlementsPayouts } from './payouts.js';
import { settlementsReconcile } from './reconcile.js';
import { settlementsShow } from './show.js';

export function registerSettlementsCommands(program: Command, ctx: Context): void {
  attachNoun(program, ctx, 'settlements', 'payouts, balance, settlement CSV export and reconciliation', [
    settlementsPayouts,
    settlementsShow,
    settlementsBalance,
    settlementsExport,
    settlementsReconcile,
  ]);
}
