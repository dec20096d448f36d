// Priority matrices and SLA policies per customer (issue 13, item 5), over HTTP on real PostgreSQL
// and Temporal: seed 004's Dansupport sells its customers A-Critical .. D-Low with a 4-business-hour
// response; an admin configures that through the API and it drives a customer's ticket's clocks.
import { DateTime } from 'luxon';
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';

jest.setTimeout(120_000);

let stack: TestStack;
const ZONE = 'Europe/Copenhagen';
const CT = { 'Content-Type': 'application/json' };
const HOUR = 3600_000;

beforeAll(async () => {
  stack = await startStack('priority_matrices');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const post = (path: string, body: object, as: Parameters<TestStack['as']>[0] = 'admin') => stack.http.post(path).set({ ...stack.as(as), ...CT }).send(body);
const patch = (path: string, body: object) => stack.http.patch(path).set({ ...stack.as('admin'), ...CT }).send(body);

/** Seed 004's office hours: Monday-Thursday 08-16, Friday 08-15, Copenhagen, no holidays (the test picks its days). */
const SEED_004_HOURS = {
  id: 'dansupport',
  name: 'Dansupport office hours',
  timeZone: ZONE,
  week: { mon: [['08:00', '16:00']], tue: [['08:00', '16:00']], wed: [['08:00', '16:00']], thu: [['08:00', '16:00']], fri: [['08:00', '15:00']], sat: [], sun: [] },
};

/** Seed 004's Dansupport matrix with the given levels (the factors stay). */
const dansupportMatrix = (levels: Array<[code: string, name: string, minScore: number]>, resolutionMinutes = 480) => ({
  code: 'dansupport',
  name: 'Dansupport, revised',
  impactFactors: { workplace: 1, department: 2, site: 3, multiSite: 4 },
  urgencyFactors: { days: 1, tomorrow: 2, today: 3, immediate: 4 },
  levels: levels.map(([code, name, minScore]) => ({ code, name, minScore, responseMinutes: 60, resolutionMinutes, escalateAfterMinutes: 240 })),
});

let customerTicket: string;

const targets = (resolutionHours: number) => ({ firstResponseMs: 4 * HOUR, escalationMs: (resolutionHours / 2) * HOUR, resolutionMs: resolutionHours * HOUR });

/** The most recent Friday at 14:30 in Copenhagen that lies at least a week back. */
function aFridayAfternoon(): DateTime {
  let day = DateTime.now().setZone(ZONE).minus({ days: 7 }).set({ hour: 14, minute: 30, second: 0, millisecond: 0 });
  while (day.weekday !== 5) day = day.minus({ days: 1 });
  return day;
}

describe('priority matrices', () => {
  it('ships seed 003’s default, AU’s P1-P5 and Dansupport’s A-D, readable by anyone signed in', async () => {
    const res = await stack.http.get('/sla/priority-matrices').set(stack.as('jannet'));
    expect(res.status).toBe(200);
    const byCode = Object.fromEntries(res.body.map((m: { code: string; levels: Array<{ code: string }> }) => [m.code, m.levels.map((l) => l.code)]));
    expect(byCode).toEqual({ 'seed-003': ['P1', 'P2', 'P3', 'P4'], au: ['P1', 'P2', 'P3', 'P4', 'P5'], dansupport: ['A', 'B', 'C', 'D'] });
  });

  it('publishes a matrix with any number of levels as a new version, and refuses one that leaves a score without a level', async () => {
    const three = {
      code: 'campus',
      name: 'Three by two',
      impactFactors: { person: 1, building: 3, campus: 9 },
      urgencyFactors: { later: 1, now: 2 },
      levels: [
        { code: 'HIGH', name: 'High', minScore: 9, responseMinutes: 30, resolutionMinutes: 240, escalateAfterMinutes: 120 },
        { code: 'LOW', name: 'Low', minScore: 1, responseMinutes: 480, resolutionMinutes: 2400, escalateAfterMinutes: 1200 },
      ],
    };
    const first = await post('/sla/priority-matrices', three);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ code: 'campus', version: 1 });
    expect((await post('/sla/priority-matrices', three)).body.version).toBe(2);
    // Two admins publishing at once both land, each with its own version.
    const together = await Promise.all([post('/sla/priority-matrices', three), post('/sla/priority-matrices', three), post('/sla/priority-matrices', three)]);
    expect(together.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(together.map((r) => r.body.version).sort()).toEqual([3, 4, 5]);

    const gap = await post('/sla/priority-matrices', { ...three, levels: [three.levels[0], { ...three.levels[1], minScore: 2 }] });
    expect(gap.status).toBe(422);
    expect(gap.body.message).toContain('a score of 1 reaches no level');
    const unreachable = await post('/sla/priority-matrices', { ...three, levels: [{ ...three.levels[0], minScore: 100 }, three.levels[1]] });
    expect(unreachable.status).toBe(422);
    expect(unreachable.body.message).toContain('no impact x urgency reaches HIGH');
    expect((await post('/sla/priority-matrices', three, 'tim')).status).toBe(403);
    expect((await post('/sla/priority-matrices', { ...three, impactFactors: { person: -1 } })).status).toBe(400);
  });
});

describe('Dansupport: A-D with a 4-business-hour response, sold to a customer organisation', () => {
  it('is configured over the API and drives the customer’s ticket’s priority and clocks', async () => {
    // Targets for A, B and C; D is left out and gets the matrix's own times.
    const policy = await post('/sla/policies', {
      code: 'dansupport',
      name: 'Dansupport standard agreement',
      priorityMatrix: 'dansupport',
      calendar: SEED_004_HOURS,
      targets: { A: targets(8), B: targets(16), C: targets(40) },
    });
    expect(policy.status).toBe(201);
    expect(Object.keys(policy.body.targets)).toEqual(['A', 'B', 'C', 'D']);
    expect(policy.body.targets.D).toEqual({ firstResponseMs: 480 * 60_000, escalationMs: 2880 * 60_000, resolutionMs: 4800 * 60_000 });

    const wrongLevel = await post('/sla/policies', { code: 'dansupport', name: 'x', priorityMatrix: 'dansupport', calendar: SEED_004_HOURS, targets: { P1: targets(8) } });
    expect(wrongLevel.status).toBe(422);
    expect(wrongLevel.body.message).toContain('targets for P1: not a level of priority matrix dansupport');
    const noMatrix = await post('/sla/policies', { code: 'dansupport', name: 'x', priorityMatrix: 'nowhere', calendar: SEED_004_HOURS, targets: {} });
    expect(noMatrix.status).toBe(422);
    expect(noMatrix.body.field).toBe('priorityMatrix');

    // The customer (Aarhus BSS) buys it: its requesters' tickets are opened under it, over the category's.
    expect((await patch('/organisations/BSS', { slaPolicyCode: 'nowhere' })).body).toMatchObject({ field: 'slaPolicyCode' });
    const bought = await patch('/organisations/BSS', { slaPolicyCode: 'dansupport' });
    expect(bought.status).toBe(200);
    expect(bought.body.slaPolicyCode).toBe('dansupport');

    // Reported by phone last Friday 14:30: four business hours are 14:30-15:00 and Monday 08:00-11:30.
    const friday = aFridayAfternoon();
    const jannet = await stack.userId('jannet');
    const opened = await post(
      '/tickets',
      { type: 'incident', title: 'Payroll system down for the department', description: 'Nobody in the department can log in', impact: 'department', urgency: 'immediate', requesterId: jannet, reportedAt: friday.toISO(), channel: 'phone' },
      'tim',
    );
    expect(opened.status).toBe(201);
    const ticket = opened.body;
    customerTicket = ticket.number;
    // Dansupport's matrix: department (2) x immediate (4) = 8, which is B-Important (6..11).
    expect(ticket.priority).toMatchObject({ code: 'B', name: 'B-Important', score: 8 });
    expect(ticket.sla.policy).toMatchObject({ code: 'dansupport', version: 1 });
    const response = ticket.sla.clocks.find((c: { name: string }) => c.name === 'firstResponse');
    expect(response.targetMs).toBe(4 * HOUR);
    const monday = friday.plus({ days: 3 }).set({ hour: 11, minute: 30 });
    expect(DateTime.fromISO(response.deadline).setZone(ZONE).toFormat('ccc yyyy-MM-dd HH:mm')).toBe(monday.toFormat('ccc yyyy-MM-dd HH:mm'));
    // That Monday has passed: the ticket's workflow raises the breach and journals it.
    const journal = await eventually(
      async () => (await stack.http.get(`/tickets/${ticket.number}`).set(stack.as('tim'))).body.journal.map((e: { text: string }) => e.text),
      (texts: string[]) => texts.some((t) => t.startsWith('SLA breached: first response')),
    );
    expect(journal).toContain(`SLA breached: first response target of 4 business hours passed at ${response.deadline}`);

    // A level the customer's matrix lacks is refused with the levels it has.
    const campus = await post('/tickets', { type: 'incident', title: 'Projector', description: 'The projector is dark', impact: 'campus', urgency: 'today' }, 'jannet');
    expect(campus.status).toBe(422);
    expect(campus.body).toMatchObject({ field: 'impact', rule: 'matrixLevel' });
    expect(campus.body.message).toBe('impact campus is not a level of priority matrix dansupport: workplace, department, site, multiSite');

    // Back to the category's agreement: the next ticket is P-levelled again.
    await patch('/organisations/BSS', { slaPolicyCode: null }).expect(200);
    const standard = await post('/tickets', { type: 'incident', title: 'Printer', description: 'offline', impact: 'department', urgency: 'immediate' }, 'jannet');
    expect(standard.body.priority.code).toBe('P2');
  });

  it('re-assesses an open ticket under a new version of the matrix, also when the new version renames the levels', async () => {
    const journalOf = async () => (await stack.http.get(`/tickets/${customerTicket}`).set(stack.as('tim'))).body.journal.map((e: { text: string }) => e.text);
    // Version 2: a score of 8 (department x immediate) is now A-Critical.
    expect((await post('/sla/priority-matrices', dansupportMatrix([['A', 'A-Critical', 8], ['B', 'B-Important', 6], ['C', 'C-Normal', 2], ['D', 'D-Low', 1]]))).body.version).toBe(2);
    const preview = await stack.http.get('/tickets/priority-reassessments?matrix=dansupport').set(stack.as('admin'));
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ matrix: { code: 'dansupport', version: 2 }, policies: ['dansupport'] });
    expect(preview.body.tickets).toEqual([expect.objectContaining({ number: customerTicket, priority: 'B', reassessedPriority: 'A', slaPolicyCode: 'dansupport' })]);
    expect((await stack.http.get('/tickets/priority-reassessments?matrix=nowhere').set(stack.as('admin'))).body).toMatchObject({ field: 'matrix' });
    expect((await stack.http.get('/tickets/priority-reassessments?matrix=dansupport').set(stack.as('tim'))).status).toBe(403);

    expect((await stack.http.post(`/tickets/${customerTicket}/reassess-priority`).set(stack.as('tim'))).status).toBe(403);
    const raised = await stack.http.post(`/tickets/${customerTicket}/reassess-priority`).set(stack.as('admin'));
    expect(raised.status).toBe(200);
    expect(raised.body.priority).toMatchObject({ code: 'A', name: 'A-Critical' });
    // The policy's own A targets (8 business hours to resolve) now drive the resolution clock.
    expect(raised.body.sla.clocks.find((c: { name: string }) => c.name === 'resolution').targetMs).toBe(8 * HOUR);
    expect(await journalOf()).toContain('Priority changed from B to A: re-assessed with priority matrix dansupport v2: impact department × urgency immediate = 8 → A (A-Critical)');
    const preview2 = await stack.http.get('/tickets/priority-reassessments?matrix=dansupport').set(stack.as('admin'));
    expect(preview2.body.tickets).toEqual([]);

    // Version 3 renames the levels: the policy has no targets for A any more, so a plain
    // recalculation is refused; re-assessing moves priority and clocks together.
    await post('/sla/priority-matrices', dansupportMatrix([['CRIT', 'Critical', 8], ['HIGH', 'High', 4], ['LOW', 'Low', 1]], 600)).expect(201);
    const plain = await stack.http.post(`/tickets/${customerTicket}/recalculate-sla`).set(stack.as('admin'));
    expect(plain.status).toBe(422);
    expect(plain.body).toMatchObject({ field: 'priority', rule: 'policyHasPriority' });
    const renamed = await stack.http.post(`/tickets/${customerTicket}/reassess-priority`).set(stack.as('admin'));
    expect(renamed.status).toBe(200);
    expect(renamed.body.priority).toMatchObject({ code: 'CRIT', name: 'Critical' });
    // A level the policy sets no targets for gets the matrix's own times (600 minutes to resolve).
    expect(renamed.body.sla.clocks.find((c: { name: string }) => c.name === 'resolution').targetMs).toBe(600 * 60_000);
    const journal = await journalOf();
    expect(journal).toContain('Priority changed from A to CRIT: re-assessed with priority matrix dansupport v3: impact department × urgency immediate = 8 → CRIT (Critical)');
    expect(journal.filter((t: string) => t.startsWith('SLA recalculated: dansupport v1 → dansupport v1'))).toHaveLength(2);
  });
});
