/**
 * The HTTP figures' floor under the fake: a node:http server on 127.0.0.1 that answers every request with
 * 200 and a fixed small JSON body after the same latency, and does nothing else (no OpenAPI checks, no
 * state, no recorded requests). The bare undici loop against it shows what this machine allows any
 * client and server, so the gap between it and the loop against the fake is the fake's own cost.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MinimalHttpServer {
  url: string;
  close(): Promise<void>;
}

const BODY = '{}';

export async function startMinimalHttpServer(latencyMs: number): Promise<MinimalHttpServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // The request body (if any) is read and dropped, as any server must before it answers.
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length });
        res.end(BODY);
      }, latencyMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
