/** `merchant help`: a command without verbs; it reads the program it belongs to. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { helpCommand } from './help.js';

export function registerHelpCommand(program: Command, ctx: Context): void {
  helpCommand(program).attach(program, ctx);
}
