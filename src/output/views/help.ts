/** How `merchant help` prints: commander's help for a command, a topic's text, or its JSON table. */
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { writeJson } from '../render.js';

/** The program's help with the topic list, a topic (with its JSON table, if it has one), or one command's help. */
export type HelpPage =
  | { kind: 'overview'; command: Command; topics: string[] }
  | { kind: 'topic'; text: string; table: unknown }
  | { kind: 'command'; command: Command };

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

