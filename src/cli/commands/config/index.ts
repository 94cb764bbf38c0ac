/** `merchant config …`: the CLI's own settings, per profile. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { attachNoun } from '../../define-command.js';
import { configGet } from './get.js';
import { configList } from './list.js';
import { configSet } from './set.js';
import { configUnset } from './unset.js';

export function registerConfigCommands(program: Command, ctx: Context): void {
  attachNoun(program, ctx, 'config', 'settings in force (backend, store, base URL) and where each comes from', [configList, configGet, configSet, configUnset]);
}
