// Issue 6's end-to-end story across the two processes: a problem from three incidents to a known
// error and a knowledge entry, the change it asks for, and that change's review.
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';

jest.setTimeout(120_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack('problem_to_change');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

type User = Parameters<TestStack['as']>[0];
const post = (path: string, user: User, body: object = {}) => stack.http.post(path).set(stack.as(user)).send(body);
const get = (path: string, user: User) => stack.http.get(path).set(stack.as(user));

async function printerIncident(user: User, n: number): Promise<string> {
  const res = await post('/tickets', user, {
    type: 'incident',
    title: `Printing stops on the 3rd floor (${n})`,
    description: 'Jobs stay queued and never print',
    impact: 'workplace',
    urgency: 'today',
  });
  expect(res.status).toBe(201);
  return res.body.number;
}

it('goes from three incidents to a known error, a knowledge entry, a change, and the change’s review', async () => {
  const incidents = [await printerIncident('jannet', 1), await printerIncident('raul', 2), await printerIncident('jannet', 3)];
  const problem = (await post('/problems', 'ahmed', { title: 'Printing stops on the 3rd floor', description: 'Three users, one printer', incidents })).body.number;
  await post(`/problems/${problem}/start-investigation`, 'ahmed', { note: 'All three use PRINT-03' }).expect(200);
  await post(`/problems/${problem}/root-cause`, 'ahmed', { rootCause: 'The print spooler on PRINT-03 leaks memory' }).expect(200);
  await post(`/problems/${problem}/workaround`, 'ahmed', { workaround: 'Restart the spooler service on PRINT-03' }).expect(200);
  const known = await post(`/problems/${problem}/known-error`, 'ingrid', { title: 'Printing stops on the 3rd floor', symptoms: 'Jobs stay queued and never print' });
  expect(known.body).toMatchObject({ stage: 'knownError', knownError: true });

  // Agents find the workaround in the knowledge base.
  const found = await get('/knowledge?q=spooler', 'tim');
  expect(found.body).toEqual(expect.arrayContaining([expect.objectContaining({ workaround: 'Restart the spooler service on PRINT-03', problemNumber: problem })]));

  // The problem asks for a change; the change names the problem and goes through the CAB.
  await post(`/problems/${problem}/change-requests`, 'ahmed', { summary: 'Replace the print server PRINT-03' }).expect(200);
  const [susanne, ingrid] = [await stack.userId('susanne'), await stack.userId('ingrid')];
  const change = await post('/changes', 'ahmed', {
    type: 'normal',
    title: 'Replace the print server PRINT-03',
    description: `Requested by ${problem}`,
    approverIds: [susanne, ingrid],
    quorum: 2,
    problemNumbers: [problem],
    incidentNumbers: incidents,
  });
  expect(change.status).toBe(201);
  const number = change.body.number;
  await post(`/changes/${number}/assess`, 'susanne', {
    risk: 'low', impact: 'printing on the 3rd floor for 30 minutes', implementationPlan: 'move the queues to PRINT-04', backoutPlan: 'move them back',
  }).expect(200);
  await post(`/changes/${number}/approve`, 'susanne', { rationale: 'fixes the known error' }).expect(200);
  await post(`/changes/${number}/approve`, 'ingrid').expect(200);
  await post(`/changes/${number}/schedule`, 'susanne', {
    windowStart: new Date(Date.now() + 500).toISOString(),
    windowEnd: new Date(Date.now() + 120_000).toISOString(),
  }).expect(200);
  await eventually(() => get(`/changes/${number}`, 'ahmed'), (r) => r.body.stage === 'readyToImplement');
  await post(`/changes/${number}/start-implementation`, 'ahmed', { note: 'queues moving' }).expect(200);
  await post(`/changes/${number}/complete`, 'ahmed', { outcome: 'successful', note: 'PRINT-04 serves the 3rd floor' }).expect(200);
  const reviewed = await post(`/changes/${number}/review`, 'susanne', { outcome: 'successful', text: 'No queued jobs since the move' });
  expect(reviewed.status).toBe(200);
  const closed = await post(`/changes/${number}/close`, 'susanne');
  expect(closed.body).toMatchObject({ stage: 'closed', problemNumbers: [problem], review: { outcome: 'successful' } });

  // The problem is resolved with the change; its incidents carry the note.
  await post(`/problems/${problem}/resolve`, 'ahmed', { resolution: `Fixed by ${number}: PRINT-03 replaced` }).expect(200);
  for (const incident of incidents) {
    const journal = (await get(`/tickets/${incident}`, 'tim')).body.journal.map((e: { text: string }) => e.text);
    expect(journal.some((text: string) => text.includes(`Fixed by ${number}`))).toBe(true);
  }
});
