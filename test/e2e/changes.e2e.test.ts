// End to end over HTTP: change management (issue 6, part 3). Ahmed (2nd line) raises changes;
// Susanne (process manager), Ingrid (incident manager) and the admin form the change authority.
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';

jest.setTimeout(120_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack('changes');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

type User = Parameters<TestStack['as']>[0];

const command = (number: string, path: string, username: User, body: object = {}) =>
  stack.http.post(`/changes/${number}/${path}`).set(stack.as(username)).send(body);
const view = (number: string, username: User) => stack.http.get(`/changes/${number}`).set(stack.as(username));
const raise = (username: User, body: object) => stack.http.post('/changes').set(stack.as(username)).send(body);
const window = (startInMs: number, lengthMs: number) => ({
  windowStart: new Date(Date.now() + startInMs).toISOString(),
  windowEnd: new Date(Date.now() + startInMs + lengthMs).toISOString(),
});

describe('a standard change from a template', () => {
  it('skips authorisation and goes straight to scheduled, implementing and closed', async () => {
    const templates = await stack.http.get('/changes/templates').set(stack.as('ahmed'));
    expect(templates.status).toBe(200);
    expect(templates.body.map((t: { title: string }) => t.title)).toEqual(['Add a printer to the print server', 'Install licensed software from the catalog']);
    const printer = templates.body[0];

    const created = await raise('ahmed', { type: 'standard', templateId: printer.id, incidentNumbers: ['INC-000001'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      number: expect.stringMatching(/^CHG-\d{6}$/),
      type: 'standard',
      title: 'Add a printer to the print server',
      stage: 'authorised',
      assessment: { risk: 'low', backoutPlan: 'Unpublish and delete the queue.' },
      incidentNumbers: ['INC-000001'],
    });
    const number = created.body.number;
    expect((await view(number, 'susanne')).body.allowedCommands).toEqual(['schedule', 'linkProblem', 'linkIncident']);

    const scheduled = await command(number, 'schedule', 'susanne', window(800, 60_000));
    expect(scheduled.body).toMatchObject({ stage: 'scheduled' });
    await eventually(() => view(number, 'ahmed'), (r) => r.body.stage === 'readyToImplement');
    await command(number, 'start-implementation', 'ahmed', { note: 'driver installed' }).expect(200);
    const closed = await command(number, 'complete', 'ahmed', { outcome: 'successful', note: 'queue published, test page printed' });
    expect(closed.body).toMatchObject({ stage: 'closed', review: { outcome: 'successful' }, allowedCommands: [] });
    expect(closed.body.trail.map((e: { text: string }) => e.text)).toEqual([
      'Standard change submitted',
      'Standard change from a pre-approved template: authorised without the CAB',
      expect.stringMatching(/^Scheduled for /),
      expect.stringMatching(/^The change window opened .*: ready to implement$/),
      'Implementation started: driver installed',
      'Implemented, successful: queue published, test page printed; closed',
    ]);
  });
});

describe('a normal change with a CAB of three and a quorum of two', () => {
  it('is assessed, authorised, scheduled, implemented and reviewed', async () => {
    const [susanne, ingrid, admin] = await Promise.all(['susanne', 'ingrid', 'admin'].map((u) => stack.userId(u)));
    const created = await raise('ahmed', {
      type: 'normal',
      title: 'Replace the print spooler',
      description: 'The spooler crashes daily',
      approverIds: [susanne, ingrid, admin],
      quorum: 2,
      problemNumbers: ['PRB-000001'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ stage: 'submitted', authority: { quorum: 2 }, problemNumbers: ['PRB-000001'] });
    const number = created.body.number;

    const incomplete = await command(number, 'assess', 'susanne', { risk: 'medium' });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body).toMatchObject({ field: 'impact', missing: ['impact', 'implementationPlan', 'backoutPlan'] });
    expect(incomplete.body.message).toContain('impact, implementationPlan, backoutPlan');
    await command(number, 'assess', 'susanne', {
      risk: 'medium', impact: 'printing in one building for an hour', implementationPlan: 'swap the spooler VM', backoutPlan: 'restore the snapshot',
    }).expect(200);

    expect((await command(number, 'approve', 'ahmed')).status).toBe(403);
    expect((await command(number, 'approve', 'admin', { rationale: 'low risk' })).body).toMatchObject({ stage: 'assessed' });
    const twice = await command(number, 'approve', 'admin');
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ message: 'each approver votes once' });
    const authorised = await command(number, 'approve', 'ingrid');
    expect(authorised.body).toMatchObject({ stage: 'authorised', votes: [{ vote: 'approve' }, { vote: 'approve' }] });

    await command(number, 'incidents', 'ahmed', { incidentNumber: 'INC-000002' }).expect(200);
    expect((await command(number, 'problems', 'ahmed', { problemNumber: 'PRB-12' })).status).toBe(422);

    await command(number, 'schedule', 'susanne', window(500, 2000)).expect(200);
    await eventually(() => view(number, 'ahmed'), (r) => r.body.stage === 'readyToImplement');
    await command(number, 'start-implementation', 'ahmed').expect(200);
    const overrun = await eventually(() => view(number, 'ahmed'), (r) => r.body.overrunAt !== null);
    expect(overrun.body.trail.at(-1).text).toMatch(/overran its window/);

    const inReview = await command(number, 'complete', 'ahmed', { note: 'spooler replaced, late' });
    expect(inReview.body).toMatchObject({ stage: 'review' });
    expect((await command(number, 'close', 'susanne')).status).toBe(409);
    expect((await command(number, 'review', 'susanne', { outcome: 'failed', text: 'printing broke' })).status).toBe(422);
    await command(number, 'review', 'susanne', { outcome: 'successful', text: 'works; the window was too short' }).expect(200);
    const closed = await command(number, 'close', 'susanne');
    expect(closed.body).toMatchObject({ stage: 'closed', incidentNumbers: ['INC-000002'], review: { outcome: 'successful' } });

    const list = await stack.http.get('/changes').query({ type: 'normal', stage: 'closed', q: 'spooler' }).set(stack.as('tim'));
    expect(list.body.items.map((c: { number: string }) => c.number)).toEqual([number]);
    expect((await stack.http.get('/changes').query({ q: 'PRB-000001' }).set(stack.as('tim'))).body.items.map((c: { number: string }) => c.number)).toContain(number);
  });
});

describe('an emergency change', () => {
  it('is authorised by the emergency CAB of one and cannot close without review', async () => {
    const ingrid = await stack.userId('ingrid');
    const created = await raise('ahmed', { type: 'emergency', title: 'Patch the exploited VPN gateway', description: 'CVE under active attack', approverIds: [ingrid] });
    expect(created.body).toMatchObject({ stage: 'submitted', authority: { approverIds: [ingrid], quorum: 1 } });
    const number = created.body.number;
    expect((await command(number, 'approve', 'susanne')).status).toBe(403);
    await command(number, 'approve', 'ingrid', { rationale: 'active exploitation' }).expect(200);
    await command(number, 'start-implementation', 'ahmed').expect(200);
    await command(number, 'complete', 'ahmed', { note: 'patched' }).expect(200);
    const refused = await command(number, 'close', 'susanne');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ message: 'the emergency change must be reviewed before it is closed', allowedCommands: ['recordReview', 'linkProblem', 'linkIncident'] });
    await command(number, 'review', 'susanne', { outcome: 'successful', text: 'patched without downtime' }).expect(200);
    await command(number, 'close', 'susanne').expect(200);
  });
});

describe('refusals', () => {
  it('answers 403, 404, 409 and 422 like the rest of the API', async () => {
    expect((await raise('jannet', { type: 'normal', title: 'x' })).status).toBe(403);
    expect((await raise('ahmed', { type: 'standard' })).status).toBe(422);
    expect((await raise('ahmed', { type: 'normal', title: 'x', approverIds: [await stack.userId('tim')] })).body).toMatchObject({ statusCode: 422, field: 'approverIds' });
    expect((await raise('ahmed', { type: 'emergency', title: 'x', approverIds: [await stack.userId('ingrid'), await stack.userId('admin')] })).status).toBe(422);
    expect((await view('CHG-999999', 'ahmed')).status).toBe(404);
    const created = await raise('ahmed', { type: 'normal', title: 'Move the file server', approverIds: [await stack.userId('admin')] });
    const number = created.body.number;
    const early = await command(number, 'schedule', 'susanne', window(1000, 1000));
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'commandNotAllowed', allowedCommands: ['assess', 'linkProblem', 'linkIncident'] });
    expect((await command(number, 'assess', 'ahmed', { risk: 'x', impact: 'x', implementationPlan: 'x', backoutPlan: 'x' })).status).toBe(403);
    await command(number, 'assess', 'admin', { risk: 'x', impact: 'x', implementationPlan: 'x', backoutPlan: 'x' }).expect(200);
    expect((await command(number, 'reject', 'admin', {})).body).toMatchObject({ statusCode: 422, field: 'rationale' });
    expect((await command(number, 'reject', 'admin', { rationale: 'no budget' })).body).toMatchObject({ stage: 'refused', allowedCommands: [] });
  });
});
