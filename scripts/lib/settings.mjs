// Connector.Functions/local.settings.json for a local run: made from local.settings.example.json with
// the values that point at the local Azurite and sandbox. An existing file is never overwritten.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { FIELD_MAP, LOCAL_WEBHOOK_NAME, PORTS, SANDBOX, urls } from './config.mjs';

// Azurite's well-known development account (public, the same in every Azurite).
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** The storage connection string for Azurite on these ports (`UseDevelopmentStorage=true` on the default ones). */
export function azuriteConnectionString(ports) {
  if (ports.azuriteBlob === PORTS.azuriteBlob.default
    && ports.azuriteQueue === PORTS.azuriteQueue.default
    && ports.azuriteTable === PORTS.azuriteTable.default) {
    return 'UseDevelopmentStorage=true';
  }
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};`
    + `BlobEndpoint=http://127.0.0.1:${ports.azuriteBlob}/${DEV_ACCOUNT};`
    + `QueueEndpoint=http://127.0.0.1:${ports.azuriteQueue}/${DEV_ACCOUNT};`
    + `TableEndpoint=http://127.0.0.1:${ports.azuriteTable}/${DEV_ACCOUNT};`;
}

/** A new random webhook secret (hex). */
export function generateSecret() {
  return randomBytes(24).toString('hex');
}

/** The values a local run depends on: they override the example's. */
export function localValues(ports, secret) {
  const u = urls(ports);
  return {
    AzureWebJobsStorage: azuriteConnectionString(ports),
    SuperOffice__Environment: 'sod',
    SuperOffice__ContextIdentifier: SANDBOX.tenant,
    SuperOffice__ApiAssociateId: String(SANDBOX.apiAssociateId),
    SuperOffice__ClientId: SANDBOX.clientId,
    SuperOffice__ClientSecret: SANDBOX.clientSecret,
    SuperOffice__RefreshToken: SANDBOX.refreshToken,
    SuperOffice__LoginBaseUrl: u.sandbox,
    Webhook__Secret: secret,
    // The webhook npm start registers: the watchdog finds it by name and keeps it calling this Functions host.
    Webhook__Name: LOCAL_WEBHOOK_NAME,
    Webhook__TargetUrl: u.webhook,
    CompanyExplorer__BaseUrl: u.companyExplorer,
    CompanyExplorer__ApiKey: SANDBOX.companyExplorerApiKey,
    Sync__FieldMap: FIELD_MAP,
  };
}

/**
 * The settings object: the example (its keys and order kept) with the local values set, keys the example
 * lacks appended. Pure: the secret is passed in.
 */
export function buildLocalSettings(example, ports, secret) {
  if (!example || typeof example !== 'object' || typeof example.Values !== 'object' || example.Values === null) {
    throw new Error('local.settings.example.json has no "Values" object.');
  }
  return {
    ...example,
    Values: { ...example.Values, ...localValues(ports, secret) },
  };
}

/**
 * Creates `target` from `examplePath` when it does not exist. Returns { created, path, settings } with the
 * settings now in the file (the existing ones when it was there already).
 */
export function ensureLocalSettings({ examplePath, target, ports, secret = generateSecret() }) {
  if (existsSync(target)) {
    return { created: false, path: target, settings: readJson(target) };
  }
  const settings = buildLocalSettings(readJson(examplePath), ports, secret);
  // 'wx': fail rather than overwrite if the file appeared in the meantime.
  writeFileSync(target, JSON.stringify(settings, null, 2) + '\n', { flag: 'wx' });
  return { created: true, path: target, settings };
}

/**
 * The ways existing settings disagree with the local ports (an older file, or changed port variables):
 * one line each, naming the setting and what it should be. Settings pointing elsewhere on purpose
 * (a real tenant) are reported too: the sandbox run would not use them.
 */
export function settingsMismatches(settings, ports) {
  const values = settings?.Values ?? {};
  const expected = localValues(ports, '');
  const problems = [];
  const storage = values.AzureWebJobsStorage ?? '';
  const storageOk = storage === expected.AzureWebJobsStorage
    || (storage !== 'UseDevelopmentStorage=true'
      && [ports.azuriteBlob, ports.azuriteQueue, ports.azuriteTable].every((p) => storage.includes(`:${p}/`)));
  if (!storageOk) {
    problems.push(`AzureWebJobsStorage does not point at Azurite on ports ${ports.azuriteBlob}-${ports.azuriteTable}; `
      + `set it to "${expected.AzureWebJobsStorage}"`);
  }
  for (const key of ['SuperOffice__LoginBaseUrl', 'CompanyExplorer__BaseUrl']) {
    if (trimSlash(values[key]) !== expected[key]) {
      problems.push(`${key} is "${values[key] ?? ''}", not the sandbox's "${expected[key]}"`);
    }
  }
  if (!values.Webhook__Secret) {
    problems.push('Webhook__Secret is empty; the sandbox signs its webhooks with it, so set one');
  }
  return problems;
}

function trimSlash(value) {
  return typeof value === 'string' ? value.replace(/\/+$/, '') : value;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path} could not be read as JSON: ${e.message}`);
  }
}
