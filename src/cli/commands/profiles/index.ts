/** `merchant profiles …`: named sets of settings (e.g. sandbox, ci, live). */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { attachNoun } from '../../define-command.js';
import { profilesAdd } from './add.js';
import { profilesList } from './list.js';
import { profilesRemove } from './remove.js';
import { profilesUse } from './use.js';

export function registerProfilesCommands(program: Command, ctx: Context): void {
  attachNoun(program, ctx, 'profiles', 'named settings profiles: backend, default store, base URL', [profilesList, profilesAdd, profilesUse, profilesRemove]);
}
