// The local run's ports and addresses, and the sandbox's fixed identities. One place, so `npm start`,
// `npm run demo` and the tests agree on them.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Each configurable port: its environment variable, its default, and what listens on it. */
export const PORTS = Object.freeze({
  azuriteBlob: { env: 'AZURITE_BLOB_PORT', default: 10000, label: 'Azurite Blob' },
  azuriteQueue: { env: 'AZURITE_QUEUE_PORT', default: 10001, label: 'Azurite Queue' },
  azuriteTable: { env: 'AZURITE_TABLE_PORT', default: 10002, label: 'Azurite Table' },
  sandbox: { env: 'SANDBOX_PORT', default: 5080, label: 'sandbox (SuperOffice emulator)' },
  functions: { env: 'FUNCTIONS_PORT', default: 7071, label: 'Functions host' },
});

/** The sandbox's tenant and credentials (see Connector.Sandbox); the local settings use the same. */
export const SANDBOX = Object.freeze({
  tenant: 'Cust12345',
  clientId: 'sandbox-client',
  clientSecret: 'sandbox-client-secret',
  refreshToken: 'sandbox-refresh-token',
  apiAssociateId: 528,
  companyExplorerApiKey: 'sandbox-ce-key',
});

export const FIELD_MAP = 'vertical=SuperOffice:5;summary=SuperOffice:6';

/**
 * The ports to use: the defaults, overridden by the environment variables in PORTS.
 * Throws with the variable's name when a value is not a port number.
 */
export function readPorts(env = process.env) {
  const ports = {};
  for (const [key, spec] of Object.entries(PORTS)) {
    const raw = env[spec.env];
    if (raw === undefined || raw === '') {
      ports[key] = spec.default;
      continue;
    }
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`${spec.env}=${raw} is not a port number (1-65535).`);
    }
    ports[key] = port;
  }
  const seen = new Map();
  for (const [key, port] of Object.entries(ports)) {
    if (seen.has(port)) {
      throw new Error(`${PORTS[seen.get(port)].env} and ${PORTS[key].env} are both ${port}; give each its own port.`);
    }
    seen.set(port, key);
  }
  return ports;
}

/** The addresses derived from the ports. */
/** The name of the webhook npm start registers in the sandbox (the watchdog finds it by this name). */
export const LOCAL_WEBHOOK_NAME = 'Local connector (npm start)';

export function urls(ports) {
  const sandbox = `http://127.0.0.1:${ports.sandbox}`;
  const functions = `http://localhost:${ports.functions}`;
  return {
    sandbox,
    sandboxPage: `${sandbox}/`,
    sandboxApi: `${sandbox}/${SANDBOX.tenant}/api/v1`,
    sandboxToken: `${sandbox}/login/common/oauth/tokens`,
    companyExplorer: `${sandbox}/companyexplorer`,
    functions,
    webhook: `${functions}/api/superoffice/webhook`,
    job: (jobId) => `${functions}/api/jobs/${encodeURIComponent(jobId)}`,
  };
}

/** The repository root: the nearest folder above `from` holding Connector.Functions.sln. */
export function repositoryRoot(from = dirname(fileURLToPath(import.meta.url))) {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'Connector.Functions.sln'))) {
      return dir;
    }
    if (dirname(dir) === dir) {
      throw new Error(`Connector.Functions.sln was not found above ${from}.`);
    }
  }
}
