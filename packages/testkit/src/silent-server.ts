// A loopback TCP server that accepts every connection and never sends a byte: what a
// hung server, a stuck proxy or a firewall that swallows traffic looks like to a client.
import { createServer, type Socket } from 'node:net';

export interface SilentServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** `127.0.0.1:PORT`, as messages name it. */
  host: string;
  /** Connections accepted so far (live). */
  readonly connections: number;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1:0 that accepts connections, reads what comes, and never answers. */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const host = `127.0.0.1:${address.port}`;
  return {
    url: `http://${host}`,
    host,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
