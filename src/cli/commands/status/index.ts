/** `merchant status`: a verb without a noun, the first command a merchant types. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { homeStatusCommand } from './status.js';

export function registerStatusCommand(program: Command, ctx: Context): void {
  homeStatusCommand.attach(program, ctx);
}
