import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { checkPrerequisites, defaultRunner, highestSdk } from '../lib/prerequisites.mjs';
import { fakeTool, shellEnv } from '../test-support/fake-tools.mjs';

/** A fake command runner: answers from a table, ENOENT for unknown commands. */
function fakeRunner(answers) {
  const calls = [];
  const run = (command, args) => {
    calls.push([command, ...args].join(' '));
    const answer = answers[command];
    if (answer === undefined) {
      const error = Object.assign(new Error(`spawnSync ${command} ENOENT`), { code: 'ENOENT' });
      return { status: null, stdout: '', stderr: '', error };
    }
    return { status: 0, stderr: '', error: undefined, ...answer };
  };
  return { run, calls };
}

const dotnet10 = { stdout: '8.0.404 [/usr/share/dotnet/sdk]\n10.0.401 [/usr/share/dotnet/sdk]\n' };
const func4 = { stdout: '4.0.7030\n' };

describe('prerequisites', () => {
  it('passes when dotnet 10, node 20 and func 4 are there, and reports their versions', () => {
    const { run, calls } = fakeRunner({ dotnet: dotnet10, func: func4 });
    const result = checkPrerequisites({ run, nodeVersion: '20.11.1' });
    assert.equal(result.ok, true);
    assert.deepEqual(result.missing, []);
    assert.deepEqual(result.found, { dotnet: '10.0.401', node: '20.11.1', func: '4.0.7030' });
    assert.deepEqual(calls, ['dotnet --list-sdks', 'func --version']);
  });

  it('names every missing tool in one line each, with how to get it', () => {
    const { run } = fakeRunner({});
    const result = checkPrerequisites({ run, nodeVersion: '18.19.0' });
    assert.equal(result.ok, false);
    assert.deepEqual(result.missing.map((m) => m.tool), ['dotnet', 'node', 'func']);
    for (const m of result.missing) {
      assert.doesNotMatch(m.line, /\n/, 'one line');
    }
    const [dotnet, node, func] = result.missing.map((m) => m.line);
    assert.match(dotnet, /^\.NET SDK 10 is missing \(no `dotnet` on the PATH\); install the \.NET 10 SDK: https:\/\/dotnet\.microsoft\.com\//);
    assert.match(node, /^Node\.js 20\+ is missing \(found 18\.19\.0\); install Node\.js 20 or later: https:\/\/nodejs\.org/);
    assert.match(func, /^Azure Functions Core Tools v4 is missing \(no `func` on the PATH\); install .*npm install -g azure-functions-core-tools@4/);
    assert.match(func, /--no-functions/);
  });

  it('reports an SDK older than 10 with the version it found', () => {
    const { run } = fakeRunner({ dotnet: { stdout: '8.0.404 [/usr/share/dotnet/sdk]\n' }, func: func4 });
    const result = checkPrerequisites({ run, nodeVersion: '22.3.0' });
    assert.deepEqual(result.missing.map((m) => m.line.split(';')[0]), ['.NET SDK 10 is missing (found SDK 8.0.404)']);
  });

  it('reports a dotnet runtime without any SDK', () => {
    const { run } = fakeRunner({ dotnet: { stdout: '' }, func: func4 });
    const result = checkPrerequisites({ run, nodeVersion: '20.0.0' });
    assert.deepEqual(result.missing.map((m) => m.line.split(';')[0]), ['.NET SDK 10 is missing (found no SDK)']);
  });

  it('reports Core Tools of another major version', () => {
    const { run } = fakeRunner({ dotnet: dotnet10, func: { stdout: '3.0.3904\n' } });
    const result = checkPrerequisites({ run, nodeVersion: '20.0.0' });
    assert.deepEqual(result.missing.map((m) => m.line.split(';')[0]), ['Azure Functions Core Tools v4 is missing (found `func` 3.0.3904)']);
  });

  it('does not ask for func with needFunc: false', () => {
    const { run, calls } = fakeRunner({ dotnet: dotnet10 });
    const result = checkPrerequisites({ run, nodeVersion: '20.0.0', needFunc: false });
    assert.equal(result.ok, true);
    assert.deepEqual(calls, ['dotnet --list-sdks']);
  });

  it('picks the highest SDK from --list-sdks', () => {
    assert.equal(highestSdk('9.0.100 [/a]\n10.0.100-rc.2.25502.107 [/a]\n10.0.401 [/a]\n8.0.110 [/a]'), '10.0.401');
    assert.equal(highestSdk(''), undefined);
  });
});

describe('prerequisites with a fake PATH', () => {
  let dir;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds tools on the given PATH and reports the ones not on it', () => {
    dir = mkdtempSync(join(tmpdir(), 'prereq-path-'));
    fakeTool(dir, 'dotnet', '10.0.100 [/fake/sdk]');
    const run = defaultRunner({ ...shellEnv(), PATH: dir });
    const result = checkPrerequisites({ run, nodeVersion: '20.1.0' });
    assert.equal(result.found.dotnet, '10.0.100');
    assert.deepEqual(result.missing.map((m) => m.tool), ['func']);
    assert.match(result.missing[0].line, /no `func` on the PATH/);
  });

  it('accepts func 4 from the PATH', () => {
    dir = mkdtempSync(join(tmpdir(), 'prereq-path-'));
    fakeTool(dir, 'dotnet', '10.0.401 [/fake/sdk]');
    fakeTool(dir, 'func', '4.2.2');
    const run = defaultRunner({ ...shellEnv(), PATH: [dir, '/usr/bin', '/bin'].join(delimiter) });
    const result = checkPrerequisites({ run, nodeVersion: '20.1.0' });
    assert.deepEqual(result, { ok: true, found: { dotnet: '10.0.401', node: '20.1.0', func: '4.2.2' }, missing: [] });
  });
});
