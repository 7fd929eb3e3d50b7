import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { busyPorts, freePort, freePorts, isPortFree, portInUseMessage } from '../lib/ports.mjs';

function listen(port) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1' }, () => resolve(server));
  });
}

describe('ports in use', () => {
  it('sees a port taken by a listener, and free again once it closes', async () => {
    const port = await freePort();
    assert.equal(await isPortFree(port), true);
    const server = await listen(port);
    try {
      assert.equal(await isPortFree(port), false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    assert.equal(await isPortFree(port), true);
  });

  it('says which port, what needed it, how to find the holder and which variable moves it', () => {
    const line = portInUseMessage('functions', 7071);
    assert.match(line, /^Port 7071 \(Functions host\) is in use: /);
    assert.match(line, process.platform === 'win32' ? /netstat -ano \| findstr :7071/ : /lsof -nP -iTCP:7071 -sTCP:LISTEN/);
    assert.match(line, /FUNCTIONS_PORT=7072 npm start/);
    assert.doesNotMatch(line, /\n/);
    assert.match(portInUseMessage('azuriteQueue', 10001), /\(Azurite Queue\).*AZURITE_QUEUE_PORT=10002/);
    assert.match(portInUseMessage('sandbox', 5080), /SANDBOX_PORT=5081/);
  });

  it('lists only the taken ports, one line each', async () => {
    const [taken, free] = await freePorts(2);
    const server = await listen(taken);
    try {
      const lines = await busyPorts({ sandbox: taken, functions: free });
      assert.equal(lines.length, 1);
      assert.match(lines[0], new RegExp(`^Port ${taken} \\(sandbox`));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
