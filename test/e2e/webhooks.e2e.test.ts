// Webhooks end to end (issue 15, item 4): an admin registers endpoints on 127.0.0.1; a ticket's
// changes arrive signed (checked here by hand with HMAC-SHA256, as a receiver following Standard
// Webhooks would); an endpoint down for a minute gets the event once it is back; one that never
// takes an event is disabled, its owner told, and gets nothing more.
import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';
import { recordAndReplay } from '../support/replay';

jest.setTimeout(240_000);

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 that answers `status` and keeps what it got; it can go down and come back on its port. */
class Receiver {
  received: Received[] = [];
  private server?: Server;
  port = 0;
  constructor(private readonly status = 204) {}

  async up(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body });
        res.writeHead(this.status).end(this.status >= 400 ? 'receiver is broken' : '');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async down(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  events(): Array<{ id: string; type: string; data: Record<string, unknown> }> {
    return this.received.map((r) => JSON.parse(r.body));
  }
}

/** Standard Webhooks: `v1,` + base64 HMAC-SHA256 over `id.timestamp.body`, keyed by the secret's base64 part. */
function signatureValid(secret: string, r: Received): boolean {
  const [id, timestamp] = [r.headers['webhook-id'] as string, r.headers['webhook-timestamp'] as string];
  const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64')).update(`${id}.${timestamp}.${r.body}`).digest('base64');
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return fresh && (r.headers['webhook-signature'] as string).split(' ').includes(`v1,${expected}`);
}

let stack: TestStack;
const receivers: Receiver[] = [];
const CT = { 'Content-Type': 'application/json' };

beforeAll(async () => {
  stack = await startStack('webhooks', {
    WEBHOOK_RETRY_INITIAL: '1s',
    WEBHOOK_RETRY_MAX: '4s',
    // Longer than the minute the second receiver is down; the broken one fails for longer.
    WEBHOOK_DISABLE_AFTER: '75s',
    WEBHOOK_DISABLE_AFTER_FAILURES: '3',
    WEBHOOK_DISPATCH_INTERVAL: '200ms',
  });
}, 180_000);

afterAll(async () => {
  for (const r of receivers) await r.down();
  await stack?.close();
});

async function receiver(status?: number): Promise<Receiver> {
  const r = await new Receiver(status).up();
  receivers.push(r);
  return r;
}

const register = (body: object) => stack.http.post('/webhooks').set({ ...stack.as('admin'), ...CT }).send(body);
const endpoint = async (id: string) => (await stack.http.get(`/webhooks/${id}`).set(stack.as('admin'))).body;
const log = async (id: string) => (await stack.http.get(`/webhooks/${id}/deliveries`).set(stack.as('admin'))).body as Array<{ id: string; eventType: string; number: string; status: string; attempts: number; log: Array<{ statusCode: number | null; error: string | null }> }>;

async function openTicket(): Promise<string> {
  const res = await stack.http.post('/tickets').set({ ...stack.as('jannet'), ...CT })
    .send({ type: 'incident', title: 'VPN drops every hour', description: 'Since Monday the VPN disconnects hourly.', impact: 'workplace', urgency: 'today', channel: 'portal' });
  expect(res.status).toBe(201);
  return res.body.number;
}

const versionOf = (eventId: string) => Number(/#(\d+):/.exec(eventId)![1]);

const beginWork = async (number: string) => {
  const tim = await stack.userId('tim');
  await stack.http.post(`/tickets/${number}/assign-to-agent`).set({ ...stack.as('dorthe'), ...CT }).send({ agentId: tim }).expect(200);
  await stack.http.post(`/tickets/${number}/begin-work`).set({ ...stack.as('tim'), ...CT }).send({}).expect(200);
};

describe('webhooks', () => {
  it('refuses what is not an admin’s or not a webhook, and changes nothing', async () => {
    const r = await receiver();
    expect((await stack.http.post('/webhooks').set({ ...stack.as('dorthe'), ...CT }).send({ url: r.url, eventTypes: ['ticket.created'] })).status).toBe(403);
    const badType = await register({ url: r.url, eventTypes: ['ticket.exploded'] });
    expect(badType.status).toBe(400);
    const badUrl = await register({ url: 'ftp://127.0.0.1/x', eventTypes: ['ticket.created'] });
    expect([badUrl.status, badUrl.body.field]).toEqual([422, 'url']);
    expect((await stack.http.get('/webhooks').set(stack.as('admin'))).body).toEqual([]);
    expect((await stack.http.get('/webhooks/00000000-0000-4000-8000-000000000000').set(stack.as('admin'))).status).toBe(404);
  });

  it('posts a ticket’s creation and status changes, signed, once each, and logs every delivery', async () => {
    const r = await receiver();
    const created = await register({ url: r.url, eventTypes: ['ticket.created', 'ticket.status_changed'], description: 'ops dashboard' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    // The secret is shown once: not in the list or the endpoint's own view.
    expect((await endpoint(created.body.id)).secret).toBeUndefined();
    const number = await openTicket();
    await beginWork(number);
    const mine = () => r.events().filter((e) => e.data.number === number);
    await eventually(async () => mine().length, (n) => n >= 3);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Each delivery is a workflow of its own: they may arrive in any order; the event id holds the ticket's version.
    const inOrder = mine().sort((a, b) => versionOf(a.id) - versionOf(b.id));
    expect(inOrder.map((e) => [e.type, e.data.from ?? null, e.data.to ?? e.data.status])).toEqual([
      ['ticket.created', null, 'New'],
      ['ticket.status_changed', 'New', 'Assigned'],
      ['ticket.status_changed', 'Assigned', 'InProgress'],
    ]);
    for (const got of r.received) expect(signatureValid(created.body.secret, got)).toBe(true);
    expect(new Set(r.received.map((g) => g.headers['webhook-id'])).size).toBe(r.received.length);
    const deliveries = await log(created.body.id);
    expect(deliveries.map((d) => [d.status, d.attempts, d.log.map((a) => a.statusCode)])).toEqual(deliveries.map(() => ['delivered', 1, [204]]));
    expect((await endpoint(created.body.id)).deliveries).toEqual({ pending: 0, delivered: 3, failed: 0, cancelled: 0 });
    const { histories, results } = await recordAndReplay(stack.temporal.client, 'webhook-', [`webhook:${deliveries[0].id}`]);
    expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
  });

  it('delivers to an endpoint that was down for a minute once it is back, and disables one that never takes an event', async () => {
    const flaky = await receiver();
    const broken = await receiver(500);
    const [a, b] = [
      (await register({ url: flaky.url, eventTypes: ['ticket.status_changed'] })).body,
      (await register({ url: broken.url, eventTypes: ['ticket.status_changed'] })).body,
    ];
    await flaky.down();
    const number = await openTicket();
    const downSince = Date.now();
    await eventually(async () => (await log(a.id)).filter((d) => d.number === number && d.attempts >= 2).length, (n) => n >= 1);
    // Down for a minute: attempts fail (connection refused) and are retried; the endpoint stays enabled.
    await new Promise((resolve) => setTimeout(resolve, 60_000 - (Date.now() - downSince)));
    const whileDown = (await log(a.id)).filter((d) => d.number === number);
    expect(whileDown.map((d) => d.status)).toEqual(['pending']);
    expect(whileDown[0].log.every((attempt) => attempt.statusCode === null && attempt.error)).toBe(true);
    expect((await endpoint(a.id)).enabled).toBe(true);
    await flaky.up();
    await eventually(async () => flaky.events().filter((e) => e.data.number === number).length, (n) => n >= 1, 30_000);
    const got = flaky.received.filter((r) => JSON.parse(r.body).data.number === number);
    expect(got.map((r) => JSON.parse(r.body).data.to)).toEqual(['Assigned']);
    expect(signatureValid(a.secret, got[0])).toBe(true);
    const after = (await log(a.id)).find((d) => d.number === number)!;
    expect(after.status).toBe('delivered');
    expect(after.log.at(-1)!.statusCode).toBe(204);
    expect(after.log.length).toBeGreaterThan(2);

    // The broken endpoint answered 500 to every attempt for longer than WEBHOOK_DISABLE_AFTER (75 s).
    const disabled = await eventually(() => endpoint(b.id), (e) => e.enabled === false, 60_000);
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabledReason).toMatch(/every attempt failed .*HTTP 500/);
    expect(broken.received.length).toBeGreaterThanOrEqual(3);
    const notices = await stack.app.get(DataSource).query(`SELECT recipient_address, subject FROM notifications WHERE template = 'webhookDisabled'`);
    expect(notices).toEqual([{ recipient_address: 'admin@example.edu', subject: `Webhook disabled: ${broken.url}` }]);
    // Disabled: a new event is not even queued for it, and it is not posted.
    const seen = broken.received.length;
    await beginWork(number);
    await eventually(async () => flaky.events().filter((e) => e.data.number === number).length, (n) => n >= 2);
    expect((await log(b.id)).filter((d) => d.number === number).map((d) => d.status)).toEqual(['failed']);
    expect(broken.received.length).toBe(seen);
  });
});
