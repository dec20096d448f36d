// The ticket workflow on a real Temporal dev server, with its real activities writing to a real
// PostgreSQL database. Short policy durations stand in for the 30-day auto-close.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../machines/actor';
import { createTestDatabase, TestDatabase } from '../test/support/database';
import { startTemporal, workflowBundle } from '../test/support/temporal';
import { loadHistory, TicketHandle, TicketWorkflowHarness } from '../test/support/ticket-workflow-harness';
import { PATCHES_IN_FORCE } from './runtime/patches';
import { TicketSearchAttributes, ticketViewQuery } from './ticket.messages';

const EventType = temporal.api.enums.v1.EventType;
const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'histories');

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let tickets: TicketWorkflowHarness;

const requester: Actor = { id: randomUUID(), role: 'endUser', name: 'CustomerJannet' };
const agent: Actor = { id: randomUUID(), role: 'agent', name: 'LevelOneTim' };
const dispatcher: Actor = { id: randomUUID(), role: 'dispatcher', name: 'Dorthe' };
const teamId = randomUUID();

beforeAll(async () => {
  [env, db] = await Promise.all([startTemporal(), createTestDatabase('workflow')]);
  tickets = new TicketWorkflowHarness(env, db, 'ticket-workflow-test', requester);
  await workflowBundle();
}, 120_000);

afterAll(async () => {
  await tickets?.close();
  await env?.teardown();
  await db?.drop();
});

const withWorker = (test: () => Promise<void>) => tickets.withWorker(test);
const open = (policy = {}) => tickets.open({ policy });
const send: TicketWorkflowHarness['send'] = (handle, message, updateId) => tickets.send(handle, message, updateId);
type Handle = TicketHandle;

async function workToInProgress(handle: Handle): Promise<void> {
  await send(handle, { type: 'assignToTeam', teamId, teamName: 'BSS IT', actor: dispatcher });
  await send(handle, { type: 'assignToAgent', agentId: agent.id, agentName: agent.name!, actor: dispatcher });
  await send(handle, { type: 'beginWork', actor: agent });
}

async function eventTypes(handle: Handle): Promise<number[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).map((e) => Number(e.eventType));
}

async function updateNames(handle: Handle): Promise<string[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? [])
    .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? '');
}

async function readModel(number: string) {
  const [ticket] = await db.dataSource.query('SELECT status, version, update_flag, team_name, assignee_name FROM tickets WHERE number = $1', [number]);
  const journal = await db.dataSource.query('SELECT seq, kind, visibility, text FROM journal_entries WHERE ticket_number = $1 ORDER BY seq', [number]);
  const notifications = await db.dataSource.query('SELECT template FROM notifications WHERE ticket_number = $1 ORDER BY created_at, id', [number]);
  return { ticket, journal, notifications: notifications.map((n: { template: string }) => n.template) };
}

describe('ticket workflow', () => {
  it('carries a ticket through its whole life, each command an Update, into the read model', async () => {
    await withWorker(async () => {
      const handle = await open({ autoCloseAfterMs: 1500 });
      await workToInProgress(handle);
      await send(handle, { type: 'setPending', reason: 'awaitingUser', text: 'Is the printer on?', actor: agent });
      const afterReply = await send(handle, { type: 'reply', text: 'Yes, it is on', actor: requester });
      expect(afterReply.status).toBe('InProgress');
      const resolved = await send(handle, { type: 'resolve', resolution: 'Reconnected the cable', actor: agent });
      expect(resolved.status).toBe('Resolved');
      expect(resolved.closesAt).not.toBeNull();

      const final = await handle.result();
      expect(final.status).toBe('Closed');
      expect(await updateNames(handle)).toEqual(['opened', 'assignToTeam', 'assignToAgent', 'beginWork', 'setPending', 'reply', 'resolve']);
      expect(await eventTypes(handle)).toContain(EventType.EVENT_TYPE_TIMER_FIRED);

      const { ticket, journal, notifications } = await readModel(handle.workflowId);
      expect(ticket).toMatchObject({ status: 'Closed', version: 7, team_name: 'BSS IT', assignee_name: 'LevelOneTim' });
      expect(journal.map((e: { seq: number }) => e.seq)).toEqual(journal.map((_: unknown, i: number) => i + 1));
      expect(journal.at(-1)).toMatchObject({ kind: 'event', visibility: 'public', text: 'Closed automatically after the resolution period' });
      expect(notifications).toEqual(['ticketCreated', 'assignedToTeam', 'pending', 'resolved', 'closed']);

      const description = await handle.describe();
      expect(description.typedSearchAttributes.get(TicketSearchAttributes.status)).toBe('Closed');
      expect(description.typedSearchAttributes.get(TicketSearchAttributes.team)).toBe('BSS IT');
      expect(description.typedSearchAttributes.get(TicketSearchAttributes.assignee)).toBe('LevelOneTim');
      expect(description.typedSearchAttributes.get(TicketSearchAttributes.priority)).toBe('P3');
    });
  });

  it('opens without patch markers and shows its search attributes once, when opened (workflows/runtime/patches.ts)', async () => {
    await withWorker(async () => {
      const handle = await open();
      const events = (await handle.fetchHistory()).events ?? [];
      const markers = events.map((e) => e.markerRecordedEventAttributes?.markerName).filter(Boolean);
      expect(markers.length).toBeGreaterThan(0); // the opening projection, a local activity
      expect(markers).not.toContain('core_patch');
      const upserts = events.filter((e) => e.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);
      expect(upserts).toHaveLength(1);
      expect(Object.keys(upserts[0].upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {})).not.toContain('TemporalChangeVersion');
      // Shown after the opening projection, before the opened Update is answered (this start sets none itself).
      const order = events.map((e) => Number(e.eventType));
      expect(order.indexOf(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)).toBeGreaterThan(order.indexOf(EventType.EVENT_TYPE_MARKER_RECORDED));
      expect(order.indexOf(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)).toBeLessThan(order.indexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED));
      const description = await handle.describe();
      expect(description.typedSearchAttributes.get(TicketSearchAttributes.status)).toBe('New');
      expect(description.typedSearchAttributes.get(TicketSearchAttributes.priority)).toBe('P3');
      await send(handle, { type: 'assignToTeam', teamId, teamName: 'BSS IT', actor: dispatcher });
      expect((await handle.describe()).typedSearchAttributes.get(TicketSearchAttributes.team)).toBe('BSS IT');
    });
  });

  it('writes the opening and the routing to the team in one projection before intake is answered', async () => {
    const routeTo = { teamId, teamName: 'BSS IT', teamLine: 1, autoAssign: false };
    const projectionsBeforeOpened = async (handle: Handle) => {
      const order = (await handle.fetchHistory()).events?.map((e) => Number(e.eventType)) ?? [];
      const opened = order.indexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
      return order.slice(0, opened).filter((type) => type === EventType.EVENT_TYPE_MARKER_RECORDED).length;
    };
    // A subscriber to both events, so the webhook outbox shows what each step raised.
    await db.dataSource.query(`INSERT INTO webhook_endpoints (url, event_types, secret, created_by, created_at) VALUES ('http://127.0.0.1:9/hook', '{ticket.created,ticket.status_changed}', 's', 'test', now())`);
    await withWorker(async () => {
      const handle = await tickets.open({ routeTo });
      // Answered only once the read model has both steps: the user's queue shows it at once.
      const { ticket, journal, notifications } = await readModel(handle.workflowId);
      expect(ticket).toMatchObject({ status: 'Assigned', version: 1, team_name: 'BSS IT' });
      expect(journal.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
      expect(notifications).toEqual(['ticketCreated', 'assignedToTeam']);
      const events = await db.dataSource.query(`SELECT event_type AS type, payload->'data'->>'to' AS "to" FROM webhook_deliveries WHERE process_number = $1 ORDER BY created_at, id`, [handle.workflowId]);
      expect(events).toEqual([{ type: 'ticket.created', to: null }, { type: 'ticket.status_changed', to: 'Assigned' }]);
      expect(await projectionsBeforeOpened(handle)).toBe(1);
      // Runs started before the patch wrote each step on its own, and still do.
      const earlier = await tickets.open({ routeTo, patches: PATCHES_IN_FORCE.filter((p) => p !== 'one-projection-at-opening') });
      expect(await projectionsBeforeOpened(earlier)).toBe(2);
      expect((await readModel(earlier.workflowId)).ticket).toMatchObject({ status: 'Assigned', version: 1 });
    });
    await db.dataSource.query(`DELETE FROM webhook_endpoints`);
  });

  it('refuses a command the machine does not allow without writing anything to history', async () => {
    await withWorker(async () => {
      const handle = await open();
      const before = await eventTypes(handle);
      const refusal = await send(handle, { type: 'resolve', resolution: 'done', actor: agent }).catch((e) => e);
      expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(refusal.cause.type).toBe('CommandRefused');
      expect(refusal.cause.details[0]).toMatchObject({ code: 'notAllowedNow', allowedCommands: expect.arrayContaining(['assignToTeam']) });

      const forbidden = await send(handle, { type: 'assignToTeam', teamId, teamName: 'BSS IT', actor: requester }).catch((e) => e);
      expect(forbidden.cause.details[0]).toMatchObject({ code: 'forbidden', rule: 'staffOrSystem' });

      expect(await eventTypes(handle)).toEqual(before);
      const view = await handle.query(ticketViewQuery);
      expect(view.summary).toMatchObject({ status: 'New', version: 0 });
      expect((await readModel(handle.workflowId)).journal).toHaveLength(1);
    });
  });

  it('applies a retried command once when it carries the same update id', async () => {
    await withWorker(async () => {
      const handle = await open();
      const note = { type: 'addJournalNote', text: 'Called the user, no answer', actor: agent } as const;
      const first = await send(handle, note, 'note-1');
      const again = await send(handle, note, 'note-1');
      expect(again.version).toBe(first.version);
      expect((await readModel(handle.workflowId)).journal.filter((e: { kind: string }) => e.kind === 'note')).toHaveLength(1);
    });
  });

  it('closes a Resolved ticket by itself when the auto-close period passes', async () => {
    await withWorker(async () => {
      const handle = await open({ autoCloseAfterMs: 1000 });
      await workToInProgress(handle);
      await send(handle, { type: 'resolve', resolution: 'Driver installed', actor: agent });
      expect((await handle.result()).status).toBe('Closed');
      const history = await handle.fetchHistory();
      const timer = history.events?.find((e) => e.eventType === EventType.EVENT_TYPE_TIMER_STARTED);
      expect(Number(timer?.timerStartedEventAttributes?.startToFireTimeout?.seconds ?? 0) * 1000 +
        Number(timer?.timerStartedEventAttributes?.startToFireTimeout?.nanos ?? 0) / 1e6).toBeLessThanOrEqual(1000);
      const { notifications } = await readModel(handle.workflowId);
      expect(notifications.at(-1)).toBe('closed');
    });
  });

  it('reminds a user who does not answer, then closes the ticket: the pending policy (REQUIREMENTS 2, seed 002)', async () => {
    await withWorker(async () => {
      const handle = await open({ pending: { remindAfter: { ms: 1000 }, closeAfter: { ms: 3000 } } });
      await workToInProgress(handle);
      await send(handle, { type: 'setPending', reason: 'awaitingUser', text: 'Which room is the printer in?', actor: agent });
      expect((await handle.result()).status).toBe('Closed');
      const { journal, notifications } = await readModel(handle.workflowId);
      expect(journal.slice(-2).map((e: { visibility: string; text: string }) => [e.visibility, e.text])).toEqual([
        ['public', 'Reminder sent: we are still waiting for your answer (Which room is the printer in?)'],
        ['public', 'Closed without an answer from the user: no answer 3 s after it was set Pending'],
      ]);
      expect(notifications.slice(-2)).toEqual(['pendingReminder', 'closed']);
    });
  });

  it('stops the pending policy when the user answers, and leaves a wait on a vendor alone', async () => {
    await withWorker(async () => {
      const pending = { remindAfter: { ms: 800 }, closeAfter: { ms: 1500 } };
      const answered = await open({ pending });
      await workToInProgress(answered);
      await send(answered, { type: 'setPending', reason: 'awaitingUser', text: 'Which room?', actor: agent });
      await send(answered, { type: 'reply', text: 'Room 2.14', actor: requester });
      const vendor = await open({ pending });
      await workToInProgress(vendor);
      await send(vendor, { type: 'setPending', reason: 'awaitingVendor', text: 'HP is looking at it', actor: agent });

      await new Promise((r) => setTimeout(r, 2500));
      expect((await answered.query(ticketViewQuery)).summary.status).toBe('InProgress');
      expect((await vendor.query(ticketViewQuery)).summary.status).toBe('Pending');
      for (const handle of [answered, vendor]) expect((await readModel(handle.workflowId)).notifications).not.toContain('pendingReminder');
    });
  });

  it('cancels the auto-close timer when the user replies to a Resolved ticket', async () => {
    await withWorker(async () => {
      const handle = await open({ autoCloseAfterMs: 2000 });
      await workToInProgress(handle);
      await send(handle, { type: 'resolve', resolution: 'Reinstalled the driver', actor: agent });
      const reopened = await send(handle, { type: 'reply', text: 'It still does not print', actor: requester });
      expect(reopened).toMatchObject({ status: 'InProgress', closesAt: null });

      await new Promise((r) => setTimeout(r, 3000));
      const view = await handle.query(ticketViewQuery);
      expect(view.summary.status).toBe('InProgress');
      const types = await eventTypes(handle);
      expect(types).toContain(EventType.EVENT_TYPE_TIMER_CANCELED);
      expect(types).not.toContain(EventType.EVENT_TYPE_TIMER_FIRED);
      const { ticket } = await readModel(handle.workflowId);
      expect(ticket).toMatchObject({ status: 'InProgress', update_flag: true });
    });
  });

  it('continues as new after the policy number of commands, keeping state and journal', async () => {
    await withWorker(async () => {
      const handle = await open({ maxCommandsPerRun: 3 });
      const firstRun = (await handle.describe()).runId;
      await workToInProgress(handle); // 3 commands: the run hands over
      for (const text of ['Tried another cable', 'Ordered a new toner']) {
        await send(handle, { type: 'addJournalNote', text, actor: agent });
      }
      await send(handle, { type: 'pinNote', seq: 5, actor: agent });

      const latest = env.client.workflow.getHandle(handle.workflowId);
      expect((await latest.describe()).runId).not.toBe(firstRun);
      const view = await latest.query(ticketViewQuery);
      expect(view.summary).toMatchObject({ status: 'InProgress', version: 6 });
      // The journal lives in the read model; the new run numbered its entries on from the old one's.
      const { ticket, journal } = await readModel(handle.workflowId);
      expect(journal.map((e: { text: string }) => e.text)).toEqual([
        'Ticket created',
        'Dispatched to team BSS IT',
        'Assigned to LevelOneTim',
        'Work begun',
        'Tried another cable',
        'Ordered a new toner',
      ]);
      const [pinned] = await db.dataSource.query('SELECT seq FROM journal_entries WHERE ticket_number = $1 AND pinned', [handle.workflowId]);
      expect(pinned).toEqual({ seq: 5 });
      expect(ticket).toMatchObject({ status: 'InProgress', version: 6, assignee_name: 'LevelOneTim' });
      expect(journal).toHaveLength(6);
    });
  });

  it('replays every recorded history (this run and the committed fixtures) without non-determinism', async () => {
    const fixtures = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((f) => f.endsWith('.history.pb')) : [];
    expect(fixtures.length).toBeGreaterThan(0);
    const { histories, results } = await tickets.replayOpened('', fixtures.map((file) => ({
      workflowId: file.replace(/\.history\.pb$/, ''),
      history: loadHistory(readFileSync(join(FIXTURES, file))),
    })));
    expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
  });
});
