// The three services of a local run: how each is started and how we know it is ready.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { urls } from './config.mjs';
import { canConnect } from './ports.mjs';
import { dotnetChildEnv, startProcess, waitUntil } from './processes.mjs';

export const AZURITE_SCRIPT = join('node_modules', 'azurite', 'dist', 'src', 'azurite.js');

/** Azurite in memory on the given ports (no API-version check: newer Storage SDKs are ahead of it). */
export function azuriteCommand(root, ports) {
  return {
    name: 'azurite',
    command: process.execPath,
    args: [
      join(root, AZURITE_SCRIPT),
      '--silent', '--inMemoryPersistence', '--skipApiVersionCheck', '--loose', '--disableTelemetry',
      '--blobHost', '127.0.0.1', '--blobPort', String(ports.azuriteBlob),
      '--queueHost', '127.0.0.1', '--queuePort', String(ports.azuriteQueue),
      '--tableHost', '127.0.0.1', '--tablePort', String(ports.azuriteTable),
    ],
    cwd: root,
  };
}

/** The sandbox (SuperOffice emulator + Company Explorer stub) on its port. */
export function sandboxCommand(root, ports, env = process.env) {
  return {
    name: 'sandbox',
    command: 'dotnet',
    args: ['run', '--project', 'Connector.Sandbox', '--no-launch-profile', '--', '--port', String(ports.sandbox)],
    cwd: root,
    env: dotnetChildEnv(env),
  };
}

/** The Functions host (`func start` in Connector.Functions; it builds the project first). */
export function functionsCommand(root, ports, env = process.env) {
  return {
    name: 'func',
    command: 'func',
    args: ['start', '--port', String(ports.functions)],
    cwd: join(root, 'Connector.Functions'),
    env: dotnetChildEnv(env),
  };
}

export function sandboxProjectExists(root) {
  return existsSync(join(root, 'Connector.Sandbox', 'Connector.Sandbox.csproj'));
}

/** Starts Azurite and resolves once its three ports answer. */
export async function startAzurite(root, ports, { onLine, onSpawn = () => {}, timeoutMs = 60_000 } = {}) {
  if (!existsSync(join(root, AZURITE_SCRIPT))) {
    throw new Error(`${AZURITE_SCRIPT} is missing; run \`npm ci\` at the repository root.`);
  }
  const handle = startProcess({ ...azuriteCommand(root, ports), onLine });
  onSpawn(handle);
  try {
    for (const key of ['azuriteBlob', 'azuriteQueue', 'azuriteTable']) {
      await waitUntil(handle, () => canConnect(ports[key]), { timeoutMs, what: `port ${ports[key]} answered` });
    }
  } catch (e) {
    await handle.stop();
    throw e;
  }
  return handle;
}

/** GET url with a timeout; resolves with the Response or null when nothing answered. */
export async function tryFetch(url, { timeoutMs = 3000, ...init } = {}) {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    return null;
  }
}

/** True when the sandbox page answers 200. */
export async function sandboxReady(ports) {
  const response = await tryFetch(urls(ports).sandboxPage);
  if (!response) return false;
  await response.body?.cancel();
  return response.ok;
}

/**
 * True when the Functions host serves our functions: GET /api/jobs/{probe} is answered by JobsFunction
 * (a problem+json 404, or the job). The host's own 404 before the functions are indexed has no such body.
 */
export async function functionsReady(ports) {
  const response = await tryFetch(urls(ports).job('local-start-probe'));
  if (!response) return false;
  const type = response.headers.get('content-type') ?? '';
  await response.body?.cancel();
  return response.status === 200 || (response.status === 404 && type.includes('application/problem+json'));
}

/** Starts the sandbox (building it first, which takes a while the first time) and waits for its page. */
export async function startSandbox(root, ports, { onLine, onSpawn = () => {}, env, timeoutMs = 240_000 } = {}) {
  if (!sandboxProjectExists(root)) {
    throw new Error('Connector.Sandbox is not in this checkout; update it (git pull) to get the sandbox.');
  }
  const handle = startProcess({ ...sandboxCommand(root, ports, env), onLine });
  onSpawn(handle);
  try {
    await waitUntil(handle, () => sandboxReady(ports), { timeoutMs, intervalMs: 500, what: `${urls(ports).sandboxPage} answered 200` });
  } catch (e) {
    await handle.stop();
    throw e;
  }
  return handle;
}

/** Starts `func start` and waits until the HTTP functions answer. */
export async function startFunctions(root, ports, { onLine, onSpawn = () => {}, env, timeoutMs = 300_000 } = {}) {
  const handle = startProcess({ ...functionsCommand(root, ports, env), onLine });
  onSpawn(handle);
  try {
    await waitUntil(handle, () => functionsReady(ports), { timeoutMs, intervalMs: 1000, what: `${urls(ports).functions}/api/jobs answered` });
  } catch (e) {
    await handle.stop();
    throw e;
  }
  return handle;
}
