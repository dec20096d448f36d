// The overviews of issue 4 item 8 end to end over HTTP: a team's queue, a status, an agent's
// tickets, and Update flags left unanswered. Tickets are opened, dispatched and assigned through
// the REST API as the desk does it; each overview is one indexed query over the read model.
import { hashToken } from '../../src/auth/token';
import { startStack, TestStack } from '../support/app';

jest.setTimeout(180_000);

/** The demo users, and Hilde of the Health faculty (the demo's end users are all Aarhus BSS). */
type User = Parameters<TestStack['as']>[0] | 'hilde';
const as = (user: User) => (user === 'hilde' ? { Authorization: 'Bearer test-hilde' } : stack.as(user));
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

let stack: TestStack;
let teams: Record<'BSS-IT' | 'HEALTH-IT' | 'ARTS-IT', string>;
const t: Record<string, string> = {};

async function command(number: string, path: string, user: User, body: object = {}) {
  const res = await stack.http.post(`/tickets/${number}/${path}`).set(as(user)).send(body);
  if (res.status !== 200) throw new Error(`${path} on ${number} by ${user}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** Opens a ticket as the user and, as the team's dispatcher, dispatches it (and assigns an agent). */
async function ticket(
  name: string,
  impact: string,
  urgency: string,
  team: keyof typeof teams,
  options: { agent?: User; requester?: User; dispatcher?: User } = {},
): Promise<string> {
  const created = await stack.http
    .post('/tickets')
    .set(as(options.requester ?? 'jannet'))
    .send({ type: 'incident', title: `Queue test ${name}`, description: `Ticket ${name} of the overview tests`, impact, urgency, channel: 'portal' });
  expect(created.status).toBe(201);
  const number: string = created.body.number;
  const dispatcher = options.dispatcher ?? 'dorthe';
  if (created.body.team?.id !== teams[team]) await command(number, 'assign-to-team', dispatcher, { teamId: teams[team] });
  if (options.agent) await command(number, 'assign-to-agent', dispatcher, { agentId: await stack.userId(options.agent) });
  t[name] = number;
  return number;
}

const queue = (path: string, user: User = 'dorthe', query: Record<string, string | number> = {}) =>
  stack.http.get(`/queues/${path}`).query(query).set(as(user));
const numbers = (body: { items: Array<{ number: string }> }) => body.items.map((i) => i.number);
const names = (...keys: string[]) => keys.map((k) => t[k]);
const setFlagSince = (number: string, minutesAgo: number) =>
  stack.db.dataSource.query(`UPDATE tickets SET update_flag_since = now() - make_interval(mins => $2) WHERE number = $1`, [number, minutesAgo]);

beforeAll(async () => {
  // Small count caps, so that a search here matches more tickets than it counts, and BSS IT's
  // queue (7 open) holds more than a queue counts.
  stack = await startStack('queues', { SEARCH_COUNT_CAP: '5', QUEUE_COUNT_CAP: '6' });
  await stack.db.dataSource.query(
    `INSERT INTO users (username, display_name, email, role, token_hash, organisation) VALUES ('hilde', 'Hilde (Health)', 'hilde@example.edu', 'endUser', $1, 'HEALTH')`,
    [hashToken('test-hilde')],
  );
  teams = { 'BSS-IT': await stack.teamId('BSS-IT'), 'HEALTH-IT': await stack.teamId('HEALTH-IT'), 'ARTS-IT': await stack.teamId('ARTS-IT') };

  // BSS IT's queue (priority = impact x urgency, seed 003). Opened in this order, so among equal
  // priorities the earlier ticket has the earlier (or the same) SLA deadline.
  await ticket('p3a', 'workplace', 'today', 'BSS-IT');
  await ticket('p2tim', 'department', 'immediate', 'BSS-IT', { agent: 'tim' });
  await ticket('p4', 'workplace', 'days', 'BSS-IT');
  await ticket('p2', 'site', 'today', 'BSS-IT');
  await ticket('p3b', 'workplace', 'tomorrow', 'BSS-IT');
  const resolved = await ticket('resolved', 'site', 'immediate', 'BSS-IT', { agent: 'tim' });
  await command(resolved, 'begin-work', 'tim');
  await command(resolved, 'resolve', 'tim', { resolution: 'Replaced the toner.' });
  const p1 = await ticket('p1tim', 'multiSite', 'immediate', 'BSS-IT', { agent: 'tim' });
  await command(p1, 'begin-work', 'tim');
  await ticket('p4sara', 'workplace', 'days', 'BSS-IT', { agent: 'sara' });

  // Health IT (Hilde's primary team): users who wrote and were not answered (seed 000, principle 4: the Update flag).
  for (const name of ['flag3h', 'flag2h', 'flag10m', 'answered']) {
    const number = await ticket(name, 'workplace', 'today', 'HEALTH-IT', { agent: 'hanne', dispatcher: 'henrik', requester: 'hilde' });
    await command(number, 'begin-work', 'hanne');
    const replied = await command(number, 'replies', 'hilde', { text: 'Any news? It still does not work.' });
    expect(replied.body.updateFlag).toBe(true);
  }
  await command(t.answered, 'comments', 'hanne', { text: 'We are on it; a technician comes tomorrow.' });
  // The flags' age is set in the read model: an hour cannot pass in a test.
  await setFlagSince(t.flag3h, 180);
  await setFlagSince(t.flag2h, 120);
  await setFlagSince(t.flag10m, 10);
  await setFlagSince(t.answered, 300);
}, 300_000);

afterAll(async () => {
  await stack?.close();
});

describe('text search', () => {
  const search = (query: Record<string, string | number>) => stack.http.get('/tickets').query(query).set(as('dorthe'));

  it('counts up to the cap and says when there are more; its pages go on past the cap, newest first', async () => {
    const newestFirst = numbers((await search({ pageSize: 200 }).expect(200)).body).filter((n) => Object.values(t).includes(n));
    expect(newestFirst).toHaveLength(12);
    const first = await search({ q: 'overview tests', pageSize: 4 }).expect(200);
    expect(first.body).toMatchObject({ total: 5, totalExact: false, page: 1, pageSize: 4 });
    const pages = [numbers(first.body)];
    for (const page of [2, 3, 4]) pages.push(numbers((await search({ q: 'overview tests', pageSize: 4, page }).expect(200)).body));
    expect(pages.flat()).toEqual(newestFirst);
    expect(pages[3]).toEqual([]);
  });

  it('counts exactly up to the cap', async () => {
    const found = await search({ q: 'Queue test p3' }).expect(200);
    expect(found.body).toMatchObject({ total: 2, totalExact: true });
    expect(numbers(found.body)).toEqual(names('p3b', 'p3a'));
    const atCap = await search({ q: 'Queue test p', pageSize: 2, page: 3 }).expect(200);
    expect(atCap.body).toMatchObject({ total: 5, totalExact: false });
    const listed = await search({ team: teams['HEALTH-IT'], q: 'overview tests' }).expect(200);
    expect(listed.body).toMatchObject({ total: 4, totalExact: true });
  });

  it('without a search term, the total is exact however large', async () => {
    expect((await search({ team: teams['BSS-IT'] }).expect(200)).body).toMatchObject({ total: 8, totalExact: true });
  });
});

describe('a team queue', () => {
  it('lists open tickets: unassigned first, then by priority, then by SLA deadline', async () => {
    const res = await queue(`teams/${teams['BSS-IT']}`).expect(200);
    expect(numbers(res.body)).toEqual(names('p2', 'p3a', 'p3b', 'p4', 'p1tim', 'p2tim', 'p4sara'));
    // All seven on the page; the total stops at the cap and says so (the console shows "6+").
    expect(res.body).toMatchObject({ total: 6, totalExact: false, page: 1, pageSize: 25 });
    expect(res.body.items.map((i: { priority: { code: string } }) => i.priority.code)).toEqual(['P2', 'P3', 'P3', 'P4', 'P1', 'P2', 'P4']);
    expect(res.body.items.map((i: { assignee: { name: string } | null }) => i.assignee?.name ?? null)).toEqual([
      null,
      null,
      null,
      null,
      'LevelOneTim',
      'LevelOneTim',
      'Sara (BSS IT agent)',
    ]);
  });

  it('answers in the list item shape of GET /tickets, plus the next SLA deadline', async () => {
    const item = (await queue(`teams/${teams['BSS-IT']}`, 'tim')).body.items[0];
    const listed = (await stack.http.get('/tickets').query({ q: t.p2 }).set(stack.as('tim'))).body.items[0];
    expect(item).toEqual({ ...listed, slaNextDeadline: expect.any(String), updateFlagSince: null });
    expect(Date.parse(item.slaNextDeadline)).toBeGreaterThan(Date.parse(item.createdAt));
    expect(item).toMatchObject({ status: 'Assigned', team: { id: teams['BSS-IT'], name: 'BSS IT' }, assignee: null });
  });

  it('pages: pageSize at most 200, a page past the end still counts the queue (up to the cap)', async () => {
    const second = await queue(`teams/${teams['BSS-IT']}`, 'susanne', { page: 2, pageSize: 2 }).expect(200);
    expect(second.body).toMatchObject({ total: 6, totalExact: false, page: 2, pageSize: 2 });
    expect(numbers(second.body)).toEqual(names('p3b', 'p4'));
    const last = await queue(`teams/${teams['BSS-IT']}`, 'dorthe', { page: 4, pageSize: 2 });
    expect(numbers(last.body)).toEqual(names('p4sara'));
    const past = await queue(`teams/${teams['BSS-IT']}`, 'dorthe', { page: 9, pageSize: 2 });
    expect(past.body).toEqual({ items: [], total: 6, totalExact: false, page: 9, pageSize: 2 });

    const tooBig = await queue(`teams/${teams['BSS-IT']}`, 'dorthe', { pageSize: 201 });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.fields.map((f: { field: string }) => f.field)).toEqual(['pageSize']);
    await queue(`teams/${teams['BSS-IT']}`, 'dorthe', { page: 0 }).expect(400);
    expect((await queue(`teams/${teams['BSS-IT']}`, 'dorthe', { pageSize: 200 })).body.items).toHaveLength(7);
  });

  it('is empty for a team with nothing open, 404 for an unknown team, 400 for a malformed id', async () => {
    expect((await queue(`teams/${teams['ARTS-IT']}`, 'anders').expect(200)).body).toEqual({ items: [], total: 0, totalExact: true, page: 1, pageSize: 25 });
    expect((await queue(`teams/${UNKNOWN}`)).body).toMatchObject({ statusCode: 404, error: 'teamNotFound' });
    expect((await queue('teams/BSS-IT')).body.fields.map((f: { field: string }) => f.field)).toEqual(['teamId']);
  });
});

describe('the status overview', () => {
  it('lists one status across teams by priority, then deadline, then age', async () => {
    const assigned = await queue('status/Assigned', 'ingrid').expect(200);
    expect(numbers(assigned.body)).toEqual(names('p2tim', 'p2', 'p3a', 'p3b', 'p4', 'p4sara'));
    expect(assigned.body).toMatchObject({ total: 6, totalExact: true }); // as many as the cap: exact
    const inProgress = await queue('status/InProgress', 'susanne').expect(200);
    expect(numbers(inProgress.body)).toEqual(names('p1tim', 'flag3h', 'flag2h', 'flag10m', 'answered'));
    const resolved = await queue('status/Resolved').expect(200);
    expect(resolved.body).toMatchObject({ total: 1, items: [{ number: t.resolved, status: 'Resolved', slaNextDeadline: null }] });
    expect((await queue('status/New')).body.total).toBe(0);
  });

  it('refuses a status the machine does not have', async () => {
    const res = await queue('status/Open');
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['status']);
  });
});

describe('an agent’s tickets', () => {
  it('lists the agent’s open tickets by priority and deadline', async () => {
    const tim = await queue(`agents/${await stack.userId('tim')}`, 'tim').expect(200);
    expect(numbers(tim.body)).toEqual(names('p1tim', 'p2tim'));
    const sara = await queue(`agents/${await stack.userId('sara')}`, 'dorthe').expect(200);
    expect(numbers(sara.body)).toEqual(names('p4sara'));
    expect((await queue(`agents/${await stack.userId('erik')}`)).body).toMatchObject({ items: [], total: 0 });
    expect((await queue(`agents/${UNKNOWN}`)).body).toMatchObject({ statusCode: 404, error: 'agentNotFound' });
  });
});

describe('Update flags left unanswered', () => {
  it('lists open tickets flagged longer than the threshold, oldest first', async () => {
    const hour = await queue('update-flag', 'henrik').expect(200);
    expect(numbers(hour.body)).toEqual(names('flag3h', 'flag2h'));
    expect(hour.body.items[0]).toMatchObject({ updateFlag: true, team: { name: 'Health IT' }, updateFlagSince: expect.any(String) });
    expect(Date.now() - Date.parse(hour.body.items[0].updateFlagSince)).toBeGreaterThanOrEqual(180 * 60_000);

    expect(numbers((await queue('update-flag', 'henrik', { olderThanMinutes: 5 })).body)).toEqual(names('flag3h', 'flag2h', 'flag10m'));
    expect(numbers((await queue('update-flag', 'henrik', { olderThanMinutes: 150, team: teams['HEALTH-IT'] })).body)).toEqual(names('flag3h'));
    expect((await queue('update-flag', 'dorthe', { team: teams['BSS-IT'] })).body).toMatchObject({ items: [], total: 0 });
    const paged = await queue('update-flag', 'henrik', { olderThanMinutes: 5, pageSize: 1, page: 3 });
    expect(paged.body).toMatchObject({ total: 3, items: [{ number: t.flag10m }] });

    expect((await queue('update-flag', 'henrik', { olderThanMinutes: -1, team: 'HEALTH-IT' })).body.fields.map((f: { field: string }) => f.field)).toEqual([
      'olderThanMinutes',
      'team',
    ]);
  });
});

describe('who reads the overviews', () => {
  it('staff and process managers; end users, the CSI forum and monitors get 403', async () => {
    for (const user of ['tim', 'dorthe', 'ingrid', 'admin', 'susanne'] as const) {
      await queue(`teams/${teams['BSS-IT']}`, user).expect(200);
    }
    for (const user of ['jannet', 'thomas', 'netmonitor'] as const) {
      for (const path of [`teams/${teams['BSS-IT']}`, 'status/Assigned', `agents/${await stack.userId('tim')}`, 'update-flag']) {
        const res = await queue(path, user);
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ error: 'forbidden', rule: 'overview' });
      }
    }
  });
});
