/**
 * Sending a link again (`links resend`) by one medium or both, and the outcome of the messages a new link
 * sent. A link created with `--send email,sms` whose SMS failed exists and its email went out: the run
 * ends with a partial failure (exit 5) naming the medium that failed, and a resend then sends only that one.
 */
import { requireCapability, type Backend } from '../../backends/backend.js';
import { CHANNEL_CONTACT, messageChannels, parseLinkChannel } from '../../domain/link-channels.js';
import { assertLinkOperation } from '../../domain/link-lifecycle.js';
import { parseWhen, validateTemplate } from '../../domain/link-fields.js';
import type { LinkChannel, LinkMessage, MessageChannel, PaymentLink } from '../../domain/model/payment-link.js';
import { PartialFailureError, ValidationError } from '../../errors.js';
import type { WriteGate } from '../auth/write-gate.js';
import { requireSendCapability } from './create-link.js';
import { linksApi } from './links-api.js';
import { resolveLink } from './resolve-link.js';

export interface ResendOptions {
  channel?: string | undefined;
  sendAt?: string | undefined;
  template?: string | undefined;
  gate: WriteGate;
}

export interface ResendResult {
  link_id: string;
  /** The messages this run sent or scheduled, email first. */
  messages: LinkMessage[];
  /** Media asked for but not sent again: their last message went out and another medium's failed. */
  skipped: MessageChannel[];
  /** Media whose send failed in this run, with the reason. */
  failed: { channel: MessageChannel; error: string }[];
}

const RESEND_CHANNELS: readonly LinkChannel[] = ['email', 'sms', 'email,sms'];

/** The link's own channel, else email when it has an address, else SMS. */
function defaultChannel(link: PaymentLink): LinkChannel {
  if (link.channel !== 'none') return link.channel;
  return link.customer.email ? 'email' : 'sms';
}

function latest(link: PaymentLink, medium: MessageChannel): LinkMessage | undefined {
  return link.messages.filter((m) => m.channel === medium).sort((a, b) => a.created_at.localeCompare(b.created_at)).at(-1);
}

/**
 * Which media to send: all asked for, except that when some of them last failed while the others went out,
 * only the failed ones are sent (a re-run after a partial failure does not send the same message twice).
 */
export function mediaToResend(link: PaymentLink, asked: readonly MessageChannel[]): { send: MessageChannel[]; skipped: MessageChannel[] } {
  const failed = asked.filter((m) => latest(link, m)?.status === 'failed');
  if (failed.length === 0 || failed.length === asked.length) return { send: [...asked], skipped: [] };
  return { send: failed, skipped: asked.filter((m) => !failed.includes(m)) };
}

export async function resendLink(backend: Backend, linkId: string, options: ResendOptions): Promise<ResendResult> {
  const links = linksApi(backend);
  const link = await resolveLink(links, linkId);
  options.gate.check({ action: `resend link ${linkId}`, store: link.store_id });
  assertLinkOperation(link, 'resend', backend.clock.now());
  const channel = options.channel === undefined ? defaultChannel(link) : parseLinkChannel(options.channel, 'send', RESEND_CHANNELS);
  const asked = messageChannels(channel);
  // Every medium is checked before the first message is sent: a missing contact sends nothing.
  for (const medium of asked) {
    const contact = CHANNEL_CONTACT[medium];
    if (!link.customer[contact.field]) {
      throw ValidationError.single(contact.field, `the link has no customer ${contact.field === 'email' ? 'email address' : 'phone number'} to send to (--send ${channel})`);
    }
    requireSendCapability(backend, medium);
  }
  let sendAt: string | undefined;
  if (options.sendAt !== undefined) {
    requireCapability(backend, 'links.schedule', 'schedule payment link messages');
    const at = parseWhen(options.sendAt, backend.clock.now(), 'send_at');
    if (at.getTime() <= backend.clock.now().getTime()) throw ValidationError.single('send_at', `${at.toISOString()} is in the past`);
    sendAt = at.toISOString();
  }
  const template = options.template === undefined ? undefined : validateTemplate(options.template);
  const { send, skipped } = mediaToResend(link, asked);
  const result: ResendResult = { link_id: link.link_id, messages: [], skipped, failed: [] };
  let firstError: unknown;
  for (const medium of send) {
    try {
      result.messages.push(await links.send(link.link_id, { channel: medium, send_at: sendAt, template }));
    } catch (error) {
      // A medium that fails does not stop the other: each is its own message.
      if (send.length === 1) throw error;
      firstError ??= error;
      result.failed.push({ channel: medium, error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (result.messages.length === 0) throw firstError;
  return result;
}

function partialDelivery(linkId: string, failed: readonly { channel: MessageChannel; error: string }[], sent: readonly MessageChannel[]): PartialFailureError {
  const media = failed.map((f) => f.channel).join(',');
  const reasons = failed.map((f) => `${f.channel}: ${f.error}`).join('; ');
  return new PartialFailureError(`Link ${linkId}: sending by ${media} failed (${reasons})${sent.length > 0 ? `; ${sent.join(' and ')} went out` : ''}.`, {
    hint: `Send it again with: merchant links resend ${linkId} --send ${media}`,
    details: { link_id: linkId, failed_channels: failed.map((f) => f.channel), sent_channels: [...sent] },
  });
}

/** After the result is shown: a resend where one medium failed ends as a partial failure (exit 5). */
export function settleResend(result: ResendResult): void {
  if (result.failed.length > 0) throw partialDelivery(result.link_id, result.failed, result.messages.map((m) => m.channel));
}

/** After a new link is shown: a message that could not be sent ends the run as a partial failure (exit 5). */
export function settleLinkDelivery(link: PaymentLink): void {
  const failed = link.messages.filter((m) => m.status === 'failed').map((m) => ({ channel: m.channel, error: m.detail ?? 'not sent' }));
  if (failed.length > 0) throw partialDelivery(link.link_id, failed, link.messages.filter((m) => m.status !== 'failed').map((m) => m.channel));
}
