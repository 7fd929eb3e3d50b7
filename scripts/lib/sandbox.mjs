// The few sandbox calls a local run and the demo make: a token, the webhook registration, the admin endpoints.
import { LOCAL_WEBHOOK_NAME, SANDBOX, urls } from './config.mjs';

async function call(url, init, what) {
  let response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(init?.timeoutMs ?? 15_000) });
  } catch (e) {
    throw new Error(`${what}: ${url} did not answer (${e.cause?.code ?? e.message}).`);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${what}: ${init?.method ?? 'GET'} ${url} answered ${response.status}${text ? `: ${text.slice(0, 500)}` : ''}`);
  }
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    throw new Error(`${what}: ${url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
}

/** An access token from the sandbox's token endpoint (refresh-token grant). */
export async function accessToken(ports) {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: SANDBOX.clientId,
    client_secret: SANDBOX.clientSecret,
    refresh_token: SANDBOX.refreshToken,
  });
  const answer = await call(urls(ports).sandboxToken, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  }, 'Getting a sandbox access token');
  if (!answer?.access_token) {
    throw new Error('Getting a sandbox access token: the answer has no access_token.');
  }
  return answer.access_token;
}

/**
 * Registers the local webhook function in the sandbox (it sends a signed test event there first, so the
 * Functions host must be up). Returns the sandbox's webhook record.
 */
export async function registerWebhook(ports, secret, { targetUrl = urls(ports).webhook, name = LOCAL_WEBHOOK_NAME } = {}) {
  const token = await accessToken(ports);
  return call(`${urls(ports).sandboxApi}/Webhook`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      Name: name,
      Events: ['contact.created', 'contact.changed'],
      TargetUrl: targetUrl,
      Secret: secret,
      State: 'Active',
      Type: 'webhook',
    }),
    timeoutMs: 60_000,
  }, 'Registering the webhook');
}

/** POST /admin/contacts: a new company (fires contact.created). */
export function createContact(ports, contact) {
  return call(`${urls(ports).sandbox}/admin/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(contact),
  }, 'Creating a company in the sandbox');
}

/** GET /admin/contacts/{id}. */
export function getContact(ports, id) {
  return call(`${urls(ports).sandbox}/admin/contacts/${encodeURIComponent(id)}`, {}, 'Reading the company back');
}

/** GET /admin/webhooks/deliveries: every delivery attempt the sandbox made. */
export async function deliveries(ports) {
  const answer = await call(`${urls(ports).sandbox}/admin/webhooks/deliveries`, {}, 'Reading the sandbox deliveries');
  return Array.isArray(answer) ? answer : (answer?.deliveries ?? answer?.items ?? []);
}

/** The id of a contact in an admin/REST answer (ContactId, contactId or id). */
export function contactIdOf(contact) {
  return contact?.contactId ?? contact?.ContactId ?? contact?.id ?? contact?.Id;
}

/** The webhook id in a registration answer. */
export function webhookIdOf(webhook) {
  return webhook?.WebhookId ?? webhook?.webhookId ?? webhook?.id ?? webhook?.Id;
}
