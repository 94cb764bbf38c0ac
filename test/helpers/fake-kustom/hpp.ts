/** Hosted Payment Page API (reference §3): sessions ("payment links"). */
import { bodyObject, errorReply, isReply, iso, newId, type Handler, type HandlerContext, type Reply } from './reply.js';
import type { FakeHppSession, Json } from './state.js';

const SESSION_LIFETIME_MS = 47 * 3_600_000;

export function sessionJson(session: FakeHppSession): Json {
  return {
    session_id: session.session_id,
    status: session.status,
    updated_at: session.updated_at,
    expires_at: session.expires_at,
    ...(session.order_id ? { order_id: session.order_id } : {}),
    ...(session.klarna_reference ? { klarna_reference: session.klarna_reference } : {}),
  };
}

const create: Handler = (ctx) => {
  const body = bodyObject(ctx);
  const url = typeof body.payment_session_url === 'string' ? body.payment_session_url : '';
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const match = parsed ? /^\/checkout\/v3\/orders\/([^/]+)$/.exec(parsed.pathname) : null;
  if (!parsed || !match?.[1] || parsed.origin !== new URL(ctx.url).origin) {
    return errorReply(400, 'BAD_VALUE', [
      `Bad value: payment_session_url (must be ${ctx.url}/checkout/v3/orders/<order_id> on this environment's host)`,
    ]);
  }
  const checkoutId = decodeURIComponent(match[1]);
  const order = ctx.state.checkoutOrders.get(checkoutId);
  if (!order || order.aborted || order.status !== 'checkout_incomplete') {
    return errorReply(404, 'NOT_FOUND', ['Payment session not found or expired']);
  }
  const now = ctx.now();
  const expires = new Date(Date.parse(order.last_modified_at) + SESSION_LIFETIME_MS);
  const session: FakeHppSession = {
    session_id: newId(),
    status: 'WAITING',
    payment_session_url: url,
    checkout_order_id: checkoutId,
    merchant_urls: body.merchant_urls as Json | undefined,
    options: body.options as Json | undefined,
    created_at: iso(now),
    updated_at: iso(now),
    expires_at: iso(expires),
    distributions: [],
  };
  ctx.state.sessions.set(session.session_id, session);
  const sessionUrl = `${ctx.url}/hpp/v1/sessions/${session.session_id}`;
  return {
    status: 201,
    json: {
      session_id: session.session_id,
      session_url: sessionUrl,
      distribution_url: `${sessionUrl}/distribution`,
      redirect_url: `${ctx.payPageUrl ?? `${ctx.url}/__fake/pay`}/${session.session_id}`,
      qr_code_url: `${ctx.url}/__fake/qr/${session.session_id}`,
      expires_at: session.expires_at,
      distribution_module: {
        generation_url: `${ctx.url}/__fake/distribution/${session.session_id}`,
        standalone_url: `${ctx.payPageUrl ?? `${ctx.url}/__fake/pay`}/${session.session_id}?standalone=1`,
        token: session.session_id.slice(0, 8),
      },
      manual_identification_check_url: `${sessionUrl}/manual-id-check`,
    },
    committed: true,
  };
};

function find(ctx: HandlerContext): FakeHppSession | Reply {
  const id = ctx.params.session_id ?? '';
  const session = ctx.state.sessions.get(id);
  if (!session) return errorReply(404, 'NOT_FOUND', [`Session ${id} not found`]);
  if (Date.parse(session.expires_at) < ctx.now().getTime() && session.status !== 'COMPLETED') {
    return errorReply(404, 'NOT_FOUND', [`Session ${id} has expired`]);
  }
  return session;
}

const read: Handler = (ctx) => {
  const session = find(ctx);
  if (isReply(session)) return session;
  return { status: 200, json: sessionJson(session) };
};

const disable: Handler = (ctx) => {
  const session = find(ctx);
  if (isReply(session)) return session;
  if (session.status === 'COMPLETED') {
    return errorReply(400, 'CONSTRAINT_VIOLATION', ['Session is completed and cannot be disabled']);
  }
  session.status = 'DISABLED';
  session.updated_at = iso(ctx.now());
  return { status: 204, committed: true };
};

const distribute: Handler = (ctx) => {
  const session = find(ctx);
  if (isReply(session)) return session;
  if (session.status === 'DISABLED' || session.status === 'COMPLETED' || session.status === 'CANCELLED') {
    return errorReply(400, 'CONSTRAINT_VIOLATION', [`Session is ${session.status} and cannot be distributed`]);
  }
  const body = bodyObject(ctx);
  const contact = (body.contact_information ?? {}) as Json;
  const method = body.method;
  const complete =
    (method === 'email' && typeof contact.email === 'string' && contact.email.includes('@')) ||
    (method === 'sms' && typeof contact.phone === 'string' && typeof contact.phone_country === 'string') ||
    (method === 'token' && typeof contact.access_id === 'string');
  if (!complete) return errorReply(400, 'MISSING_CONTACT_DATA', [`Contact data for ${String(method)} is incomplete`]);
  session.distributions.push({ method, contact_information: contact, at: iso(ctx.now()) });
  return { status: 201, committed: true };
};

export const hppHandlers: Record<string, Handler> = {
  createHppSession: create,
  getSessionById: read,
  disableHppSession: disable,
  distributeHppSession: distribute,
};
