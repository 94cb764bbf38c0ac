/** `merchant logs`: a command without verbs. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { logs } from './logs.js';

export function registerLogsCommands(program: Command, ctx: Context): void {
  logs.attach(program, ctx);
}
