// Idempotency as a contract (docs/api.md): a key is the caller's, for one operation; the first
// answer is kept with a hash of the request; the same request again gets that answer even when
// the ticket has moved on; another request under the same key is refused and changes nothing.
import { startStack, TestStack } from '../support/app';

jest.setTimeout(120_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack('idempotency');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const printer = { type: 'incident', title: 'I cannot print', description: 'Nothing happens', impact: 'workplace', urgency: 'today', channel: 'portal' };
const key = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
const post = (path: string, user: Parameters<TestStack['as']>[0], body: object, idempotencyKey?: string) =>
  stack.http.post(path).set({ ...stack.as(user), ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) }).send(body);

async function ticketInProgressFor(agent: 'tim') {
  const { body } = await post('/tickets', 'jannet', printer).expect(201);
  await post(`/tickets/${body.number}/assign-to-agent`, 'dorthe', { agentId: await stack.userId(agent) }).expect(200);
  return body.number as string;
}

describe('an Idempotency-Key', () => {
  it('answers a retried command with its first answer, although the ticket has moved on since', async () => {
    const number = await ticketInProgressFor('tim');
    const k = key('begin');
    const first = await post(`/tickets/${number}/begin-work`, 'tim', {}, k).expect(200);
    expect(first.body.status).toBe('InProgress');
    await post(`/tickets/${number}/journal-notes`, 'tim', { text: 'Checked the cable' }).expect(200);
    // Without the contract this was 409 "beginWork is not possible while the ticket is InProgress".
    const retried = await post(`/tickets/${number}/begin-work`, 'tim', {}, k);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
  });

  it('refuses the same key with another request (422 naming the header), and applies nothing', async () => {
    const number = await ticketInProgressFor('tim');
    const k = key('note');
    await post(`/tickets/${number}/journal-notes`, 'tim', { text: 'Called the user' }, k).expect(200);
    const other = await post(`/tickets/${number}/journal-notes`, 'tim', { text: 'Something else' }, k);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ error: 'idempotencyKeyReused', field: 'Idempotency-Key' });
    const { body } = await stack.http.get(`/tickets/${number}`).set(stack.as('tim')).expect(200);
    expect(body.journal.map((e: { text: string }) => e.text)).not.toContain('Something else');

    const intake = key('intake');
    await post('/tickets', 'jannet', printer, intake).expect(201);
    const changed = await post('/tickets', 'jannet', { ...printer, title: 'Another problem' }, intake);
    expect(changed.status).toBe(422);
    expect(changed.body.field).toBe('Idempotency-Key');
  });

  it('is the caller’s, for one operation: two users, or a ticket and a proposal, never share one', async () => {
    const k = key('shared');
    const jannets = await post('/tickets', 'jannet', printer, k).expect(201);
    const rauls = await post('/tickets', 'raul', printer, k).expect(201);
    expect(rauls.body.number).not.toBe(jannets.body.number);
    // Raul's own ticket (someone else's would be 404 to him).
    await stack.http.get(`/tickets/${rauls.body.number}`).set(stack.as('raul')).expect(200);

    const proposal = await post('/csi/proposals', 'jannet', { title: 'Shorter forms', description: 'Fewer fields', concerns: 'ITSM tool', expectedBenefit: 'Faster' }, k);
    expect(proposal.status).toBe(201);
    expect(proposal.body.number).toMatch(/^CSI-/);

    // The same key on a different command of the same ticket is a different operation: both apply.
    const number = await ticketInProgressFor('tim');
    const both = key('both');
    await post(`/tickets/${number}/journal-notes`, 'tim', { text: 'Internal: the toner' }, both).expect(200);
    const comment = await post(`/tickets/${number}/comments`, 'tim', { text: 'We are ordering toner' }, both).expect(200);
    expect(comment.body.journal.map((e: { text: string }) => e.text)).toEqual(expect.arrayContaining(['Internal: the toner', 'We are ordering toner']));
  });

  it('keeps refusals too: a retried refused command gets the same refusal', async () => {
    const { body } = await post('/tickets', 'jannet', printer).expect(201);
    const k = key('refused');
    // Not while Assigned: 409, with what is allowed.
    const first = await post(`/tickets/${body.number}/resolve`, 'tim', { resolution: 'Fixed' }, k);
    expect(first.status).toBe(409);
    await post(`/tickets/${body.number}/begin-work`, 'tim', {}).expect(200);
    // Now resolve would be allowed, but the key's answer was the refusal: a retry is told the same.
    const again = await post(`/tickets/${body.number}/resolve`, 'tim', { resolution: 'Fixed' }, k);
    expect({ status: again.status, body: again.body }).toEqual({ status: first.status, body: first.body });
  });

  it('must be 1 to 200 printable characters', async () => {
    const res = await post('/tickets', 'jannet', printer, 'x'.repeat(201));
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('Idempotency-Key');
  });
});

describe('X-Expected-Version: a command decided on a stale page', () => {
  const send = (number: string, path: string, user: 'tim' | 'dorthe', body: object, version: string) =>
    stack.http.post(`/tickets/${number}/${path}`).set({ ...stack.as(user), 'X-Expected-Version': version }).send(body);

  it('is refused with 409 rule staleVersion when the ticket changed since, and applies nothing', async () => {
    const number = await ticketInProgressFor('tim');
    const seen = (await stack.http.get(`/tickets/${number}`).set(stack.as('tim')).expect(200)).body;
    // Someone else acts in between: the page Tim decided on is stale now.
    await post(`/tickets/${number}/journal-notes`, 'dorthe', { text: 'Dorthe: the user called again' }).expect(200);
    const stale = await send(number, 'begin-work', 'tim', {}, String(seen.version));
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ rule: 'staleVersion' });
    expect(stale.body.message).toContain(`version ${seen.version}, now ${seen.version + 1}`);
    const after = (await stack.http.get(`/tickets/${number}`).set(stack.as('tim')).expect(200)).body;
    expect(after.status).toBe(seen.status);

    // On the page as it is now, the same command goes through.
    const fresh = await send(number, 'begin-work', 'tim', {}, String(after.version)).expect(200);
    expect(fresh.body).toMatchObject({ status: 'InProgress', version: after.version + 1 });
  });

  it('is 400 naming the header when it is not a version', async () => {
    const number = await ticketInProgressFor('tim');
    const bad = await send(number, 'begin-work', 'tim', {}, 'yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'X-Expected-Version' });
    expect((await stack.http.get(`/tickets/${number}`).set(stack.as('tim')).expect(200)).body.status).not.toBe('InProgress');
  });
});
