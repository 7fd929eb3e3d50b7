// Really starts the sandbox (dotnet run) on a free port and stops it, then runs `npm start` as a whole with a
// stand-in for Core Tools (test-support/fake-func) and stops it with SIGINT. Both in this one file, so the two `dotnet run`
// builds of Connector.Sandbox never overlap.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { repositoryRoot } from '../lib/config.mjs';
import { canConnect, freePorts } from '../lib/ports.mjs';
import { delay, groupMembers } from '../lib/processes.mjs';
import { accessToken, contactIdOf, createContact, deliveries, getContact, registerWebhook } from '../lib/sandbox.mjs';
import { sandboxCommand, sandboxReady, startSandbox } from '../lib/services.mjs';
import { delivered, deliveriesOf, runDemo, userDefinedFields } from '../lib/demo.mjs';

const root = repositoryRoot();

describe('the sandbox', () => {
  it('is started with dotnet run on the given port', () => {
    const { command, args, env } = sandboxCommand(root, { sandbox: 6123 });
    assert.equal(command, 'dotnet');
    assert.deepEqual(args.slice(-2), ['--port', '6123']);
    assert.equal(env.MSBUILDDISABLENODEREUSE, '1', 'no MSBuild node outlives the build');
    assert.equal(env.UseSharedCompilation, 'false', 'no compiler server outlives the build');
  });

  it('starts on a free port, serves the page, tokens and admin calls, and stops leaving no process behind', { timeout: 400_000 }, async () => {
    const [sandbox] = await freePorts(1);
    const ports = { sandbox };
    const lines = [];
    const handle = await startSandbox(root, ports, { onLine: (l) => lines.push(l) });
    let stopped = false;
    try {
      assert.equal(await sandboxReady(ports), true);
      assert.ok(groupMembers(handle.pid).length >= 2, `dotnet run and the sandbox app run in its group: ${JSON.stringify(groupMembers(handle.pid))}`);
      assert.match(await accessToken(ports), /\S/);
      const created = await createContact(ports, { name: 'Script Test AS' });
      const id = contactIdOf(created);
      assert.ok(Number.isInteger(id), JSON.stringify(created));
      assert.equal((await getContact(ports, id)).Name, 'Script Test AS');
      assert.ok(Array.isArray(await deliveries(ports)));

      const left = await handle.stop();
      stopped = true;
      assert.deepEqual(left, [], 'no process of its group is left');
      assert.equal(await canConnect(sandbox), false, 'its port is closed again');
    } finally {
      if (!stopped) await handle.stop();
    }
  });

  it('refuses a webhook whose target does not answer, saying why', { timeout: 400_000 }, async () => {
    const [sandbox, nothing] = await freePorts(2);
    const ports = { sandbox, functions: nothing };
    const handle = await startSandbox(root, ports);
    try {
      await assert.rejects(registerWebhook(ports, 'secret'), /Registering the webhook: POST .*\/Webhook answered 400/);
    } finally {
      assert.deepEqual(await handle.stop(), []);
    }
  });
});

describe('npm start with a stand-in for Core Tools', () => {
  it('starts Azurite, the sandbox and "func", registers the signed webhook, runs the demo, and Ctrl+C stops them all', { timeout: 500_000 }, async () => {
    const [blob, queue, table, sandbox, functions] = await freePorts(5);
    const dir = mkdtempSync(join(tmpdir(), 'npm-start-'));
    const settingsFile = join(dir, 'local.settings.json');
    const fakeFunc = join(root, 'scripts', 'test-support', 'fake-func');
    const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
      cwd: root,
      env: {
        ...process.env,
        PATH: [fakeFunc, dirname(process.execPath), process.env.PATH].join(delimiter),
        NO_COLOR: '1',
        CONNECTOR_LOCAL_SETTINGS: settingsFile,
        AZURITE_BLOB_PORT: String(blob), AZURITE_QUEUE_PORT: String(queue), AZURITE_TABLE_PORT: String(table),
        SANDBOX_PORT: String(sandbox), FUNCTIONS_PORT: String(functions),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    let code = null;
    try {
      const deadline = Date.now() + 420_000;
      while (!out.includes('Ctrl+C stops everything.') && Date.now() < deadline && child.exitCode === null) {
        await delay(250);
      }
      assert.match(out, /Ctrl\+C stops everything\./, out);

      // What it printed.
      assert.match(out, /found dotnet \S+, node \S+, func 4\.0\.0-fake/);
      assert.match(out, new RegExp(`created ${settingsFile.replace(/[\\.]/g, '\\$&')}`));
      assert.match(out, new RegExp(`Sandbox page \\(SuperOffice emulator\\)\\s+http://127\\.0\\.0\\.1:${sandbox}/`));
      assert.match(out, new RegExp(`Webhook function\\s+POST http://localhost:${functions}/api/superoffice/webhook`));
      assert.match(out, new RegExp(`Job record\\s+GET  http://localhost:${functions}/api/jobs/\\{jobId\\}`));
      assert.match(out, /registered webhook \d+ in the sandbox/);
      assert.match(out, /^azurite \| .*Azurite Blob service is successfully listening/m, 'Azurite output is prefixed');
      assert.match(out, /^sandbox \| .*listening on/m, 'sandbox output is prefixed');
      assert.match(out, /^func    \| fake func: listening/m, 'func output is prefixed');

      // The settings it made, and the webhook the sandbox sent with that secret.
      const settings = JSON.parse(readFileSync(settingsFile, 'utf8')).Values;
      assert.equal(settings.SuperOffice__LoginBaseUrl, `http://127.0.0.1:${sandbox}`);
      assert.match(settings.AzureWebJobsStorage, new RegExp(`QueueEndpoint=http://127\\.0\\.0\\.1:${queue}/`));
      const received = await (await fetch(`http://localhost:${functions}/fake/received`)).json();
      assert.deepEqual(received, [{ event: 'test', test: true, valid: true }]);

      // What the demo relies on, against the real sandbox: a new company's contact.created delivery, found by
      // the demo's own filter, with the EventId that is the job id; the company's UDFs by ProgId.
      const company = await createContact({ sandbox }, { name: 'Demo Path AS' });
      const id = contactIdOf(company);
      let delivery = null;
      for (let i = 0; i < 100 && !delivery; i++) {
        delivery = deliveriesOf(await deliveries({ sandbox }), 'contact.created', id).find(delivered) ?? null;
        if (!delivery) await delay(100);
      }
      assert.ok(delivery, `a delivered contact.created for ${id}: ${JSON.stringify(await deliveries({ sandbox }))}`);
      assert.match(delivery.eventId, /\S/);
      assert.equal(delivery.status, 200);
      const udfs = userDefinedFields(await getContact({ sandbox }, id));
      assert.ok(udfs && 'SuperOffice:5' in udfs && 'SuperOffice:6' in udfs, JSON.stringify(udfs));
      const received2 = await (await fetch(`http://localhost:${functions}/fake/received`)).json();
      assert.deepEqual(received2.at(-1), { event: 'contact.created', test: false, valid: true });

      // `npm run demo` against the real sandbox and Company Explorer stub (the stand-in plays the connector).
      const demoLines = [];
      const demo = await runDemo({ sandbox, functions }, { log: (l) => demoLines.push(l), intervalMs: 100, jobTimeoutMs: 30_000 });
      const told = demoLines.join('\n');
      assert.equal(demo.ok, true, told);
      assert.match(told, /4\. Fields written: SuperOffice:5 \(vertical\) "" -> "Software", SuperOffice:6 \(summary\) "" -> "Nordlicht Software .* is a company in the Software sector; see https:\/\/nordlicht-software\.example\."/);
      assert.match(told, /5\. Echo webhook: contact\.changed for company \d+ by associate 528 \(the API user\)/);
      assert.match(told, /Skipped as SelfChange/);
      assert.equal(userDefinedFields(await getContact({ sandbox }, demo.contactId))['SuperOffice:5'], 'Software');

      const pids = [...out.matchAll(/(\w+) started \(pid (\d+)\)/g)].map((m) => ({ name: m[1], pid: Number(m[2]) }));
      assert.deepEqual(pids.map((p) => p.name), ['azurite', 'sandbox', 'func']);
      for (const { name, pid } of pids) {
        assert.ok(groupMembers(pid).length >= 1, `${name} runs`);
      }

      // Ctrl+C.
      child.kill('SIGINT');
      ({ code } = await exited);
      assert.equal(code, 0, out);
      assert.match(out, /stopping func, sandbox, azurite \.\.\./);
      assert.match(out, /stopped\.\s*$/);
      for (const { name, pid } of pids) {
        assert.deepEqual(groupMembers(pid), [], `nothing of ${name} is left`);
      }
      for (const port of [blob, queue, table, sandbox, functions]) {
        assert.equal(await canConnect(port), false, `port ${port} is closed again`);
      }
    } finally {
      if (child.exitCode === null && code === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
