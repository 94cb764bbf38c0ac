/** `merchant sandbox outbox|open|pay`: what the customer received, and acting as the customer. */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { examples, withJson } from '../options.js';

export function registerSandboxLinksCommands(sandbox: Command, ctx: Context): void {
  examples(
    withJson(sandbox.command('outbox').description('messages the sandbox "sent" (rendered email/SMS text)').option('--link <id>', "only this link's messages")),
    ['merchant sandbox outbox', 'merchant sandbox outbox --link 0b7e… --json'],
  ).action(async (opts: { link?: string; json?: boolean }) => {
    const { sandboxLinkControls } = await import('../../services/sandbox/sandbox-links.js');
    const { writeJson } = await import('../../output/render.js');
    const messages = await sandboxLinkControls(await ctx.backend()).outbox(opts.link);
    if (opts.json) {
      writeJson(ctx.io, messages);
      return;
    }
    if (messages.length === 0) ctx.logger.info('The outbox is empty.');
    for (const m of messages) {
      ctx.io.stdout.write(`--- ${m.channel} to ${m.recipient} at ${m.sent_at ?? ''} (link ${m.link_id})\n`);
      if (m.subject) ctx.io.stdout.write(`Subject: ${m.subject}\n\n`);
      ctx.io.stdout.write(`${m.body}\n\n`);
    }
  });

  examples(withJson(sandbox.command('open').argument('<link>', 'link ID').description('act as the customer opening the payment page (link turns in progress)')), [
    'merchant sandbox open 0b7e…',
  ]).action(async (linkId: string, opts: { json?: boolean }) => {
    const { sandboxLinkControls } = await import('../../services/sandbox/sandbox-links.js');
    const { writeJson } = await import('../../output/render.js');
    const link = await sandboxLinkControls(await ctx.backend()).open(linkId);
    if (opts.json) writeJson(ctx.io, link);
    else ctx.io.stdout.write(`${link.status}\n`);
  });

  examples(
    withJson(
      sandbox
        .command('pay')
        .argument('<link>', 'link ID')
        .description('act as the customer paying: the link completes and an authorized order is created (captured with auto-capture)')
        .option('--decline', 'the payment is declined instead (the link turns failed and can be retried)'),
    ),
    ['merchant sandbox pay 0b7e…', 'merchant sandbox pay 0b7e… --decline'],
  ).action(async (linkId: string, opts: { decline?: boolean; json?: boolean }) => {
    const { sandboxLinkControls } = await import('../../services/sandbox/sandbox-links.js');
    const { writeJson } = await import('../../output/render.js');
    const link = await sandboxLinkControls(await ctx.backend()).pay(linkId, { decline: Boolean(opts.decline) });
    if (opts.json) writeJson(ctx.io, link);
    else ctx.io.stdout.write(`${link.order_id ?? link.status}\n`);
    if (link.order_id) ctx.logger.success(`Paid: link ${link.link_id} is completed; order ${link.order_id} is ${link.auto_capture ? 'captured' : 'authorized'}.`);
    else ctx.logger.info(`Declined: link ${link.link_id} is ${link.status}; the customer may try again.`);
  });
}
