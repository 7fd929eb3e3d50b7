// Child processes of a local run: each in its own process group (so the whole tree can be stopped),
// its output prefixed line by line, stopped with SIGTERM and then SIGKILL.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const isWindows = process.platform === 'win32';

/**
 * Environment for dotnet children: no MSBuild node reuse, build server or shared compiler server, so
 * a build leaves no process running once the tree is stopped.
 */
export function dotnetChildEnv(env = process.env) {
  return {
    ...env,
    MSBUILDDISABLENODEREUSE: '1',
    DOTNET_CLI_USE_MSBUILD_SERVER: '0',
    UseSharedCompilation: 'false',
    DOTNET_NOLOGO: '1',
    DOTNET_CLI_TELEMETRY_OPTOUT: env.DOTNET_CLI_TELEMETRY_OPTOUT ?? '1',
  };
}

/** Writes each line with a prefix. */
export function prefixer(prefix, write = (line) => process.stdout.write(line + '\n')) {
  return (line) => write(`${prefix}${line}`);
}

/**
 * Starts a command in its own process group. `onLine(line, stream)` gets each output line.
 * Returns a handle: { name, pid, child, exited (Promise<{code, signal}>), running(), output(), stop(opts) }.
 */
export function startProcess({ name, command, args = [], cwd, env = process.env, onLine = () => {} }) {
  const child = spawn(command, args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: !isWindows, // a new process group on POSIX: its pid is the group id
    shell: isWindows, // func.cmd, npm.cmd
    windowsHide: true,
  });
  const lines = [];
  const remember = (line, stream) => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
    onLine(line, stream);
  };
  for (const [stream, source] of [['stdout', child.stdout], ['stderr', child.stderr]]) {
    createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) => remember(line, stream));
  }

  let exitInfo = null;
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      exitInfo = { code: null, signal: null, error };
      resolve(exitInfo);
    });
    child.once('exit', (code, signal) => {
      exitInfo ??= { code, signal };
      resolve(exitInfo);
    });
  });

  const handle = {
    name,
    pid: child.pid,
    child,
    exited,
    running: () => exitInfo === null,
    exitInfo: () => exitInfo,
    output: () => lines.join('\n'),
    stop: (options) => stopProcess(handle, options),
  };
  return handle;
}

/**
 * Stops the process and everything in its group: SIGTERM, then SIGKILL after `graceMs`.
 * Resolves with the pids still alive afterwards (empty when the tree is gone).
 */
export async function stopProcess(handle, { graceMs = 8000 } = {}) {
  const pgid = handle.pid;
  if (pgid === undefined) {
    return [];
  }
  if (isWindows) {
    spawnSync('taskkill', ['/pid', String(pgid), '/T', '/F'], { windowsHide: true });
    await Promise.race([handle.exited, delay(graceMs)]);
    return [];
  }

  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupMembers(pgid).length > 0) {
    await delay(100);
  }
  if (groupMembers(pgid).length > 0) {
    signalGroup(pgid, 'SIGKILL');
    const killDeadline = Date.now() + 5000;
    while (Date.now() < killDeadline && groupMembers(pgid).length > 0) {
      await delay(100);
    }
  }
  await Promise.race([handle.exited, delay(2000)]);
  return groupMembers(pgid);
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch (e) {
    if (e.code !== 'ESRCH') throw e;
  }
}

/**
 * The live (non-zombie) processes in a process group: [{ pid, command }]. Reads /proc on Linux; elsewhere
 * it asks `ps`.
 */
export function groupMembers(pgid) {
  if (process.platform === 'linux') {
    const members = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = rest[0];
      const group = Number(rest[2]);
      if (group === pgid && state !== 'Z' && state !== 'X') {
        members.push({ pid: Number(entry), command: commandLine(entry) });
      }
    }
    return members;
  }
  const ps = spawnSync('ps', ['-A', '-o', 'pid=,pgid=,stat=,command='], { encoding: 'utf8' });
  return (ps.stdout ?? '').split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m) => m && Number(m[2]) === pgid && !m[3].startsWith('Z'))
    .map((m) => ({ pid: Number(m[1]), command: m[4] }));
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe()` until it returns a truthy value; fails when `handle` exits first or after `timeoutMs`.
 * The error names the service and shows the end of its output.
 */
export async function waitUntil(handle, probe, { timeoutMs, intervalMs = 250, what }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (handle && !handle.running()) {
      const info = handle.exitInfo();
      throw new Error(`${handle.name} exited (${describeExit(info)}) before ${what}.${tail(handle)}`);
    }
    let ok = false;
    try {
      ok = await probe();
    } catch {
      ok = false;
    }
    if (ok) {
      return ok;
    }
    if (Date.now() >= deadline) {
      throw new Error(`${handle?.name ?? 'service'} did not get ready within ${Math.round(timeoutMs / 1000)} s: ${what}.${tail(handle)}`);
    }
    await delay(intervalMs);
  }
}

export function describeExit(info) {
  if (!info) return 'still running';
  if (info.error) return info.error.code === 'ENOENT' ? `command not found: ${info.error.path}` : info.error.message;
  return info.signal ? `signal ${info.signal}` : `exit code ${info.code}`;
}

function tail(handle) {
  const out = handle?.output().split('\n').slice(-15).join('\n').trim();
  return out ? `\nIts last output:\n${out}` : '';
}
