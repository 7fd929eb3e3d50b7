// Really starts Azurite on free ports, stops it, and checks nothing of it is left.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { repositoryRoot } from '../lib/config.mjs';
import { ensureNodeModules } from '../lib/deps.mjs';
import { canConnect, freePorts } from '../lib/ports.mjs';
import { groupMembers } from '../lib/processes.mjs';
import { azuriteCommand, startAzurite } from '../lib/services.mjs';

const root = repositoryRoot();

describe('Azurite', () => {
  it('is started in memory without the API-version check', () => {
    const { args } = azuriteCommand(root, { azuriteBlob: 1, azuriteQueue: 2, azuriteTable: 3 });
    for (const flag of ['--inMemoryPersistence', '--skipApiVersionCheck', '--silent']) {
      assert.ok(args.includes(flag), flag);
    }
    assert.deepEqual(args.slice(args.indexOf('--blobPort'), args.indexOf('--blobPort') + 2), ['--blobPort', '1']);
    assert.deepEqual(args.slice(args.indexOf('--tablePort'), args.indexOf('--tablePort') + 2), ['--tablePort', '3']);
  });

  it('starts on free ports, answers storage requests, and stops leaving no process behind', { timeout: 120_000 }, async () => {
    ensureNodeModules(root, { log: () => {} });
    const [blob, queue, table] = await freePorts(3);
    const ports = { azuriteBlob: blob, azuriteQueue: queue, azuriteTable: table };
    const handle = await startAzurite(root, ports);
    let stopped = false;
    try {
      assert.equal(handle.running(), true);
      assert.ok(groupMembers(handle.pid).length >= 1, 'its process group has members while it runs');
      for (const port of [blob, queue, table]) {
        assert.equal(await canConnect(port), true, `port ${port} answers`);
      }
      // A real Storage answer: the queue service lists the (empty) queues of the dev account.
      const response = await fetch(`http://127.0.0.1:${queue}/devstoreaccount1?comp=list`, {
        headers: { 'x-ms-version': '2099-01-01' }, // newer than Azurite knows: accepted thanks to --skipApiVersionCheck
      });
      const body = await response.text();
      // Without a signature Azurite answers 403 (AuthorizationFailure), not 400 (InvalidHeaderValue for the version).
      assert.ok([200, 403].includes(response.status), `status ${response.status}: ${body}`);
      assert.doesNotMatch(body, /API version/i);

      const left = await handle.stop();
      stopped = true;
      assert.deepEqual(left, [], 'no process of its group is left');
      assert.equal(handle.running(), false);
      assert.deepEqual(groupMembers(handle.pid), []);
      for (const port of [blob, queue, table]) {
        assert.equal(await canConnect(port), false, `port ${port} is closed again`);
      }
    } finally {
      if (!stopped) await handle.stop();
    }
  });

  it('fails with Azurite\'s own words when a port is taken, leaving nothing running', { timeout: 120_000 }, async () => {
    const [blob, queue, table] = await freePorts(3);
    const blocker = createServer();
    await new Promise((resolve) => blocker.listen({ port: blob, host: '127.0.0.1' }, resolve));
    const spawned = [];
    try {
      await assert.rejects(
        startAzurite(root, { azuriteBlob: blob, azuriteQueue: queue, azuriteTable: table },
          { onSpawn: (h) => spawned.push(h), timeoutMs: 30_000 }),
        /azurite (exited|did not get ready)/,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    assert.equal(spawned.length, 1);
    assert.deepEqual(groupMembers(spawned[0].pid), []);
  });
});
