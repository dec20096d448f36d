// The CSI proposal workflow on a real Temporal dev server, with its real projection activity
// writing to a real PostgreSQL database. A stage reminder policy of a second or two stands in for
// 10 business days (the duration is a workflow input; the calendar 24x7 so it runs at any hour).
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../machines/actor';
import { ALWAYS_OPEN } from '../machines/calendar/business-calendar';
import type { CsiCommandType } from '../machines/csi-proposal.types';
import { eventually } from '../test/support/eventually';
import { ProcessTestEnv } from '../test/support/process-workflows';
import {
  CsiCommandMessage,
  csiCommandUpdates,
  csiProcess,
  CsiSearchAttributes,
  CsiSummary,
  CsiWorkflowInput,
} from './csi-proposal.messages';

jest.setTimeout(60_000);

const EventType = temporal.api.enums.v1.EventType;
let t: ProcessTestEnv;
let counter = 0;

const proposer: Actor = { id: randomUUID(), role: 'endUser', name: 'CustomerJannet' };
const manager: Actor = { id: randomUUID(), role: 'processManager', name: 'Susanne' };
const forum: Actor = { id: randomUUID(), role: 'csiForum', name: 'Thomas' };
const admin: Actor = { id: randomUUID(), role: 'admin', name: 'Administrator' };

beforeAll(async () => {
  t = await ProcessTestEnv.start('csi_workflow');
  await t.users([[proposer, 'jannet'], [manager, 'susanne'], [forum, 'thomas'], [admin, 'admin']]);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const withWorker = (test: () => Promise<void>) => t.withWorker(test);

async function submit(reminderAfterMs: number) {
  const number = `CSI-${String(++counter).padStart(6, '0')}`;
  const input: CsiWorkflowInput = {
    proposerId: proposer.id,
    createdBy: proposer,
    policy: { reminderAfterMs, calendar: ALWAYS_OPEN, maxCommandsPerRun: 500 },
    record: {
      number,
      title: 'Show the pending reason in the ticket list',
      description: 'Dispatchers open every pending ticket to see why it waits.',
      concerns: 'ITSM tool: ticket list',
      expectedBenefit: 'Saves the dispatchers time',
      categoryId: null,
      createdAt: new Date().toISOString(),
    },
  };
  return t.open(csiProcess, number, input);
}
type Handle = Awaited<ReturnType<typeof submit>>;

const send = (handle: Handle, message: CsiCommandMessage): Promise<CsiSummary> =>
  handle.executeUpdate(csiCommandUpdates[message.type as CsiCommandType] as never, { args: [message] }) as Promise<CsiSummary>;

async function reminders(number: string) {
  const journal: Array<{ text: string }> = await t.db.dataSource.query(
    `SELECT text FROM csi_journal WHERE proposal_number = $1 AND author_id = 'system' ORDER BY seq`,
    [number],
  );
  const notifications: Array<{ recipient_id: string; subject: string; template: string }> = await t.db.dataSource.query(
    `SELECT recipient_id, subject, template FROM notifications WHERE ticket_number = $1 ORDER BY created_at, id`,
    [number],
  );
  return { journal: journal.map((e) => e.text), notifications };
}

async function historyEvents(handle: Handle): Promise<number[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).map((e) => Number(e.eventType));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CSI proposal workflow', () => {
  it('reminds the stage owner once per overdue stage, journaled and notified', async () => {
    await withWorker(async () => {
      const handle = await submit(1000);
      const number = handle.workflowId;
      const first = await eventually(() => reminders(number), (r) => r.journal.length >= 1);
      expect(first.journal).toEqual([expect.stringMatching(new RegExp(`^${number} has waited in submitted since .*: process management is reminded$`))]);
      expect(first.notifications).toEqual([
        { recipient_id: manager.id, subject: `[${number}] Reminder: change proposal waiting in submitted`, template: 'csiStageReminder' },
      ]);
      // Once per stage: waiting on does not remind again.
      await sleep(2500);
      expect((await reminders(number)).journal).toHaveLength(1);

      // The next stage has its own clock and its owner: ITSM system administration.
      await send(handle, { type: 'accept', rationale: 'Fits the CSI plan', actor: manager });
      const second = await eventually(() => reminders(number), (r) => r.journal.length >= 2);
      expect(second.journal[1]).toMatch(/waited in assessment .*ITSM system administration is reminded$/);
      expect(second.notifications.map((n) => n.recipient_id)).toEqual([manager.id, admin.id]);
      await sleep(2000);
      expect((await reminders(number)).journal).toHaveLength(2);
      const timersFired = (await historyEvents(handle)).filter((t) => t === EventType.EVENT_TYPE_TIMER_FIRED);
      expect(timersFired).toHaveLength(2);
      expect((await handle.describe()).typedSearchAttributes.get(CsiSearchAttributes.stage)).toBe('assessment');
    });
  });

  it('cancels the reminder when the stage moves on in time', async () => {
    await withWorker(async () => {
      const handle = await submit(2500);
      const number = handle.workflowId;
      await sleep(800);
      await send(handle, { type: 'requestInformation', question: 'Which screens do you mean?', actor: manager });
      await sleep(1000);
      await send(handle, { type: 'provideInformation', text: 'The ticket list.', actor: proposer });
      await sleep(1000);
      await send(handle, { type: 'accept', rationale: 'Clear now', actor: manager });
      // Each stage moved on before its 2.5 s: no reminder yet, and the timers were cancelled.
      expect((await reminders(number)).journal).toEqual([]);
      const events = await historyEvents(handle);
      // One reminder timer a stage: submitted, awaiting information and process review were each cancelled.
      expect(events.filter((t) => t === EventType.EVENT_TYPE_TIMER_CANCELED)).toHaveLength(3);
      expect(events).not.toContain(EventType.EVENT_TYPE_TIMER_FIRED);
      const summary = await send(handle, { type: 'assess', scope: 'List view', effortEstimate: '2 days', actor: admin });
      expect(summary.stage).toBe('prioritisation');
      expect(summary.remindsAt).not.toBeNull();
    });
  });

  it('reminds the proposer while an information request waits', async () => {
    await withWorker(async () => {
      const handle = await submit(1000);
      const number = handle.workflowId;
      await send(handle, { type: 'requestInformation', question: 'Which screens?', actor: manager });
      const waited = await eventually(() => reminders(number), (r) => r.journal.length >= 1);
      expect(waited.journal[0]).toMatch(/waited in awaitingInformation .*the proposer is reminded$/);
      expect(waited.notifications.map((n) => n.recipient_id)).toEqual([proposer.id]);
    });
  });

  it('runs to done through a deferral whose forum date brings it back, and completes', async () => {
    await withWorker(async () => {
      const handle = await submit(3_600_000);
      const number = handle.workflowId;
      await send(handle, { type: 'accept', rationale: 'Fits the plan', actor: manager });
      await send(handle, { type: 'assess', scope: 'List view', effortEstimate: '2 days', actor: admin });
      await send(handle, { type: 'proposePriority', priority: 2, rationale: 'Saves time daily', actor: manager });
      const deferred = await send(handle, { type: 'defer', forumDate: new Date(Date.now() + 1500).toISOString(), rationale: 'Next meeting', actor: forum });
      expect(deferred).toMatchObject({ stage: 'deferred', remindsAt: null });
      const back = await eventually(
        async () => (await t.db.dataSource.query('SELECT stage FROM csi_proposals WHERE number = $1', [number]))[0]?.stage,
        (stage) => stage === 'forumDecision',
      );
      expect(back).toBe('forumDecision');

      // A refused command never enters history: a rationale is required.
      const refused = await send(handle, { type: 'approve', priority: 'high', rationale: '', actor: forum }).catch((e) => e);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(refused.cause.details[0]).toMatchObject({ code: 'ruleBroken', field: 'rationale' });

      await send(handle, { type: 'approve', priority: 'high', rationale: 'Agreed', actor: forum });
      await send(handle, { type: 'startImplementation', note: 'Sprint 12', actor: admin });
      await send(handle, { type: 'completeImplementation', note: 'Released', actor: admin });
      expect(await handle.result()).toMatchObject({ number, stage: 'done' });

      const [row] = await t.db.dataSource.query('SELECT stage, priority_proposed, priority_final, assessment, decisions, version FROM csi_proposals WHERE number = $1', [number]);
      expect(row).toMatchObject({ stage: 'done', priority_proposed: 'high', priority_final: 'high', assessment: { scope: 'List view', effortEstimate: '2 days' } });
      expect(row.decisions.map((d: { command: string }) => d.command)).toEqual([
        'accept', 'assess', 'proposePriority', 'defer', 'forumDateReached', 'approve', 'startImplementation', 'completeImplementation',
      ]);
      const accepted = (await handle.fetchHistory()).events!
        .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name);
      expect(accepted).toEqual(['opened', 'accept', 'assess', 'proposePriority', 'defer', 'approve', 'startImplementation', 'completeImplementation']);
      expect((await handle.describe()).typedSearchAttributes.get(CsiSearchAttributes.stage)).toBe('done');
    });
  });
});
