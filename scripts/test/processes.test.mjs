// Stopping a started process stops its whole tree (as `dotnet run` and `func start` each start children).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { groupMembers, startProcess, waitUntil } from '../lib/processes.mjs';

// A parent that starts a grandchild, prints both pids, and (optionally) ignores SIGTERM.
const parentScript = (ignoreTerm) => `
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, ['-e', ${JSON.stringify(`${ignoreTerm ? "process.on('SIGTERM', () => {});" : ''} setInterval(() => {}, 1000)`)}], { stdio: 'ignore' });
  ${ignoreTerm ? "process.on('SIGTERM', () => {});" : ''}
  console.log('pids ' + process.pid + ' ' + child.pid);
  setInterval(() => {}, 1000);
`;

// Running (a zombie waiting for its reaper is not: it holds no resources and runs no code).
function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
  } catch {
    return false;
  }
}

async function startTree(ignoreTerm) {
  const lines = [];
  const handle = startProcess({
    name: 'tree', command: process.execPath, args: ['-e', parentScript(ignoreTerm)],
    onLine: (line, stream) => lines.push(`${stream}: ${line}`),
  });
  await waitUntil(handle, () => lines.some((l) => l.startsWith('stdout: pids ')), { timeoutMs: 10_000, what: 'it printed its pids' });
  const [parent, grandchild] = lines.find((l) => l.startsWith('stdout: pids ')).split(' ').slice(2).map(Number);
  return { handle, parent, grandchild, lines };
}

describe('process trees', () => {
  it('prefixes nothing itself but hands every output line over with its stream', async () => {
    const seen = [];
    const handle = startProcess({
      name: 'echo', command: process.execPath, args: ['-e', "console.log('one\\ntwo'); console.error('three')"],
      onLine: (line, stream) => seen.push(`${stream}:${line}`),
    });
    const info = await handle.exited;
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(info.code, 0);
    assert.deepEqual(seen.filter((l) => l.startsWith('stdout')), ['stdout:one', 'stdout:two']);
    assert.deepEqual(seen.filter((l) => l.startsWith('stderr')), ['stderr:three']);
    assert.match(handle.output(), /three/);
  });

  it('stops the process and its grandchild', { timeout: 30_000 }, async () => {
    const { handle, parent, grandchild } = await startTree(false);
    assert.equal(alive(grandchild), true);
    assert.deepEqual(groupMembers(handle.pid).map((m) => m.pid).sort(), [parent, grandchild].sort());
    const left = await handle.stop();
    assert.deepEqual(left, []);
    assert.equal(alive(parent), false);
    assert.equal(alive(grandchild), false);
  });

  it('kills a tree that ignores SIGTERM after the grace period', { timeout: 30_000 }, async () => {
    const { handle, grandchild } = await startTree(true);
    const began = Date.now();
    const left = await handle.stop({ graceMs: 1000 });
    assert.deepEqual(left, []);
    assert.ok(Date.now() - began >= 1000, 'it waited for the grace period first');
    assert.equal(alive(grandchild), false);
    assert.equal(handle.exitInfo().signal, 'SIGKILL');
  });

  it('says when a command does not exist', async () => {
    const handle = startProcess({ name: 'ghost', command: 'no-such-command-for-sure' });
    await assert.rejects(
      waitUntil(handle, async () => false, { timeoutMs: 5000, what: 'never' }),
      /ghost exited \(command not found: no-such-command-for-sure\) before never/,
    );
  });
});
