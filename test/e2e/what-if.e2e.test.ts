// What-if replay (issue 15, item 1): the CSI proposal "shorten P3 resolution to 8 h" gets a
// report over recorded tickets, checked against figures worked out by hand; the same inputs give
// the same report; the proposal's view lists it as evidence. The tickets are written into the
// read model as the workflows record them (a fixed past week, so the figures do not depend on
// when the test runs); the replay itself runs as its workflow on a real Temporal server.
//
// Week of Monday 2026-11-16 (CET = UTC+1; office hours Mon-Thu 08-16). Resolution clocks (standard
// policy, P3 target 12 business hours, P2 4 h), all stopped:
//   T1 Desk P3  Mon 08:00-14:00 running                     6 h  met     → under 8 h: met
//   T2 Desk P3  Mon 08:00 - Tue 10:00 running               10 h met     → breached (flips)
//   T3 Desk P3  Mon 08:00 - Tue 14:00 running               14 h breached → breached
//   T4 Desk P3  Mon 08-12 running, 12-15 paused, 15:00 - Tue 11:00 running: 4 + 1 + 3 = 8 h met → met (8 <= 8)
//   T5 Network P2  Mon 08:00-11:00 running                  3 h  met     → met (P2 unchanged)
// Total: 5 tickets; met now 4/5 = 80 %, under the proposal 3/5 = 60 %; business hours 3, 6, 8, 10, 14:
// median 8 h = 480 min (the proposal changes targets, not the calendar: the same); p90 at rank
// 0.9 × 4 = 3.6: 10 + 0.6 × (14 - 10) = 12.4 h = 744 min. Would breach: T2; would meet: none.
// Desk/P3/Printing: 4 tickets, 75 % → 50 %, median of 6, 8, 10, 14 = 9 h = 540 min, p90 rank 2.7:
// 10 + 0.7 × 4 = 12.8 h = 768 min. Network/P2: 1 ticket, 100 % → 100 %, 180 min.
import { DataSource } from 'typeorm';
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';
import { recordAndReplay } from '../support/replay';

jest.setTimeout(180_000);

let stack: TestStack;
const CT = { 'Content-Type': 'application/json' };
const HOUR = 3_600_000;
const seg = (state: string, from: string, to: string) => ({ state, from, to, reason: state === 'running' ? 'opened' : 'pending: awaitingUser', status: state === 'running' ? 'InProgress' : 'Pending' });

const FIXTURE = [
  { number: 'INC-900001', team: 'Desk', priority: 'P3', hours: 6, met: true, segments: [seg('running', '2026-11-16T07:00:00.000Z', '2026-11-16T13:00:00.000Z')] },
  { number: 'INC-900002', team: 'Desk', priority: 'P3', hours: 10, met: true, segments: [seg('running', '2026-11-16T07:00:00.000Z', '2026-11-17T09:00:00.000Z')] },
  { number: 'INC-900003', team: 'Desk', priority: 'P3', hours: 14, met: false, segments: [seg('running', '2026-11-16T07:00:00.000Z', '2026-11-17T13:00:00.000Z')] },
  {
    number: 'INC-900004', team: 'Desk', priority: 'P3', hours: 8, met: true,
    segments: [seg('running', '2026-11-16T07:00:00.000Z', '2026-11-16T11:00:00.000Z'), seg('paused', '2026-11-16T11:00:00.000Z', '2026-11-16T14:00:00.000Z'), seg('running', '2026-11-16T14:00:00.000Z', '2026-11-17T10:00:00.000Z')],
  },
  { number: 'INC-900005', team: 'Network', priority: 'P2', hours: 3, met: true, segments: [seg('running', '2026-11-16T07:00:00.000Z', '2026-11-16T10:00:00.000Z')] },
];

beforeAll(async () => {
  stack = await startStack('what_if');
  const db = stack.app.get(DataSource);
  const jannet = await stack.userId('jannet');
  for (const t of FIXTURE) {
    const stoppedAt = t.segments.at(-1)!.to;
    await db.query(
      `INSERT INTO tickets (number, type, title, description, impact, urgency, priority, priority_name, priority_score, status, channel, requester_id,
         team_name, category_name, update_flag, attention_flag, created_at, updated_at, resolved_at, version, machine_state, sla_policy_code, sla_policy_version)
       VALUES ($1, 'incident', $1, '', 'workplace', 'today', $2, $2, 3, 'Resolved', 'portal', $3, $4, $5, false, false, $6, $7, $7, 5, '{}', 'standard', 1)`,
      [t.number, t.priority, jannet, t.team, t.team === 'Desk' ? 'Printing' : null, '2026-11-16T07:00:00.000Z', stoppedAt],
    );
    await db.query(
      `INSERT INTO sla_clocks (ticket_number, name, target_ms, state, deadline, breached_at, stopped_at, stop_reason, elapsed_ms_at_stop, met, segments, version)
       VALUES ($1, 'resolution', $2, 'stopped', NULL, $3, $4, 'resolved', $5, $6, $7, 5)`,
      [t.number, (t.priority === 'P3' ? 12 : 4) * HOUR, t.met ? null : '2026-11-17T11:00:00.000Z', stoppedAt, t.hours * HOUR, t.met, JSON.stringify(t.segments)],
    );
  }
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

async function replay(body: object) {
  const started = await stack.http.post('/what-if').set({ ...stack.as('susanne'), ...CT }).send(body);
  expect(started.status).toBe(202);
  return eventually(async () => (await stack.http.get(`/what-if/${started.body.id}`).set(stack.as('susanne'))).body, (r) => r.finished, 60_000);
}

describe('what-if replay of a proposed SLA policy', () => {
  it('reports "shorten P3 resolution to 8 h" over the recorded tickets as computed by hand, the same twice, as the proposal’s evidence', async () => {
    const csi = await stack.http.post('/csi/proposals').set({ ...stack.as('jannet'), ...CT })
      .send({ title: 'Shorten P3 resolution to 8 h', description: 'P3 tickets wait too long.', concerns: 'SLA', expectedBenefit: 'Faster fixes for ordinary faults' });
    expect(csi.status).toBe(201);
    const policies = (await stack.http.get('/sla/policies').set(stack.as('admin'))).body;
    const { version: _v, ...standard } = policies.find((p: { code: string }) => p.code === 'standard');
    const proposal = { ...standard, name: 'Shorter P3 resolution', targets: { ...standard.targets, P3: { ...standard.targets.P3, escalationMs: 6 * HOUR, resolutionMs: 8 * HOUR } } };
    const body = { proposal, from: '2026-11-16T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z', csiNumber: csi.body.number };

    expect((await stack.http.post('/what-if').set({ ...stack.as('tim'), ...CT }).send(body)).status).toBe(403);
    const empty = await stack.http.post('/what-if').set({ ...stack.as('susanne'), ...CT }).send({ ...body, to: body.from });
    expect([empty.status, empty.body.field]).toEqual([422, 'from']);

    const run = await replay(body);
    expect([run.total, run.replayed]).toEqual([5, 5]);
    const { total, groups, flips, skipped } = run.report;
    expect(skipped).toBe(0);
    expect(total).toMatchObject({ tickets: 5, wouldBreach: 1, wouldMeet: 0 });
    expect(total.resolution).toEqual({ metNowPct: 80, metProposedPct: 60, medianNowMinutes: 480, medianProposedMinutes: 480, p90NowMinutes: 744, p90ProposedMinutes: 744 });
    expect(total.firstResponse.metNowPct).toBeNull();
    expect(groups.map((g: { team: string; priority: string; category: string; tickets: number; resolution: { metNowPct: number; metProposedPct: number; medianNowMinutes: number; p90NowMinutes: number } }) =>
      [g.team, g.priority, g.category, g.tickets, g.resolution.metNowPct, g.resolution.metProposedPct, g.resolution.medianNowMinutes, g.resolution.p90NowMinutes])).toEqual([
      ['Desk', 'P3', 'Printing', 4, 75, 50, 540, 768],
      ['Network', 'P2', '(no category)', 1, 100, 100, 180, 180],
    ]);
    expect(flips).toEqual([{ number: 'INC-900002', clock: 'resolution', metNow: true, metProposed: false }]);

    // Reproducible: the same inputs give the same figures.
    const again = await replay(body);
    expect(again.report).toEqual(run.report);
    // Evidence on the proposal, newest first.
    const view = (await stack.http.get(`/csi/proposals/${csi.body.number}`).set(stack.as('thomas'))).body;
    expect(view.evidence.map((e: { id: string }) => e.id)).toEqual([again.id, run.id]);
    expect(view.evidence[1].report).toEqual(run.report);

    // A proposed priority matrix in which "today" is far more urgent: every fixture ticket
    // (workplace × today = 1 × 16) is assessed P2 again, 4 h to resolve: T1 (6 h), T2 (10 h), T3 and
    // T4 (8 h) breach, T5 (3 h) meets: 1/5 = 20 %; T1, T2 and T4 flip. Groups stay by the recorded priority.
    const matrices = (await stack.http.get('/sla/priority-matrices').set(stack.as('admin'))).body;
    const { version: _m, ...seed003 } = matrices.filter((m: { code: string }) => m.code === 'seed-003').at(-1);
    const priorityMatrix = { ...seed003, name: 'Today is urgent', urgencyFactors: { ...seed003.urgencyFactors, today: 16, immediate: 32 } };
    const reassessed = await replay({ ...body, priorityMatrix });
    expect(reassessed.priorityMatrixName).toBe('Today is urgent');
    expect(reassessed.report.total).toMatchObject({ tickets: 5, wouldBreach: 3, wouldMeet: 0, resolution: expect.objectContaining({ metNowPct: 80, metProposedPct: 20 }) });
    expect(reassessed.report.flips.map((f: { number: string }) => f.number)).toEqual(['INC-900001', 'INC-900002', 'INC-900004']);
    expect(reassessed.report.groups.map((g: { priority: string; resolution: { metProposedPct: number } }) => [g.priority, g.resolution.metProposedPct])).toEqual([['P3', 0], ['P2', 100]]);
    const badMatrix = await stack.http.post('/what-if').set({ ...stack.as('susanne'), ...CT }).send({ ...body, priorityMatrix: { ...priorityMatrix, levels: [] } });
    expect(badMatrix.status).toBe(400);

    const { histories, results } = await recordAndReplay(stack.temporal.client, 'what-if-', [run.id]);
    expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
  });
});
