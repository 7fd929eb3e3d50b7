// `npm run demo`: one company through the whole path, told step by step. Needs `npm start` running.
import { SANDBOX, urls } from './config.mjs';
import { delay } from './processes.mjs';
import { contactIdOf, createContact, deliveries, getContact } from './sandbox.mjs';
import { functionsReady, sandboxReady } from './services.mjs';

export const FINISHED = ['Completed', 'Skipped', 'Failed'];

/** GET /api/jobs/{id}: the job, or null while it does not exist yet. */
export async function getJob(ports, jobId) {
  const url = urls(ports).job(jobId);
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (response.status === 404) {
    await response.body?.cancel();
    return null;
  }
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return JSON.parse(text);
}

/** Polls until `find()` returns something; throws `message` after timeoutMs. */
async function poll(find, { timeoutMs, intervalMs, message }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found) return found;
    if (Date.now() >= deadline) throw new Error(message());
    await delay(intervalMs);
  }
}

const same = (a, b) => String(a) === String(b);

/** Deliveries of one event for one contact, oldest first. */
export function deliveriesOf(all, event, contactId, extra = () => true) {
  return all.filter((d) => d.event === event && same(d.primaryKey, contactId) && extra(d));
}

/** A delivery the target answered (no error, and a 2xx or "delivered"-like status). */
export function delivered(d) {
  if (d.error) return false;
  const status = String(d.status ?? '');
  return /^2\d\d$/.test(status) || /deliver|success|succeed|^ok$/i.test(status);
}

/** Waits for the job to finish, reporting each status it passes through. */
export async function waitForJob(ports, jobId, { timeoutMs, intervalMs, log }) {
  let last = null;
  let lastStatus = null;
  return poll(async () => {
    last = await getJob(ports, jobId);
    if (last && last.status !== lastStatus) {
      lastStatus = last.status;
      log(`     job ${jobId}: ${last.status}${last.reason ? ` / ${last.reason}` : ''}${last.message ? ` (${last.message})` : ''}`);
    }
    return last && FINISHED.includes(last.status) ? last : null;
  }, {
    timeoutMs,
    intervalMs,
    message: () => (last
      ? `job ${jobId} is still ${last.status} after ${timeoutMs / 1000} s${last.message ? `: ${last.message}` : ''}; look at the func output.`
      : `the Functions host has no job ${jobId} after ${timeoutMs / 1000} s; look at the func output.`),
  });
}

/** The contact's user-defined fields, whatever the sandbox calls them. */
export function userDefinedFields(contact) {
  if (!contact || typeof contact !== 'object') return null;
  const key = Object.keys(contact).find((k) => k.toLowerCase() === 'userdefinedfields');
  return key ? contact[key] : null;
}

function show(value) {
  return JSON.stringify(value, null, 2).split('\n').map((line) => `       ${line}`).join('\n');
}

/**
 * Runs the demo and returns { ok, problems, contactId, job, echoJob }. Prints as it goes through `log`.
 * Timeouts: `deliveryTimeoutMs` for each webhook delivery, `jobTimeoutMs` for each job.
 */
export async function runDemo(ports, {
  log = console.log,
  // The sandbox's Company Explorer stub derives the vertical from the name ("Soft" -> Software) and URL.
  name = `Nordlicht Software ${new Date().toISOString().slice(11, 19)}`,
  url = 'https://nordlicht-software.example',
  deliveryTimeoutMs = 30_000,
  jobTimeoutMs = 180_000,
  intervalMs = 500,
} = {}) {
  const u = urls(ports);
  const problems = [];

  if (!(await sandboxReady(ports))) {
    throw new Error(`The sandbox does not answer at ${u.sandboxPage}; start everything with \`npm start\` first.`);
  }
  if (!(await functionsReady(ports))) {
    throw new Error(`The Functions host does not answer at ${u.functions}/api/jobs; start everything with \`npm start\` first.`);
  }

  // 1. A new company: the sandbox fires contact.created to every active webhook.
  const created = await createContact(ports, { name, url });
  const contactId = contactIdOf(created);
  if (contactId === undefined) {
    throw new Error(`The sandbox created a company but its answer has no id: ${JSON.stringify(created)}`);
  }
  log(`1. Created company ${contactId} "${name}" (${url}) in the sandbox (${u.sandboxPage}).`);

  // 2. The webhook: the sandbox's delivery record holds the EventId, which is our job id.
  const createdDelivery = await poll(async () => {
    const mine = deliveriesOf(await deliveries(ports), 'contact.created', contactId);
    return mine.find(delivered) ?? null;
  }, {
    timeoutMs: deliveryTimeoutMs,
    intervalMs,
    message: () => `no successful contact.created delivery for company ${contactId} within ${deliveryTimeoutMs / 1000} s; `
      + `is the webhook registered and Active (sandbox page, or the deliveries at ${u.sandbox}/admin/webhooks/deliveries)?`,
  });
  log(`2. Webhook received: contact.created for company ${contactId}, EventId ${createdDelivery.eventId}, `
    + `delivery attempt ${createdDelivery.attempt ?? 1} answered ${createdDelivery.status} (${u.webhook}).`);

  // 3. The job: queued by the webhook, processed by the sync worker.
  log(`3. Job ${createdDelivery.eventId} (${u.job(createdDelivery.eventId)}):`);
  const job = await waitForJob(ports, createdDelivery.eventId, { timeoutMs: jobTimeoutMs, intervalMs, log });
  log(show(job));
  if (job.status !== 'Completed') {
    problems.push(`the job ended ${job.status}${job.reason ? `/${job.reason}` : ''}${job.message ? `: ${job.message}` : ''}`);
  }

  // 4. The fields written, as the job recorded them and as the contact now holds them.
  const written = job.details?.written ?? [];
  const contact = await getContact(ports, contactId);
  const udfs = userDefinedFields(contact);
  log(`4. Fields written: ${written.length === 0 ? 'none' : written.map((w) => `${w.target} (${w.source}) ${JSON.stringify(w.old ?? '')} -> ${JSON.stringify(w.new)}`).join(', ')}.`);
  log('   The company read back from the sandbox:');
  if (udfs) {
    const targets = written.length > 0 ? written.map((w) => w.target) : Object.keys(udfs);
    log(show(Object.fromEntries(targets.map((t) => [t, udfs[t] ?? null]))));
    for (const w of written) {
      if (!same(udfs[w.target], w.new)) {
        problems.push(`the company's ${w.target} is ${JSON.stringify(udfs[w.target])}, not the ${JSON.stringify(w.new)} the job wrote`);
      }
    }
  } else {
    log(show(contact));
  }
  if (written.length === 0) {
    if (job.status === 'Completed') problems.push('the job wrote no field, so there is no echo webhook to show');
    return finish({ ok: problems.length === 0, problems, contactId, job, echoJob: null }, log);
  }

  // 5. The echo: our PATCH makes the sandbox fire contact.changed by the API user; intake skips it.
  const echo = await poll(async () => {
    const mine = deliveriesOf(await deliveries(ports), 'contact.changed', contactId,
      (d) => same(d.changedByAssociateId, SANDBOX.apiAssociateId) && d.eventId !== createdDelivery.eventId);
    return mine.find(delivered) ?? null;
  }, {
    timeoutMs: deliveryTimeoutMs,
    intervalMs,
    message: () => `no contact.changed delivery by associate ${SANDBOX.apiAssociateId} for company ${contactId} within ${deliveryTimeoutMs / 1000} s.`,
  });
  log(`5. Echo webhook: contact.changed for company ${contactId} by associate ${echo.changedByAssociateId} (the API user), `
    + `EventId ${echo.eventId}, answered ${echo.status}.`);
  const echoJob = await waitForJob(ports, echo.eventId, { timeoutMs: jobTimeoutMs, intervalMs, log });
  log(show(echoJob));
  if (echoJob.status !== 'Skipped' || echoJob.reason !== 'SelfChange') {
    problems.push(`the echo job is ${echoJob.status}/${echoJob.reason ?? '-'}, not Skipped/SelfChange`);
  } else {
    log('   Skipped as SelfChange: our own write does not start another sync, so there is no loop.');
  }
  return finish({ ok: problems.length === 0, problems, contactId, job, echoJob }, log);
}

function finish(result, log) {
  log('');
  if (result.ok) {
    log('Done: the company was enriched and the echo of our write was skipped.');
  } else {
    for (const p of result.problems) log(`Not as expected: ${p}`);
  }
  return result;
}
