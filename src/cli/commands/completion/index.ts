/** `merchant completion` and the hidden `merchant __complete` it calls back. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { completeIds } from './complete.js';
import { completionCommand } from './completion.js';

export function registerCompletionCommands(program: Command, ctx: Context): void {
  completionCommand(program).attach(program, ctx);
  completeIds.attach(program, ctx);
}
