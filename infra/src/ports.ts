import net from 'node:net';

/** Resolves when nothing listens on host:port; rejects with a message naming the port otherwise. */
export function assertPortFree(port: number, host = '127.0.0.1', what = 'a service'): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is already in use; ${what} needs it (stop what holds it or set another port)`
            : `cannot bind ${host}:${port} for ${what}: ${error.message}`,
        ),
      );
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** Polls until a TCP connection to host:port succeeds, or fails after the timeout. */
export async function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing answered on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface PortRange {
  /** First port tried (inclusive). */
  from: number;
  /** Last port tried (inclusive). */
  to: number;
}

/**
 * Ports below Linux's ephemeral range (32768 and up), for services that need ports under 32768 —
 * Temporal stores its membership ports as SMALLINT — and that should not collide with the ports
 * outgoing connections are given.
 */
export const LOW_PORTS: PortRange = { from: 20_000, to: 32_767 };

/**
 * Ports nothing listens on, each different: all are held open together while they are chosen, so
 * none is handed out twice. Without a range the operating system picks them; with one, they are
 * tried from a random place in it. Another process may still take one before its service binds it;
 * the service then fails to start with the port in its message.
 */
export async function freePorts(count: number, host = '127.0.0.1', range?: PortRange): Promise<number[]> {
  const held: net.Server[] = [];
  const ports: number[] = [];
  try {
    if (!range) {
      for (let i = 0; i < count; i++) ports.push(await hold(held, host, 0));
      return ports;
    }
    const size = range.to - range.from + 1;
    const offset = Math.floor(Math.random() * size);
    for (let i = 0; i < size && ports.length < count; i++) {
      const port = range.from + ((offset + i) % size);
      const bound = await hold(held, host, port).catch(() => undefined);
      if (bound !== undefined) ports.push(bound);
    }
    if (ports.length < count)
      throw new Error(
        `only ${ports.length} of ${count} ports are free between ${range.from} and ${range.to}`,
      );
    return ports;
  } finally {
    await Promise.all(held.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}

/** Listens on the port (0: any) and keeps the listener in `held`; resolves with the bound port. */
function hold(held: net.Server[], host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      held.push(server);
      const address = server.address();
      if (typeof address === 'object' && address) resolve(address.port);
      else reject(new Error(`no port was bound on ${host}`));
    });
  });
}
