// The problem workflow's own behaviour on a real Temporal dev server, with its real projection
// activity on a real PostgreSQL database: the known error becoming a knowledge entry, the trail
// as the read model keeps it. What every process does alike (refusals, continue-as-new, retries)
// is in process-runtime.workflow.test.ts.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../machines/actor';
import { ProcessTestEnv } from '../test/support/process-workflows';
import { ProblemCommandMessage, problemProcess, ProblemSummary, ProblemWorkflowInput } from './problem.messages';

jest.setTimeout(60_000);

let t: ProcessTestEnv;
let counter = 0;

const agent: Actor = { id: randomUUID(), role: 'agent', name: 'LevelTwoAhmed' };
const manager: Actor = { id: randomUUID(), role: 'processManager', name: 'Susanne' };

beforeAll(async () => {
  t = await ProcessTestEnv.start('problem_workflow');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function create(): Promise<string> {
  const number = `PRB-${String(++counter).padStart(6, '0')}`;
  const input: ProblemWorkflowInput = {
    incidents: ['INC-000001', 'INC-000002', 'INC-000003'],
    createdBy: agent,
    policy: { maxCommandsPerRun: 500 },
    record: { number, title: 'Printing stops on the 3rd floor', description: 'Three users cannot print', createdAt: new Date().toISOString() },
  };
  await t.open(problemProcess, number, input);
  return number;
}

const send = (number: string, message: ProblemCommandMessage) => t.send<ProblemSummary>(problemProcess, number, message);

const row = async (number: string) => {
  const [problem] = await t.db.dataSource.query(`SELECT * FROM problems WHERE number = $1`, [number]);
  return problem;
};
const trail = async (number: string): Promise<string[]> =>
  (await t.db.dataSource.query(`SELECT text FROM problem_journal WHERE problem_number = $1 ORDER BY seq`, [number])).map((e: { text: string }) => e.text);

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
  it('publishes the known error as a knowledge entry, records the change request, and keeps the trail', async () => {
    await t.withWorker(async () => {
      const number = await create();
      expect(await row(number)).toMatchObject({ stage: 'new', incidents: ['INC-000001', 'INC-000002', 'INC-000003'], version: 0 });
      for (const message of LIFECYCLE.slice(0, 6)) await send(number, message);
      expect(await row(number)).toMatchObject({ stage: 'knownError', known_error: true, knowledge_entry_id: `KE-${number.slice(4)}` });
      const [entry] = await t.db.dataSource.query(`SELECT * FROM knowledge_entries WHERE problem_number = $1`, [number]);
      expect(entry).toMatchObject({ id: `KE-${number.slice(4)}`, title: 'Printing stops on the 3rd floor', symptoms: 'Jobs stay queued', workaround: 'Restart the spooler service' });

      // Only process management closes: the agent is refused, and the problem stays as it is.
      const refused = await send(number, { type: 'close', actor: agent }).catch((e) => e);
      expect(refused.cause.details[0]).toMatchObject({ code: 'notAllowedNow' });
      expect(await row(number)).toMatchObject({ stage: 'knownError', version: 6 });

      for (const message of LIFECYCLE.slice(6)) await send(number, message);
      expect(await t.env.client.workflow.getHandle(number).result()).toMatchObject({ number, stage: 'closed', version: 9 });
      expect(await row(number)).toMatchObject({ stage: 'closed', resolution: 'Print server upgraded', change_requests: [expect.objectContaining({ summary: 'Upgrade the print server' })] });
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
      expect(await t.updateNames(number)).toEqual(['opened', ...LIFECYCLE.map((m) => m.type)]);
    });
  });
});
