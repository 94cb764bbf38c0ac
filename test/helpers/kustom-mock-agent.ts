import { MockAgent } from 'undici';
import { createKustomHttpClient, type HttpExchange, type KustomHttpClientOptions } from '../../src/backends/kustom/http/index.js';

export const PLAYGROUND = 'https://api.playground.kustom.co';
export const CANARY = 'kco_test_api_FAKEnotAREALCANARYcanary0';

export interface Harness {
  agent: MockAgent;
  pool: ReturnType<MockAgent['get']>;
  delays: number[];
  events: HttpExchange[];
  client: ReturnType<typeof createKustomHttpClient>;
}

export function harness(overrides: Partial<KustomHttpClientOptions> = {}): Harness {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const delays: number[] = [];
  const events: HttpExchange[] = [];
  // The client's clock moves only by the waits it asks for: a wait it computes from a deadline (a rate
  // limit's pause) is then exact, not short by however many real milliseconds the test took to get there.
  let clock = Date.now();
  const client = createKustomHttpClient({
    baseUrl: PLAYGROUND,
    credential: { kind: 'api_key', apiKey: CANARY },
    dispatcher: agent,
    now: () => clock,
    sleep: async (ms) => {
      delays.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    version: '1.2.3',
    observer: (e) => events.push(e),
    ...overrides,
  });
  return { agent, pool: agent.get(overrides.baseUrl ?? PLAYGROUND), delays, events, client };
}

/** Normalises the header shapes undici's mock hands to reply callbacks. */
export function headerMap(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (let i = 0; i + 1 < raw.length; i += 2) out[String(raw[i]).toLowerCase()] = String(raw[i + 1]);
  } else if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

export async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
