import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPortFree, waitForPort } from './ports.js';

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
