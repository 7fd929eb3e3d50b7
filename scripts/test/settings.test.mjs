import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { readPorts, repositoryRoot } from '../lib/config.mjs';
import { azuriteConnectionString, buildLocalSettings, ensureLocalSettings, settingsMismatches } from '../lib/settings.mjs';

const root = repositoryRoot();
const examplePath = join(root, 'local.settings.example.json');
const example = JSON.parse(readFileSync(examplePath, 'utf8'));
const defaults = readPorts({});
const moved = readPorts({ AZURITE_BLOB_PORT: '20000', AZURITE_QUEUE_PORT: '20001', AZURITE_TABLE_PORT: '20002', SANDBOX_PORT: '6080', FUNCTIONS_PORT: '8071' });

describe('ports', () => {
  it('defaults to 10000-10002, 5080 and 7071', () => {
    assert.deepEqual(defaults, { azuriteBlob: 10000, azuriteQueue: 10001, azuriteTable: 10002, sandbox: 5080, functions: 7071 });
  });

  it('takes each port from its environment variable', () => {
    assert.deepEqual(moved, { azuriteBlob: 20000, azuriteQueue: 20001, azuriteTable: 20002, sandbox: 6080, functions: 8071 });
  });

  it('names the variable holding something that is not a port', () => {
    assert.throws(() => readPorts({ SANDBOX_PORT: 'abc' }), /SANDBOX_PORT=abc is not a port number/);
    assert.throws(() => readPorts({ FUNCTIONS_PORT: '70000' }), /FUNCTIONS_PORT=70000/);
  });

  it('refuses two services on one port', () => {
    assert.throws(() => readPorts({ SANDBOX_PORT: '7071' }), /SANDBOX_PORT and FUNCTIONS_PORT are both 7071/);
  });
});

describe('settings generation', () => {
  it('keeps every key of the example and its other values', () => {
    const settings = buildLocalSettings(example, defaults, 's3cret');
    assert.equal(settings.IsEncrypted, false);
    for (const key of Object.keys(example.Values)) {
      assert.ok(key in settings.Values, `${key} kept`);
    }
    assert.equal(settings.Values.FUNCTIONS_WORKER_RUNTIME, 'dotnet-isolated');
    assert.deepEqual(Object.keys(settings.Values).slice(0, Object.keys(example.Values).length), Object.keys(example.Values));
  });

  it('points at Azurite and the sandbox on the default ports', () => {
    const v = buildLocalSettings(example, defaults, 's3cret').Values;
    assert.equal(v.AzureWebJobsStorage, 'UseDevelopmentStorage=true');
    assert.equal(v.SuperOffice__LoginBaseUrl, 'http://127.0.0.1:5080');
    assert.equal(v.CompanyExplorer__BaseUrl, 'http://127.0.0.1:5080/companyexplorer');
    assert.equal(v.CompanyExplorer__ApiKey, 'sandbox-ce-key');
    assert.equal(v.SuperOffice__ContextIdentifier, 'Cust12345');
    assert.equal(v.SuperOffice__ApiAssociateId, '528');
    assert.equal(v.SuperOffice__ClientId, 'sandbox-client');
    assert.equal(v.SuperOffice__ClientSecret, 'sandbox-client-secret');
    assert.equal(v.SuperOffice__RefreshToken, 'sandbox-refresh-token');
    assert.equal(v.Sync__FieldMap, 'vertical=SuperOffice:5;summary=SuperOffice:6');
    assert.equal(v.Webhook__Secret, 's3cret');
    assert.equal(v.Webhook__TargetUrl, 'http://localhost:7071/api/superoffice/webhook');
    assert.equal(v.Webhook__Name, 'Local connector (npm start)');
  });

  it('uses a full connection string and the moved ports when the ports are not the defaults', () => {
    const v = buildLocalSettings(example, moved, 's3cret').Values;
    assert.match(v.AzureWebJobsStorage, /AccountName=devstoreaccount1;/);
    assert.match(v.AzureWebJobsStorage, /BlobEndpoint=http:\/\/127\.0\.0\.1:20000\/devstoreaccount1;/);
    assert.match(v.AzureWebJobsStorage, /QueueEndpoint=http:\/\/127\.0\.0\.1:20001\/devstoreaccount1;/);
    assert.match(v.AzureWebJobsStorage, /TableEndpoint=http:\/\/127\.0\.0\.1:20002\/devstoreaccount1;/);
    assert.equal(v.SuperOffice__LoginBaseUrl, 'http://127.0.0.1:6080');
    assert.equal(v.CompanyExplorer__BaseUrl, 'http://127.0.0.1:6080/companyexplorer');
  });

  it('refuses an example without Values', () => {
    assert.throws(() => buildLocalSettings({ IsEncrypted: false }, defaults, 'x'), /no "Values" object/);
  });

  it('agrees with itself: generated settings have no mismatches, on any ports', () => {
    assert.deepEqual(settingsMismatches(buildLocalSettings(example, defaults, 'x'), defaults), []);
    assert.deepEqual(settingsMismatches(buildLocalSettings(example, moved, 'x'), moved), []);
    assert.equal(azuriteConnectionString(defaults), 'UseDevelopmentStorage=true');
  });

  it('names the settings that do not fit the ports in use', () => {
    const old = buildLocalSettings(example, defaults, '');
    const problems = settingsMismatches(old, moved);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems[0], /^AzureWebJobsStorage does not point at Azurite on ports 20000-20002/);
    assert.match(problems[1], /^SuperOffice__LoginBaseUrl is "http:\/\/127\.0\.0\.1:5080", not the sandbox's "http:\/\/127\.0\.0\.1:6080"/);
    assert.match(problems[2], /^CompanyExplorer__BaseUrl/);
    assert.match(problems[3], /^Webhook__Secret is empty/);
  });
});

describe('ensureLocalSettings', () => {
  let dir;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'local-settings-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file from the example with a generated secret', () => {
    const target = join(dir, 'local.settings.json');
    const result = ensureLocalSettings({ examplePath, target, ports: defaults });
    assert.equal(result.created, true);
    const written = JSON.parse(readFileSync(target, 'utf8'));
    assert.deepEqual(written, result.settings);
    assert.match(written.Values.Webhook__Secret, /^[0-9a-f]{48}$/);
    assert.notEqual(written.Values.Webhook__Secret, example.Values.Webhook__Secret);
    assert.equal(written.Values.SuperOffice__LoginBaseUrl, 'http://127.0.0.1:5080');
  });

  it('makes a different secret each time', () => {
    const a = ensureLocalSettings({ examplePath, target: join(dir, 'a.json'), ports: defaults });
    const b = ensureLocalSettings({ examplePath, target: join(dir, 'b.json'), ports: defaults });
    assert.notEqual(a.settings.Values.Webhook__Secret, b.settings.Values.Webhook__Secret);
  });

  it('never overwrites an existing file, and returns what it holds', () => {
    const target = join(dir, 'local.settings.json');
    const mine = '{ "IsEncrypted": false, "Values": { "Webhook__Secret": "mine", "Custom": "kept" } }\n';
    writeFileSync(target, mine);
    const result = ensureLocalSettings({ examplePath, target, ports: moved, secret: 'other' });
    assert.equal(result.created, false);
    assert.equal(readFileSync(target, 'utf8'), mine);
    assert.equal(result.settings.Values.Webhook__Secret, 'mine');
  });

  it('says which file is not JSON', () => {
    const target = join(dir, 'local.settings.json');
    writeFileSync(target, '{ broken');
    assert.throws(() => ensureLocalSettings({ examplePath, target, ports: defaults }), /local\.settings\.json could not be read as JSON/);
  });
});
