/** `merchant sandbox outbox`: what the customer received. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const sandboxOutbox = defineCommand({
  name: 'outbox',
  description: 'messages the sandbox "sent" (rendered email/SMS text)',
  options: [{ flags: '--link <id>', description: "only this link's messages (its ID, URL or reference)" }, JSON_OPTION],
  examples: ['merchant sandbox outbox', 'merchant sandbox outbox --link 0b7e… --json'],
  schema: (z) => z.object({ link: z.string().optional(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { sandboxLinkControls, sandboxLinkId } = await import('../../../services/sandbox/sandbox-links.js');
    const backend = await ctx.backend();
    return sandboxLinkControls(backend).outbox(input.link === undefined ? undefined : await sandboxLinkId(backend, input.link));
  },
  async render(ctx, messages, input) {
    const { renderOutbox } = await import('../../../output/views/sandbox.js');
    renderOutbox(ctx, messages, input.json === true);
  },
});
