// The demo's steps against stand-ins for the sandbox and the Functions host (the real host needs Core Tools).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { afterEach, describe, it } from 'node:test';
import { runDemo } from '../lib/demo.mjs';
import { freePorts } from '../lib/ports.mjs';

/**
 * A fake sandbox + Functions host pair: a created company is delivered as contact.created, its job goes
 * Queued -> Processing -> Completed writing SuperOffice:5, and the echo contact.changed by 528 gets `echoJob`.
 */
async function fakes({ echoJob = { status: 'Skipped', reason: 'SelfChange' }, writeValue = 'Software' } = {}) {
  const [sandboxPort, functionsPort] = await freePorts(2);
  const state = { contacts: new Map(), deliveries: [], jobs: new Map(), jobReads: new Map() };

  const json = (res, status, body, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type });
    res.end(JSON.stringify(body));
  };
  const readBody = (req) => new Promise((resolve) => {
    let text = '';
    req.on('data', (c) => { text += c; });
    req.on('end', () => resolve(text ? JSON.parse(text) : null));
  });

  const sandbox = createServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/') return json(res, 200, { page: true });
    if (req.method === 'POST' && req.url === '/admin/contacts') {
      const body = await readBody(req);
      const id = 100 + state.contacts.size;
      state.contacts.set(id, { contactId: id, name: body.name, userDefinedFields: { 'SuperOffice:5': '', 'SuperOffice:6': '' } });
      const eventId = `evt-created-${id}`;
      state.deliveries.push({ webhookId: 1, eventId, event: 'contact.created', primaryKey: id, changedByAssociateId: 5, attempt: 1, status: 200, error: null });
      // The "sync worker": the job finishes after a few reads, writes the field, and the echo is delivered.
      state.jobs.set(eventId, [
        { jobId: eventId, status: 'Queued' },
        { jobId: eventId, status: 'Processing', attempt: 1 },
        {
          jobId: eventId, status: 'Completed', contactId: id,
          details: { written: [{ source: 'vertical', target: 'SuperOffice:5', old: '', new: 'Software' }], kept: [] },
          onRead: () => {
            state.contacts.get(id).userDefinedFields['SuperOffice:5'] = writeValue;
            state.deliveries.push({ webhookId: 1, eventId: `evt-echo-${id}`, event: 'contact.changed', primaryKey: id, changedByAssociateId: 528, attempt: 1, status: 200, error: null });
            state.jobs.set(`evt-echo-${id}`, [{ jobId: `evt-echo-${id}`, contactId: id, ...echoJob }]);
          },
        },
      ]);
      return json(res, 201, state.contacts.get(id));
    }
    const contact = /^\/admin\/contacts\/(\d+)$/.exec(req.url);
    if (req.method === 'GET' && contact) return json(res, 200, state.contacts.get(Number(contact[1])));
    if (req.method === 'GET' && req.url === '/admin/webhooks/deliveries') return json(res, 200, state.deliveries);
    return json(res, 404, { error: 'not found' });
  });

  const functions = createServer((req, res) => {
    const match = /^\/api\/jobs\/([^/]+)$/.exec(req.url);
    const steps = match && state.jobs.get(decodeURIComponent(match[1]));
    if (!steps) return json(res, 404, { title: 'Job not found' }, 'application/problem+json');
    const reads = (state.jobReads.get(match[1]) ?? 0) + 1;
    state.jobReads.set(match[1], reads);
    const { onRead, ...job } = steps[Math.min(reads - 1, steps.length - 1)];
    if (onRead && !steps.fired) {
      steps.fired = true;
      onRead();
    }
    return json(res, 200, job);
  });

  await new Promise((resolve) => sandbox.listen(sandboxPort, '127.0.0.1', resolve));
  await new Promise((resolve) => functions.listen(functionsPort, 'localhost', resolve));
  return {
    ports: { sandbox: sandboxPort, functions: functionsPort },
    state,
    close: () => Promise.all([sandbox, functions].map((s) => new Promise((resolve) => { s.closeAllConnections(); s.close(resolve); }))),
  };
}

describe('npm run demo', () => {
  let env;
  afterEach(async () => { await env?.close(); env = null; });

  it('tells the whole story: webhook, job, fields written, echo skipped as SelfChange', async () => {
    env = await fakes();
    const lines = [];
    const result = await runDemo(env.ports, { log: (l) => lines.push(l), name: 'Acme', intervalMs: 20 });
    const text = lines.join('\n');
    assert.equal(result.ok, true, text);
    assert.deepEqual(result.problems, []);
    assert.equal(result.contactId, 100);
    assert.equal(result.job.status, 'Completed');
    assert.equal(result.echoJob.reason, 'SelfChange');
    assert.match(text, /1\. Created company 100 "Acme" \(https:\/\/nordlicht-software\.example\)/);
    assert.match(text, /2\. Webhook received: contact\.created for company 100, EventId evt-created-100, delivery attempt 1 answered 200/);
    assert.match(text, /job evt-created-100: Queued\n.*job evt-created-100: Processing\n.*job evt-created-100: Completed/);
    assert.match(text, /4\. Fields written: SuperOffice:5 \(vertical\) "" -> "Software"/);
    assert.match(text, /"SuperOffice:5": "Software"/);
    assert.match(text, /5\. Echo webhook: contact\.changed for company 100 by associate 528 \(the API user\), EventId evt-echo-100/);
    assert.match(text, /job evt-echo-100: Skipped \/ SelfChange/);
    assert.match(text, /Done: the company was enriched and the echo of our write was skipped\./);
  });

  it('says so when the echo was not skipped', async () => {
    env = await fakes({ echoJob: { status: 'Completed', reason: 'NoChange' } });
    const lines = [];
    const result = await runDemo(env.ports, { log: (l) => lines.push(l), intervalMs: 20 });
    assert.equal(result.ok, false);
    assert.deepEqual(result.problems, ['the echo job is Completed/NoChange, not Skipped/SelfChange']);
    assert.match(lines.join('\n'), /Not as expected: the echo job is Completed\/NoChange/);
  });

  it('says so when the company does not hold what the job wrote', async () => {
    env = await fakes({ writeValue: 'Something else' });
    const result = await runDemo(env.ports, { log: () => {}, intervalMs: 20 });
    assert.equal(result.ok, false);
    assert.deepEqual(result.problems, ['the company\'s SuperOffice:5 is "Something else", not the "Software" the job wrote']);
  });

  it('asks for `npm start` when nothing runs', async () => {
    const [sandbox, functions] = await freePorts(2);
    await assert.rejects(runDemo({ sandbox, functions }, { log: () => {} }), /The sandbox does not answer at .*; start everything with `npm start` first/);
  });

  it('names the missing delivery when the webhook never arrives', async () => {
    env = await fakes();
    env.state.deliveries.push = () => 0; // the sandbox "forgets" to deliver
    await assert.rejects(
      runDemo(env.ports, { log: () => {}, intervalMs: 20, deliveryTimeoutMs: 300 }),
      /no successful contact\.created delivery for company 100 within 0\.3 s; is the webhook registered and Active/,
    );
  });
});
