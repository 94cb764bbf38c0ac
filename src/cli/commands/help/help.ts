/** `merchant help [command…|topic]`: command help like --help, plus topics (exit codes, environment). */
import type { Command } from 'commander';
import { defineCommand } from '../../define-command.js';
import { HELP_TOPICS } from '../../help/topics.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const helpCommand = (program: Command) =>
  defineCommand({
    name: 'help',
    description: 'show help for a command or a topic',
    args: [{ name: 'topic', description: `a command (e.g. "stores list") or a topic: ${Object.keys(HELP_TOPICS).join(', ')}`, optional: true, variadic: true }],
    options: [JSON_OPTION],
    examples: ['merchant help exit-codes', 'merchant help stores add'],
    schema: (z) => z.object({ topic: z.array(z.string()).default([]), ...outputFlags(z) }),
    async handler(_ctx, input) {
      const { resolveHelp } = await import('../../help/resolve.js');
      return resolveHelp(program, input.topic);
    },
    async render(ctx, page, input) {
      const { renderHelp } = await import('../../../output/views/help.js');
      renderHelp(ctx.io, page, input.json === true);
    },
  });
