/**
 * A TCP proxy in front of the test PostgreSQL server, so a test can make the server go away under a
 * running command without stopping the server every other test file shares:
 *   - `cut()`: every connection is reset and new ones are refused at once (a server that went down);
 *   - `freeze()`: connections stay open but nothing is forwarded, new ones are accepted and never
 *     answered (a host that stopped answering);
 *   - `restore()`: forwards again (the server is back).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  cut(): void;
  freeze(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  let mode: 'open' | 'cut' | 'frozen' = 'open';
  const sockets = new Set<Socket>();
  const track = (s: Socket): void => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  };
  const server: Server = createServer((client) => {
    track(client);
    if (mode === 'cut') return void client.resetAndDestroy();
    if (mode === 'frozen') return;
    const upstream = connect(targetPort, targetHost);
    track(upstream);
    const forward = (from: Socket, to: Socket): void => {
      from.on('data', (chunk: Buffer) => {
        if (mode === 'open') to.write(chunk);
      });
      from.on('close', () => to.destroy());
    };
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      mode = 'cut';
      for (const s of sockets) s.resetAndDestroy();
    },
    freeze() {
      mode = 'frozen';
    },
    restore() {
      mode = 'open';
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
