/**
 * How a link reaches the customer: `email`, `sms`, both (`email,sms`, one message each) or `none` (the URL
 * is printed). Both backends and every command read `--send` through `parseLinkChannel`, so the spelling
 * `sms,email` or ` email , sms ` means the same as `email,sms`.
 */
import { ValidationError } from '../errors.js';
import type { LinkChannel, MessageChannel } from './model/payment-link.js';

export const LINK_CHANNELS: readonly LinkChannel[] = ['email', 'sms', 'email,sms', 'none'];
export const MESSAGE_CHANNELS: readonly MessageChannel[] = ['email', 'sms'];

/** `email`, `sms`, `email,sms` (either order) or `none`; anything else is refused naming `field`. */
export function parseLinkChannel(value: string, field = 'send', allowed: readonly LinkChannel[] = LINK_CHANNELS): LinkChannel {
  const parts = value.split(',').map((p) => p.trim().toLowerCase());
  const unique = new Set(parts);
  const known = parts.every((p) => (MESSAGE_CHANNELS as readonly string[]).includes(p)) && unique.size === parts.length;
  const channel = (known ? MESSAGE_CHANNELS.filter((c) => unique.has(c)).join(',') : parts.join(',')) as LinkChannel;
  if (!allowed.includes(channel)) throw ValidationError.single(field, `must be ${allowed.join(', ').replace(/, ([^,]*)$/, ' or $1')}; got ${JSON.stringify(value)}`);
  return channel;
}

/** The messages a channel sends: one per medium, email first. */
export function messageChannels(channel: LinkChannel): MessageChannel[] {
  return channel === 'none' ? [] : (channel.split(',') as MessageChannel[]);
}

/** The contact each medium needs, and the flag that gives it. */
export const CHANNEL_CONTACT: Record<MessageChannel, { field: 'email' | 'phone'; flag: string; label: string }> = {
  email: { field: 'email', flag: '--email', label: 'email' },
  sms: { field: 'phone', flag: '--phone', label: 'SMS' },
};
