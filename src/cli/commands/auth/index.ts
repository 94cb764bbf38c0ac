/** `merchant auth …`: the credential in effect. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { attachNoun } from '../../define-command.js';
import { authStatus } from './status.js';

export function registerAuthCommands(program: Command, ctx: Context): void {
  attachNoun(program, ctx, 'auth', 'the credential in effect', [authStatus], ['merchant auth status']);
}
