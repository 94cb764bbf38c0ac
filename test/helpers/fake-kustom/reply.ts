/** Shared shapes for the fake's handlers. */
import { randomUUID } from 'node:crypto';
import type { FakeState, Json } from './state.js';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** JSON body. */
  json?: unknown;
  /** Non-JSON body. */
  raw?: { contentType: string; data: string | Buffer };
  /** The action was committed (used by timeout-after-commit fault injection). */
  committed?: boolean;
}

export interface HandlerContext {
  state: FakeState;
  /** The server's own base URL (http://127.0.0.1:<port>). */
  url: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
  now: () => Date;
  /** Base of the consumer payment page URLs handed out as `redirect_url`. */
  payPageUrl?: string;
}

export type Handler = (ctx: HandlerContext) => Reply;

export function errorReply(status: number, errorCode: string, messages: string[]): Reply {
  return { status, json: { error_code: errorCode, error_messages: messages, correlation_id: randomUUID() } };
}

export function bodyObject(ctx: HandlerContext): Json {
  return ctx.body !== null && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? (ctx.body as Json) : {};
}

export function iso(date: Date): string {
  return date.toISOString();
}

export function newId(): string {
  return randomUUID();
}

const REF_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Kustom's documented shape (`K4MADNY`), as the sandbox makes them. Fully random letters would sometimes
 * begin with what a test searches for by name (`search` also matches references), a true match that
 * made such a test fail about once in 250 runs.
 */
export function shortReference(): string {
  let out = 'K';
  for (let i = 0; i < 6; i += 1) out += REF_ALPHABET[Math.floor(Math.random() * REF_ALPHABET.length)];
  return out;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isReply(value: unknown): value is Reply {
  return value !== null && typeof value === 'object' && typeof (value as { status?: unknown }).status === 'number';
}
