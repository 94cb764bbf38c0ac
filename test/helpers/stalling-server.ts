/**
 * An HTTP server on 127.0.0.1 that reads each request and never answers (a Kustom that accepts the
 * connection and then stalls), except for the requests `answer` lets through to `forward`. It counts what
 * it stalled, so a test asserts the attempts made, never how long they took.
 */
import http from 'node:http';

export interface StalledRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface StallingServer {
  url: string;
  stalled: StalledRequest[];
  close(): Promise<void>;
}

export async function startStallingServer(options: { forward?: string; stall?: (method: string, path: string) => boolean } = {}): Promise<StallingServer> {
  const stalled: StalledRequest[] = [];
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      if (!options.forward || (options.stall?.(method, path.split('?')[0]!) ?? true)) {
        stalled.push({ method, path, headers: req.headers });
        open.add(res);
        return;
      }
      const headers = { ...req.headers };
      delete headers.host;
      const up = http.request(`${options.forward}${path}`, { method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stalled,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
