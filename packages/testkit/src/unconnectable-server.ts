// A loopback address where a TCP connection never completes: what a firewall that drops
// SYNs, or a host that is down, looks like to a client. A child process listens with a
// backlog of 1 (Node takes 0 for its default, 511) and is then stopped (SIGSTOP), so it
// never accepts; this helper fills the kernel's accept queue, after which the kernel drops
// every new SYN and a client's connect stays pending until its own limit. (A server that
// accepts and never answers is silent-server.ts: a first-byte wait, not a connect wait.)
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';

export interface UnconnectableServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** `127.0.0.1:PORT`, as messages name it. */
  host: string;
  close(): Promise<void>;
}

const LISTENER = `
const server = require('node:net').createServer(() => {});
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(String(server.address().port) + '\\n');
});`;

/** Starts the stopped listener and fills its queue; `close()` kills it. */
export async function startUnconnectableServer(): Promise<UnconnectableServer> {
  const child = spawn(process.execPath, ['-e', LISTENER], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(Number(text.trim()));
    });
    child.once('exit', () => reject(new Error('the listener exited')));
  });
  child.kill('SIGSTOP');
  const host = `127.0.0.1:${port}`;
  // Fill the accept queue (backlog 1 holds two): the kernel then drops new SYNs. Checked, not
  // assumed: a probe connection must stay unopened for 300 ms, else more fillers go in (under
  // load the first ones may not have landed yet, and a client would get through).
  const fillers: Socket[] = [];
  const fill = (count: number) => {
    for (let i = 0; i < count; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      fillers.push(socket);
    }
  };
  fill(4);
  for (let round = 0; ; round++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const probe = connect(port, '127.0.0.1');
    probe.on('error', () => {});
    fillers.push(probe);
    const opened = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 300);
      probe.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!opened) break;
    if (round === 10) {
      for (const socket of fillers) socket.destroy();
      child.kill('SIGKILL');
      throw new Error('unconnectable server: the accept queue would not fill');
    }
    fill(4);
  }
  return {
    url: `http://${host}`,
    host,
    close: async () => {
      for (const socket of fillers) socket.destroy();
      child.kill('SIGKILL');
      await new Promise((resolve) =>
        child.exitCode !== null ? resolve(null) : child.once('exit', resolve),
      );
    },
  };
}
