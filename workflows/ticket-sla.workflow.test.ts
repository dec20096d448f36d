// The SLA clocks inside the ticket workflow, on a real Temporal dev server with the real
// projection activities on PostgreSQL. A 24x7 test policy with targets of seconds stands in for
// office hours and hours: the arithmetic in business time is tested in machines/.
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../machines/actor';
import { ALWAYS_OPEN } from '../machines/calendar/business-calendar';
import { SlaPolicy, STANDARD_SLA } from '../machines/sla/sla-policy';
import { seedDemoData } from '../src/demo/demo-data';
import { createTestDatabase, TestDatabase } from '../test/support/database';
import { eventually } from '../test/support/eventually';
import { startTemporal, workflowBundle } from '../test/support/temporal';
import { TicketHandle, TicketWorkflowHarness } from '../test/support/ticket-workflow-harness';
import { recalculateSlaUpdate, TicketCommandMessage, TicketSearchAttributes } from './ticket.messages';

const EventType = temporal.api.enums.v1.EventType;
const SECOND = 1000;

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let bss: { id: string; dispatcherId: string };
let tickets: TicketWorkflowHarness;

const requester: Actor = { id: randomUUID(), role: 'endUser', name: 'CustomerJannet' };
const agent: Actor = { id: randomUUID(), role: 'agent', name: 'LevelOneTim' };
const admin: Actor = { id: randomUUID(), role: 'admin', name: 'Admin' };

/** Seconds instead of hours; 24x7 so the test does not depend on the hour it runs at. */
function testPolicy(overrides: Partial<SlaPolicy> = {}): SlaPolicy {
  const targets = { firstResponseMs: 4 * SECOND, escalationMs: 60 * SECOND, resolutionMs: 8 * SECOND };
  return {
    ...STANDARD_SLA,
    code: 'test',
    version: 1,
    name: 'Test (seconds, 24x7)',
    calendar: ALWAYS_OPEN,
    targets: { P1: targets, P2: targets, P3: targets, P4: targets },
    requestKinds: {},
    warningShare: 0.5,
    updateFlagTargetMs: 60 * SECOND,
    ...overrides,
  };
}

beforeAll(async () => {
  [env, db] = await Promise.all([startTemporal(), createTestDatabase('sla_workflow')]);
  await seedDemoData(db.dataSource);
  const [team] = await db.dataSource.query(
    `SELECT t.id, m.user_id FROM teams t JOIN team_members m ON m.team_id = t.id AND m.is_dispatcher WHERE t.code = 'BSS-IT'`,
  );
  bss = { id: team.id, dispatcherId: team.user_id };
  tickets = new TicketWorkflowHarness(env, db, 'ticket-sla-test', requester);
  await workflowBundle();
}, 120_000);

afterAll(async () => {
  await tickets?.close();
  await env?.teardown();
  await db?.drop();
});

const withWorker = (test: () => Promise<void>) => tickets.withWorker(test);
const newWorker = () => tickets.newWorker();
const open = (policy: SlaPolicy) => tickets.open({ policy: { autoCloseAfterMs: 3600 * SECOND }, sla: { policy, requestKind: null } });
const send = (handle: TicketHandle, message: TicketCommandMessage) => tickets.send(handle, message);
type Handle = TicketHandle;

const dispatch = (handle: Handle) => send(handle, { type: 'assignToTeam', teamId: bss.id, teamName: 'BSS IT', actor: agent });

const journalTexts = async (number: string): Promise<string[]> =>
  (await db.dataSource.query('SELECT text FROM journal_entries WHERE ticket_number = $1 ORDER BY seq', [number])).map((r: { text: string }) => r.text);

const clock = async (number: string, name: string) =>
  (await db.dataSource.query('SELECT * FROM sla_clocks WHERE ticket_number = $1 AND name = $2', [number, name]))[0];

/** Team alerts about one clock: the body names the clock ("first response", "resolution"). */
const teamAlerts = async (number: string, clockWords = 'first response') =>
  (
    await db.dataSource.query(
      `SELECT template, recipient_id, body FROM notifications WHERE ticket_number = $1 AND audience = 'team' ORDER BY created_at, id`,
      [number],
    )
  )
    .filter((a: { body: string }) => a.body.includes(clockWords))
    .map(({ template, recipient_id }: { template: string; recipient_id: string }) => ({ template, recipient_id }));

describe('SLA clocks in the ticket workflow', () => {
  it('warns at the policy share, then breaches, telling the team’s dispatcher and lead once each', async () => {
    await withWorker(async () => {
      const handle = await open(testPolicy());
      await dispatch(handle);
      const texts = await eventually(() => journalTexts(handle.workflowId), (t) => t.some((x) => x.startsWith('SLA breached: first response')));
      expect(texts.filter((t) => t.startsWith('SLA warning: 50 % of the first response target'))).toHaveLength(1);
      expect(texts.filter((t) => t.startsWith('SLA breached: first response'))).toHaveLength(1);
      // Dorthe is both dispatcher and lead of BSS IT: one mail per alert.
      const alerts = await teamAlerts(handle.workflowId);
      expect(alerts).toEqual([
        { template: 'slaWarning', recipient_id: bss.dispatcherId },
        { template: 'slaBreach', recipient_id: bss.dispatcherId },
      ]);
      const history = await handle.fetchHistory();
      const timers = (history.events ?? [])
        .filter((e) => e.eventType === EventType.EVENT_TYPE_TIMER_STARTED)
        .map((e) => e.userMetadata?.summary?.data ? Buffer.from(e.userMetadata.summary.data).toString() : '');
      expect(timers.join(' ')).toContain('SLA warning: first response');
      const description = await handle.describe();
      expect(description.typedSearchAttributes.get(TicketSearchAttributes.slaBreached)).toBe(true);
    });
  });

  it('wakes early for a distant deadline and records it once, not before it is due', async () => {
    await withWorker(async () => {
      // Warned at 12 s: far enough ahead that the timer wakes the ticket 5 s early and arms the rest.
      const distant = { firstResponseMs: 24 * SECOND, escalationMs: 600 * SECOND, resolutionMs: 600 * SECOND };
      const handle = await open(testPolicy({ targets: { P1: distant, P2: distant, P3: distant, P4: distant } }));
      await dispatch(handle);
      const warning = (rows: Array<{ text: string; created_at: Date }>) => rows.find((r) => r.text.startsWith('SLA warning: 50 % of the first response'));
      const rows = await eventually(
        () => db.dataSource.query('SELECT text, created_at FROM journal_entries WHERE ticket_number = $1 ORDER BY seq', [handle.workflowId]),
        (r: Array<{ text: string; created_at: Date }>) => warning(r) !== undefined,
        30_000,
      );
      expect(rows.filter((r: { text: string }) => r.text.startsWith('SLA warning'))).toHaveLength(1);
      const { segments } = await clock(handle.workflowId, 'firstResponse');
      const due = Date.parse(segments[0].from) + 12 * SECOND;
      expect(warning(rows)!.created_at.getTime()).toBeGreaterThanOrEqual(due);
      const history = await handle.fetchHistory();
      const warningTimers = (history.events ?? []).filter(
        (e) => e.eventType === EventType.EVENT_TYPE_TIMER_STARTED && Buffer.from(e.userMetadata?.summary?.data ?? []).toString().includes('SLA warning: first response'),
      );
      // The early one and the rest: two timers for one deadline.
      expect(warningTimers).toHaveLength(2);
    });
  }, 60_000);

  it('pauses while Pending: no breach while waiting, and the deadline moves by the paused time', async () => {
    await withWorker(async () => {
      const handle = await open(testPolicy());
      await dispatch(handle);
      await send(handle, { type: 'beginWork', actor: agent }); // first response given
      await send(handle, { type: 'setPending', reason: 'awaitingUser', text: 'Which drive letter?', actor: agent });
      const paused = await clock(handle.workflowId, 'resolution');
      expect(paused).toMatchObject({ state: 'paused', deadline: null });
      expect(paused.segments.at(-1)).toMatchObject({ state: 'paused', reason: 'pending: awaitingUser', status: 'Pending' });

      await new Promise((r) => setTimeout(r, 9 * SECOND)); // longer than the 8 s resolution target
      expect((await journalTexts(handle.workflowId)).some((t) => t.startsWith('SLA breached: resolution'))).toBe(false);

      await send(handle, { type: 'reply', text: 'It is S:', actor: requester });
      const resumed = await clock(handle.workflowId, 'resolution');
      const runningBefore = resumed.segments
        .filter((s: { state: string; to: string | null }) => s.state === 'running' && s.to)
        .reduce((sum: number, s: { from: string; to: string }) => sum + Date.parse(s.to) - Date.parse(s.from), 0);
      const restart = Date.parse(resumed.segments.at(-1).from);
      expect(resumed.segments.at(-1)).toMatchObject({ state: 'running', reason: 'user replied' });
      expect(new Date(resumed.deadline).getTime()).toBe(restart + 8 * SECOND - runningBefore);
      expect(await clock(handle.workflowId, 'firstResponse')).toMatchObject({ state: 'stopped', stop_reason: 'beginWork', met: true });
    });
  });

  it('raises the priority on a resolution breach where the policy says so', async () => {
    await withWorker(async () => {
      const handle = await open(testPolicy({ raisePriorityOnBreach: true }));
      await dispatch(handle);
      await send(handle, { type: 'beginWork', actor: agent });
      const texts = await eventually(() => journalTexts(handle.workflowId), (t) => t.some((x) => x.startsWith('SLA breached: resolution')));
      expect(texts.find((t) => t.startsWith('SLA breached: resolution'))).toMatch(/priority raised to P2$/);
      const [ticket] = await db.dataSource.query('SELECT priority, sla_breached FROM tickets WHERE number = $1', [handle.workflowId]);
      expect(ticket).toEqual({ priority: 'P2', sla_breached: true });
      expect((await handle.describe()).typedSearchAttributes.get(TicketSearchAttributes.priority)).toBe('P2');
    });
  });

  it('recalculates under a newer policy version when an admin asks, journaling old and new deadlines', async () => {
    await withWorker(async () => {
      const slow = { firstResponseMs: 3600 * SECOND, escalationMs: 7200 * SECOND, resolutionMs: 7200 * SECOND };
      const handle = await open(testPolicy({ targets: { P1: slow, P2: slow, P3: slow, P4: slow } }));
      const before = await clock(handle.workflowId, 'resolution');
      const refused = await handle.executeUpdate(recalculateSlaUpdate, { args: [{ actor: agent, policy: testPolicy({ version: 2 }) }] }).catch((e) => e);
      expect(refused.cause?.details?.[0]).toMatchObject({ code: 'forbidden', rule: 'admin' });

      const v2 = testPolicy({ version: 2, targets: { P1: { ...slow, resolutionMs: 3600 * SECOND }, P2: slow, P3: { ...slow, resolutionMs: 3600 * SECOND }, P4: slow } });
      await handle.executeUpdate(recalculateSlaUpdate, { args: [{ actor: admin, policy: v2 }] });
      const after = await clock(handle.workflowId, 'resolution');
      expect(Number(after.target_ms)).toBe(3600 * SECOND);
      expect(after.deadline.getTime()).toBe(before.deadline.getTime() - 3600 * SECOND);
      const text = (await journalTexts(handle.workflowId)).at(-1);
      expect(text).toContain('SLA recalculated: test v1 → test v2');
      expect(text).toContain(`resolution deadline ${before.deadline.toISOString()} → ${after.deadline.toISOString()}`);
      const [ticket] = await db.dataSource.query('SELECT sla_policy_version FROM tickets WHERE number = $1', [handle.workflowId]);
      expect(ticket.sla_policy_version).toBe(2);
    });
  });

  it('loses and duplicates no SLA event when the worker restarts while timers are armed', async () => {
    let number = '';
    const first = await newWorker();
    await first.runUntil(async () => {
      const handle = await open(testPolicy());
      number = handle.workflowId;
      await dispatch(handle);
    });
    // No worker runs while the warning (2 s) and the breach (4 s) fall due.
    await new Promise((r) => setTimeout(r, 5 * SECOND));
    const second = await newWorker();
    await second.runUntil(async () => {
      await eventually(() => teamAlerts(number), (alerts) => alerts.length >= 2);
      await new Promise((r) => setTimeout(r, 1 * SECOND));
    });
    const alerts = await teamAlerts(number);
    expect(alerts.map((a: { template: string }) => a.template)).toEqual(['slaWarning', 'slaBreach']);
    const texts = await journalTexts(number);
    expect(texts.filter((t) => t.includes('first response target'))).toHaveLength(2);
    // The resolution clock (8 s) warned at 4 s as well, once.
    expect(texts.filter((t) => t.startsWith('SLA warning: 50 % of the resolution target'))).toHaveLength(1);
  });

  it('measures the Update flag: a user message waits at most the policy’s time for an answer', async () => {
    await withWorker(async () => {
      const handle = await open(testPolicy({ updateFlagTargetMs: 2 * SECOND }));
      await dispatch(handle);
      await send(handle, { type: 'beginWork', actor: agent });
      await send(handle, { type: 'reply', text: 'Any news?', actor: requester });
      const texts = await eventually(() => journalTexts(handle.workflowId), (t) => t.some((x) => x.includes('answer to the user’s message')));
      expect(texts.filter((t) => t.startsWith('SLA breached: answer to the user’s message'))).toHaveLength(1);
      await send(handle, { type: 'addComment', text: 'Working on it', actor: agent });
      expect(await clock(handle.workflowId, 'updateFlag')).toMatchObject({ state: 'stopped', stop_reason: 'answered (addComment)', met: false });
    });
  });

  it('replays the histories it recorded (SLA timers, alerts, recalculation) without non-determinism', async () => {
    const { histories, results } = await tickets.replayOpened('sla-');
    expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
  });
});
