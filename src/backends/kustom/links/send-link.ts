/**
 * Sending a link by email or SMS through the HPP session's distribution endpoint, now or at a scheduled time. Kustom
 * writes the message itself (localized from the session), so no custom template can be sent; scheduled
 * messages wait in the ledger until `dispatchDue` sends them.
 */
import { randomUUID } from 'node:crypto';
import { ValidationError, isMerchantError } from '../../../errors.js';
import type { LinkDelivery, LinkMessage } from '../../../domain/model/payment-link.js';
import { refuseUnsupported, type KustomContext } from '../context.js';
import type { LinkRow, MessageRow } from '../ledger/links-repo.js';
import { toMessage, type StoredLinkRequest } from './link-view.js';
import { distributionBody } from './payloads.js';

export function refuseTemplate(delivery: LinkDelivery): void {
  if (delivery.template !== undefined) {
    refuseUnsupported('links.message_template', 'send a custom message template', 'Kustom writes link emails and texts itself, in the language of the link.');
  }
}

/** Who receives the message: the explicit recipient, else the customer's email/phone for the channel. */
export function recipientFor(row: LinkRow, channel: 'email' | 'sms', recipient: string | undefined): string {
  const req = JSON.parse(row.request) as StoredLinkRequest;
  const value = recipient ?? (channel === 'email' ? req.customer.email : req.customer.phone);
  if (!value) {
    throw ValidationError.single(channel === 'email' ? 'customer.email' : 'customer.phone', `is required to send the link by ${channel}`);
  }
  return value;
}

function messageBody(channel: 'email' | 'sms', url: string): string {
  return `Kustom ${channel === 'email' ? 'email' : 'text message'} with the payment link ${url} (worded by Kustom in the link's language)`;
}

/** Calls the distribution endpoint. The URL comes from the create-session response (same host). */
export async function distribute(ctx: KustomContext, row: LinkRow, channel: 'email' | 'sms', recipient: string, storeCountry: string): Promise<void> {
  const linkId = row.link_id ?? '';
  await ctx.http.request({
    method: 'POST',
    path: `/hpp/v1/sessions/${encodeURIComponent(linkId)}/distribution`,
    body: distributionBody(channel, recipient, storeCountry),
    operation: 'links.send',
    resource: 'Payment link',
    resourceId: linkId,
  });
}

/**
 * Records and (when due) sends one message. A failed send is recorded as `failed` and rethrown, except when
 * `swallow` is set (link creation: the link exists either way, and the message shows the failure).
 */
export async function sendOrSchedule(
  ctx: KustomContext,
  row: LinkRow,
  channel: 'email' | 'sms',
  recipient: string,
  sendAt: string | undefined,
  storeCountry: string,
  swallow = false,
): Promise<LinkMessage> {
  const now = ctx.clock.now();
  const linkId = row.link_id ?? '';
  const scheduled = sendAt !== undefined && Date.parse(sendAt) > now.getTime();
  const message: MessageRow = {
    message_id: `msg_${randomUUID()}`,
    link_id: linkId,
    channel,
    recipient,
    subject: null,
    body: messageBody(channel, row.url ?? ''),
    status: scheduled ? 'scheduled' : 'failed',
    scheduled_for: scheduled ? new Date(Date.parse(sendAt)).toISOString() : null,
    sent_at: null,
    error: null,
    created_at: now.toISOString(),
  };
  if (scheduled) {
    ctx.links.insertMessage(message);
    return toMessage(message);
  }
  try {
    await distribute(ctx, row, channel, recipient, storeCountry);
    message.status = 'sent';
    message.sent_at = ctx.clock.now().toISOString();
    ctx.links.insertMessage(message);
    return toMessage(message);
  } catch (error) {
    message.error = isMerchantError(error) || error instanceof Error ? error.message : String(error);
    ctx.links.insertMessage(message);
    if (swallow) {
      ctx.logger.warn(`The link was created, but sending it by ${channel} failed: ${message.error}`);
      return toMessage(message);
    }
    throw error;
  }
}
