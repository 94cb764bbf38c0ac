/** `merchant links …`: the verbs in --help order. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { attachNoun } from '../../define-command.js';
import { linksCancel } from './cancel.js';
import { linksCreate } from './create.js';
import { linksDispatch } from './dispatch.js';
import { linksDuplicate } from './duplicate.js';
import { linksList } from './list.js';
import { linksResend } from './resend.js';
import { linksShow } from './show.js';

export function registerLinksCommands(program: Command, ctx: Context): void {
  attachNoun(program, ctx, 'links', 'payment links: create (one or bulk), history, show, cancel, duplicate, resend, dispatch', [
    linksCreate,
    linksList,
    linksShow,
    linksCancel,
    linksDuplicate,
    linksResend,
    linksDispatch,
  ]);
}
