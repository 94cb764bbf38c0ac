/** `merchant stores …`: the verbs in --help order. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { attachNoun } from '../../define-command.js';
import { storesAdd } from './add.js';
import { storesConfigure } from './configure.js';
import { storesList } from './list.js';
import { storesShow } from './show.js';

export function registerStoresCommands(program: Command, ctx: Context): void {
  attachNoun(program, ctx, 'stores', 'stores (merchant agreements): country, currencies, terms URL, default', [storesList, storesShow, storesAdd, storesConfigure]);
}
