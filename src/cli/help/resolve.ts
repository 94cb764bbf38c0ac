/** What `merchant help [words…]` shows: the program, a topic, or the command the words name. */
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { HelpPage } from '../../output/views/help.js';
import { EXIT_CODE_TABLE } from '../exit-codes.js';
import { HELP_TOPICS } from './topics.js';

export function resolveHelp(program: Command, words: readonly string[]): HelpPage {
  const [first] = words;
  if (!first) return { kind: 'overview', command: program, topics: Object.keys(HELP_TOPICS) };
  const topic = HELP_TOPICS[first];
  // Only the exit codes have a JSON table; other topics print their text even with --json.
  if (topic) return { kind: 'topic', text: topic.text(), table: first === 'exit-codes' ? EXIT_CODE_TABLE : undefined };
  let command = program;
  for (const name of words) {
    const next = command.commands.find((c) => c.name() === name || c.aliases().includes(name));
    if (!next) throw new UsageError(`No help for "${words.join(' ')}": unknown command or topic.`, { hint: 'Run merchant --help for the list.' });
    command = next;
  }
  return { kind: 'command', command };
}
