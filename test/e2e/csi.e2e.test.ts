// End to end over HTTP: CSI change proposals (issue 6, part 1) as the people of the seeds use
// them. Jannet proposes, Susanne (process manager) reviews and prioritises, the admin (ITSM system
// administration) assesses and implements, Thomas (CSI forum) decides.
import { startStack, TestStack } from '../support/app';

jest.setTimeout(120_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack('csi');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

type User = Parameters<TestStack['as']>[0];

const proposal = {
  title: 'Show the pending reason in the ticket list',
  description: 'Dispatchers have to open every pending ticket to see why it waits.',
  concerns: 'ITSM tool: ticket list',
  expectedBenefit: 'Dispatchers see at a glance which tickets wait for the user',
};

async function submit(username: User, body: object = proposal) {
  const res = await stack.http.post('/csi/proposals').set(stack.as(username)).send(body);
  expect(res.status).toBe(201);
  return res.body as { number: string };
}

const command = (number: string, path: string, username: User, body: object = {}) =>
  stack.http.post(`/csi/proposals/${number}/${path}`).set(stack.as(username)).send(body);

const view = (number: string, username: User) => stack.http.get(`/csi/proposals/${number}`).set(stack.as(username));

describe('a change proposal from submission to forum approval and done', () => {
  it('passes review (with an information request), assessment, prioritisation, the forum and implementation', async () => {
    const categories = await stack.http.get('/categories').set(stack.as('jannet'));
    const catalogItem = categories.body.find((c: { name: string }) => c.name === 'Administration / ITSM tool / Change proposal');
    const created = await stack.http.post('/csi/proposals').set(stack.as('jannet')).send({ ...proposal, categoryId: catalogItem.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      number: expect.stringMatching(/^CSI-\d{6}$/),
      stage: 'submitted',
      categoryId: catalogItem.id,
      proposer: { name: 'CustomerJannet' },
      concerns: 'ITSM tool: ticket list',
      allowedCommands: [],
      trail: [{ seq: 1, text: 'Change proposal submitted' }],
    });
    const number = created.body.number;
    expect((await view(number, 'susanne')).body.allowedCommands).toEqual(['startReview', 'requestInformation', 'accept', 'reject']);

    await command(number, 'start-review', 'susanne').expect(200);
    const asked = await command(number, 'request-information', 'susanne', { question: 'Which lists do you mean: queues, or also the search?' });
    expect(asked.body).toMatchObject({ stage: 'awaitingInformation', informationRequest: 'Which lists do you mean: queues, or also the search?' });
    // The review pauses: only the proposer moves it on.
    expect((await view(number, 'jannet')).body.allowedCommands).toEqual(['provideInformation']);
    expect((await command(number, 'accept', 'susanne', { rationale: 'fine' })).status).toBe(409);
    const answered = await command(number, 'provide-information', 'jannet', { text: 'The team queues and the search result list.' });
    expect(answered.body).toMatchObject({ stage: 'processReview', informationRequest: null });

    await command(number, 'accept', 'susanne', { rationale: 'Fits the CSI plan for the tool' }).expect(200);
    const assessed = await command(number, 'assess', 'admin', { scope: 'Queue and search list views, API field', effortEstimate: '3 person-days' });
    expect(assessed.body).toMatchObject({ stage: 'prioritisation', assessment: { scope: 'Queue and search list views, API field', effortEstimate: '3 person-days' } });
    const proposed = await command(number, 'propose-priority', 'susanne', { priority: 2, rationale: 'Saves every dispatcher time daily' });
    expect(proposed.body).toMatchObject({ stage: 'forumDecision', priorityProposed: 'high' });

    // The forum's agenda shows it with its assessment and proposed priority.
    const agenda = await stack.http.get('/csi/agenda').set(stack.as('thomas'));
    expect(agenda.status).toBe(200);
    expect(agenda.body).toEqual([
      expect.objectContaining({ number, priorityProposed: 'high', assessment: expect.objectContaining({ effortEstimate: '3 person-days' }) }),
    ]);

    const approved = await command(number, 'approve', 'thomas', { priority: 'critical', rationale: 'The forum raises it: all teams benefit' });
    expect(approved.body).toMatchObject({ stage: 'implementation', priorityProposed: 'high', priorityFinal: 'critical' });
    expect((await stack.http.get('/csi/agenda').set(stack.as('thomas'))).body).toEqual([]);

    await command(number, 'start-implementation', 'admin', { note: 'Planned in sprint 12' }).expect(200);
    const done = await command(number, 'complete-implementation', 'admin', { note: 'Released in version 2025.06' });
    expect(done.body).toMatchObject({ stage: 'done', allowedCommands: [] });

    // Status, priority and the decision trail are visible to the proposer and to everyone.
    for (const who of ['jannet', 'raul', 'tim'] as const) {
      const seen = await view(number, who);
      expect(seen.status).toBe(200);
      expect(seen.body.decisions.map((d: { command: string; role: string }) => `${d.command} by ${d.role}`)).toEqual([
        'startReview by processManager',
        'requestInformation by processManager',
        'provideInformation by endUser',
        'accept by processManager',
        'assess by admin',
        'proposePriority by processManager',
        'approve by csiForum',
        'startImplementation by admin',
        'completeImplementation by admin',
      ]);
    }
    const trail = (await view(number, 'raul')).body.trail.map((e: { text: string }) => e.text);
    expect(trail).toContain('Approved by the CSI forum with priority critical: The forum raises it: all teams benefit');
    expect(trail.at(-1)).toBe('Implementation completed: Released in version 2025.06');
    // Done is final.
    const late = await command(number, 'reject', 'thomas', { rationale: 'changed our mind' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: 'commandNotAllowed', allowedCommands: [] });
  });
});

describe('refusals', () => {
  it('answers 403 for the wrong role, 409 for the wrong stage, 422 for a missing rationale, each changing nothing', async () => {
    const { number } = await submit('raul');
    const forbidden = await command(number, 'accept', 'thomas', { rationale: 'looks good' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ error: 'forbidden', rule: 'processManager', allowedCommands: [] });
    expect((await command(number, 'accept', 'jannet', { rationale: 'my own' })).status).toBe(403);

    const early = await command(number, 'approve', 'thomas', { priority: 1, rationale: 'yes' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'commandNotAllowed', message: 'approve is not possible while the proposal is submitted' });

    const noReason = await command(number, 'reject', 'susanne', {});
    expect(noReason.status).toBe(422);
    expect(noReason.body).toMatchObject({ error: 'ruleBroken', field: 'rationale', rule: 'rationaleGiven' });
    expect((await command(number, 'accept', 'susanne', { rationale: '   ' })).status).toBe(422);

    await command(number, 'accept', 'susanne', { rationale: 'worth a look' }).expect(200);
    const noEffort = await command(number, 'assess', 'admin', { scope: 'Everything' });
    expect(noEffort.status).toBe(422);
    expect(noEffort.body).toMatchObject({ field: 'effortEstimate' });
    expect((await command(number, 'assess', 'susanne', { scope: 'x', effortEstimate: 'y' })).status).toBe(403);
    expect((await view(number, 'raul')).body).toMatchObject({ stage: 'assessment', assessment: null, version: 1 });

    // Malformed input is 400, an unknown proposal 404, the wrong catalog item 422.
    expect((await command(number, 'assess', 'admin', { scope: 'x', effortEstimate: 'y', extra: 1 })).status).toBe(400);
    expect((await view('CSI-999999', 'raul')).status).toBe(404);
    const categories = await stack.http.get('/categories').set(stack.as('jannet'));
    const printing = categories.body.find((c: { name: string }) => c.name === 'Printing');
    const wrongItem = await stack.http.post('/csi/proposals').set(stack.as('jannet')).send({ ...proposal, categoryId: printing.id });
    expect(wrongItem.status).toBe(422);
    expect(wrongItem.body).toMatchObject({ field: 'categoryId' });
    expect((await stack.http.post('/csi/proposals').send(proposal)).status).toBe(401);
  });

  it('lets the forum reject with a rationale and defer to a later forum date, reconsidered', async () => {
    const { number } = await submit('jannet', { ...proposal, title: 'Dark mode for the portal' });
    await command(number, 'accept', 'susanne', { rationale: 'ok' }).expect(200);
    await command(number, 'assess', 'admin', { scope: 'Portal CSS', effortEstimate: '1 day' }).expect(200);
    await command(number, 'propose-priority', 'susanne', { priority: 'low', rationale: 'Nice to have' }).expect(200);
    const past = await command(number, 'defer', 'thomas', { forumDate: '2020-01-01T09:00:00Z', rationale: 'later' });
    expect(past.status).toBe(422);
    expect(past.body).toMatchObject({ field: 'forumDate' });
    const forumDate = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
    const deferred = await command(number, 'defer', 'thomas', { forumDate, rationale: 'After the portal upgrade' });
    expect(deferred.body).toMatchObject({ stage: 'deferred', forumDate });
    expect((await view(number, 'susanne')).body.allowedCommands).toEqual(['reconsider']);
    await command(number, 'reconsider', 'susanne', { rationale: 'The upgrade came early' }).expect(200);
    const rejected = await command(number, 'reject', 'thomas', { rationale: 'Not a priority this year' });
    expect(rejected.body).toMatchObject({ stage: 'rejected', allowedCommands: [] });
    expect(rejected.body.decisions.at(-1)).toMatchObject({ command: 'reject', role: 'csiForum', rationale: 'Not a priority this year' });
  });
});

describe('the register', () => {
  it('lists every proposal to everyone, filtered by stage, priority, proposer and words, paginated', async () => {
    const a = await submit('raul', { ...proposal, title: 'Register: keyboard shortcuts', concerns: 'ITSM tool: ticket view' });
    const b = await submit('jannet', { ...proposal, title: 'Register: shorter handover notes', concerns: 'Process: handover' });
    await command(b.number, 'accept', 'susanne', { rationale: 'ok' }).expect(200);
    await command(b.number, 'assess', 'admin', { scope: 'Rule text', effortEstimate: '2 hours' }).expect(200);
    await command(b.number, 'propose-priority', 'susanne', { priority: 3, rationale: 'Moderate gain' }).expect(200);

    const list = (query: object, who: User = 'tim') => stack.http.get('/csi/proposals').query(query).set(stack.as(who));
    const numbers = (res: { body: { items: Array<{ number: string }> } }) => res.body.items.map((i) => i.number);

    const all = await list({ q: 'Register:' }, 'raul');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 2, page: 1, pageSize: 25 });
    expect(numbers(all)).toEqual([b.number, a.number]);
    expect(numbers(await list({ q: 'Register:', stage: 'submitted' }))).toEqual([a.number]);
    expect(numbers(await list({ q: 'Register:', stage: 'forumDecision' }))).toEqual([b.number]);
    expect(numbers(await list({ priority: 'medium' }))).toEqual([b.number]);
    expect(numbers(await list({ q: 'Register:', proposer: await stack.userId('raul') }))).toEqual([a.number]);
    expect(numbers(await list({ q: 'handover' }))).toEqual([b.number]);
    const paged = await list({ q: 'Register:', page: 2, pageSize: 1 });
    expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(numbers(paged)).toEqual([a.number]);
    expect((await list({ stage: 'nowhere' })).status).toBe(400);

    const agenda = await stack.http.get('/csi/agenda').set(stack.as('thomas'));
    expect(agenda.body.map((i: { number: string }) => i.number)).toContain(b.number);
    expect(agenda.body.map((i: { number: string }) => i.number)).not.toContain(a.number);
  });
});
