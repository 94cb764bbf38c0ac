/** How `merchant help` prints: commander's help for a command, a topic's text, or its JSON table. */
import type { Writable } from 'node:stream';
import type { HelpPage } from '../../cli/help/resolve.js';
import { writeJson } from '../render.js';

export function renderHelp(io: { stdout: Writable }, page: HelpPage, json: boolean): void {
  switch (page.kind) {
    case 'overview':
      page.command.outputHelp();
      io.stdout.write(`\nTopics: ${page.topics.map((t) => `merchant help ${t}`).join(', ')}\n`);
      return;
    case 'topic':
      if (json && page.table !== undefined) writeJson(io, page.table);
      else io.stdout.write(page.text);
      return;
    case 'command':
      page.command.outputHelp();
      return;
  }
}

