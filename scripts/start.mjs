#!/usr/bin/env node
// `npm start`: the connector running locally against Azurite and the sandbox, stopped with Ctrl+C.
//   npm start                      everything: Azurite, the sandbox, the Functions host, the webhook registered
//   npm start -- --no-functions    Azurite and the sandbox only (no Core Tools needed; run the app from an IDE)
// Ports: AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT, SANDBOX_PORT, FUNCTIONS_PORT.
import { join } from 'node:path';
import { PORTS, readPorts, repositoryRoot, urls } from './lib/config.mjs';
import { ensureNodeModules } from './lib/deps.mjs';
import { busyPorts } from './lib/ports.mjs';
import { checkPrerequisites } from './lib/prerequisites.mjs';
import { describeExit, prefixer } from './lib/processes.mjs';
import { registerWebhook, webhookIdOf } from './lib/sandbox.mjs';
import { sandboxProjectExists, startAzurite, startFunctions, startSandbox } from './lib/services.mjs';
import { ensureLocalSettings, settingsMismatches } from './lib/settings.mjs';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm start [-- --no-functions]
Starts Azurite, the sandbox and the Functions host, registers the local webhook, and stops them all on Ctrl+C.
Ports (environment variables): ${Object.values(PORTS).map((p) => `${p.env} (${p.default})`).join(', ')}.
CONNECTOR_LOCAL_SETTINGS: the settings file to use or create instead of Connector.Functions/local.settings.json
(for the tests; func start itself always reads Connector.Functions/local.settings.json).`);
  process.exit(0);
}
const withFunctions = !args.includes('--no-functions');

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const say = (text) => console.log(`${paint('1', 'start  ')} | ${text}`);
const warn = (text) => console.log(`${paint('33', 'start  ')} | ${paint('33', text)}`);
const fail = (text) => console.error(`${paint('31', 'start  ')} | ${paint('31', text)}`);
const serviceLine = (name, code) => prefixer(`${paint(code, name.padEnd(7))} | `);

const started = [];
// Registered as soon as spawned, so Ctrl+C during start-up stops it too.
const onSpawn = (handle) => {
  started.push(handle);
  say(`${handle.name} started (pid ${handle.pid})`);
};
let stopping = null;

async function stopAll(exitCode) {
  if (stopping) return stopping;
  stopping = (async () => {
    if (started.length > 0) {
      say(`stopping ${[...started].reverse().map((h) => h.name).join(', ')} ...`);
    }
    const leftovers = await Promise.all([...started].reverse().map(async (h) => {
      const left = await h.stop();
      h.gone = left.length === 0;
      return { name: h.name, left };
    }));
    for (const { name, left } of leftovers) {
      if (left.length > 0) {
        fail(`${name}: still running: ${left.map((p) => `${p.pid} ${p.command}`).join('; ')}`);
        exitCode ||= 1;
      }
    }
    if (started.length > 0) say('stopped.');
    process.exit(exitCode);
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) {
      say('already stopping; a moment ...');
      return;
    }
    stopAll(0);
  });
}
// Last resort if this script dies unexpectedly: kill the groups it started.
process.on('exit', () => {
  for (const h of started) {
    // The whole group on POSIX, even when its first process is gone (its children may not be).
    if (!h.gone && (process.platform !== 'win32' || h.running())) {
      try { process.kill(process.platform === 'win32' ? h.pid : -h.pid, 'SIGKILL'); } catch { /* gone */ }
    }
  }
});

async function main() {
  const root = repositoryRoot();

  let ports;
  try {
    ports = readPorts();
  } catch (e) {
    fail(e.message);
    return 1;
  }

  const prerequisites = checkPrerequisites({ needFunc: withFunctions });
  if (!prerequisites.ok) {
    fail('Missing prerequisites:');
    for (const m of prerequisites.missing) fail(`  - ${m.line}`);
    return 1;
  }
  say(`found ${Object.entries(prerequisites.found).map(([tool, v]) => `${tool} ${v}`).join(', ')}`);

  ensureNodeModules(root, { log: say });

  const wanted = { ...ports };
  if (!withFunctions) delete wanted.functions;
  const blockers = await busyPorts(wanted);
  if (!sandboxProjectExists(root)) {
    blockers.unshift('Connector.Sandbox is not in this checkout; update it (git pull) to get the sandbox.');
  }
  if (blockers.length > 0) {
    for (const line of blockers) fail(line);
    return 1;
  }

  // CONNECTOR_LOCAL_SETTINGS: another settings file (the tests use one in a temporary folder).
  const settingsPath = process.env.CONNECTOR_LOCAL_SETTINGS || join(root, 'Connector.Functions', 'local.settings.json');
  const settings = ensureLocalSettings({ examplePath: join(root, 'local.settings.example.json'), target: settingsPath, ports });
  say(settings.created
    ? `created ${settingsPath} (Azurite, the sandbox, a new webhook secret)`
    : `using the existing ${settingsPath}`);
  for (const problem of settingsMismatches(settings.settings, ports)) {
    warn(`local.settings.json: ${problem} (or delete the file and it is made again)`);
  }
  const secret = settings.settings.Values?.Webhook__Secret ?? '';

  const u = urls(ports);
  say(`starting Azurite on ${ports.azuriteBlob}/${ports.azuriteQueue}/${ports.azuriteTable} ...`);
  await startAzurite(root, ports, { onLine: serviceLine('azurite', '36'), onSpawn });
  say(`starting the sandbox on ${u.sandbox} (dotnet run; the first build takes a minute) ...`);
  await startSandbox(root, ports, { onLine: serviceLine('sandbox', '35'), onSpawn });

  let webhook = null;
  if (withFunctions) {
    say(`starting the Functions host on ${u.functions} (func start; it builds the app first) ...`);
    await startFunctions(root, ports, { onLine: serviceLine('func', '32'), onSpawn });
    try {
      webhook = await registerWebhook(ports, secret);
      say(`registered webhook ${webhookIdOf(webhook) ?? ''} in the sandbox -> ${u.webhook}`);
    } catch (e) {
      warn(`the webhook could not be registered, so the sandbox will not call the app: ${e.message}`);
    }
  }

  for (const h of started) {
    h.exited.then((info) => {
      if (!stopping) {
        fail(`${h.name} stopped unexpectedly (${describeExit(info)}); stopping the rest.`);
        stopAll(1);
      }
    });
  }

  const lines = [
    '',
    'Running locally:',
    `  Sandbox page (SuperOffice emulator)   ${u.sandboxPage}`,
    `  SuperOffice REST (tenant)             ${u.sandboxApi}/`,
    `  Company Explorer stub                 ${u.companyExplorer}/api/enrich`,
    `  Azurite (blob/queue/table)            http://127.0.0.1:${ports.azuriteBlob} /${ports.azuriteQueue} /${ports.azuriteTable}`,
  ];
  if (withFunctions) {
    lines.push(
      `  Webhook function                      POST ${u.webhook}`,
      `  Job record                            GET  ${u.functions}/api/jobs/{jobId}`,
      `  Replay a failed job                   POST ${u.functions}/api/jobs/{jobId}/replay`,
      '',
      webhook ? 'Try it: `npm run demo` in another terminal.' : 'The webhook is not registered (see above); register it on the sandbox page.',
    );
  } else {
    lines.push('', 'The Functions host was not started (--no-functions): run Connector.Functions yourself with these settings.');
  }
  lines.push('Ctrl+C stops everything.', '');
  for (const line of lines) say(line);
  return null;
}

main().then(
  (code) => { if (code !== null) stopAll(code); },
  (e) => { fail(e.message); stopAll(1); },
);
