// The change workflow on a real Temporal dev server, with its real projection activity writing to
// a real PostgreSQL database: the CAB quorum, and the window timers with a window of seconds.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../machines/actor';
import type { ChangeCommandType, ChangeType } from '../machines/change.types';
import { eventually } from '../test/support/eventually';
import { ProcessTestEnv } from '../test/support/process-workflows';
import {
  ChangeCommandMessage,
  changeCommandUpdates,
  changeProcess,
  ChangeSearchAttributes,
  ChangeSummary,
  ChangeWorkflowInput,
} from './change.messages';

jest.setTimeout(60_000);

let t: ProcessTestEnv;
let counter = 0;

const requester: Actor = { id: randomUUID(), role: 'agent', name: 'LevelTwoAhmed' };
const manager: Actor = { id: randomUUID(), role: 'processManager', name: 'Susanne' };
const admin: Actor = { id: randomUUID(), role: 'admin', name: 'Administrator' };
const ingrid: Actor = { id: randomUUID(), role: 'incidentManager', name: 'Ingrid' };

beforeAll(async () => {
  t = await ProcessTestEnv.start('change_workflow');
  await t.users([[requester, 'ahmed'], [manager, 'susanne'], [admin, 'admin'], [ingrid, 'ingrid']]);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const withWorker = (test: () => Promise<void>) => t.withWorker(test);

async function raise(changeType: ChangeType) {
  const number = `CHG-${String(++counter).padStart(6, '0')}`;
  const input: ChangeWorkflowInput = {
    record: { number, changeType, title: 'Replace the print spooler', description: 'The spooler crashes daily', templateId: null, createdAt: new Date().toISOString() },
    requesterId: requester.id,
    authority: { approverIds: [manager.id, admin.id, ingrid.id], quorum: 2 },
    assessment: null,
    problemNumbers: ['PRB-000001'],
    incidentNumbers: [],
    policy: { maxCommandsPerRun: 500 },
    createdBy: requester,
  };
  return t.open(changeProcess, number, input);
}
type Handle = Awaited<ReturnType<typeof raise>>;

const send = (handle: Handle, message: ChangeCommandMessage): Promise<ChangeSummary> =>
  handle.executeUpdate(changeCommandUpdates[message.type as ChangeCommandType] as never, { args: [message] }) as Promise<ChangeSummary>;

const ASSESS = { type: 'assess', risk: 'medium', impact: 'printing in one building', implementationPlan: 'swap the spooler VM', backoutPlan: 'restore the snapshot' } as const;

const stageRow = async (number: string) =>
  (await t.db.dataSource.query(`SELECT stage, overrun_at FROM changes WHERE number = $1`, [number]))[0] as { stage: string; overrun_at: Date | null };
const journal = async (number: string) =>
  ((await t.db.dataSource.query(`SELECT author_id, text FROM change_journal WHERE change_number = $1 ORDER BY seq`, [number])) as Array<{ author_id: string; text: string }>);

describe('change workflow: the CAB quorum', () => {
  it('authorises on K approvals (quorum 2 of 3)', async () => {
    await withWorker(async () => {
      const handle = await raise('normal');
      await send(handle, { ...ASSESS, actor: manager });
      expect((await send(handle, { type: 'approve', actor: admin })).stage).toBe('assessed');
      expect((await send(handle, { type: 'approve', actor: ingrid, rationale: 'low risk' })).stage).toBe('authorised');
      expect((await stageRow(handle.workflowId)).stage).toBe('authorised');
      const description = await handle.describe();
      expect(description.typedSearchAttributes.get(ChangeSearchAttributes.stage)).toBe('authorised');
    });
  });

  it('refuses the change on one rejection, and the workflow ends', async () => {
    await withWorker(async () => {
      const handle = await raise('normal');
      await send(handle, { ...ASSESS, actor: manager });
      await send(handle, { type: 'approve', actor: admin });
      expect((await send(handle, { type: 'reject', actor: manager, rationale: 'exam week' })).stage).toBe('refused');
      expect(await handle.result()).toMatchObject({ stage: 'refused' });
      expect((await stageRow(handle.workflowId)).stage).toBe('refused');
    });
  });

  it('refuses a second vote by the same approver, and a vote by someone not on the CAB', async () => {
    await withWorker(async () => {
      const handle = await raise('normal');
      await send(handle, { ...ASSESS, actor: manager });
      await send(handle, { type: 'approve', actor: admin });
      const twice = send(handle, { type: 'approve', actor: admin });
      await expect(twice).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(twice).rejects.toMatchObject({ cause: { message: 'each approver votes once' } });
      await expect(send(handle, { type: 'approve', actor: requester })).rejects.toMatchObject({ cause: { message: expect.stringContaining('only an approver named') } });
      expect((await handle.query('view')) as { summary: ChangeSummary }).toMatchObject({ summary: { stage: 'assessed', version: 2 } });
    });
  });
});

describe('change workflow: the window timers', () => {
  it('marks the window start (ready to implement) and the overrun (journaled, notified)', async () => {
    await withWorker(async () => {
      const handle = await raise('normal');
      const number = handle.workflowId;
      await send(handle, { ...ASSESS, actor: manager });
      await send(handle, { type: 'approve', actor: admin });
      await send(handle, { type: 'approve', actor: ingrid });
      const start = Date.now() + 1500;
      await send(handle, { type: 'schedule', actor: manager, windowStart: new Date(start).toISOString(), windowEnd: new Date(start + 2000).toISOString() });
      await eventually(() => stageRow(number), (r) => r.stage === 'readyToImplement', 15_000);
      await send(handle, { type: 'startImplementation', actor: requester, note: 'starting' });
      const row = await eventually(() => stageRow(number), (r) => r.overrun_at !== null, 15_000);
      expect(row.stage).toBe('implementing');
      const texts = (await journal(number)).filter((e) => e.author_id === 'system').map((e) => e.text);
      expect(texts).toEqual([
        expect.stringMatching(/^The change window opened .*: ready to implement$/),
        expect.stringMatching(new RegExp(`^${number} overran its window: it ended .* and the change is still being implemented$`)),
      ]);
      const notified: Array<{ recipient_id: string; template: string }> = await t.db.dataSource.query(
        `SELECT recipient_id, template FROM notifications WHERE ticket_number = $1 ORDER BY recipient_id`,
        [number],
      );
      expect(notified.map((n) => n.recipient_id).sort()).toEqual([requester.id, manager.id, admin.id, ingrid.id].sort());
      expect(new Set(notified.map((n) => n.template))).toEqual(new Set(['changeWindowOverrun']));
      const history = await handle.fetchHistory();
      // Two durable timers, each fired once: the window's start and its end.
      expect((history.events ?? []).filter((e) => e.timerStartedEventAttributes)).toHaveLength(2);
      expect((history.events ?? []).filter((e) => e.timerFiredEventAttributes)).toHaveLength(2);
    });
  });
});
