// The SLA engine end to end: office-hours deadlines, pauses, overrides, policy versions, the
// escalation overview and the report, over HTTP on real PostgreSQL and Temporal.
import { DateTime } from 'luxon';
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';

jest.setTimeout(120_000);

let stack: TestStack;
const ZONE = 'Europe/Copenhagen';

beforeAll(async () => {
  stack = await startStack('sla');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const CT = { 'Content-Type': 'application/json' };

async function open(username: Parameters<TestStack['as']>[0], body: Record<string, unknown>) {
  const res = await stack.http
    .post('/tickets')
    .set({ ...stack.as(username), ...CT })
    .send({ type: 'incident', title: 'Printer offline', description: 'The 3rd floor printer is offline', impact: 'workplace', urgency: 'today', ...body });
  expect(res.status).toBe(201);
  return res.body as { number: string; sla: { clocks: Array<{ name: string; deadline: string | null; state: string; remainingMs: number; targetMs: number }> } };
}

const command = (number: string, path: string, username: Parameters<TestStack['as']>[0], body: object = {}) =>
  stack.http.post(`/tickets/${number}/${path}`).set({ ...stack.as(username), ...CT }).send(body);

const view = async (number: string, username: Parameters<TestStack['as']>[0] = 'tim') =>
  (await stack.http.get(`/tickets/${number}`).set(stack.as(username))).body;

const clockOf = (ticket: { sla: { clocks: Array<{ name: string }> } }, name: string) =>
  ticket.sla.clocks.find((c) => c.name === name) as { name: string; deadline: string | null; state: string; remainingMs: number; targetMs: number; elapsedMs: number; segments: Array<{ state: string; reason: string }> };

/** The most recent Friday at 14:30 in Copenhagen that lies at least a week back. */
function aFridayAfternoon(): DateTime {
  let day = DateTime.now().setZone(ZONE).minus({ days: 7 }).set({ hour: 14, minute: 30, second: 0, millisecond: 0 });
  while (day.weekday !== 5) day = day.minus({ days: 1 });
  return day;
}

describe('office hours (seed 004: Mon-Thu 08-16, Fri 08-15, Copenhagen)', () => {
  it('gives a fault reported Friday 14:30 its 4-hour response deadline on Monday 11:30', async () => {
    const friday = aFridayAfternoon();
    const jannet = await stack.userId('jannet');
    const ticket = await open('tim', { requesterId: jannet, requestKind: 'faultReport', reportedAt: friday.toISO(), channel: 'phone' });
    const response = clockOf(ticket, 'firstResponse');
    // Half an hour on Friday (14:30-15:00), three and a half on Monday (08:00-11:30).
    const monday = friday.plus({ days: 3 }).set({ hour: 11, minute: 30 });
    expect(DateTime.fromISO(response.deadline!).setZone(ZONE).toFormat('ccc yyyy-MM-dd HH:mm')).toBe(monday.toFormat('ccc yyyy-MM-dd HH:mm'));
    expect(response.targetMs).toBe(4 * 3600_000);
    // That Monday has passed: the workflow raises the breach at once and journals it.
    const journal = await eventually(
      async () => (await view(ticket.number)).journal.map((e: { text: string }) => e.text),
      (texts: string[]) => texts.some((t) => t.startsWith('SLA breached: first response')),
    );
    expect(journal).toContain(`SLA breached: first response target of 4 business hours passed at ${response.deadline}`);
  });

  it('shows the clocks to agents only, each with target, elapsed, remaining and segments', async () => {
    const { number } = await open('jannet', {});
    const agentView = await view(number, 'tim');
    expect(agentView.sla.policy).toEqual({ code: 'standard', version: 1, name: 'Standard (office hours)' });
    expect(agentView.sla.clocks.map((c: { name: string }) => c.name).sort()).toEqual(['escalation', 'firstResponse', 'resolution']);
    const resolution = clockOf(agentView, 'resolution');
    expect(resolution.elapsedMs + resolution.remainingMs).toBe(resolution.targetMs);
    expect(resolution.segments).toEqual([expect.objectContaining({ state: 'running', reason: 'opened', status: 'New' })]);
    expect((await view(number, 'jannet')).sla).toBeNull();
  });

  it('stops counting while Pending: the remaining time does not move', async () => {
    const { number } = await open('jannet', {});
    await command(number, 'begin-work', 'tim').expect(200);
    await command(number, 'set-pending', 'tim', { reason: 'awaitingVendor', text: 'Waiting for the printer vendor' }).expect(200);
    const first = clockOf(await view(number), 'resolution');
    await new Promise((r) => setTimeout(r, 1500));
    const later = clockOf(await view(number), 'resolution');
    expect(first).toMatchObject({ state: 'paused', deadline: null });
    expect(later.remainingMs).toBe(first.remainingMs);
    expect(later.segments.at(-1)).toMatchObject({ state: 'paused', reason: 'pending: awaitingVendor' });
    expect(clockOf(await view(number), 'firstResponse')).toMatchObject({ state: 'stopped' });
  });
});

describe('priority override and policy versions', () => {
  it('lets an agent override the priority with a reason; the targets follow', async () => {
    const { number } = await open('jannet', {});
    const refused = await command(number, 'priority', 'tim', { priority: 'P2', text: '   ' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ field: 'text' });
    const changed = await command(number, 'priority', 'tim', { priority: 'P2', text: 'The whole lab cannot print' });
    expect(changed.body.priority.code).toBe('P2');
    expect(changed.body.journal.at(-1).text).toBe('Priority changed from P3 to P2: The whole lab cannot print');
    expect(clockOf(changed.body, 'firstResponse').targetMs).toBe(2 * 3600_000);
    expect((await command(number, 'priority', 'jannet', { priority: 'P1', text: 'urgent!' })).status).toBe(403);
  });

  it('keeps a ticket on its policy version until an admin recalculates it', async () => {
    const { number } = await open('jannet', {});
    const policies = (await stack.http.get('/sla/policies').set(stack.as('admin'))).body;
    const { version: _v1, ...standard } = policies.find((p: { code: string }) => p.code === 'standard');
    const bad = await stack.http.post('/sla/policies').set({ ...stack.as('admin'), ...CT }).send({ ...standard, calendar: { ...standard.calendar, timeZone: 'Mars/Olympus' } });
    expect(bad.status).toBe(422);
    expect((await stack.http.post('/sla/policies').set({ ...stack.as('tim'), ...CT }).send(standard)).status).toBe(403);

    const faster = { ...standard, targets: { ...standard.targets, P3: { ...standard.targets.P3, resolutionMs: 6 * 3600_000 } } };
    const published = await stack.http.post('/sla/policies').set({ ...stack.as('admin'), ...CT }).send(faster);
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(2);

    const newer = await open('jannet', {});
    expect((await view(newer.number)).sla.policy.version).toBe(2);
    const older = await view(number);
    expect(older.sla.policy.version).toBe(1);
    expect(clockOf(older, 'resolution').targetMs).toBe(12 * 3600_000);

    expect((await command(number, 'recalculate-sla', 'tim')).status).toBe(403);
    const recalculated = await command(number, 'recalculate-sla', 'admin');
    expect(recalculated.status).toBe(200);
    expect(recalculated.body.sla.policy.version).toBe(2);
    expect(clockOf(recalculated.body, 'resolution').targetMs).toBe(6 * 3600_000);
    expect(recalculated.body.journal.at(-1).text).toMatch(/^SLA recalculated: standard v1 → standard v2; .*resolution deadline \S+ → \S+/);
  });
});

describe('escalation overview and report', () => {
  it('lists a team’s tickets near or past a deadline, least time left first, and reports compliance', async () => {
    const health = await stack.teamId('HEALTH-IT');
    // A requester with no organisation: the tickets start undispatched, so Health IT is their first team.
    const susanne = await stack.userId('susanne');
    // Reported ten days ago: every deadline has passed.
    const late = await open('hanne', { requesterId: susanne, reportedAt: DateTime.now().minus({ days: 10 }).toISO(), urgency: 'today' });
    // A low-priority ticket opened now: 16 business hours to respond.
    const calm = await open('hanne', { requesterId: susanne, urgency: 'days' });
    for (const number of [late.number, calm.number]) {
      await command(number, 'assign-to-team', 'henrik', { teamId: health }).expect(200);
    }
    const overview = await stack.http.get('/sla/escalations').query({ team: health, withinMinutes: 120 }).set(stack.as('henrik'));
    expect(overview.status).toBe(200);
    const numbers = overview.body.map((row: { number: string }) => row.number);
    expect(numbers).toContain(late.number);
    expect(numbers).not.toContain(calm.number);
    const minutesLeft = overview.body.map((row: { minutesLeft: number }) => row.minutesLeft);
    expect(minutesLeft).toEqual([...minutesLeft].sort((a, b) => a - b));
    expect(overview.body.find((row: { number: string }) => row.number === late.number)).toMatchObject({ breached: true, team: { name: 'Health IT' } });

    for (const number of [late.number, calm.number]) {
      await command(number, 'begin-work', 'hanne').expect(200);
      await command(number, 'resolve', 'hanne', { resolution: 'Printer driver reinstalled' }).expect(200);
    }
    const report = await stack.http
      .get('/sla/report')
      .query({ team: health, from: DateTime.now().minus({ days: 11 }).toISO(), to: DateTime.now().plus({ minutes: 1 }).toISO() })
      .set(stack.as('susanne'));
    expect(report.status).toBe(200);
    const byPriority = Object.fromEntries(report.body.map((row: { priority: string }) => [row.priority, row]));
    expect(byPriority.P3).toMatchObject({ team: 'Health IT', tickets: 1, firstResponseMetPct: 0, resolutionMetPct: 0, firstContactResolutionPct: 100 });
    expect(byPriority.P4).toMatchObject({ team: 'Health IT', tickets: 1, firstResponseMetPct: 100, resolutionMetPct: 100, firstContactResolutionPct: 100 });
    expect(byPriority.P4.medianResponseBusinessMinutes).toBeLessThanOrEqual(5);
    expect(byPriority.P3.medianResolutionBusinessMinutes).toBeGreaterThan(12 * 60);

    const bad = await stack.http.get('/sla/report').query({ from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }).set(stack.as('susanne'));
    expect(bad.status).toBe(422);
  });
});
