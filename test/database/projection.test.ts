// How projections write the read model (src/database/projection.ts), against a real PostgreSQL:
// a newer version wins, an older or repeated one changes nothing, fixed columns never change,
// and a write the database refuses for good fails the activity without retries.
import { ApplicationFailure } from '@temporalio/common';
import { insertOnce, ProjectedRow, projectionTransaction, upsertNewer } from '../../src/database/projection';
import { ProblemEntity, ProblemJournalEntity } from '../../src/problems/problem.entity';
import { createTestDatabase, TestDatabase } from '../support/database';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('projection');
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

const row = (version: number, title: string, stage = 'new'): ProjectedRow<ProblemEntity> => ({
  number: 'PRB-000001', title, description: 'd', stage: stage as ProblemEntity['stage'], stageSince: '2026-11-30T08:00:00.000Z', incidents: ['INC-000001'], rootCause: null,
  workaround: null, knownError: false, knowledgeEntryId: null, changeRequests: [], resolution: null, decisions: [],
  createdBy: '00000000-0000-4000-8000-000000000001', version, machineState: { stage, context: {} } as never,
  createdAt: '2026-11-30T08:00:00.000Z', updatedAt: `2026-11-30T08:0${version}:00.000Z`,
});
const read = async () => (await db.dataSource.query(`SELECT title, stage, version FROM problems WHERE number = 'PRB-000001'`))[0];

it('inserts, lets only a newer version overwrite, and keeps fixed columns', async () => {
  const write = (r: ReturnType<typeof row>) => projectionTransaction(db.dataSource, (tx) => upsertNewer(tx, ProblemEntity, r, 'number', ['title']));
  await write(row(1, 'Printing stops'));
  await write(row(3, 'A new title', 'investigating'));
  expect(await read()).toEqual({ title: 'Printing stops', stage: 'investigating', version: 3 });
  await write(row(2, 'Late', 'new'));
  await write(row(3, 'Again', 'new'));
  expect(await read()).toEqual({ title: 'Printing stops', stage: 'investigating', version: 3 });
});

it('appends journal entries once, whatever the retries', async () => {
  const entries = [1, 2].map((seq) => ({ problemNumber: 'PRB-000001', seq, authorId: 'a', text: `entry ${seq}`, createdAt: '2026-11-30T08:00:00.000Z' }));
  for (let i = 0; i < 3; i++) await projectionTransaction(db.dataSource, (tx) => insertOnce(tx, ProblemJournalEntity, entries));
  expect((await db.dataSource.query(`SELECT seq FROM problem_journal WHERE problem_number = 'PRB-000001' ORDER BY seq`)).map((r: { seq: number }) => r.seq)).toEqual([1, 2]);
});

it('fails for good on what the database refuses on every retry (a journal entry of no problem), writing nothing', async () => {
  const orphan = { problemNumber: 'PRB-999999', seq: 1, authorId: 'a', text: 'x', createdAt: '2026-11-30T08:00:00.000Z' };
  const failure = await projectionTransaction(db.dataSource, async (tx) => {
    await upsertNewer(tx, ProblemEntity, row(9, 'half'), 'number');
    await insertOnce(tx, ProblemJournalEntity, [orphan]);
  }).catch((e) => e);
  expect(failure).toBeInstanceOf(ApplicationFailure);
  expect(failure).toMatchObject({ type: 'ProjectionRejected', nonRetryable: true });
  expect(await read()).toMatchObject({ version: 3 });
});
