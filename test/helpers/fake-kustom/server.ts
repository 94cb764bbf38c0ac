/**
 * `startFakeKustom()`: a local, stateful stand-in for the Kustom API on 127.0.0.1, validating every request
 * against the saved OpenAPI files (reference §10) and the auth rules of §1.3, with optional latency, rate
 * limiting (a fixed 1-second window) and seeded fault injection.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { checkoutHandlers } from './checkout.js';
import { completeSession, createOmOrder, setSessionStatus, type SeedOrder } from './control.js';
import { hppHandlers } from './hpp.js';
import { OpenApiCatalogue, describeAjvErrors, type MatchedOperation } from './openapi.js';
import { omHandlers, omOrderJson } from './order-management.js';
import { mulberry32 } from '../../../src/infra/prng.js';
import { defaultOpenApiDir } from './project-root.js';
import { errorReply, isReply, type Handler, type Reply } from './reply.js';
import { RESPONSE_MEDIA_TYPE, settlementsHandlers } from './settlements.js';
import { emptyState, seedSettlements, type FakeState, type HppStatus, type OmStatus } from './state.js';

export interface FakeFaults {
  /** Probability (0–1) of answering 503 before acting. */
  transientRate?: number;
  /**
   * With transientRate: at most this many 503s in a row for one method and path (a request and its
   * retries). Below the client's retry budget, every request gets through however the draws fall; without
   * it, which request meets which draw depends on the order concurrent requests arrive in.
   */
  transientStreakMax?: number;
  /** Probability (0–1) that an Order Management mutation is performed and the socket then destroyed unanswered. */
  timeoutAfterCommitRate?: number;
  /** With timeoutAfterCommitRate: a repeat with the same idempotency key is dropped too (the caller never learns). */
  dropReplays?: boolean;
  /**
   * Answers a request with this status (and headers) before acting, after authentication; undefined lets it
   * through. The fault classes of a test: 503 or 500 to everything, 500 on reads only, 429 with Retry-After.
   */
  answer?: (request: { method: string; path: string }) => { status: number; headers?: Record<string, string> } | undefined;
  seed?: number;
}

export interface FakeKustomOptions {
  latencyMs?: number;
  rateLimitPerSecond?: number;
  faults?: FakeFaults;
  /** The accepted key (default 'kco_test_api_fakefakefakefakefake'). */
  apiKey?: string;
  /** With form B (`Basic base64(user:key)`): the required username; any non-empty one when omitted. */
  username?: string;
  /** true (default): requests that break the OpenAPI contract get 400. false: recorded, then served anyway. */
  strictValidation?: boolean;
  /** Number of seeded payouts (default 45). */
  payouts?: number;
  /** Directory with the OpenAPI files (default: `<projectRoot>/../shared/reference/openapi`). */
  openapiDir?: string;
  /**
   * Where `redirect_url` (the consumer's payment page) points. Real Kustom serves it over https on its own
   * host; default `https://pay.fake-kustom.test`. The fake's own page stays at `<url>/__fake/pay/<session>`.
   */
  payPageUrl?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased headers; Authorization masked. */
  headers: Record<string, string>;
  body: unknown;
  operationId: string | undefined;
  authKind: 'api_key' | 'basic' | 'missing' | 'invalid' | 'n/a';
  idempotencyKey: string | undefined;
  /** Status answered; 0 when the socket was dropped without an answer. */
  status: number;
  at: number;
}

export interface FakeKustom {
  url: string;
  close(): Promise<void>;
  state: FakeState;
  requests: RecordedRequest[];
  violations: string[];
  /** Adds an OM order (partial; defaults fill the rest) and returns its order_id. */
  seedOrder(order?: SeedOrder): string;
  /** Completes an HPP session (consumer paid) and returns the new OM order_id. */
  completeSession(sessionId: string): string;
  /** Moves the fake's clock forward (expiry of sessions and authorizations, extension limits). */
  advanceClock(ms: number): void;
  /** Changes latency, rate limit or faults while running. */
  configure(options: Pick<FakeKustomOptions, 'latencyMs' | 'rateLimitPerSecond' | 'faults' | 'strictValidation'>): void;
  reset(): void;
}

export const DEFAULT_FAKE_API_KEY = 'kco_test_api_fakefakefakefakefake';

const catalogues = new Map<string, OpenApiCatalogue>();
function catalogueFor(dir: string): OpenApiCatalogue {
  let c = catalogues.get(dir);
  if (!c) {
    c = new OpenApiCatalogue(dir);
    catalogues.set(dir, c);
  }
  return c;
}

const HANDLERS: Record<string, Handler> = { ...checkoutHandlers, ...hppHandlers, ...omHandlers, ...settlementsHandlers };

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function lowerHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function acceptAllows(accept: string | undefined, mediaType: string): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  const [type] = mediaType.split('/');
  return accept.split(',').some((part) => {
    const m = part.split(';')[0]?.trim().toLowerCase() ?? '';
    return m === '*/*' || m === mediaType || m === `${type}/*`;
  });
}

export async function startFakeKustom(options: FakeKustomOptions = {}): Promise<FakeKustom> {
  const catalogue = catalogueFor(options.openapiDir ?? defaultOpenApiDir());
  const apiKey = options.apiKey ?? DEFAULT_FAKE_API_KEY;
  const payoutCount = options.payouts ?? 45;
  const payPageUrl = (options.payPageUrl ?? 'https://pay.fake-kustom.test').replace(/\/+$/, '');
  const config = {
    latencyMs: options.latencyMs ?? 0,
    rateLimitPerSecond: options.rateLimitPerSecond,
    faults: options.faults ?? {},
    strictValidation: options.strictValidation ?? true,
  };
  let rng = mulberry32(config.faults.seed ?? 1);
  /** 503s answered in a row, by `METHOD path` (transientStreakMax). */
  const streaks = new Map<string, number>();
  const state = emptyState(payoutCount);
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  let window = { start: 0, count: 0 };
  let url = '';
  let clockOffsetMs = 0;
  const fakeNow = (): Date => new Date(Date.now() + clockOffsetMs);

  function authKind(header: string | undefined): RecordedRequest['authKind'] {
    if (header === undefined) return 'missing';
    const m = /^Basic (\S+)$/.exec(header);
    if (!m?.[1]) return 'invalid';
    if (m[1] === apiKey) return 'api_key';
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(m[1])) return 'invalid';
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return 'invalid';
    const user = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    if (secret !== apiKey) return 'invalid';
    if (options.username !== undefined && user !== options.username) return 'invalid';
    return 'basic';
  }

  /** Fixed 1-second window; returns the headers to send and whether the request is over the limit. */
  function rateLimit(): { headers: Record<string, string>; limited: boolean } {
    const limit = config.rateLimitPerSecond;
    if (limit === undefined || limit <= 0) return { headers: {}, limited: false };
    const now = Date.now();
    const start = Math.floor(now / 1000) * 1000;
    if (window.start !== start) window = { start, count: 0 };
    window.count += 1;
    const limited = window.count > limit;
    const remaining = Math.max(0, limit - window.count);
    const resetSeconds = Math.max(0.001, (start + 1000 - now) / 1000);
    return {
      headers: {
        'x-ratelimit-limit': `${limit}, ${limit};w=1`,
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': resetSeconds.toFixed(3),
      },
      limited,
    };
  }

  function validate(
    matched: MatchedOperation,
    method: string,
    query: Record<string, string>,
    repeated: string[],
    headers: Record<string, string>,
    raw: Buffer,
  ): { problems: string[]; body: unknown } {
    const { op } = matched;
    const problems: string[] = [];
    for (const name of repeated) problems.push(`Bad value: ${name} (query parameter repeated)`);
    const q = { ...query };
    if (!op.queryValidator(q)) problems.push(...describeAjvErrors(op.queryValidator.errors, ''));
    for (const p of op.params.filter((x) => x.in === 'header' && x.required)) {
      if (headers[p.name.toLowerCase()] === undefined) problems.push(`Bad value: header ${p.name} (is required)`);
    }
    const declaresIdem = op.params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'klarna-idempotency-key');
    if (headers['klarna-idempotency-key'] !== undefined && !declaresIdem) {
      problems.push(`Bad value: header Klarna-Idempotency-Key (not accepted by ${method} ${op.template}; only Order Management documents it)`);
    }
    const expected = RESPONSE_MEDIA_TYPE[op.operationId] ?? 'application/json';
    if (!acceptAllows(headers.accept, expected)) {
      problems.push(`Bad value: header Accept (${headers.accept} does not allow ${expected}, which ${op.operationId} returns)`);
    }
    let body: unknown;
    const text = raw.toString('utf8');
    if (text.trim() !== '') {
      const ct = headers['content-type'] ?? '';
      if (!op.bodyValidator) {
        problems.push(`Bad value: body (${method} ${op.template} takes no request body)`);
      } else if (!/^application\/json\b/i.test(ct)) {
        problems.push(`Bad value: header Content-Type (must be application/json, got ${ct || 'none'})`);
      }
      try {
        body = JSON.parse(text);
      } catch {
        problems.push('Bad value: body (not valid JSON)');
      }
      if (body !== undefined && op.bodyValidator && !op.bodyValidator(body)) {
        problems.push(...describeAjvErrors(op.bodyValidator.errors, ''));
      }
    } else if (op.bodyValidator && op.bodyRequired) {
      problems.push(`Bad value: body (${op.operationId} requires a JSON body)`);
    }
    return { problems, body };
  }

  function send(res: http.ServerResponse, reply: Reply, extra: Record<string, string>): void {
    const headers: Record<string, string> = { ...extra, ...reply.headers };
    let data: string | Buffer | undefined;
    if (reply.raw) {
      headers['content-type'] = reply.raw.contentType;
      data = reply.raw.data;
    } else if (reply.json !== undefined) {
      headers['content-type'] = 'application/json';
      data = JSON.stringify(reply.json);
    }
    if (data !== undefined) headers['content-length'] = String(Buffer.byteLength(data));
    else if (reply.status !== 204 && reply.status !== 304) headers['content-length'] = '0';
    res.writeHead(reply.status, headers);
    res.end(data);
  }

  function control(method: string, pathname: string, body: unknown): Reply {
    const parts = pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
    const now = fakeNow();
    const obj = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const [a, b, c] = parts;
    if (method === 'POST' && a === 'complete-session' && b) {
      const r = completeSession(state, b, now);
      if (isReply(r)) return r;
      return { status: 200, json: { order_id: r.order_id, klarna_reference: r.klarna_reference } };
    }
    if (method === 'POST' && a === 'orders' && !b) {
      return { status: 201, json: { order_id: createOmOrder(state, obj, now).order_id } };
    }
    if (method === 'GET' && a === 'orders' && b) {
      const order = state.orders.get(b);
      return order ? { status: 200, json: omOrderJson(order) } : errorReply(404, 'NO_SUCH_ORDER', [`Order ${b} not found`]);
    }
    if (method === 'POST' && a === 'orders' && b && c === 'status') {
      const order = state.orders.get(b);
      if (!order) return errorReply(404, 'NO_SUCH_ORDER', [`Order ${b} not found`]);
      order.status = String(obj.status) as OmStatus;
      if (order.status === 'EXPIRED' || order.status === 'CANCELLED') order.remaining_authorized_amount = 0;
      return { status: 204 };
    }
    if (method === 'POST' && a === 'sessions' && b && c === 'status') {
      return setSessionStatus(state, b, String(obj.status) as HppStatus, now) ?? { status: 204 };
    }
    if (method === 'GET' && a === 'pay' && b) {
      const session = state.sessions.get(b);
      if (!session) return { status: 404, raw: { contentType: 'text/html', data: '<h1>Page Not Found</h1>' } };
      if (session.status === 'WAITING') session.status = 'IN_PROGRESS';
      return { status: 200, raw: { contentType: 'text/html', data: `<h1>Fake Kustom payment page</h1><p>${session.session_id}</p>` } };
    }
    if (method === 'GET' && a === 'qr' && b) return { status: 200, raw: { contentType: 'text/plain', data: `QR ${b}` } };
    if (method === 'POST' && a === 'reset') {
      fake.reset();
      return { status: 204 };
    }
    if (method === 'POST' && a === 'config') {
      fake.configure(obj);
      return { status: 204 };
    }
    if (method === 'GET' && a === 'violations') return { status: 200, json: violations };
    if (method === 'GET' && a === 'requests') return { status: 200, json: requests };
    if (method === 'GET' && a === 'state') {
      return {
        status: 200,
        json: {
          checkoutOrders: [...state.checkoutOrders.values()],
          sessions: [...state.sessions.values()],
          orders: [...state.orders.values()].map(omOrderJson),
        },
      };
    }
    return errorReply(404, 'NOT_FOUND', [`Unknown control endpoint ${method} ${pathname}`]);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const parsedUrl = new URL(req.url ?? '/', 'http://fake.invalid');
    const pathname = parsedUrl.pathname;
    const headers = lowerHeaders(req);
    const query: Record<string, string> = {};
    const repeated: string[] = [];
    for (const [k, v] of parsedUrl.searchParams) {
      if (k in query) repeated.push(k);
      query[k] = v;
    }
    const record: RecordedRequest = {
      method,
      path: pathname,
      query,
      headers: { ...headers, ...(headers.authorization ? { authorization: 'Basic ***' } : {}) },
      body: undefined,
      operationId: undefined,
      authKind: 'n/a',
      idempotencyKey: headers['klarna-idempotency-key'],
      status: 0,
      at: Date.now(),
    };
    try {
      record.body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      record.body = raw.toString('utf8');
    }
    requests.push(record);

    if (pathname.startsWith('/__fake/')) {
      const reply = control(method, pathname, record.body);
      record.status = reply.status;
      send(res, reply, {});
      return;
    }

    const rl = rateLimit();
    if (rl.limited) {
      const reply = errorReply(429, 'TOO_MANY_REQUESTS', ['Too many requests']);
      record.status = 429;
      send(res, reply, rl.headers);
      return;
    }
    if (config.latencyMs > 0) await delay(config.latencyMs);

    const matched = catalogue.match(method, pathname);
    if (!matched.op) {
      violations.push(`${method} ${pathname}: ${matched.pathKnown ? 'method not defined for this path' : 'unknown path'} in the OpenAPI files`);
      record.status = 404;
      send(res, errorReply(404, 'NOT_FOUND', [`No such resource: ${method} ${pathname}`]), rl.headers);
      return;
    }
    const m = matched;
    record.operationId = m.op.operationId;
    record.authKind = authKind(headers.authorization);
    if (record.authKind !== 'api_key' && record.authKind !== 'basic') {
      record.status = 401;
      send(res, errorReply(401, 'UNAUTHORIZED', ['Missing or invalid credentials']), rl.headers);
      return;
    }

    const { problems, body } = validate(m, method, query, repeated, headers, raw);
    if (problems.length > 0) {
      for (const p of problems) violations.push(`${method} ${pathname} (${m.op.operationId}): ${p}`);
      if (config.strictValidation) {
        record.status = 400;
        send(res, errorReply(400, 'BAD_VALUE', problems), rl.headers);
        return;
      }
    }

    const forced = config.faults.answer?.({ method, path: pathname });
    if (forced) {
      record.status = forced.status;
      send(res, errorReply(forced.status, forced.status === 401 ? 'UNAUTHORIZED' : forced.status === 429 ? 'TOO_MANY_REQUESTS' : 'TEMPORARILY_UNAVAILABLE', ['Answered by a test fault']), { ...rl.headers, ...forced.headers });
      return;
    }
    const streakKey = `${method} ${pathname}`;
    const streak = streaks.get(streakKey) ?? 0;
    if ((config.faults.transientRate ?? 0) > 0 && rng() < (config.faults.transientRate ?? 0) && streak < (config.faults.transientStreakMax ?? Infinity)) {
      streaks.set(streakKey, streak + 1);
      record.status = 503;
      send(res, errorReply(503, 'TEMPORARILY_UNAVAILABLE', ['Service temporarily unavailable (injected fault)']), rl.headers);
      return;
    }

    streaks.delete(streakKey);
    const isOmMutation = m.op.api === 'om' && (method === 'POST' || method === 'PATCH');
    const idemKey = isOmMutation ? headers['klarna-idempotency-key'] : undefined;
    let reply: Reply;
    let replayed = false;
    const stored = idemKey !== undefined ? state.idempotency.get(idemKey) : undefined;
    if (stored) {
      reply = { status: stored.status, headers: { ...stored.headers }, json: stored.body };
      replayed = true;
    } else {
      const handler = HANDLERS[m.op.operationId];
      if (!handler) {
        reply = errorReply(501, 'NOT_IMPLEMENTED', [`${m.op.operationId} is not implemented by the fake`]);
      } else {
        reply = handler({ state, url, params: m.params, query, body, headers, now: fakeNow, payPageUrl });
      }
      if (idemKey !== undefined && reply.status >= 200 && reply.status < 300) {
        state.idempotency.set(idemKey, { status: reply.status, headers: { ...reply.headers }, body: reply.json });
      }
    }

    if (
      isOmMutation &&
      (!replayed || config.faults.dropReplays === true) &&
      (reply.committed || replayed) &&
      (config.faults.timeoutAfterCommitRate ?? 0) > 0 &&
      rng() < (config.faults.timeoutAfterCommitRate ?? 0)
    ) {
      record.status = 0;
      req.socket.destroy();
      return;
    }
    record.status = reply.status;
    send(res, reply, rl.headers);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      violations.push(`fake-kustom internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error_code: 'INTERNAL_SERVER_ERROR', error_messages: ['fake internal error'], correlation_id: randomUUID() }));
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  url = `http://127.0.0.1:${address.port}`;

  const fake: FakeKustom = {
    url,
    state,
    requests,
    violations,
    seedOrder(order: SeedOrder = {}): string {
      return createOmOrder(state, order, fakeNow()).order_id;
    },
    completeSession(sessionId: string): string {
      const r = completeSession(state, sessionId, fakeNow());
      if (isReply(r)) throw new Error(`fake-kustom: cannot complete session ${sessionId}: ${JSON.stringify(r.json)}`);
      return r.order_id;
    },
    advanceClock(ms: number): void {
      clockOffsetMs += ms;
    },
    configure(next) {
      if (next.latencyMs !== undefined) config.latencyMs = next.latencyMs;
      if ('rateLimitPerSecond' in next) config.rateLimitPerSecond = next.rateLimitPerSecond;
      if (next.strictValidation !== undefined) config.strictValidation = next.strictValidation;
      if (next.faults !== undefined) {
        config.faults = next.faults;
        rng = mulberry32(next.faults.seed ?? 1);
        streaks.clear();
      }
    },
    reset(): void {
      state.checkoutOrders.clear();
      state.sessions.clear();
      state.orders.clear();
      state.idempotency.clear();
      const seeded = seedSettlements(payoutCount);
      state.payouts.splice(0, state.payouts.length, ...seeded.payouts);
      state.transactions.splice(0, state.transactions.length, ...seeded.transactions);
      requests.length = 0;
      violations.length = 0;
      window = { start: 0, count: 0 };
      clockOffsetMs = 0;
      rng = mulberry32(config.faults.seed ?? 1);
      streaks.clear();
    },
    close(): Promise<void> {
      return new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
  return fake;
}
