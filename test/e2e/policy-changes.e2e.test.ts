// A policy change previewed on the open tickets, then applied in one step (issue 15, item 2):
// a holiday added for tomorrow (the next business day) moves the deadlines of the open tickets
// whose clocks run into it, and only those; a Pending ticket (paused clocks) and a Resolved one
// (stopped clocks) keep theirs. Real workflows, real PostgreSQL, over HTTP.
import { isBusinessTime } from '../../machines/calendar/business-calendar';
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';
import { recordAndReplay } from '../support/replay';

jest.setTimeout(180_000);

let stack: TestStack;
const CT = { 'Content-Type': 'application/json' };
type User = Parameters<TestStack['as']>[0];

beforeAll(async () => {
  stack = await startStack('policy_changes');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const command = (number: string, path: string, user: User, body: object = {}) =>
  stack.http.post(`/tickets/${number}/${path}`).set({ ...stack.as(user), ...CT }).send(body).expect(200);
const view = async (number: string) => (await stack.http.get(`/tickets/${number}`).set(stack.as('tim'))).body;
const deadlines = async (number: string) =>
  Object.fromEntries(((await view(number)).sla.clocks as Array<{ name: string; deadline: string | null }>).map((c) => [c.name, c.deadline]));

async function open(title: string): Promise<string> {
  const res = await stack.http.post('/tickets').set({ ...stack.as('jannet'), ...CT })
    .send({ type: 'incident', title, description: `${title}: since this morning.`, impact: 'workplace', urgency: 'today', channel: 'portal' });
  expect(res.status).toBe(201);
  return res.body.number;
}

/** The first day after today (Copenhagen) on which the calendar is open at noon: "tomorrow" for the desk. */
function nextBusinessDay(calendar: Parameters<typeof isBusinessTime>[0]): string {
  for (let days = 1; ; days++) {
    const day = new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
    if (isBusinessTime(calendar, `${day}T11:00:00Z`)) return day;
  }
}

describe('a holiday added for tomorrow', () => {
  it('previews the open tickets whose deadlines it moves, then moves exactly those', async () => {
    const tim = await stack.userId('tim');
    const [running, pending, resolved] = [await open('Printer jams'), await open('Scanner offline'), await open('Monitor flickers')];
    for (const number of [pending, resolved]) {
      await command(number, 'assign-to-agent', 'dorthe', { agentId: tim });
      await command(number, 'begin-work', 'tim');
    }
    await command(pending, 'set-pending', 'tim', { reason: 'awaitingUser', text: 'Which scanner model is it?' });
    await command(resolved, 'resolve', 'tim', { resolution: 'Replaced the monitor cable.' });
    const before = { running: await deadlines(running), pending: await deadlines(pending), resolved: await deadlines(resolved) };

    const policies = (await stack.http.get('/sla/policies').set(stack.as('admin'))).body;
    const { version: _v1, ...standard } = policies.find((p: { code: string }) => p.code === 'standard');
    const holiday = nextBusinessDay(standard.calendar);
    const draft = { ...standard, calendar: { ...standard.calendar, holidays: { ...standard.calendar.holidays, dates: [...(standard.calendar.holidays?.dates ?? []), holiday] } } };

    // Admins only; a draft that is no policy is refused; a preview stores nothing.
    expect((await stack.http.post('/sla/policy-changes/preview').set({ ...stack.as('dorthe'), ...CT }).send(draft)).status).toBe(403);
    const bad = await stack.http.post('/sla/policy-changes/preview').set({ ...stack.as('admin'), ...CT }).send({ ...draft, calendar: { ...draft.calendar, timeZone: 'Mars/Olympus' } });
    expect([bad.status, bad.body.field]).toEqual([422, 'definition']);
    const preview = await stack.http.post('/sla/policy-changes/preview').set({ ...stack.as('admin'), ...CT }).send(draft);
    expect(preview.status).toBe(200);
    expect(preview.body.policy).toMatchObject({ code: 'standard', version: 2 });
    expect(preview.body.openTickets).toBe(3);
    expect(preview.body.affected.map((t: { number: string }) => t.number)).toEqual([running]);
    const [affected] = preview.body.affected;
    // Each clock it lists ran into the holiday and moves later; its deadline before is as recorded.
    expect(affected.clocks.length).toBeGreaterThan(0);
    for (const move of affected.clocks) {
      expect(move.deadlineBefore).toBe(before.running[move.clock]);
      expect(Date.parse(move.deadlineAfter)).toBeGreaterThan(Date.parse(move.deadlineBefore));
      expect(new Date(move.deadlineBefore).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' }) >= holiday).toBe(true);
    }
    expect((await stack.http.get('/sla/policies').set(stack.as('admin'))).body.filter((p: { code: string }) => p.code === 'standard')).toHaveLength(1);

    // Applied in one step: published, and every open ticket recalculated from a workflow.
    const applied = await stack.http.post('/sla/policy-changes').set({ ...stack.as('admin'), ...CT }).send(draft);
    expect(applied.status).toBe(202);
    expect(applied.body.policy.version).toBe(2);
    const id = applied.body.recalculation.id;
    const done = await eventually(async () => (await stack.http.get(`/bulk-actions/${id}`).set(stack.as('admin'))).body, (b) => b.finished, 60_000);
    expect(done.items.find((i: { number: string }) => i.number === running).outcome).toBe('done');

    const after = await view(running);
    expect(after.sla.policy.version).toBe(2);
    const moved = Object.fromEntries(affected.clocks.map((m: { clock: string; deadlineAfter: string }) => [m.clock, m.deadlineAfter]));
    expect(await deadlines(running)).toEqual({ ...before.running, ...moved });
    expect(after.journal.at(-1).text).toMatch(/^SLA recalculated: standard v1 → standard v2/);
    // The paused and the stopped clocks did not move.
    expect(await deadlines(pending)).toEqual(before.pending);
    expect(await deadlines(resolved)).toEqual(before.resolved);
    // The recalculated ticket (patch sla-annul-stale-alerts) and the bulk action replay as they ran.
    const { histories, results } = await recordAndReplay(stack.temporal.client, 'policy-change-', [running, id]);
    expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
  });
});
