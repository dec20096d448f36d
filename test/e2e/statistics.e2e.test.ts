// Issue 15, item 5 end to end: statistics of real tickets over HTTP, each figure set the same in
// its CSV export as in its JSON answer (the acceptance: the dashboard, which shows the JSON, and
// the CSV agree), the SLA figures the same as /sla/report's, staff only, and a bad period refused.
import { DateTime } from 'luxon';
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';

jest.setTimeout(120_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack('statistics');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const CT = { 'Content-Type': 'application/json' };
const command = (number: string, path: string, body: object = {}) => stack.http.post(`/tickets/${number}/${path}`).set({ ...stack.as('hanne'), ...CT }).send(body);

/** The lines of a CSV answer as fields (the fixture's names hold no comma or quote). */
async function csvOf(path: string, query: Record<string, string | number>): Promise<string[][]> {
  const res = await stack.http.get(`${path}/csv`).query(query).set(stack.as('henrik'));
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.text.endsWith('\r\n')).toBe(true);
  return res.text.slice(0, -2).split('\r\n').map((line) => line.split(','));
}

async function jsonOf<T>(path: string, query: Record<string, string | number>): Promise<T> {
  const res = await stack.http.get(path).query(query).set(stack.as('henrik'));
  expect(res.status).toBe(200);
  return res.body as T;
}

/** A JSON figure as the CSV writes it: null is an empty field. */
const field = (value: unknown): string => (value === null ? '' : String(value));
const fields = (row: Record<string, unknown>, keys: string[]) => keys.map((key) => field(row[key]));

const period = () => ({ from: DateTime.now().minus({ days: 11 }).toISO()!, to: DateTime.now().plus({ minutes: 5 }).toISO()! });

describe('statistics of real tickets', () => {
  let range: { from: string; to: string };

  beforeAll(async () => {
    const health = await stack.teamId('HEALTH-IT');
    const susanne = await stack.userId('susanne');
    // Three P3 tickets for Health IT: one reported ten days ago (every deadline passed), one
    // resolved now, one left open with a message from its requester waiting (the Update flag).
    const opened = [];
    for (const reportedAt of [DateTime.now().minus({ days: 10 }).toISO(), undefined, undefined]) {
      const res = await stack.http
        .post('/tickets')
        .set({ ...stack.as('hanne'), ...CT })
        .send({ type: 'incident', title: 'Printer offline', description: 'The printer is offline', impact: 'workplace', urgency: 'today', requesterId: susanne, ...(reportedAt ? { reportedAt } : {}) });
      expect(res.status).toBe(201);
      opened.push(res.body.number as string);
      await command(res.body.number, 'assign-to-team', { teamId: health }).expect(200);
      await command(res.body.number, 'begin-work').expect(200);
    }
    for (const number of opened.slice(0, 2)) await command(number, 'resolve', { resolution: 'Driver reinstalled' }).expect(200);
    range = period();
  });

  it('gives the SLA figures in the CSV as in the JSON, and as /sla/report computes them', async () => {
    const query = { ...range, groupBy: 'team', withinDays: 2 };
    const json = await jsonOf<{ rows: Array<Record<string, unknown>>; total: Record<string, unknown> }>('/statistics/sla', query);
    const keys = ['group', 'tickets', 'firstResponseMetPct', 'resolutionMetPct', 'responseBreaches', 'resolutionBreaches', 'medianResponseBusinessMinutes', 'p90ResponseBusinessMinutes',
      'medianResolutionBusinessMinutes', 'p90ResolutionBusinessMinutes', 'resolved', 'resolvedWithinDaysPct', 'firstContactResolutionPct', 'reopenRatePct'];
    const [header, ...lines] = await csvOf('/statistics/sla', query);
    expect(header).toEqual(['group', 'tickets', 'first_response_met_pct', 'resolution_met_pct', 'response_breaches', 'resolution_breaches', 'median_response_business_minutes',
      'p90_response_business_minutes', 'median_resolution_business_minutes', 'p90_resolution_business_minutes', 'resolved', 'resolved_within_2_business_days_pct',
      'first_contact_resolution_pct', 'reopen_rate_pct']);
    expect(lines).toEqual([...json.rows, json.total].map((row) => fields(row, keys)));
    const health = json.rows.find((row) => row.group === 'Health IT')!;
    expect(health).toMatchObject({ tickets: 3, resolved: 2, reopenRatePct: 0 });

    // One priority and no category: /sla/report's one Health IT line is the same tickets, and its
    // figures are the same figures (one calculation, from the recorded clocks).
    const report = await jsonOf<Array<Record<string, unknown>>>('/sla/report', range);
    const line = report.find((row) => row.team === 'Health IT')!;
    expect(health).toMatchObject({
      tickets: line.tickets,
      firstResponseMetPct: line.firstResponseMetPct,
      resolutionMetPct: line.resolutionMetPct,
      medianResponseBusinessMinutes: line.medianResponseBusinessMinutes,
      p90ResponseBusinessMinutes: line.p90ResponseBusinessMinutes,
      medianResolutionBusinessMinutes: line.medianResolutionBusinessMinutes,
      p90ResolutionBusinessMinutes: line.p90ResolutionBusinessMinutes,
      firstContactResolutionPct: line.firstContactResolutionPct,
    });
  });

  it('gives the backlog, arrivals, Update-flag ages and deflection in the CSV as in the JSON', async () => {
    const backlog = await jsonOf<{ days: Array<{ day: string; open: number }> }>('/statistics/backlog', range);
    expect(await csvOf('/statistics/backlog', range)).toEqual([['day', 'open'], ...backlog.days.map((d) => [d.day, String(d.open)])]);
    // The period touches 12 local days at least; the last day ends with the open ticket.
    expect(backlog.days.length).toBeGreaterThanOrEqual(12);
    expect(backlog.days.at(-1)!.open).toBe(3); // closing comes later: resolved tickets are still open until closed

    type Count = { key: string; tickets: number; outsideServiceHours: number };
    const arrivals = await jsonOf<{ byHour: Count[]; byWeekday: Count[]; total: Count & { outsideServiceHoursPct: number | null } }>('/statistics/arrivals', range);
    expect(await csvOf('/statistics/arrivals', range)).toEqual([
      ['dimension', 'key', 'tickets', 'outside_service_hours', 'outside_service_hours_pct'],
      ...arrivals.byHour.map((a) => ['hour', a.key, String(a.tickets), String(a.outsideServiceHours), '']),
      ...arrivals.byWeekday.map((a) => ['weekday', a.key, String(a.tickets), String(a.outsideServiceHours), '']),
      ['total', '(all)', String(arrivals.total.tickets), String(arrivals.total.outsideServiceHours), field(arrivals.total.outsideServiceHoursPct)],
    ]);
    expect(arrivals.total.tickets).toBe(3);
    expect(arrivals.byHour.reduce((sum, a) => sum + a.tickets, 0)).toBe(3);

    const flags = await jsonOf<{ at: string; rows: Array<Record<string, unknown>>; total: Record<string, unknown> }>('/statistics/update-flags', {});
    const flagKeys = ['team', 'flagged', 'medianAgeMinutes', 'maxAgeMinutes'];
    expect(await csvOf('/statistics/update-flags', { at: flags.at })).toEqual([['team', 'flagged', 'median_age_minutes', 'max_age_minutes'], ...[...flags.rows, flags.total].map((r) => fields(r, flagKeys))]);

    const deflection = await jsonOf<Record<string, unknown>>('/statistics/deflection', range);
    const deflectionKeys = ['from', 'to', 'guidesSolved', 'guidesNotCovered', 'guidesToTicket', 'articleDeflections', 'portalTickets', 'deflectionPct'];
    expect((await csvOf('/statistics/deflection', range))[1]).toEqual(fields(deflection, deflectionKeys));
  });

  it('is for staff: an end user is refused, naming the permission', async () => {
    const res = await stack.http.get('/statistics/sla').query(range).set(stack.as('jannet'));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'forbidden', rule: 'overview' });
  });

  it('refuses a period that ends before it begins with 422 naming `from`, as JSON also on the CSV route', async () => {
    for (const path of ['/statistics/sla', '/statistics/sla/csv', '/statistics/backlog/csv']) {
      const res = await stack.http.get(path).query({ from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }).set(stack.as('henrik'));
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ error: 'invalidPeriod', field: 'from' });
    }
    const malformed = await stack.http.get('/statistics/sla').query({ from: 'yesterday', to: '2026-11-01T00:00:00Z' }).set(stack.as('henrik'));
    expect(malformed.status).toBe(400);
  });
});

describe('the monthly service review', () => {
  it('gives a customer organisation’s month as JSON and CSV, and mails it to its contact once', async () => {
    const lastMonth = DateTime.now().setZone('Europe/Copenhagen').minus({ months: 1 }).toFormat('yyyy-MM');
    // A BSS user's ticket reported in the middle of last month: its deadlines passed last month.
    const { body: ticket } = await stack.http
      .post('/tickets')
      .set({ ...stack.as('tim'), ...CT })
      .send({ type: 'incident', title: 'Scanner jams', description: 'The scanner jams', impact: 'workplace', urgency: 'today', requesterId: await stack.userId('jannet'),
        reportedAt: DateTime.fromISO(`${lastMonth}-15T10:00`, { zone: 'Europe/Copenhagen' }).toISO() })
      .expect(201);

    // The workflow raises the breaches at once (the deadlines are past); the review reads them as recorded.
    const review = await eventually(
      async () => (await stack.http.get(`/statistics/service-reviews/BSS/${lastMonth}`).set(stack.as('henrik')).expect(200)).body,
      (body: { breaches: Array<{ number: string; clock: string }> }) => body.breaches.some((b) => b.clock === 'firstResponse'),
    );
    expect(review).toMatchObject({ organisation: 'BSS', organisationName: 'Aarhus BSS', month: lastMonth, volumes: { opened: 1, openAtEnd: 1 }, sla: { tickets: 1 } });
    expect(review.breaches[0]).toMatchObject({ number: ticket.number, clock: 'firstResponse', statusAtBreach: 'New', runningSince: 'opened' });
    const csv = await stack.http.get(`/statistics/service-reviews/BSS/${lastMonth}/csv`).set(stack.as('henrik')).expect(200);
    expect(csv.text.split('\r\n').slice(0, 3)).toEqual(['section,name,value,detail', `review,BSS,${lastMonth},Aarhus BSS`, 'sla,tickets,1,']);
    expect((await stack.http.get(`/statistics/service-reviews/NOWHERE/${lastMonth}`).set(stack.as('henrik'))).body).toMatchObject({ statusCode: 404, field: 'organisation' });

    // The admin names Jannet BSS's contact and mails last month's reviews: once, whatever the repeats.
    const jannet = await stack.userId('jannet');
    await stack.http.patch('/organisations/BSS').set({ ...stack.as('admin'), ...CT }).send({ contactId: jannet }).expect(200);
    for (let i = 0; i < 2; i++) {
      const mailed = await stack.http.post(`/statistics/service-reviews/${lastMonth}/mail`).set(stack.as('admin')).expect(200);
      expect(mailed.body).toEqual([{ organisation: 'BSS', contactId: jannet, notificationId: `review:BSS:${lastMonth}:${jannet}` }]);
    }
    // The outbox's filter takes ticket numbers only: the review's messages are picked out here.
    const outbox = await stack.http.get('/mail/outbox').query({ limit: 1000 }).set(stack.as('admin')).expect(200);
    const reviews = outbox.body.filter((n: { ticketNumber: string | null }) => n.ticketNumber === `REVIEW-BSS-${lastMonth}`);
    expect(reviews).toHaveLength(1);
    expect(reviews[0].subject).toMatch(new RegExp(`^\\[REVIEW-BSS-${lastMonth}\\] (Service review|Serviceopfølgning) ${lastMonth}: Aarhus BSS$`));

    const thisMonth = DateTime.now().setZone('Europe/Copenhagen').toFormat('yyyy-MM');
    expect((await stack.http.post(`/statistics/service-reviews/${thisMonth}/mail`).set(stack.as('admin'))).body).toMatchObject({ statusCode: 422, rule: 'monthNotOver' });
    expect((await stack.http.post(`/statistics/service-reviews/${lastMonth}/mail`).set(stack.as('henrik'))).status).toBe(403);
  });
});
