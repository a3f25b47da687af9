import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPortFree, freePorts, LOW_PORTS, waitForPort } from './ports.js';

describe('ports', () => {
  it('refuses a taken port with a message that names it, and accepts it once released', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await expect(assertPortFree(port, '127.0.0.1', 'the API')).rejects.toThrow(
      new RegExp(`port ${port} .* already in use; the API needs it`),
    );
    await waitForPort(port);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await expect(assertPortFree(port)).resolves.toBeUndefined();
  });
});

describe('free ports', () => {
  it('gives distinct ports that can be bound, within a range when one is asked for', async () => {
    const any = await freePorts(5);
    expect(new Set(any).size).toBe(5);
    const low = await freePorts(9, '127.0.0.1', LOW_PORTS);
    expect(new Set(low).size).toBe(9);
    for (const port of low) {
      expect(port).toBeGreaterThanOrEqual(LOW_PORTS.from);
      expect(port).toBeLessThanOrEqual(LOW_PORTS.to);
      await expect(assertPortFree(port)).resolves.toBeUndefined();
    }
  });

  it('skips a taken port of the range and says so when the range runs out', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const taken = (server.address() as net.AddressInfo).port;
    await expect(freePorts(1, '127.0.0.1', { from: taken, to: taken })).rejects.toThrow(
      `only 0 of 1 ports are free between ${taken} and ${taken}`,
    );
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
