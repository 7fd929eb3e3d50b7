// `npm start` as a whole (scripts/start.mjs in a child process), with a fake PATH: what it says and that it
// starts nothing when it cannot run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { repositoryRoot } from '../lib/config.mjs';
import { freePorts } from '../lib/ports.mjs';
import { fakeTool, shellEnv } from '../test-support/fake-tools.mjs';

const root = repositoryRoot();
const startScript = join(root, 'scripts', 'start.mjs');

/** Runs start.mjs to its end; resolves { code, out } (stdout and stderr together). */
function runStart(env, args = []) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [startScript, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm start, refusing to start', () => {
  let dir;
  let settingsFile;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'start-test-'));
    settingsFile = join(dir, 'local.settings.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const baseEnv = () => ({
    ...shellEnv(['HOME', 'TMPDIR']),
    NO_COLOR: '1',
    CONNECTOR_LOCAL_SETTINGS: settingsFile,
  });

  it('lists every missing prerequisite, one line each, and exits non-zero', async () => {
    const { code, out } = await runStart({ ...baseEnv(), PATH: dir });
    assert.equal(code, 1, out);
    const lines = out.split('\n').filter((l) => l.includes('is missing'));
    assert.equal(lines.length, 2, out);
    assert.match(lines[0], /- \.NET SDK 10 is missing \(no `dotnet` on the PATH\); install the \.NET 10 SDK: https:\/\/dotnet\.microsoft\.com/);
    assert.match(lines[1], /- Azure Functions Core Tools v4 is missing \(no `func` on the PATH\); install Azure Functions Core Tools v4: `npm install -g azure-functions-core-tools@4`/);
    assert.doesNotMatch(out, /started \(pid/);
    assert.equal(existsSync(settingsFile), false, 'no settings written');
  });

  it('does not ask for Core Tools with --no-functions', async () => {
    fakeTool(dir, 'dotnet', '8.0.100 [/fake/sdk]');
    const { code, out } = await runStart({ ...baseEnv(), PATH: dir }, ['--no-functions']);
    assert.equal(code, 1, out);
    assert.match(out, /\.NET SDK 10 is missing \(found SDK 8\.0\.100\)/);
    assert.doesNotMatch(out, /Core Tools/);
  });

  it('names a port in use, what needs it and the variable that moves it, and starts nothing', async () => {
    fakeTool(dir, 'dotnet', '10.0.100 [/fake/sdk]');
    fakeTool(dir, 'func', '4.0.7030');
    const [blob, queue, table, sandbox, functions] = await freePorts(5);
    const blocker = createServer();
    await new Promise((resolve) => blocker.listen({ port: functions, host: '127.0.0.1' }, resolve));
    try {
      const { code, out } = await runStart({
        ...baseEnv(),
        PATH: [dir, process.env.PATH].join(delimiter),
        AZURITE_BLOB_PORT: String(blob), AZURITE_QUEUE_PORT: String(queue), AZURITE_TABLE_PORT: String(table),
        SANDBOX_PORT: String(sandbox), FUNCTIONS_PORT: String(functions),
      });
      assert.equal(code, 1, out);
      assert.match(out, new RegExp(`Port ${functions} \\(Functions host\\) is in use: stop the program holding it .* or choose another port with FUNCTIONS_PORT, e\\.g\\. \`FUNCTIONS_PORT=${functions + 1} npm start\``));
      assert.doesNotMatch(out, new RegExp(`Port (${blob}|${queue}|${table}|${sandbox}) `));
      assert.doesNotMatch(out, /started \(pid/);
      assert.equal(existsSync(settingsFile), false, 'no settings written');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('names a port variable that is not a port', async () => {
    const { code, out } = await runStart({ ...baseEnv(), PATH: dir, SANDBOX_PORT: 'eighty' });
    assert.equal(code, 1, out);
    assert.match(out, /SANDBOX_PORT=eighty is not a port number/);
  });
});
