// The API as the web client sees it: types generated from the OpenAPI document (schema.d.ts), the
// session's CSRF token on every write, a fresh Idempotency-Key per user action (a retry of the
// same action reuses it: never two journal entries for one click).
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Me = Schemas['CurrentUserDto'];
export type TicketView = Schemas['TicketViewDto'];
export type TicketListItem = Schemas['TicketListItemDto'];
export type ErrorBody = Schemas['ErrorBody'];

let csrfToken: string | null = null;
export const useCsrfToken = (token: string | null) => {
  csrfToken = token;
};

const writeHeaders = (key?: string): Record<string, string> => ({
  ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
  ...(key ? { 'Idempotency-Key': key } : {}),
});

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use({
  onRequest({ request }) {
    if (request.method !== 'GET') for (const [name, value] of Object.entries(writeHeaders())) request.headers.set(name, value);
    return request;
  },
});

/** A new key for one action of the user (crypto.randomUUID needs a secure context: 127.0.0.1 is one). */
export const actionKey = (): string => crypto.randomUUID();

/** An operation found at run time in the OpenAPI document (a command's route): untyped by nature. */
export async function send(method: string, path: string, body: unknown, key: string, version?: number): Promise<{ ok: boolean; status: number; body: unknown }> {
  const response = await fetch(path, {
    method: method.toUpperCase(),
    credentials: 'same-origin',
    headers: {
      ...writeHeaders(key),
      // The version the user decided on: the workflow refuses the command if the ticket moved on since (409 staleVersion).
      ...(version === undefined ? {} : { 'X-Expected-Version': String(version) }),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { ok: response.ok, status: response.status, body: text ? JSON.parse(text) : null };
}

/** The error as the API names it: the message, and the field or rule that failed. */
export function describeError(error: unknown): string {
  const body = error as Partial<ErrorBody> | null;
  if (!body || typeof body !== 'object') return String(error);
  const where = [body.field && `field ${body.field}`, body.rule && `rule ${body.rule}`].filter(Boolean).join(', ');
  // A 400 names each failing field and why.
  const fields = (body.fields ?? []).map((f) => `field ${f.field}: ${f.errors.join('; ')}`).join('; ');
  if (fields) return `${body.message} (${fields})`;
  return where ? `${body.message} (${where})` : String(body.message ?? body.error ?? 'error');
}

/**
 * Calls `refresh` every `ms` while the tab is visible, and at once when it becomes visible again.
 * Polling, not server-sent events: each GET is answered from the projection by whichever API process
 * gets it (the cluster runs two behind one port), with no fan-out between processes to build; the
 * browser revalidates with the ETag Express sends, so an unchanged ticket costs a 304.
 */
export function poll(refresh: () => void, ms: number): () => void {
  const tick = () => {
    if (document.visibilityState === 'visible') refresh();
  };
  const timer = setInterval(tick, ms);
  document.addEventListener('visibilitychange', tick);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', tick);
  };
}
