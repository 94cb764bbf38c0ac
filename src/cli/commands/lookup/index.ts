/** `merchant lookup`: a command without verbs. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { lookupCommand } from './lookup.js';

export function registerLookupCommands(program: Command, ctx: Context): void {
  lookupCommand.attach(program, ctx);
}
