/**
 * The checks every write passes, whatever command or service sends it: a Proxy over the backend's parts
 * (installed by the context around the backend it hands out) that, before any write method runs, checks
 * the backend has the capability and passes the write through the live guard. A method not listed as a
 * read is a write (a method added later is guarded until someone says it only reads).
 *
 * Role checks belong to the provider: the sandbox checks the key's Portal role in every operation (it
 * needs the row's store), as Kustom's API does on its side.
 */
import { requireCapability, type Backend, type Capability, type CreateLinkRequest, type WriteOptions } from '../../backends/backend.js';
import { formatMoney } from '../../domain/money.js';
import { guardBackendWrite, type LiveGuardContext, type LiveWrite } from './live-guard.js';

/** Methods that only read, per part. Everything else on a part is a write. */
export const READ_METHODS: Readonly<Record<string, readonly string[]>> = {
  stores: ['list', 'get'],
  links: ['get', 'findByReference', 'list', 'search'],
  orders: ['get', 'getMany', 'findByReference', 'list', 'timeline', 'search'],
  settlements: ['listPayouts', 'getPayout', 'transactions', 'transactionPages', 'transactionJoinedPages', 'balance'],
  keys: ['list', 'whoami'],
  sandbox: ['status', 'storedFaults'],
  sandboxLinks: ['outbox'],
  disputes: ['list', 'get'],
  overview: ['summary'],
  sandboxDisputes: [],
};

const PARTS = Object.keys(READ_METHODS);

type Args = readonly unknown[];
interface WriteRule {
  capability?: (args: Args) => Capability;
  /** What is written, for the live guard; may read the object written (only under a live key). */
  describe: (args: Args, backend: Backend) => LiveWrite | Promise<LiveWrite>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const optionsAt = (args: Args, i: number): Partial<WriteOptions> => {
  const value = args[i];
  return value && typeof value === 'object' ? (value) : {};
};
const fixed = (capability: Capability) => () => capability;

/** A link creation in words, for the live-write banner: "create a payment link for 120.00 SEK". */
export const linkCreateAction = (request: CreateLinkRequest): string => `create a payment link for ${formatMoney(request.order_amount, request.purchase_currency)}`;

/** A link's ID names its store: the write changes the link's store, named by the caller. */
async function linkWrite(backend: Backend, linkId: unknown, action: string): Promise<LiveWrite> {
  const store = (await backend.links!.get(str(linkId))).store_id;
  return { action, store, target: store };
}

/** A dispute's ID names its store (its order's). */
async function disputeWrite(backend: Backend, disputeId: unknown, action: string): Promise<LiveWrite> {
  const store = (await backend.disputes!.get(str(disputeId))).store_id;
  return { action, store, target: store };
}

/** An order write: the service says which store the order is in (`target`), and in what words. */
function orderWrite(args: Args, optionsIndex: number, words: string): LiveWrite {
  const options = optionsAt(args, optionsIndex);
  return { action: options.action ?? `${words} order ${str(args[0])}`, store: options.store, target: options.target };
}

const RULES: Readonly<Record<string, Readonly<Record<string, WriteRule>>>> = {
  stores: {
    create: { capability: fixed('stores.write'), describe: ([input]) => ({ action: `add store ${str((input as { id: string }).id)}`, store: (input as { id: string }).id }) },
    update: { capability: fixed('stores.write'), describe: ([id]) => ({ action: `configure store ${str(id)}`, store: str(id) }) },
  },
  links: {
    create: {
      capability: fixed('links.create'),
      describe: ([request, options]) => {
        const r = request as CreateLinkRequest;
        const o = (options ?? {}) as Partial<WriteOptions>;
        return { action: o.action ?? linkCreateAction(r), store: o.store, target: r.store_id };
      },
    },
    createMany: {
      capability: fixed('links.create'),
      describe: ([items]) => {
        const list = items as readonly { request: CreateLinkRequest }[];
        return { action: `create ${list.length} payment link(s)`, target: [...new Set(list.map((i) => i.request.store_id))].join(',') };
      },
    },
    cancel: { capability: fixed('links.cancel'), describe: ([id], backend) => linkWrite(backend, id, `cancel link ${str(id)}`) },
    send: {
      capability: ([, delivery]) => ((delivery as { channel?: string } | undefined)?.channel === 'sms' ? 'links.send.sms' : 'links.send.email'),
      describe: ([id], backend) => linkWrite(backend, id, `resend link ${str(id)}`),
    },
    dispatchDue: { capability: fixed('links.schedule'), describe: () => ({ action: 'dispatch due messages' }) },
  },
  orders: {
    capture: { capability: fixed('orders.capture'), describe: (args) => orderWrite(args, 2, 'capture on') },
    refund: { capability: fixed('orders.refund'), describe: (args) => orderWrite(args, 2, 'refund on') },
    cancel: { capability: fixed('orders.cancel'), describe: (args) => orderWrite(args, 1, 'cancel') },
    releaseRemaining: { capability: fixed('orders.release'), describe: (args) => orderWrite(args, 1, 'release') },
    extendAuthorization: { capability: fixed('orders.extend'), describe: (args) => orderWrite(args, 1, 'extend') },
    addShippingInfo: { capability: fixed('orders.capture'), describe: (args) => orderWrite(args, 3, 'add shipping information to') },
  },
  keys: {
    issue: { capability: fixed('keys.issue'), describe: ([input]) => ({ action: 'issue an API key', target: (input as { store_id?: string }).store_id }) },
    revoke: { capability: fixed('keys.issue'), describe: ([id]) => ({ action: `revoke key ${str(id)}` }) },
  },
  disputes: {
    respond: { capability: fixed('disputes.respond'), describe: ([id], backend) => disputeWrite(backend, id, `respond to dispute ${str(id)}`) },
    accept: { capability: fixed('disputes.respond'), describe: ([id], backend) => disputeWrite(backend, id, `accept dispute ${str(id)}`) },
  },
  sandboxDisputes: {
    open: {
      capability: fixed('sandbox.control'),
      describe: async ([input], backend) => {
        const orderId = (input as { order_id: string }).order_id;
        const store = (await backend.orders!.get(orderId)).store_id;
        return { action: `open a dispute on order ${orderId}`, store, target: store };
      },
    },
    decide: { capability: fixed('sandbox.control'), describe: ([id, decision], backend) => disputeWrite(backend, id, `decide dispute ${str(id)} ${str(decision)}`) },
  },
  settlements: { seedVolume: { capability: fixed('sandbox.control'), describe: () => ({ action: 'seed settlement data' }) } },
};

/** Words for a write no rule describes: "sandbox reset". */
const unlisted = (part: string, method: string): WriteRule => ({
  ...(part.startsWith('sandbox') ? { capability: fixed('sandbox.control') } : {}),
  describe: () => ({ action: `${part} ${method}` }),
});

function ruleFor(part: string, method: string): WriteRule | undefined {
  if (READ_METHODS[part]?.includes(method)) return undefined;
  return RULES[part]?.[method] ?? unlisted(part, method);
}

/** The fields only these checks read are not passed on (nor logged with the request). */
function withoutCheckFields(arg: unknown): unknown {
  if (!arg || typeof arg !== 'object' || !('idempotencyKey' in arg)) return arg;
  const { target: _t, store: _s, action: _a, ...rest } = arg as WriteOptions;
  return rest;
}

/** Wraps a backend so that no write skips the capability check and the live guard. */
export function withWriteChecks(backend: Backend, ctx: LiveGuardContext): Backend {
  const checked = async (rule: WriteRule, part: string, method: string, args: Args): Promise<void> => {
    const capability = rule.capability?.(args);
    if (capability) requireCapability(backend, capability, `${part} ${method}`);
    // The write's description may read the object; only a live key needs it.
    if (ctx.credential()?.environment !== 'live') return;
    guardBackendWrite(ctx, await rule.describe(args, backend));
  };
  const proxies = new Map<string, unknown>();
  const proxyPart = (part: string, target: object): unknown =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value: unknown = Reflect.get(t, prop, receiver);
        if (typeof prop !== 'string' || typeof value !== 'function') return value;
        const rule = ruleFor(part, prop);
        if (!rule) return value;
        const fn = value as (...a: unknown[]) => unknown;
        return function guarded(...args: unknown[]): unknown {
          const ready = checked(rule, part, prop, args);
          // A stream-returning write would need its check before it starts; every write today returns a promise.
          return ready.then(() => fn.apply(t, args.map(withoutCheckFields)));
        };
      },
    });
  return new Proxy(backend, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !PARTS.includes(prop) || !value || typeof value !== 'object') return value;
      if (!proxies.has(prop)) proxies.set(prop, proxyPart(prop, value));
      return proxies.get(prop);
    },
  });
}
