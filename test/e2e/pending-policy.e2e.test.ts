// The pending policy over HTTP (REQUIREMENTS 2, seed 002): a ticket Pending on the user is
// reminded, then closed; the user reads both in their journal and mailbox. Seconds stand in for
// business days here (PENDING_REMIND_AFTER, PENDING_CLOSE_AFTER); a service sets its own in days.
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';

jest.setTimeout(120_000);

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack('pending', { PENDING_REMIND_AFTER: '2s', PENDING_CLOSE_AFTER: '5s' });
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

type User = Parameters<TestStack['as']>[0];
const post = (path: string, user: User, body: object = {}) => stack.http.post(path).set(stack.as(user)).send(body);

describe('a ticket Pending on the user', () => {
  it('is reminded, then closed without an answer, and the user is told both times', async () => {
    const created = await post('/tickets', 'jannet', { type: 'incident', title: 'Kan ikke printe', description: 'Printeren gør ingenting', impact: 'workplace', urgency: 'days' }).expect(201);
    const number = created.body.number as string;
    await post(`/tickets/${number}/assign-to-agent`, 'dorthe', { agentId: await stack.userId('tim') }).expect(200);
    await post(`/tickets/${number}/begin-work`, 'tim').expect(200);
    await post(`/tickets/${number}/set-pending`, 'tim', { reason: 'awaitingUser', text: 'Hvilket lokale står printeren i?' }).expect(200);

    const closed = await eventually(() => stack.http.get(`/tickets/${number}`).set(stack.as('jannet')), (res) => res.body.status === 'Closed', 30_000);
    const texts = closed.body.journal.map((e: { text: string }) => e.text);
    expect(texts).toEqual(expect.arrayContaining([
      'Reminder sent: we are still waiting for your answer (Hvilket lokale står printeren i?)',
      'Closed without an answer from the user: no answer 5 s after it was set Pending',
    ]));
    expect(closed.body.notifications.map((n: { template: string }) => n.template)).toEqual(expect.arrayContaining(['pendingReminder', 'closed']));
  });
});

describe('a service’s own pending policy', () => {
  it('is set on its category in business days, and must close after it reminds', async () => {
    const category = await stack.http.post('/categories').set(stack.as('admin')).send({ name: 'Printing, Dansupport', pendingPolicy: { remindAfterDays: 3, closeAfterDays: 7 } }).expect(201);
    expect(category.body.pendingPolicy).toEqual({ remindAfterDays: 3, closeAfterDays: 7 });
    const wrong = await stack.http.patch(`/categories/${category.body.id}`).set(stack.as('admin')).send({ pendingPolicy: { remindAfterDays: 7, closeAfterDays: 7 } });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ rule: 'closeAfterReminder', field: 'pendingPolicy.closeAfterDays' });
    const off = await stack.http.patch(`/categories/${category.body.id}`).set(stack.as('admin')).send({ pendingPolicy: null }).expect(200);
    expect(off.body.pendingPolicy).toBeNull();
  });
});

describe('a service’s own auto-close period (issue 13, item 5)', () => {
  it('closes its Resolved tickets after its days, not the installation’s', async () => {
    const category = await stack.http.post('/categories').set(stack.as('admin')).send({ name: 'Laptops, Dansupport', autoCloseAfterDays: 14 }).expect(201);
    expect(category.body.autoCloseAfterDays).toBe(14);
    const created = await post('/tickets', 'jannet', { type: 'request', title: 'Ny bærbar', description: 'Jeg skal bruge en ny bærbar', impact: 'workplace', urgency: 'days', categoryId: category.body.id }).expect(201);
    const number = created.body.number as string;
    await post(`/tickets/${number}/assign-to-agent`, 'dorthe', { agentId: await stack.userId('tim') }).expect(200);
    await post(`/tickets/${number}/begin-work`, 'tim').expect(200);
    const resolved = await post(`/tickets/${number}/resolve`, 'tim', { resolution: 'Bærbaren er bestilt og leveret' }).expect(200);
    expect(Date.parse(resolved.body.closesAt) - Date.parse(resolved.body.resolvedAt)).toBe(14 * 24 * 3600_000);
  });
});
