// Issue 15, item 5: the statistics against figures computed by hand from a fixture of tickets and
// their recorded SLA clocks, on a real PostgreSQL. Every expected number below is worked out in
// the comment beside it; none comes from running the code.
//
// The fixture, November 2026 (Copenhagen, UTC+1). The standard calendar is Mon-Thu 08-16, Fri
// 08-15, so its business day is 8 h = 480 min and "within 3 business days" is <= 1440 min; T9 is
// under the on-call service (24x7), whose business day is 24 h: within 3 days is <= 4320 min.
//
//  ticket team     prio opened (local)   first response      resolution              handovers reopens  closed
//  T1     Desk     P3   Mon 02 09:00     stopped met 30      stopped met 120         0 0              Thu 05 10:00
//  T2     Desk     P3   Mon 02 10:00     stopped met 45      stopped met 600         1 0              Tue 10
//  T3     Desk     P2   Tue 03 17:30     stopped breached 90 stopped met 1500        0 1              -
//  T4     Desk     P3   Sat 07 11:00     stopped met 15      running                 0 0              -   (flag since Mon 30 10:00)
//  T5     Network  P2   Wed 04 08:30     stopped met 60      stopped breached 2000   0 0              Fri 20
//  T6     Network  P2   Thu 12 14:00     running, breached   running                 0 0              -   (flag since Mon 30 11:30)
//  T7     Network  P3   Fri 13 15:30     stopped met 20      stopped met 300         2 0              Mon 16
//  T8     Desk     P3   Mon 16 08:00     stopped met 10      stopped met 1440        0 0              -   (Resolved, flag set: not open)
//  T9     Network  P2   Sun 22 03:00     stopped met 10      stopped met 1500 (24x7) 0 0              -
//  T10    no SLA        Tue 24 20:00 (portal)                                                         -
//  T11    Desk     P3   Fri Oct 30 (before the period)                                                -   (flag since Sun 29 12:00)
//
// Every requester belongs to ACME but T3's and T5's (OTHER). Categories: T1, T2, T4, T8 Printing;
// T7 Network; the rest none.
import { STANDARD_SLA } from '../../machines/sla/sla-policy';
import type { OutboxMessage } from '../../src/notifications/notifications.service';
import { renderNotification } from '../../src/notifications/templates';
import { ServiceReviewsService } from '../../src/statistics/service-reviews.service';
import { serviceReviewCsv } from '../../src/statistics/statistics.csv';
import { periodOf, StatisticsService } from '../../src/statistics/statistics.service';
import { createTestDatabase, TestDatabase } from '../support/database';

let db: TestDatabase;
let statistics: StatisticsService;
let reviews: ServiceReviewsService;
const outbox: OutboxMessage[] = [];

interface Clock {
  state: 'running' | 'stopped';
  minutes?: number;
  met?: boolean;
  breached?: boolean;
  /** When it breached (local), if not at the opening. */
  breachedAt?: string;
  segments?: object[];
}
interface Fixture {
  team: string | null;
  priority?: string;
  opened: string;
  response?: Clock;
  resolution?: Clock;
  handovers?: number;
  reopens?: number;
  resolved?: boolean;
  closed?: string;
  flagSince?: string;
  status?: string;
  onCall?: boolean;
  noSla?: boolean;
  channel?: string;
  category?: string;
  /** The requester's organisation: ACME unless named. */
  organisation?: 'ACME' | 'OTHER';
}

/** T6's first response: running, paused while Pending, running again, and ran out at 16:30 (2 business hours, P2). */
const T6_SEGMENTS = [
  { state: 'running', from: '2026-11-12T13:00:00.000Z', to: '2026-11-12T13:30:00.000Z', reason: 'opened', status: 'New' },
  { state: 'paused', from: '2026-11-12T13:30:00.000Z', to: '2026-11-12T14:00:00.000Z', reason: 'pending: awaitingUser', status: 'Pending' },
  { state: 'running', from: '2026-11-12T14:00:00.000Z', to: null, reason: 'resumed', status: 'Assigned' },
];

const FIXTURE: Record<string, Fixture> = {
  T1: { team: 'Desk', priority: 'P3', category: 'Printing', opened: '2026-11-02T09:00', response: { state: 'stopped', minutes: 30, met: true }, resolution: { state: 'stopped', minutes: 120, met: true }, closed: '2026-11-05T10:00', channel: 'portal' },
  T2: { team: 'Desk', priority: 'P3', category: 'Printing', opened: '2026-11-02T10:00', response: { state: 'stopped', minutes: 45, met: true }, resolution: { state: 'stopped', minutes: 600, met: true }, handovers: 1, closed: '2026-11-10T12:00' },
  T3: { team: 'Desk', priority: 'P2', organisation: 'OTHER', opened: '2026-11-03T17:30', response: { state: 'stopped', minutes: 90, met: false, breached: true }, resolution: { state: 'stopped', minutes: 1500, met: true }, reopens: 1, status: 'Resolved' },
  T4: { team: 'Desk', priority: 'P3', category: 'Printing', opened: '2026-11-07T11:00', response: { state: 'stopped', minutes: 15, met: true }, resolution: { state: 'running' }, flagSince: '2026-11-30T10:00', status: 'InProgress' },
  T5: { team: 'Network', priority: 'P2', organisation: 'OTHER', opened: '2026-11-04T08:30', response: { state: 'stopped', minutes: 60, met: true }, resolution: { state: 'stopped', minutes: 2000, met: false, breached: true }, closed: '2026-11-20T09:00' },
  T6: { team: 'Network', priority: 'P2', opened: '2026-11-12T14:00', response: { state: 'running', breached: true, breachedAt: '2026-11-12T16:30', segments: T6_SEGMENTS }, resolution: { state: 'running' }, flagSince: '2026-11-30T11:30', status: 'Assigned' },
  T7: { team: 'Network', priority: 'P3', category: 'Network', opened: '2026-11-13T15:30', response: { state: 'stopped', minutes: 20, met: true }, resolution: { state: 'stopped', minutes: 300, met: true }, handovers: 2, closed: '2026-11-16T09:00' },
  T8: { team: 'Desk', priority: 'P3', category: 'Printing', opened: '2026-11-16T08:00', response: { state: 'stopped', minutes: 10, met: true }, resolution: { state: 'stopped', minutes: 1440, met: true }, flagSince: '2026-11-30T09:00', status: 'Resolved' },
  T9: { team: 'Network', priority: 'P2', opened: '2026-11-22T03:00', response: { state: 'stopped', minutes: 10, met: true }, resolution: { state: 'stopped', minutes: 1500, met: true }, onCall: true, status: 'Resolved' },
  T10: { team: null, opened: '2026-11-24T20:00', noSla: true, channel: 'portal', status: 'New' },
  T11: { team: 'Desk', priority: 'P3', opened: '2026-10-30T10:00', response: { state: 'running' }, resolution: { state: 'running' }, flagSince: '2026-11-29T12:00', status: 'Pending' },
};

/** One end user per organisation, the requester of its tickets. */
const REQUESTERS = { ACME: '00000000-0000-4000-8000-000000000001', OTHER: '00000000-0000-4000-8000-000000000002' };

/** Local Copenhagen time in November (and late October after the change): UTC+1. */
const cph = (local: string) => new Date(`${local}:00+01:00`);

async function insert(number: string, f: Fixture): Promise<void> {
  const resolvedAt = f.resolution?.state === 'stopped' ? cph(f.opened) : null; // only whether it is set matters here
  await db.dataSource.query(
    `INSERT INTO tickets (number, type, title, description, impact, urgency, priority, priority_name, priority_score, status, channel, requester_id,
       team_name, update_flag, attention_flag, created_at, updated_at, resolved_at, closed_at, version, machine_state, sla_policy_code, sla_policy_version,
       sla_on_call, handovers, reopens, update_flag_since, category_name)
     VALUES ($1, 'incident', $1, '', 'workplace', 'today', $2, $2, 3, $3, $4, $17, $5, $6, false, $7, $7, $8, $9, 1, '{}',
       $10, $11, $12, $13, $14, $15, $16)`,
    [
      number, f.priority ?? 'P3', f.status ?? (f.closed ? 'Closed' : 'InProgress'), f.channel ?? 'phone', f.team, f.flagSince !== undefined, cph(f.opened),
      resolvedAt, f.closed ? cph(f.closed) : null, f.noSla ? null : 'standard', f.noSla ? null : 1, f.onCall ?? false, f.handovers ?? 0, f.reopens ?? 0,
      f.flagSince ? cph(f.flagSince) : null, f.category ?? null, REQUESTERS[f.organisation ?? 'ACME'],
    ],
  );
  for (const [name, clock] of [['firstResponse', f.response], ['resolution', f.resolution]] as const) {
    if (!clock) continue;
    await db.dataSource.query(
      `INSERT INTO sla_clocks (ticket_number, name, target_ms, state, breached_at, elapsed_ms_at_stop, met, segments, version)
       VALUES ($1, $2, 0, $3, $4, $5, $6, $7, 1)`,
      [number, name, clock.state, clock.breached ? cph(clock.breachedAt ?? f.opened) : null, clock.minutes === undefined ? null : clock.minutes * 60_000, clock.met ?? null, JSON.stringify(clock.segments ?? [])],
    );
  }
}

beforeAll(async () => {
  db = await createTestDatabase('statistics');
  for (const [organisation, id] of Object.entries(REQUESTERS)) {
    await db.dataSource.query(`INSERT INTO organisations (code, name) VALUES ($1, $2)`, [organisation, `${organisation} Ltd`]);
    await db.dataSource.query(`INSERT INTO users (id, username, display_name, email, role, token_hash, organisation) VALUES ($1, $2, $2, $3, 'endUser', $2, $4)`, [
      id, `contact-${organisation}`, `contact@${organisation.toLowerCase()}.example`, organisation,
    ]);
  }
  for (const [number, fixture] of Object.entries(FIXTURE)) await insert(number, fixture);
  // The policies as published: the standard one (office hours, Copenhagen). Guides and articles
  // have recorded nothing in this fixture.
  const policies = { list: async () => [STANDARD_SLA] };
  const guides = { statistics: async () => [] };
  const knowledge = { deflectionsBetween: async () => 0 };
  statistics = new StatisticsService(db.dataSource, policies as never, guides as never, knowledge as never);
  reviews = new ServiceReviewsService(db.dataSource, statistics, policies as never, { enqueue: async (_tx: unknown, m: OutboxMessage[]) => void outbox.push(...m) } as never);
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

const NOVEMBER = { from: cph('2026-11-01T00:00'), to: cph('2026-12-01T00:00') };

describe('SLA figures per team, from the recorded clocks', () => {
  it('gives each team its figures, computed by hand', async () => {
    const view = await statistics.sla(NOVEMBER, 'team', 3);
    expect(view.rows).toEqual([
      {
        group: 'Desk', // T1, T2, T3, T4, T8 (T11 opened in October)
        tickets: 5,
        firstResponseMetPct: 80, // 5 stopped, 4 met (T3 breached)
        resolutionMetPct: 100, // T1, T2, T3, T8 stopped and met; T4 still running, not breached: not counted
        responseBreaches: 1, // T3
        resolutionBreaches: 0,
        medianResponseBusinessMinutes: 30, // 10, 15, 30, 45, 90: the middle one
        p90ResponseBusinessMinutes: 72, // rank 0.9 x 4 = 3.6: 45 + 0.6 x (90 - 45) = 72
        medianResolutionBusinessMinutes: 1020, // 120, 600, 1440, 1500: (600 + 1440) / 2
        p90ResolutionBusinessMinutes: 1482, // rank 0.9 x 3 = 2.7: 1440 + 0.7 x 60 = 1482
        resolved: 4,
        resolvedWithinDaysPct: 75, // <= 3 x 480 = 1440: 120, 600, 1440 yes, 1500 no: 3 of 4
        firstContactResolutionPct: 50, // T1 and T8; T2 was handed over, T3 reopened: 2 of 4
        reopenRatePct: 25, // resolved at least once: T1, T2, T3, T8; reopened: T3
      },
      {
        group: 'Network', // T5, T6, T7, T9
        tickets: 4,
        firstResponseMetPct: 75, // T5, T7, T9 met; T6 breached while running counts as not met: 3 of 4
        resolutionMetPct: 66.7, // T5 breached, T7 and T9 met (T6 running, not breached): 2 of 3
        responseBreaches: 1, // T6
        resolutionBreaches: 1, // T5
        medianResponseBusinessMinutes: 20, // 10, 20, 60
        p90ResponseBusinessMinutes: 52, // rank 1.8: 20 + 0.8 x 40
        medianResolutionBusinessMinutes: 1500, // 300, 1500, 2000
        p90ResolutionBusinessMinutes: 1900, // rank 1.8: 1500 + 0.8 x 500
        resolved: 3,
        resolvedWithinDaysPct: 66.7, // T7 300 <= 1440 yes; T5 2000 > 1440 no; T9 1500 <= 4320 (24x7 days) yes: 2 of 3
        firstContactResolutionPct: 66.7, // T7 was handed over twice: T5 and T9 of 3
        reopenRatePct: 0,
      },
    ]);
    expect(view.total).toEqual({
      group: '(all)',
      tickets: 9, // T10 has no SLA
      firstResponseMetPct: 77.8, // 7 of 9
      resolutionMetPct: 85.7, // 6 of 7
      responseBreaches: 2,
      resolutionBreaches: 1,
      medianResponseBusinessMinutes: 25, // 10, 10, 15, 20, 30, 45, 60, 90: (20 + 30) / 2
      p90ResponseBusinessMinutes: 69, // rank 0.9 x 7 = 6.3: 60 + 0.3 x 30
      medianResolutionBusinessMinutes: 1440, // 120, 300, 600, 1440, 1500, 1500, 2000
      p90ResolutionBusinessMinutes: 1700, // rank 0.9 x 6 = 5.4: 1500 + 0.4 x 500
      resolved: 7,
      resolvedWithinDaysPct: 71.4, // 3 + 2 of 7
      firstContactResolutionPct: 57.1, // 2 + 2 of 7
      reopenRatePct: 14.3, // 1 of 7
    });
  });

  it('groups by priority, by week (Mondays, Copenhagen) and by month, and counts N business days as asked', async () => {
    const byPriority = await statistics.sla(NOVEMBER, 'priority', 3);
    // P2: T3, T5, T6, T9; P3: T1, T2, T4, T7, T8.
    expect(byPriority.rows.map((r) => [r.group, r.tickets])).toEqual([['P2', 4], ['P3', 5]]);
    const byWeek = await statistics.sla(NOVEMBER, 'week', 3);
    // Week of Mon 2: T1-T5; of Mon 9: T6, T7; of Mon 16: T8 and T9 (Sunday 22 ends that week).
    expect(byWeek.rows.map((r) => [r.group, r.tickets])).toEqual([['2026-11-02', 5], ['2026-11-09', 2], ['2026-11-16', 2]]);
    const byMonth = await statistics.sla(NOVEMBER, 'month', 3);
    expect(byMonth.rows).toEqual([{ ...byMonth.total, group: '2026-11' }]);
    // Within 4 business days (<= 1920 min on office hours): all but T5 (2000): 6 of 7.
    expect((await statistics.sla(NOVEMBER, 'team', 4)).total.resolvedWithinDaysPct).toBe(85.7);
    // Within 1 (<= 480): T1 120, T7 300; T9 1500 <= 1440 (24 h) no: 2 of 7.
    expect((await statistics.sla(NOVEMBER, 'team', 1)).total.resolvedWithinDaysPct).toBe(28.6);
  });
});

it('counts arrivals by hour and weekday, and those outside service hours by the ticket’s calendar', async () => {
  const view = await statistics.arrivals(NOVEMBER);
  // Outside: T3 Tue 17:30 (after 16), T4 Saturday, T7 Fri 15:30 (Friday closes at 15), T10 Tue 20:00
  // (no SLA: the standard calendar). T9 Sunday 03:00 is under the 24x7 on-call service: inside.
  expect(view.total).toEqual({ key: '(all)', tickets: 10, outsideServiceHours: 4, outsideServiceHoursPct: 40 });
  const nonEmpty = (rows: typeof view.byHour) => rows.filter((r) => r.tickets > 0).map((r) => [r.key, r.tickets, r.outsideServiceHours]);
  expect(nonEmpty(view.byHour)).toEqual([
    ['03', 1, 0], ['08', 2, 0], ['09', 1, 0], ['10', 1, 0], ['11', 1, 1], ['14', 1, 0], ['15', 1, 1], ['17', 1, 1], ['20', 1, 1],
  ]);
  expect(view.byWeekday.map((r) => [r.key, r.tickets, r.outsideServiceHours])).toEqual([
    ['mon', 3, 0], ['tue', 2, 2], ['wed', 1, 0], ['thu', 1, 0], ['fri', 1, 1], ['sat', 1, 1], ['sun', 1, 0],
  ]);
  expect(view.timeZone).toBe('Europe/Copenhagen');
});

it('counts the backlog at the end of each day, from opening and closing', async () => {
  const view = await statistics.backlog({ from: cph('2026-11-01T00:00'), to: cph('2026-11-08T00:00') });
  expect(view.days).toEqual([
    { day: '2026-11-01', open: 1 }, // T11, opened in October
    { day: '2026-11-02', open: 3 }, // + T1, T2
    { day: '2026-11-03', open: 4 }, // + T3
    { day: '2026-11-04', open: 5 }, // + T5
    { day: '2026-11-05', open: 4 }, // T1 closed at 10:00
    { day: '2026-11-06', open: 4 },
    { day: '2026-11-07', open: 5 }, // + T4
  ]);
});

it('measures the Update flag’s age on open tickets only', async () => {
  const view = await statistics.updateFlags(cph('2026-11-30T12:00'));
  // Desk: T4 since 10:00 (120 min), T11 since yesterday 12:00 (1440); T8 is Resolved: not counted.
  expect(view.rows).toEqual([
    { team: 'Desk', flagged: 2, medianAgeMinutes: 780, maxAgeMinutes: 1440 }, // (120 + 1440) / 2
    { team: 'Network', flagged: 1, medianAgeMinutes: 30, maxAgeMinutes: 30 }, // T6 since 11:30
  ]);
  expect(view.total).toEqual({ team: '(all)', flagged: 3, medianAgeMinutes: 120, maxAgeMinutes: 1440 }); // 30, 120, 1440
});

it('sets deflection against the tickets raised in the portal', async () => {
  // No guide or article solved anything; T1 and T10 came through the portal: 0 of 2.
  expect(await statistics.deflection(NOVEMBER)).toMatchObject({ guidesSolved: 0, articleDeflections: 0, portalTickets: 2, deflectionPct: 0 });
});

it('refuses a period that ends before it begins, naming `from`, and a backlog longer than 400 days, naming `to`', async () => {
  const refusal = (() => {
    try {
      return periodOf({ from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' });
    } catch (error) {
      return error;
    }
  })();
  expect(refusal).toMatchObject({ code: 'invalidPeriod', kind: 'unprocessable', detail: { field: 'from' } });
  await expect(statistics.backlog({ from: cph('2025-01-01T00:00'), to: cph('2026-11-01T00:00') })).rejects.toMatchObject({ code: 'periodTooLong', detail: { field: 'to' } });
});

describe('the monthly service review of ACME, November 2026', () => {
  it('gives its SLA figures, volumes, top categories and breaches with their reasons, as CSV too', async () => {
    const review = await reviews.review('ACME', '2026-11');
    // ACME's tickets with an SLA opened in November: T1, T2, T4, T6, T7, T8, T9 (T3 and T5 are OTHER's).
    const expected = [
      'section,name,value,detail',
      'review,ACME,2026-11,ACME Ltd',
      'sla,tickets,7,',
      'sla,first_response_met_pct,85.7,', // 7 counted (T6 breached while running), 6 met
      'sla,resolution_met_pct,100,', // T1, T2, T7, T8, T9 stopped and met; T4, T6 running within target: not counted
      'sla,response_breaches,1,', // T6
      'sla,resolution_breaches,0,',
      'sla,median_response_business_minutes,18,', // 10, 10, 15, 20, 30, 45: (15 + 20) / 2 = 17.5, rounded half up
      'sla,p90_response_business_minutes,38,', // rank 0.9 x 5 = 4.5: 30 + 0.5 x 15 = 37.5
      'sla,median_resolution_business_minutes,600,', // 120, 300, 600, 1440, 1500
      'sla,p90_resolution_business_minutes,1476,', // rank 3.6: 1440 + 0.6 x 60
      'sla,resolved,5,',
      'sla,resolved_within_3_business_days_pct,100,', // all <= 1440, T9's 1500 <= 4320 (24x7)
      'sla,first_contact_resolution_pct,60,', // T1, T8, T9; T2 and T7 were handed over: 3 of 5
      'sla,reopen_rate_pct,0,',
      'volume,opened,8,', // the seven and T10 (no SLA)
      'volume,resolved,5,', // T1, T2, T7, T8, T9
      'volume,closed,3,', // T1, T2, T7
      'volume,open_at_end,6,', // T4, T6, T8 (Resolved, not closed), T9, T10, and T11 from October
      'category,Printing,4,', // T1, T2, T4, T8
      'category,(no category),3,', // T6, T9, T10
      'category,Network,1,', // T7
      // T6's first response ran out at 16:30 in its third segment: running again after Pending, status Assigned.
      'breach,T6 firstResponse,2026-11-12T15:30:00.000Z,P2; T6; while Assigned (resumed); handovers 0; reopens 0',
    ];
    expect(serviceReviewCsv(review)).toBe(`${expected.join('\r\n')}\r\n`);
    expect(review.sla.group).toBe('2026-11');
  });

  it('is mailed to the organisation’s contact once the month is over, in the contact’s words', async () => {
    await db.dataSource.query(`UPDATE organisations SET contact_id = $1 WHERE code = 'ACME'`, [REQUESTERS.ACME]);
    await expect(reviews.mail('2026-11', cph('2026-11-30T23:00'))).rejects.toMatchObject({ code: 'monthNotOver', detail: { field: 'month' } });
    const mailed = await reviews.mail('2026-11', cph('2026-12-01T08:00'));
    expect(mailed).toEqual([{ organisation: 'ACME', contactId: REQUESTERS.ACME, notificationId: `review:ACME:2026-11:${REQUESTERS.ACME}` }]);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ number: 'REVIEW-ACME-2026-11', recipientId: REQUESTERS.ACME, audience: 'contact', template: 'serviceReview' });
    const { subject, body } = renderNotification('serviceReview', outbox[0].vars, 'da');
    expect(subject).toBe('[REVIEW-ACME-2026-11] Serviceopfølgning 2026-11: ACME Ltd');
    expect(body).toContain('Oprettede sager: 8. Løste: 5. Lukkede: 3. Stadig åbne ved månedens slutning: 6.');
    expect(body).toContain('Første svar inden for den aftalte tid: 85.7 %.');
    expect(body).toContain('- Printing: 4\n- (no category): 3\n- Network: 1\n');
    expect(body).toContain('- T6 T6 (P2): firstResponse kl. 2026-11-12T15:30:00.000Z, mens sagen var Assigned (resumed); overdraget 0 gange, genåbnet 0 gange');
  });
});
