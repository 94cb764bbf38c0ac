/** `merchant links resend <id>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';
import { RESEND_CHANNELS } from './link-options.js';

export const linksResend = defineCommand({
  name: 'resend',
  description: 'send an active link to the customer again',
  args: [{ name: 'id', description: 'an active link' }],
  options: [
    { flags: '--send <channel>', description: "email or sms (default: the link's channel, else email if known)", choices: RESEND_CHANNELS },
    { flags: '--send-at <time>', description: 'send later: an ISO time or a delay such as 2h' },
    { flags: '--message-template <text>', description: 'message text with {url} and other placeholders' },
    JSON_OPTION,
  ],
  examples: ['merchant links resend 0b7e…', 'merchant links resend 0b7e… --send sms'],
  schema: (z) => z.object({ id: z.string(), send: z.string().optional(), sendAt: z.string().optional(), messageTemplate: z.string().optional(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { resendLink } = await import('../../../services/links/manage-links.js');
    return resendLink(await ctx.backend(), input.id, { channel: input.send, sendAt: input.sendAt, template: input.messageTemplate, gate: ctx.writeGate });
  },
  async render(ctx, message, input) {
    const { renderLinkResent } = await import('../../../output/views/links.js');
    renderLinkResent(ctx, message, input.json === true);
  },
});
