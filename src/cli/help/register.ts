/** `merchant help [command…|topic]`: command help like --help, plus topics (exit codes, environment). */
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { Context } from '../context.js';
import { examples, withJson } from '../options.js';
import { EXIT_CODE_TABLE } from '../exit-codes.js';
import { HELP_TOPICS } from './topics.js';

export function registerHelpCommand(program: Command, ctx: Context): void {
  examples(
    withJson(
      program
        .command('help')
        .argument('[topic...]', `a command (e.g. "stores list") or a topic: ${Object.keys(HELP_TOPICS).join(', ')}`)
        .description('show help for a command or a topic'),
    ),
    ['merchant help exit-codes', 'merchant help stores add'],
  ).action((topic: string[], opts: { json?: boolean }) => {
    const [first] = topic;
    if (!first) {
      program.outputHelp();
      ctx.io.stdout.write(`\nTopics: ${Object.keys(HELP_TOPICS).map((t) => `merchant help ${t}`).join(', ')}\n`);
      return;
    }
    const helpTopic = HELP_TOPICS[first];
    if (helpTopic) {
      if (opts.json && first === 'exit-codes') ctx.io.stdout.write(`${JSON.stringify(EXIT_CODE_TABLE, null, 2)}\n`);
      else ctx.io.stdout.write(helpTopic.text());
      return;
    }
    let command: Command = program;
    for (const name of topic) {
      const next = command.commands.find((c) => c.name() === name || c.aliases().includes(name));
      if (!next) throw new UsageError(`No help for "${topic.join(' ')}": unknown command or topic.`, { hint: 'Run merchant --help for the list.' });
      command = next;
    }
    command.outputHelp();
  });
}
