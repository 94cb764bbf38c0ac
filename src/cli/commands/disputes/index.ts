/** `merchant disputes …`: the Portal's Disputes section, in --help order. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { attachNoun } from '../../define-command.js';
import { disputesAccept } from './accept.js';
import { disputesList } from './list.js';
import { disputesRespond } from './respond.js';
import { disputesShow } from './show.js';

export function registerDisputesCommands(program: Command, ctx: Context): void {
  attachNoun(program, ctx, 'disputes', 'disputes on captured orders: list, show, respond with evidence, accept', [disputesList, disputesShow, disputesRespond, disputesAccept]);
}
