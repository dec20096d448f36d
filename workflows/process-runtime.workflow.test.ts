// What every process workflow does the same way, because it runs on the one process runtime
// (workflows/runtime/process-runtime.ts): table-driven over ticket, major incident, problem,
// change and CSI proposal, on a real Temporal dev server with the real activities on a real
// PostgreSQL database. What is a process's own (SLA clocks, reminders, windows, the CAB) is in
// its own suite.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../machines/actor';
import { ALWAYS_OPEN } from '../machines/calendar/business-calendar';
import { ProcessTestEnv } from '../test/support/process-workflows';
import { changeProcess, ChangeSearchAttributes, ChangeWorkflowInput } from './change.messages';
import { csiProcess, CsiSearchAttributes, CsiWorkflowInput } from './csi-proposal.messages';
import { miProcess, MiSearchAttributes, MiWorkflowInput } from './major-incident.messages';
import { problemProcess, ProblemSearchAttributes, ProblemWorkflowInput } from './problem.messages';
import type { ProcessDefinition } from './runtime/messages';
import { ticketProcess, TicketSearchAttributes, TicketWorkflowInput } from './ticket.messages';

jest.setTimeout(90_000);

let t: ProcessTestEnv;

const requester: Actor = { id: randomUUID(), role: 'endUser', name: 'CustomerJannet' };
const agent: Actor = { id: randomUUID(), role: 'agent', name: 'LevelOneTim' };
const dispatcher: Actor = { id: randomUUID(), role: 'dispatcher', name: 'Dorthe' };
const incidentManager: Actor = { id: randomUUID(), role: 'incidentManager', name: 'Ingrid' };
const processManager: Actor = { id: randomUUID(), role: 'processManager', name: 'Susanne' };
const admin: Actor = { id: randomUUID(), role: 'admin', name: 'Administrator' };
const now = () => new Date().toISOString();

/** One process as the table sees it. */
interface Case {
  name: string;
  process: ProcessDefinition<string, unknown, unknown, unknown>;
  prefix: string;
  input(number: string, maxCommandsPerRun: number): unknown;
  /** Commands from opening to a final state. */
  lifecycle: Array<{ type: string; actor: Actor } & Record<string, unknown>>;
  final: string;
  /** What the summary calls the state. */
  stateKey: 'status' | 'stage';
  searchAttribute: { name: string };
  table: string;
  journal: { table: string; key: string };
  /** A command the machine refuses on a fresh process, and the verdict code. */
  refused: { message: { type: string; actor: Actor } & Record<string, unknown>; code: string };
  /** Update names are the commands', or prefixed (the MI's `mi.<command>`). */
  updateName?: (command: string) => string;
}

const CASES: Case[] = [
  {
    name: 'ticket',
    process: ticketProcess as never,
    prefix: 'INC',
    input: (number, maxCommandsPerRun): TicketWorkflowInput => ({
      type: 'incident',
      requesterId: requester.id,
      createdBy: requester,
      policy: { autoCloseAfterMs: 30 * 24 * 3600_000, requiresApproval: true, maxCommandsPerRun },
      record: {
        number, title: 'Cannot print', description: 'Nothing happens when I print from Word', categoryId: null, categoryName: null,
        impact: 'workplace', urgency: 'today', priority: 'P3', priorityName: 'NORMAL', priorityScore: 4, teamName: null, assigneeName: null,
        channel: 'portal', createdAt: now(),
      },
    }),
    lifecycle: [
      { type: 'assignToTeam', teamId: randomUUID(), teamName: 'BSS IT', actor: dispatcher },
      { type: 'assignToAgent', agentId: agent.id, agentName: agent.name, actor: dispatcher },
      { type: 'beginWork', actor: agent },
      { type: 'addJournalNote', text: 'Reinstalled the driver', actor: agent },
      { type: 'resolve', resolution: 'The driver was reinstalled', actor: agent },
      { type: 'approve', actor: requester },
    ],
    final: 'Closed',
    stateKey: 'status',
    searchAttribute: TicketSearchAttributes.status,
    table: 'tickets',
    journal: { table: 'journal_entries', key: 'ticket_number' },
    refused: { message: { type: 'resolve', resolution: 'done', actor: agent }, code: 'notAllowedNow' },
  },
  {
    name: 'major incident',
    process: miProcess as never,
    prefix: 'MI',
    input: (number, maxCommandsPerRun): MiWorkflowInput => ({
      record: { number, title: 'Printing down', categoryId: null, candidates: [], clusterKey: null, createdAt: now() },
      policy: { updateEveryMs: 3600_000, maxCommandsPerRun },
      proposedBy: agent,
      reason: 'A whole building cannot print',
      stakeholderIds: [processManager.id],
    }),
    lifecycle: [
      { type: 'accept', actor: incidentManager },
      { type: 'assign', teamId: randomUUID(), teamName: 'AU IT Operations', actor: incidentManager },
      { type: 'postUpdate', text: 'The print server is being replaced', actor: incidentManager },
      { type: 'link', number: 'INC-000101', actor: incidentManager },
      // Unlinked again: with no linked incident there is no cascade, whose report would be a version
      // of its own at a moment of its own (major-incident.workflow.test.ts covers the cascade).
      { type: 'unlink', number: 'INC-000101', actor: incidentManager },
      { type: 'resolve', resolution: 'Print server replaced', actor: incidentManager },
      { type: 'startReview', actor: incidentManager },
      { type: 'recordReview', cause: 'Disk full', actions: 'Disk monitoring', actor: incidentManager },
      { type: 'close', actor: incidentManager },
    ],
    final: 'closed',
    stateKey: 'stage',
    searchAttribute: MiSearchAttributes.stage,
    table: 'major_incidents',
    journal: { table: 'mi_journal', key: 'mi_number' },
    refused: { message: { type: 'accept', actor: agent }, code: 'forbidden' },
    updateName: (command) => `mi.${command}`,
  },
  {
    name: 'problem',
    process: problemProcess as never,
    prefix: 'PRB',
    input: (number, maxCommandsPerRun): ProblemWorkflowInput => ({
      incidents: ['INC-000001', 'INC-000002'],
      createdBy: agent,
      policy: { maxCommandsPerRun },
      record: { number, title: 'Printing stops on the 3rd floor', description: 'Two users cannot print', createdAt: now() },
    }),
    lifecycle: [
      { type: 'startInvestigation', actor: agent },
      { type: 'recordRootCause', rootCause: 'The spooler leaks memory', actor: agent },
      { type: 'recordWorkaround', workaround: 'Restart the spooler', actor: agent },
      { type: 'resolve', resolution: 'Print server upgraded', actor: agent },
      { type: 'close', note: 'Reviewed', actor: processManager },
    ],
    final: 'closed',
    stateKey: 'stage',
    searchAttribute: ProblemSearchAttributes.stage,
    table: 'problems',
    journal: { table: 'problem_journal', key: 'problem_number' },
    refused: { message: { type: 'close', actor: agent }, code: 'notAllowedNow' },
  },
  {
    name: 'change',
    process: changeProcess as never,
    prefix: 'CHG',
    input: (number, maxCommandsPerRun): ChangeWorkflowInput => ({
      record: { number, changeType: 'normal', title: 'Replace the print spooler', description: 'It crashes daily', templateId: null, createdAt: now() },
      requesterId: agent.id,
      authority: { approverIds: [processManager.id, admin.id], quorum: 2 },
      assessment: null,
      problemNumbers: [],
      incidentNumbers: [],
      policy: { maxCommandsPerRun },
      createdBy: agent,
    }),
    lifecycle: [
      { type: 'linkIncident', incidentNumber: 'INC-000101', actor: agent },
      { type: 'assess', risk: 'medium', impact: 'one building', implementationPlan: 'swap the VM', backoutPlan: 'restore the snapshot', actor: processManager },
      { type: 'approve', actor: admin },
      { type: 'reject', rationale: 'exam week', actor: processManager },
    ],
    final: 'refused',
    stateKey: 'stage',
    searchAttribute: ChangeSearchAttributes.stage,
    table: 'changes',
    journal: { table: 'change_journal', key: 'change_number' },
    refused: { message: { type: 'approve', actor: admin }, code: 'notAllowedNow' },
  },
  {
    name: 'CSI proposal',
    process: csiProcess as never,
    prefix: 'CSI',
    input: (number, maxCommandsPerRun): CsiWorkflowInput => ({
      proposerId: requester.id,
      createdBy: requester,
      policy: { reminderAfterMs: 3600_000, calendar: ALWAYS_OPEN, maxCommandsPerRun },
      record: {
        number, title: 'Show the pending reason in the list', description: 'Dispatchers open every pending ticket', concerns: 'ITSM tool',
        expectedBenefit: 'Saves time', categoryId: null, createdAt: now(),
      },
    }),
    lifecycle: [
      { type: 'startReview', actor: processManager },
      { type: 'requestInformation', question: 'Which list?', actor: processManager },
      { type: 'provideInformation', text: 'The team queue', actor: requester },
      { type: 'reject', rationale: 'The queue shows it already', actor: processManager },
    ],
    final: 'rejected',
    stateKey: 'stage',
    searchAttribute: CsiSearchAttributes.stage,
    table: 'csi_proposals',
    journal: { table: 'csi_journal', key: 'proposal_number' },
    refused: { message: { type: 'accept', rationale: 'mine', actor: requester }, code: 'forbidden' },
  },
];

const opened: string[] = [];
let counter = 0;

async function open(c: Case, maxCommandsPerRun = 500): Promise<string> {
  const number = `${c.prefix}-${String(++counter).padStart(6, '0')}`;
  await t.open(c.process as never, number, c.input(number, maxCommandsPerRun));
  opened.push(number);
  return number;
}

async function readModel(c: Case, number: string) {
  const [row] = await t.db.dataSource.query(`SELECT version, ${c.stateKey === 'status' ? 'status' : 'stage'} AS state FROM ${c.table} WHERE number = $1`, [number]);
  const seqs: Array<{ seq: number }> = await t.db.dataSource.query(`SELECT seq FROM ${c.journal.table} WHERE ${c.journal.key} = $1 ORDER BY seq`, [number]);
  return { ...row, seqs: seqs.map((s) => s.seq) };
}

const nameOf = (c: Case, command: string) => (c.updateName ?? ((x: string) => x))(command);
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

beforeAll(async () => {
  t = await ProcessTestEnv.start('process_runtime');
  await t.users([[requester, 'jannet'], [agent, 'tim'], [dispatcher, 'dorthe'], [incidentManager, 'ingrid'], [processManager, 'susanne'], [admin, 'admin']]);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe.each(CASES)('the $name workflow', (c) => {
  it('runs from opening to its final state, each command an Update named after it, projected, searchable, completed', async () => {
    await t.withWorker(async () => {
      const number = await open(c);
      for (const message of c.lifecycle) await t.send(c.process, number, message);
      const result = (await t.env.client.workflow.getHandle(number).result()) as Record<string, unknown>;
      expect(result).toMatchObject({ number, [c.stateKey]: c.final, version: c.lifecycle.length });
      expect(await t.updateNames(number)).toEqual(['opened', ...c.lifecycle.map((m) => nameOf(c, m.type))]);
      const row = await readModel(c, number);
      expect(row).toMatchObject({ state: c.final, version: c.lifecycle.length });
      expect(row.seqs).toEqual(oneToN(row.seqs.length));
      const described = await t.env.client.workflow.getHandle(number).describe();
      expect(described.typedSearchAttributes.get(c.searchAttribute as never)).toBe(c.final);
    });
  });

  it('refuses what the machine does not take now with its verdict, and writes nothing to history', async () => {
    await t.withWorker(async () => {
      const number = await open(c);
      const before = await t.historyLength(number);
      const refusal = (await t.send(c.process, number, c.refused.message).catch((e: unknown) => e)) as WorkflowUpdateFailedError;
      expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(refusal.cause).toMatchObject({ type: 'CommandRefused', details: [expect.objectContaining({ code: c.refused.code, allowedCommands: expect.any(Array) })] });
      expect(await t.historyLength(number)).toBe(before);
      expect(await readModel(c, number)).toMatchObject({ version: 0 });
    });
  });

  it('continues as new after its command budget, and the next run carries on where the last stopped', async () => {
    await t.withWorker(async () => {
      const number = await open(c, 2);
      for (const message of c.lifecycle) await t.send(c.process, number, message);
      const result = (await t.env.client.workflow.getHandle(number).result()) as Record<string, unknown>;
      expect(result).toMatchObject({ [c.stateKey]: c.final, version: c.lifecycle.length });
      const runs = await t.runIds(number);
      expect(runs).toHaveLength(Math.ceil(c.lifecycle.length / 2));
      // Journal numbers run on across runs: no gap, no duplicate.
      const row = await readModel(c, number);
      expect(row.seqs).toEqual(oneToN(row.seqs.length));
      expect(row.version).toBe(c.lifecycle.length);
    });
  });

  it('answers a retried command with its first answer, also when the retry reaches the next run', async () => {
    await t.withWorker(async () => {
      const number = await open(c, 2);
      const [first, second] = c.lifecycle;
      await t.send(c.process, number, first, `${number}-k1`);
      // The second command ends the run's budget: the workflow continues as new after it.
      const answered = await t.send<Record<string, unknown>>(c.process, number, second, `${number}-k2`);
      const before = await readModel(c, number);
      expect((await t.runIds(number)).length).toBe(2);
      const retried = await t.send<Record<string, unknown>>(c.process, number, second, `${number}-k2`);
      expect(retried).toEqual(answered);
      // Answered, not applied again: no new version, no new journal entry.
      expect(await readModel(c, number)).toEqual(before);
    });
  });
});

it('replays every history it recorded (every run of every process) without non-determinism', async () => {
  const { histories, results } = await t.replay('runtime-', opened);
  let runs = 0;
  for (const number of opened) runs += (await t.runIds(number)).length;
  expect(histories).toHaveLength(runs);
  expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
});

