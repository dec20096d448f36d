// Time registration end to end (REQUIREMENTS 10, seed 003): agents register time on tickets in
// 15-minute units (on site at least 60), corrections are counter-entries, and a customer's monthly
// statement (JSON, CSV, HTML) adds up; a closed month takes no more entries.
import { startStack, TestStack } from '../support/app';

jest.setTimeout(120_000);

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack('time');
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

type User = Parameters<TestStack['as']>[0];
const CT = { 'Content-Type': 'application/json' };
const post = (path: string, user: User, body: object = {}) => stack.http.post(path).set({ ...stack.as(user), ...CT }).send(body);
const get = (path: string, user: User) => stack.http.get(path).set(stack.as(user));
const today = () => new Date().toISOString().slice(0, 10);
const thisMonth = () => today().slice(0, 7);
const lastMonth = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
};

async function ticketInProgress(title: string): Promise<string> {
  const created = await post('/tickets', 'jannet', { type: 'incident', title, description: `${title}: it does not work`, impact: 'workplace', urgency: 'days' }).expect(201);
  const number = created.body.number as string;
  await post(`/tickets/${number}/assign-to-agent`, 'dorthe', { agentId: await stack.userId('tim') }).expect(200);
  await post(`/tickets/${number}/begin-work`, 'tim').expect(200);
  return number;
}

describe('time registration on a ticket', () => {
  let number: string;
  beforeAll(async () => {
    number = await ticketInProgress('Printer on the 2nd floor jams');
  });

  it('stores 20 minutes remote as 30 and 45 minutes on site as 60, each journaled with the rule', async () => {
    const logged = await post(`/tickets/${number}/time-entries`, 'tim', { minutes: 20, activity: 'remote', note: 'Cleared the print queue' }).expect(200);
    expect(logged.body.journal.at(-1)).toMatchObject({ kind: 'event', visibility: 'internal' });
    expect(logged.body.journal.at(-1).text).toMatch(/^Time registered: 30 min remote on \d{4}-\d{2}-\d{2} \(20 min worked; time is registered in 15-minute units, rounded up; on-site work at least 60 minutes\), billable: Cleared the print queue$/);
    await post(`/tickets/${number}/time-entries`, 'tim', { minutes: 45, activity: 'onSite' }).expect(200);

    const time = (await get(`/tickets/${number}/time-entries`, 'dorthe').expect(200)).body;
    expect(time.entries.map((e: { workedMinutes: number; minutes: number; activity: string }) => [e.workedMinutes, e.minutes, e.activity])).toEqual([
      [20, 30, 'remote'],
      [45, 60, 'onSite'],
    ]);
    expect(time).toMatchObject({ minutes: 90, billableMinutes: 90 });
    expect(time.entries[0]).toMatchObject({ entry: 1, agentName: 'LevelOneTim', organisation: 'BSS', workedOn: today(), ticketTitle: 'Printer on the 2nd floor jams' });
  });

  it('registers a retried request once (the same Idempotency-Key)', async () => {
    const send = () => post(`/tickets/${number}/time-entries`, 'tim', { minutes: 10, activity: 'phone', billable: false }).set('Idempotency-Key', `time-${number}`);
    await send().expect(200);
    await send().expect(200);
    const time = (await get(`/tickets/${number}/time-entries`, 'tim').expect(200)).body;
    expect(time.entries.filter((e: { activity: string }) => e.activity === 'phone')).toHaveLength(1);
    expect(time).toMatchObject({ minutes: 105, billableMinutes: 90 });
  });

  it('corrects an entry by a counter-entry, once; the entry itself never changes', async () => {
    const corrected = await post(`/tickets/${number}/time-entries/2/correct`, 'tim', { note: 'Was done remotely after all' }).expect(200);
    expect(corrected.body.journal.at(-1).text).toBe('Time correction: -60 min onSite, cancelling entry 2: Was done remotely after all');
    const time = (await get(`/tickets/${number}/time-entries`, 'tim').expect(200)).body;
    expect(time.entries[1]).toMatchObject({ entry: 2, minutes: 60 });
    expect(time.entries.at(-1)).toMatchObject({ entry: 4, minutes: -60, corrects: 2, workedOn: today() });
    expect(time).toMatchObject({ minutes: 45, billableMinutes: 30 });

    const again = await post(`/tickets/${number}/time-entries/2/correct`, 'tim', { note: 'twice' });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ rule: 'timeEntryCorrectable', field: 'entry' });
  });

  it('refuses end users, bad minutes and an unknown activity, changing nothing', async () => {
    const byUser = await post(`/tickets/${number}/time-entries`, 'jannet', { minutes: 20, activity: 'remote' });
    expect(byUser.status).toBe(403);
    const zero = await post(`/tickets/${number}/time-entries`, 'tim', { minutes: 0, activity: 'remote' });
    expect(zero.status).toBe(400);
    expect(zero.body.message).toMatch(/minutes/);
    const activity = await post(`/tickets/${number}/time-entries`, 'tim', { minutes: 20, activity: 'sleeping' });
    expect(activity.status).toBe(400);
    expect(activity.body.message).toMatch(/activity/);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const future = await post(`/tickets/${number}/time-entries`, 'tim', { minutes: 20, activity: 'remote', workedOn: tomorrow });
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({ rule: 'workedOnValid', field: 'workedOn' });
    expect((await get(`/tickets/${number}/time-entries`, 'tim').expect(200)).body.entries).toHaveLength(4);
    expect((await get(`/tickets/${number}/time-entries`, 'jannet')).status).toBe(403);
  });
});

describe('the monthly statement per customer (seed 003)', () => {
  it('lists the month’s entries by ticket with subtotals, and totals that are their sum, as JSON, CSV and HTML', async () => {
    const a = await ticketInProgress('VPN drops every hour');
    const b = await ticketInProgress('New laptop for the secretary');
    await post(`/tickets/${a}/time-entries`, 'tim', { minutes: 50, activity: 'remote' }).expect(200); // 60
    await post(`/tickets/${b}/time-entries`, 'tim', { minutes: 30, activity: 'onSite', note: 'Set up, "docking" too' }).expect(200); // 60
    await post(`/tickets/${b}/time-entries`, 'tim', { minutes: 5, activity: 'phone', billable: false }).expect(200); // 15

    const statement = (await get(`/time/statements/BSS/${thisMonth()}`, 'dorthe').expect(200)).body;
    expect(statement).toMatchObject({ organisation: 'BSS', month: thisMonth(), closed: false });
    const mine = statement.tickets.filter((t: { number: string }) => [a, b].includes(t.number));
    expect(mine.map((t: { number: string; minutes: number; billableMinutes: number }) => [t.number, t.minutes, t.billableMinutes])).toEqual([
      [a, 60, 60],
      [b, 75, 60],
    ]);
    for (const t of statement.tickets) expect(t.minutes).toBe(t.entries.reduce((sum: number, e: { minutes: number }) => sum + e.minutes, 0));
    expect(statement.totals.minutes).toBe(statement.tickets.reduce((sum: number, t: { minutes: number }) => sum + t.minutes, 0));
    expect(statement.totals.billableMinutes).toBe(statement.tickets.reduce((sum: number, t: { billableMinutes: number }) => sum + t.billableMinutes, 0));

    const csv = await get(`/time/statements/BSS/${thisMonth()}/csv`, 'dorthe').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('ticket,title,entry,worked_on,agent,activity,minutes,billable,note,corrects');
    expect(lines).toContain(`${b},subtotal,,,,,75,,billable 60,`);
    expect(lines.at(-1)).toBe(`,total,,,,,${statement.totals.minutes},,billable ${statement.totals.billableMinutes},`);
    expect(lines).toContain(`${b},New laptop for the secretary,1,${today()},LevelOneTim,onSite,60,true,"Set up, ""docking"" too",`);

    const html = await get(`/time/statements/BSS/${thisMonth()}/html`, 'admin').expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain(`Total: ${statement.totals.minutes} min`);
    expect(html.text).toContain('Set up, &quot;docking&quot; too');
  });

  it('is for team leads and admins, and knows its organisations', async () => {
    expect((await get(`/time/statements/BSS/${thisMonth()}`, 'tim')).status).toBe(403);
    expect((await get(`/time/statements/BSS/${thisMonth()}`, 'jannet')).status).toBe(403);
    const unknown = await get(`/time/statements/NOPE/${thisMonth()}`, 'admin');
    expect(unknown.status).toBe(404);
    expect(unknown.body.field).toBe('organisation');
    // A refused document is the one JSON error body, not a CSV or HTML page.
    const unknownCsv = await get(`/time/statements/NOPE/${thisMonth()}/csv`, 'admin');
    expect([unknownCsv.status, unknownCsv.headers['content-type']]).toEqual([404, 'application/json; charset=utf-8']);
    expect((await get('/time/statements/BSS/2026-13', 'admin')).status).toBe(400);
  });
});

describe('closing a month', () => {
  it('makes its statement final: no entry dated in it afterwards; only a past month closes', async () => {
    const number = await ticketInProgress('Scanner sends nothing');
    const lastDay = `${lastMonth()}-28`;
    await post(`/tickets/${number}/time-entries`, 'tim', { minutes: 15, activity: 'remote', workedOn: lastDay }).expect(200);

    const closed = await stack.http.put(`/time/closed-months/${lastMonth()}`).set(stack.as('admin')).expect(200);
    expect(closed.body).toMatchObject({ month: lastMonth(), closedBy: 'admin' });
    await stack.http.put(`/time/closed-months/${lastMonth()}`).set(stack.as('admin')).expect(200);
    expect((await stack.http.put(`/time/closed-months/${lastMonth()}`).set(stack.as('dorthe'))).status).toBe(403);
    const current = await stack.http.put(`/time/closed-months/${thisMonth()}`).set(stack.as('admin'));
    expect(current.status).toBe(422);
    expect(current.body.rule).toBe('monthNotOver');

    const late = await post(`/tickets/${number}/time-entries`, 'tim', { minutes: 15, activity: 'remote', workedOn: lastDay });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ rule: 'monthClosed', field: 'workedOn' });
    const statement = (await get(`/time/statements/BSS/${lastMonth()}`, 'dorthe').expect(200)).body;
    expect(statement.closed).toBe(true);
    expect(statement.tickets.find((t: { number: string }) => t.number === number).minutes).toBe(15);
    // The correction of closed-month work goes into the open month, dated today.
    await post(`/tickets/${number}/time-entries/1/correct`, 'tim', { note: 'Belonged to another customer' }).expect(200);
    const now = (await get(`/time/statements/BSS/${thisMonth()}`, 'dorthe').expect(200)).body;
    expect(now.tickets.find((t: { number: string }) => t.number === number).entries).toMatchObject([{ entry: 2, minutes: -15, corrects: 1 }]);
    expect((await get('/time/closed-months', 'dorthe').expect(200)).body).toEqual([closed.body]);
  });
});
