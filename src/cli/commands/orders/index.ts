/** `merchant orders …`: the verbs in --help order. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { attachNoun } from '../../define-command.js';
import { ordersCancel } from './cancel.js';
import { ordersCapture } from './capture.js';
import { ordersExtend } from './extend.js';
import { ordersList } from './list.js';
import { ordersRefund } from './refund.js';
import { ordersRelease } from './release.js';
import { ordersShow } from './show.js';
import { ordersTimeline } from './timeline.js';

export function registerOrdersCommands(program: Command, ctx: Context): void {
  attachNoun(program, ctx, 'orders', 'orders: look up, capture (one or in bulk), refund, cancel, release, extend', [
    ordersList,
    ordersShow,
    ordersTimeline,
    ordersCapture,
    ordersRefund,
    ordersCancel,
    ordersRelease,
    ordersExtend,
  ]);
}
