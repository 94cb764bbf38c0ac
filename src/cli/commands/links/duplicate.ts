/** `merchant links duplicate <id>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';
import { SEND_CHANNELS } from './link-options.js';

export const linksDuplicate = defineCommand({
  name: 'duplicate',
  description: 'copy a cancelled or expired link into a new one with a new expiry',
  args: [{ name: 'id', description: 'a cancelled or expired link' }],
  options: [
    { flags: '--send <channel>', description: 'send the new link: email, sms or none (default none)', choices: SEND_CHANNELS },
    { flags: '--expires-in <duration>', description: 'lifetime of the new link (default and maximum 48h)' },
    { flags: '--expires-at <time>', description: 'expiry of the new link (ISO time)' },
    { flags: '--link-reference <ref>', description: 'a link reference for the new link' },
    JSON_OPTION,
  ],
  examples: ['merchant links duplicate 0b7e… --send email'],
  schema: (z) =>
    z.object({ id: z.string(), send: z.string().optional(), expiresIn: z.string().optional(), expiresAt: z.string().optional(), linkReference: z.string().optional(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { duplicateLink } = await import('../../../services/links/manage-links.js');
    const { createdBy } = await import('../../../services/links/created-by.js');
    return duplicateLink(await ctx.backend(), input.id, {
      send: input.send,
      expiresIn: input.expiresIn,
      expiresAt: input.expiresAt,
      linkReference: input.linkReference,
      createdBy: createdBy(ctx.env),
      gate: ctx.writeGate,
    });
  },
  async render(ctx, link, input) {
    const { renderLinkDuplicated } = await import('../../../output/views/links.js');
    renderLinkDuplicated(ctx, link, input.id, input.json === true);
  },
});
