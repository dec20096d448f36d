// The problem workflow on a real Temporal dev server, with its real projection activity writing to
// a real PostgreSQL database: the whole lifecycle (the known error becoming a knowledge entry, the
// stage as a search attribute), a refused command never entering history, and continue-as-new
// carrying the problem over unchanged.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../machines/actor';
import type { ProblemCommandType } from '../machines/problem.types';
import { activitiesOn, TestActivities } from '../test/support/activities';
import { createTestDatabase, TestDatabase } from '../test/support/database';
import { eventually } from '../test/support/eventually';
import { startTemporal, workflowBundle } from '../test/support/temporal';
import {
  ProblemCommandMessage,
  problemCommandUpdates,
  problemOpenedUpdate,
  ProblemSearchAttributes,
  ProblemSummary,
  ProblemWorkflowInput,
} from './problem.messages';
import type { problemWorkflow } from './problem.workflow';

jest.setTimeout(60_000);

const EventType = temporal.api.enums.v1.EventType;
const TASK_QUEUE = 'problem-workflow-test';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let acts: TestActivities;
let counter = 0;

const agent: Actor = { id: randomUUID(), role: 'agent', name: 'LevelTwoAhmed' };
const manager: Actor = { id: randomUUID(), role: 'processManager', name: 'Susanne' };

beforeAll(async () => {
  [env, db] = await Promise.all([startTemporal(), createTestDatabase('problem_workflow')]);
  acts = await activitiesOn(db);
  await workflowBundle();
}, 120_000);

afterAll(async () => {
  await acts?.close();
  await env?.teardown();
  await db?.drop();
});

async function withWorker(test: () => Promise<void>): Promise<void> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    activities: acts.activities,
  });
  await worker.runUntil(test);
}

async function create(maxCommandsPerRun = 500) {
  const number = `PRB-${String(++counter).padStart(6, '0')}`;
  const input: ProblemWorkflowInput = {
    incidents: ['INC-000001', 'INC-000002', 'INC-000003'],
    createdBy: agent,
    policy: { maxCommandsPerRun },
    record: { number, title: 'Printing stops on the 3rd floor', description: 'Three users cannot print', createdAt: new Date().toISOString() },
  };
  const handle = await env.client.workflow.start<typeof problemWorkflow>('problemWorkflow', { workflowId: number, taskQueue: TASK_QUEUE, args: [input] });
  await handle.executeUpdate(problemOpenedUpdate);
  return number;
}

/** Always the workflow's latest run: continue-as-new starts another. */
const send = (number: string, message: ProblemCommandMessage): Promise<ProblemSummary> =>
  env.client.workflow.getHandle(number).executeUpdate(problemCommandUpdates[message.type as ProblemCommandType] as never, { args: [message] }) as Promise<ProblemSummary>;

const row = async (number: string) => {
  const [problem] = await db.dataSource.query(`SELECT * FROM problems WHERE number = $1`, [number]);
  return problem;
};
const trail = async (number: string): Promise<string[]> =>
  (await db.dataSource.query(`SELECT text FROM problem_journal WHERE problem_number = $1 ORDER BY seq`, [number])).map((e: { text: string }) => e.text);

const LIFECYCLE: ProblemCommandMessage[] = [
  { type: 'startInvestigation', actor: agent },
  { type: 'unlinkIncident', incident: 'INC-000003', actor: agent },
  { type: 'linkIncident', incident: 'INC-000003', actor: agent },
  { type: 'recordRootCause', rootCause: 'The print server’s spooler leaks memory', actor: agent },
  { type: 'recordWorkaround', workaround: 'Restart the spooler service', actor: agent },
  { type: 'publishKnownError', title: 'Printing stops on the 3rd floor', symptoms: 'Jobs stay queued', actor: agent },
  { type: 'requestChange', summary: 'Upgrade the print server', actor: agent },
  { type: 'resolve', resolution: 'Print server upgraded', actor: agent },
  { type: 'close', note: 'Reviewed', actor: manager },
];

describe('problem workflow', () => {
  it('runs the lifecycle: projected, knowledge entry published, stage searchable, closed and completed', async () => {
    await withWorker(async () => {
      const number = await create();
      expect(await row(number)).toMatchObject({ stage: 'new', incidents: ['INC-000001', 'INC-000002', 'INC-000003'], version: 0 });
      for (const message of LIFECYCLE.slice(0, 6)) await send(number, message);
      expect(await row(number)).toMatchObject({ stage: 'knownError', known_error: true, knowledge_entry_id: `KE-${number.slice(4)}` });
      const [entry] = await db.dataSource.query(`SELECT * FROM knowledge_entries WHERE problem_number = $1`, [number]);
      expect(entry).toMatchObject({ id: `KE-${number.slice(4)}`, title: 'Printing stops on the 3rd floor', symptoms: 'Jobs stay queued', workaround: 'Restart the spooler service' });
      const handle = env.client.workflow.getHandle(number);
      expect((await handle.describe()).typedSearchAttributes.get(ProblemSearchAttributes.stage)).toBe('knownError');

      // Refused: an agent may not close; the machine's reason comes back, nothing enters history.
      const before = (await handle.fetchHistory()).events?.length ?? 0;
      const refused = await send(number, { type: 'close', actor: agent }).catch((e) => e);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(refused.cause.details[0]).toMatchObject({ code: 'notAllowedNow' });

      for (const message of LIFECYCLE.slice(6)) await send(number, message);
      expect(await handle.result()).toMatchObject({ number, stage: 'closed', version: 9 });
      expect(await row(number)).toMatchObject({ stage: 'closed', resolution: 'Print server upgraded', change_requests: [expect.objectContaining({ summary: 'Upgrade the print server' })] });
      expect((await handle.describe()).typedSearchAttributes.get(ProblemSearchAttributes.stage)).toBe('closed');
      expect(await trail(number)).toEqual([
        'Problem created from INC-000001, INC-000002, INC-000003',
        'Investigation started',
        'Incident INC-000003 unlinked',
        'Incident INC-000003 linked',
        'Root-cause analysis recorded: The print server’s spooler leaks memory',
        'Workaround recorded: Restart the spooler service',
        `Known error published as knowledge entry KE-${number.slice(4)}: Printing stops on the 3rd floor`,
        'Change requested: Upgrade the print server',
        'Problem resolved: Print server upgraded',
        'Problem closed: Reviewed',
      ]);
      const history = (await handle.fetchHistory()).events ?? [];
      expect(history.length).toBeGreaterThan(before);
      const updates = history
        .filter((e) => Number(e.eventType) === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name);
      expect(updates).toEqual(['opened', ...LIFECYCLE.map((m) => m.type)]);
    });
  });

  it('continues as new after its command budget, carrying stage, incidents, journal and version over', async () => {
    await withWorker(async () => {
      const number = await create(5);
      const first = (await env.client.workflow.getHandle(number).describe()).runId;
      for (const message of LIFECYCLE.slice(0, 5)) await send(number, message);
      const runs = await eventually(
        async () => (await env.client.workflow.getHandle(number).describe()).runId,
        (runId) => runId !== first,
      );
      expect(runs).not.toBe(first);
      // The new run knows the problem as it was: the next commands apply, the journal continues.
      for (const message of LIFECYCLE.slice(5)) await send(number, message);
      expect(await env.client.workflow.getHandle(number).result()).toMatchObject({ stage: 'closed', version: 9, incidents: ['INC-000001', 'INC-000002', 'INC-000003'] });
      const entries = await trail(number);
      expect(entries).toHaveLength(10);
      expect(entries.at(-1)).toBe('Problem closed: Reviewed');
      const view = await env.client.workflow.getHandle(number, first).fetchHistory();
      expect((view.events ?? []).some((e) => Number(e.eventType) === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW)).toBe(true);
    });
  });
});
