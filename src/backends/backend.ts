/**
 * The one interface every backend implements. The CLI and services speak only to this; which provider is
 * behind it (the local sandbox, Kustom's REST API) is chosen by the registry from the resolved settings.
 *
 * It is split per noun so that each part can grow on its own; a backend that lacks a part leaves it
 * undefined and does not list the matching capability, and the CLI refuses the command with a message
 * naming the backend (see `requireCapability`).
 */
import { MerchantError } from '../errors.js';
import type { Paths } from '../config/paths.js';
import type { ResolvedSettings } from '../config/resolve.js';
import type { ApiCredential } from '../domain/model/credential.js';
import type { LogSink } from '../logs/log-sink.js';
import type { DisputesApi, SandboxDisputesControlApi } from './types/disputes.js';
import type { OverviewApi } from './types/overview.js';
import type { Clock } from '../domain/clock.js';
import type { KeysApi } from './types/keys.js';
import type { CredentialCheck } from '../domain/model/api-key.js';
import type { LinksApi, SandboxLinksControlApi } from './types/links.js';
import type { OrdersApi } from './types/orders.js';
import type { SandboxControlApi } from './types/sandbox.js';
import type { SettlementsApi } from './types/settlements.js';
import type { StoresApi } from './types/stores.js';

export type { Page, PageRequest, WriteOptions } from './types/common.js';
export type { CreateStoreInput, UpdateStoreInput, StoresApi } from './types/stores.js';
export type { SandboxControlApi, SandboxStatus, SeedOrdersInput, SeededOrder } from './types/sandbox.js';
export type * from './types/links.js';
export type * from './types/orders.js';
export type * from './types/settlements.js';
export type * from './types/keys.js';
export type * from './types/search.js';
export { isPayoutSearchFailure, payoutSearchFailure } from './types/search.js';
export type * from './types/disputes.js';
export type * from './types/overview.js';
// The model the interface speaks in (owned by the domain), re-exported so a backend's callers name it in one place.
export type { Clock } from '../domain/clock.js';
export type * from '../domain/model/order.js';
export type * from '../domain/model/payment-link.js';
export type * from '../domain/model/store.js';
export type * from '../domain/model/payout.js';
export type * from '../domain/model/api-key.js';
export type * from '../domain/model/dispute.js';

/** What a backend can do. Commands check these before doing anything, so nothing is silently dropped. */
export const CAPABILITIES = [
  'stores.read',
  'stores.write',
  'links.create',
  'links.read',
  'links.cancel',
  'links.send.email',
  'links.send.sms',
  'links.schedule',
  'links.attachments',
  'links.message_template',
  'orders.read',
  'orders.list',
  'orders.capture',
  'orders.refund',
  'orders.cancel',
  'orders.release',
  'orders.extend',
  'settlements.read',
  'settlements.balance',
  'settlements.reports',
  'keys.issue',
  'keys.verify',
  'sandbox.control',
  'disputes.read',
  'disputes.respond',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface Backend {
  /** Registry name, e.g. `sandbox`, `kustom`. */
  readonly name: string;
  readonly capabilities: ReadonlySet<Capability>;
  /** The provider's notion of "now" (the sandbox's clock can be advanced; Kustom's is the real one). */
  readonly clock: Clock;
  readonly stores: StoresApi;
  /** Present when the backend lists `links.*` capabilities. */
  readonly links?: LinksApi;
  /** Present when the backend lists `orders.*` capabilities. */
  readonly orders?: OrdersApi;
  /** Present when the backend lists `settlements.*` capabilities. */
  readonly settlements?: SettlementsApi;
  /** Present when the backend can issue keys (`keys.issue`: the sandbox). */
  readonly keys?: KeysApi;
  /**
   * One harmless authenticated call with the credential in use (capability `keys.verify`): resolves
   * with what the provider says about it, throws AuthError when it is missing or refused. Kustom:
   * `GET /settlements/v1/payouts?size=1` (reference §7.1).
   */
  verifyCredentials?(): Promise<CredentialCheck>;
  /** The home page's counts (`merchant status`): every backend has it. */
  readonly overview?: OverviewApi;
  /** Present when the backend lists `disputes.read` (the sandbox; Kustom documents no disputes API). */
  readonly disputes?: DisputesApi;
  /** Present only on the sandbox: opening disputes as the customer, deciding them as the provider. */
  readonly sandboxDisputes?: SandboxDisputesControlApi;
  /**
   * Its HTTP exchanges reach the developer log with their bodies (BackendDeps.logSink): a `get` that
   * succeeds is then logged by its HTTP row alone (an order read is logged once); a failed one keeps its
   * call row, which says why even when no request was sent.
   */
  readonly logsExchanges?: boolean;
  /** Present only on the sandbox (capability `sandbox.control`). */
  readonly sandbox?: SandboxControlApi;
  /** Present only on the sandbox: acting as the customer on links, and the outbox. */
  readonly sandboxLinks?: SandboxLinksControlApi;
  /** Releases files, connections and timers. Safe to call twice. */
  close(): Promise<void>;
}

/** What a backend may say on stderr: a warning the user needs, or a `--debug` line. */
export interface BackendLogger {
  warn(message: string): void;
  debug(message: string): void;
  readonly debugEnabled: boolean;
}

/** What a backend factory is given: where its files live, the settings and credential in force, a clock and a log. */
export interface BackendDeps {
  paths: Paths;
  settings: ResolvedSettings;
  env: Readonly<Record<string, string | undefined>>;
  /** Wall-clock time; the sandbox adds its stored offset on top. */
  clock: Clock;
  logger: BackendLogger;
  version: string;
  /** The API credential in force (env or stored profile key); absent when none is configured. */
  credential?: ApiCredential | undefined;
  /**
   * The developer log (and `--debug` lines). A backend that speaks HTTP feeds every exchange to
   * `logSink.observeHttp`; calls through the Backend interface are logged by the context's decorator.
   */
  logSink?: LogSink | undefined;
}

/** Refuses an operation the backend cannot do, naming the backend and what is missing. */
export function requireCapability(backend: Backend, capability: Capability, what: string): void {
  if (!backend.capabilities.has(capability)) {
    throw new MerchantError('usage', `The ${backend.name} backend cannot ${what} (missing capability ${capability}).`, {
      hint: backend.name === 'sandbox' ? undefined : 'Use --backend sandbox to try it locally.',
      details: { backend: backend.name, capability },
    });
  }
}
