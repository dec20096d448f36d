// The ticket workflow on a real Temporal dev server, with its real activities writing to a real
// PostgreSQL database. Short policy durations stand in for the 30-day auto-close.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../machines/actor';
import type { TicketCommandType } from '../machines/ticket.types';
import { TicketProjectionActivities } from '../src/tickets/ticket.activities';
import { createTestDatabase, TestDatabase } from '../test/support/database';
import { startTemporal, workflowBundle } from '../test/support/temporal';
import {
  openedUpdate,
  TicketCommandMessage,
  ticketCommandUpdates,
  TicketPolicy,
  TicketSearchAttributes,
  TicketSummary,
  ticketViewQuery,
  TicketWorkflowInput,
} from './ticket.messages';
import type { ticketWorkflow } from './ticket.workflow';

const EventType = temporal.api.enums.v1.EventType;
const TASK_QUEUE = 'ticket-workflow-test';
const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'histories');
const RECORDED = join(__dirname, '..', 'test', '.histories');

let env: TestWorkflowEnvironment;
let db: TestDatabase;
const recorded: string[] = [];

const requester: Actor = { id: randomUUID(), role: 'endUser', name: 'CustomerJannet' };
const agent: Actor = { id: randomUUID(), role: 'agent', name: 'LevelOneTim' };
const dispatcher: Actor = { id: randomUUID(), role: 'dispatcher', name: 'Dorthe' };
const teamId = randomUUID();
let counter = 0;

beforeAll(async () => {
  [env, db] = await Promise.all([startTemporal(), createTestDatabase('workflow')]);
  await workflowBundle();
}, 120_000);

/** A worker lives for one test (`runUntil` shuts it down afterwards), as in Temporal's samples. */
async function withWorker(test: () => Promise<void>): Promise<void> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    activities: new TicketProjectionActivities(db.dataSource).asActivities(),
  });
  await worker.runUntil(test);
}

afterAll(async () => {
  await env?.teardown();
  await db?.drop();
});

function inputFor(number: string, policy: Partial<TicketPolicy> = {}): TicketWorkflowInput {
  return {
    type: 'incident',
    requesterId: requester.id,
    createdBy: requester,
    policy: { autoCloseAfterMs: 30 * 24 * 3600 * 1000, requiresApproval: false, maxCommandsPerRun: 500, ...policy },
    record: {
      number,
      title: 'Cannot print',
      description: 'Nothing happens when I print from Word',
      categoryId: null,
      categoryName: null,
      impact: 'workplace',
      urgency: 'today',
      priority: 'P3',
      priorityName: 'NORMAL',
      priorityScore: 4,
      teamName: null,
      assigneeName: null,
      channel: 'portal',
      createdAt: new Date().toISOString(),
    },
  };
}

async function open(policy: Partial<TicketPolicy> = {}) {
  const number = `INC-${String(++counter).padStart(6, '0')}`;
  const handle = await env.client.workflow.start<typeof ticketWorkflow>('ticketWorkflow', {
    workflowId: number,
    taskQueue: TASK_QUEUE,
    args: [inputFor(number, policy)],
  });
  await handle.executeUpdate(openedUpdate);
  recorded.push(number);
  return handle;
}

type Handle = Awaited<ReturnType<typeof open>>;

function send(handle: Handle, message: TicketCommandMessage, updateId?: string): Promise<TicketSummary> {
  const update = ticketCommandUpdates[message.type as TicketCommandType];
  return handle.executeUpdate(update as never, { args: [message], ...(updateId ? { updateId } : {}) }) as Promise<TicketSummary>;
}

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

  it('refuses a command the machine does not allow without writing anything to history', async () => {
    await withWorker(async () => {
      const handle = await open();
      const before = await eventTypes(handle);
      const refusal = await send(handle, { type: 'resolve', resolution: 'done', actor: agent }).catch((e) => e);
      expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(refusal.cause.type).toBe('CommandRefused');
      expect(refusal.cause.details[0]).toMatchObject({ code: 'notAllowedNow', allowedCommands: expect.arrayContaining(['assignToTeam']) });

      const forbidden = await send(handle, { type: 'assignToTeam', teamId, teamName: 'BSS IT', actor: requester }).catch((e) => e);
      expect(forbidden.cause.details[0]).toMatchObject({ code: 'forbidden', rule: 'staff' });

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
      expect(view.journal.map((e) => e.text)).toEqual([
        'Ticket created',
        'Dispatched to team BSS IT',
        'Assigned to LevelOneTim',
        'Work begun',
        'Tried another cable',
        'Ordered a new toner',
      ]);
      expect(view.journal[4].pinned).toBe(true);
      const { ticket, journal } = await readModel(handle.workflowId);
      expect(ticket).toMatchObject({ status: 'InProgress', version: 6, assignee_name: 'LevelOneTim' });
      expect(journal).toHaveLength(6);
    });
  });

  it('replays every recorded history (this run and the committed fixtures) without non-determinism', async () => {
    // Histories are kept as binary protobuf: the SDK's JSON history reader trips over the two
    // protobufjs majors npm installs side by side (7 for @temporalio/proto, 8 for /common).
    const History = temporal.api.history.v1.History;
    mkdirSync(RECORDED, { recursive: true });
    const histories = [];
    for (const workflowId of recorded) {
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      writeFileSync(join(RECORDED, `${workflowId}.history.pb`), History.encode(history).finish());
      histories.push({ workflowId, history });
    }
    for (const file of existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((f) => f.endsWith('.history.pb')) : []) {
      histories.push({ workflowId: file.replace(/\.history\.pb$/, ''), history: History.decode(readFileSync(join(FIXTURES, file))) });
    }
    expect(histories.length).toBeGreaterThan(recorded.length); // the committed fixtures are there
    const results = Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories);
    const replayed: string[] = [];
    for await (const result of results) {
      expect({ workflowId: result.workflowId, error: result.error?.message }).toEqual({ workflowId: result.workflowId, error: undefined });
      replayed.push(result.workflowId);
    }
    expect(replayed).toHaveLength(histories.length);
  });
});
