/**
 * The client's exchange reads a response as undici's `request()` then `body.text()` would: the same
 * status, headers and text for any response (class: repeated headers, a byte-order mark, characters split
 * across chunks, an informational 1xx first, an empty body), and an error for a socket lost mid-body.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as undiciReference } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undiciRequest } from '../../../../../src/backends/kustom/http/undici-request.js';

const euro = Buffer.from('€ åäö', 'utf8');
const responses: Record<string, (res: ServerResponse) => void> = {
  '/repeated': (res) => {
    res.writeHead(200, [['X-Tag', 'a'], ['x-tag', 'b'], ['Content-Type', 'application/json'], ['Set-Cookie', 'c=1'], ['Set-Cookie', 'd=2']]);
    res.end('{"ok":true}');
  },
  '/bom-split': (res) => {
    res.writeHead(201, { 'content-type': 'text/plain; charset=utf-8' });
    // A byte-order mark, then multi-byte characters cut between writes.
    res.write(Buffer.from([0xef, 0xbb, 0xbf]));
    res.write(euro.subarray(0, 2));
    setTimeout(() => res.end(euro.subarray(2)), 5);
  },
  '/early-hints': (res) => {
    res.writeEarlyHints({ link: '</a.css>; rel=preload' });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"after":"hints"}');
  },
  '/empty': (res) => {
    res.writeHead(204);
    res.end();
  },
  '/cut': (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write('{"partial":');
    setTimeout(() => res.socket?.destroy(), 5);
  },
};

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => responses[req.url ?? '']?.(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('one exchange, its body read whole', () => {
  it.each(['/repeated', '/bom-split', '/early-hints', '/empty'])('%s: the status, headers and text of request() and body.text()', async (path) => {
    const reference = await undiciReference(`${origin}${path}`);
    const expected = { statusCode: reference.statusCode, headers: reference.headers, text: await reference.body.text() };
    const got = await undiciRequest({ origin, path, method: 'GET' });
    const { date: _a, ...gotHeaders } = got.headers;
    const { date: _b, ...expectedHeaders } = expected.headers;
    expect({ ...got, headers: gotHeaders }).toEqual({ ...expected, headers: expectedHeaders });
  });

  it('spells out what it read: repeated headers as a list, the text without its byte-order mark', async () => {
    const repeated = await undiciRequest({ origin, path: '/repeated', method: 'GET' });
    expect(repeated.headers['x-tag']).toEqual(['a', 'b']);
    expect(repeated.text).toBe('{"ok":true}');
    expect((await undiciRequest({ origin, path: '/bom-split', method: 'GET' })).text).toBe('€ åäö');
  });

  it('a socket lost mid-body is an error, as body.text() has it, not a short text', async () => {
    const reference = await undiciReference(`${origin}/cut`);
    const referenceError = await reference.body.text().then(() => undefined, (error: unknown) => error as { code?: string });
    const error = await undiciRequest({ origin, path: '/cut', method: 'GET' }).then(() => undefined, (e: unknown) => e as { code?: string });
    expect(error).toBeInstanceOf(Error);
    expect(referenceError?.code).toMatch(/^UND_ERR/);
    expect(error?.code).toBe(referenceError?.code);
  });
});
