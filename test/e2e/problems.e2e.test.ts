// End to end over HTTP: problem management (issue 6, part 2) as the people of the seeds use it.
// Three users cannot print; Ahmed (2nd line agent) makes one problem of their incidents, finds the
// root cause and a workaround, Ingrid (incident manager) publishes the known error, Tim (1st line)
// finds it in the knowledge base, a change is requested, the problem is resolved (the three
// incidents get a note) and Susanne (process manager) closes it.
import { startStack, TestStack } from '../support/app';

jest.setTimeout(120_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack('problems');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

type User = Parameters<TestStack['as']>[0];

const printing = (n: number) => ({
  type: 'incident',
  title: `Printing does not work (${n})`,
  description: 'Jobs stay in the queue of the 3rd floor printer.',
  impact: 'workplace',
  urgency: 'today',
  channel: 'portal',
});

async function openIncident(username: User, n: number): Promise<string> {
  const res = await stack.http.post('/tickets').set(stack.as(username)).send(printing(n));
  expect(res.status).toBe(201);
  return res.body.number;
}

const command = (number: string, path: string, username: User, body: object = {}) =>
  stack.http.post(`/problems/${number}/${path}`).set(stack.as(username)).send(body);
const view = (number: string, username: User) => stack.http.get(`/problems/${number}`).set(stack.as(username));

describe('a problem from three incidents to a known error, a change request, resolved and closed', () => {
  it('links, analyses, publishes knowledge, requests a change, notes the incidents on resolve, and closes', async () => {
    const incidents = [await openIncident('jannet', 1), await openIncident('raul', 2), await openIncident('jannet', 3)];
    const extra = await openIncident('raul', 4);

    const created = await stack.http.post('/problems').set(stack.as('ahmed')).send({
      title: 'Printing stops on the 3rd floor',
      description: 'Three users report jobs that never print',
      incidents,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      number: expect.stringMatching(/^PRB-\d{6}$/),
      stage: 'new',
      incidents,
      knownError: false,
      knowledgeEntry: null,
      allowedCommands: ['startInvestigation', 'linkIncident', 'unlinkIncident'],
      trail: [{ seq: 1, text: `Problem created from ${incidents.join(', ')}` }],
    });
    const number = created.body.number;

    await command(number, 'start-investigation', 'ahmed', { note: 'Same printer in all three' }).expect(200);
    expect((await command(number, 'incidents', 'ahmed', { incident: extra })).body.incidents).toEqual([...incidents, extra]);
    expect((await command(number, `incidents/${extra}/unlink`, 'ingrid')).body.incidents).toEqual(incidents);
    await command(number, 'root-cause', 'ahmed', { rootCause: 'The print spooler on PRINT-03 leaks memory' }).expect(200);
    await command(number, 'workaround', 'ahmed', { workaround: 'Restart the spooler service on PRINT-03' }).expect(200);
    const known = await command(number, 'known-error', 'ingrid', { title: 'Printing stops on the 3rd floor', symptoms: 'Print jobs stay queued and never print' });
    expect(known.status).toBe(200);
    expect(known.body).toMatchObject({
      stage: 'knownError',
      knownError: true,
      knowledgeEntry: { id: `KE-${number.slice(4)}`, title: 'Printing stops on the 3rd floor', workaround: 'Restart the spooler service on PRINT-03', problemNumber: number },
    });

    // Tim (1st line) finds the known error when the next user calls.
    const found = await stack.http.get('/knowledge').query({ q: 'SPOOLER' }).set(stack.as('tim'));
    expect(found.status).toBe(200);
    expect(found.body).toEqual([expect.objectContaining({ id: known.body.knowledgeEntry.id, problemNumber: number })]);
    expect((await stack.http.get('/knowledge').query({ q: 'queued' }).set(stack.as('tim'))).body).toHaveLength(1);
    expect((await stack.http.get('/knowledge').query({ q: 'keyboard' }).set(stack.as('tim'))).body).toEqual([]);
    const entry = await stack.http.get(`/knowledge/${known.body.knowledgeEntry.id}`).set(stack.as('tim'));
    expect(entry.body).toMatchObject({ symptoms: 'Print jobs stay queued and never print' });
    expect((await stack.http.get('/knowledge/KE-999999').set(stack.as('tim'))).status).toBe(404);
    expect((await stack.http.get('/knowledge').set(stack.as('jannet'))).status).toBe(403);
    // The knowledge base has it too, as a published internal article (IT staff find it, end users do not).
    const articles = (await stack.http.get('/articles').query({ q: 'spooler' }).set(stack.as('tim'))).body;
    expect(articles).toEqual([expect.objectContaining({ title: 'Known error: Printing stops on the 3rd floor', visibility: 'internal', status: 'Published' })]);
    expect((await stack.http.get('/articles').query({ q: 'spooler' }).set(stack.as('jannet'))).body).toEqual([]);

    const change = await command(number, 'change-requests', 'ahmed', { summary: 'Replace the print server PRINT-03' });
    expect(change.body.changeRequests).toEqual([expect.objectContaining({ seq: 1, summary: 'Replace the print server PRINT-03', byName: 'LevelTwoAhmed' })]);
    expect(change.body.trail.at(-1).text).toBe('Change requested: Replace the print server PRINT-03');

    const resolved = await command(number, 'resolve', 'ahmed', { resolution: 'PRINT-03 replaced; the spooler no longer leaks' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ stage: 'resolved', notifiedIncidents: incidents });
    for (const incident of incidents) {
      const ticket = await stack.http.get(`/tickets/${incident}`).set(stack.as('ahmed'));
      expect(ticket.body.journal.map((e: { text: string }) => e.text)).toContain(
        `Problem ${number} (Printing stops on the 3rd floor) is resolved: PRINT-03 replaced; the spooler no longer leaks`,
      );
    }
    // The unlinked incident got nothing.
    const other = await stack.http.get(`/tickets/${extra}`).set(stack.as('ahmed'));
    expect(other.body.journal.map((e: { text: string }) => e.text).join('\n')).not.toContain(number);

    const closed = await command(number, 'close', 'susanne', { note: 'Reviewed in the problem meeting' });
    expect(closed.body).toMatchObject({ stage: 'closed', allowedCommands: [] });
    expect(closed.body.decisions.map((d: { command: string; role: string }) => `${d.command} by ${d.role}`)).toEqual([
      'startInvestigation by agent',
      'linkIncident by agent',
      'unlinkIncident by incidentManager',
      'recordRootCause by agent',
      'recordWorkaround by agent',
      'publishKnownError by incidentManager',
      'requestChange by agent',
      'resolve by agent',
      'close by processManager',
    ]);
    const register = await stack.http.get('/problems').query({ stage: 'closed', incident: incidents[1] }).set(stack.as('tim'));
    expect(register.body.items.map((p: { number: string }) => p.number)).toEqual([number]);
  });
});

describe('refusals', () => {
  it('answers 403 for the wrong role, 409 for the wrong stage, 422 for a missing field, each changing nothing', async () => {
    const incident = await openIncident('jannet', 5);
    expect((await stack.http.post('/problems').set(stack.as('jannet')).send({ title: 'mine', incidents: [incident] })).status).toBe(403);
    const noTitle = await stack.http.post('/problems').set(stack.as('tim')).send({ incidents: [incident] });
    expect(noTitle.status).toBe(422);
    expect(noTitle.body).toMatchObject({ error: 'ruleBroken', field: 'title' });
    expect((await stack.http.post('/problems').set(stack.as('tim')).send({ title: 'x', incidents: [] })).body).toMatchObject({ field: 'incidents' });
    const unknown = await stack.http.post('/problems').set(stack.as('tim')).send({ title: 'x', incidents: ['INC-999999'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ error: 'unknownReference', field: 'incidents' });

    const { body } = await stack.http.post('/problems').set(stack.as('tim')).send({ title: 'Printing again', incidents: [incident] });
    const number = body.number;
    const early = await command(number, 'resolve', 'tim', { resolution: 'done' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'commandNotAllowed', allowedCommands: ['startInvestigation', 'linkIncident', 'unlinkIncident'] });
    expect((await command(number, 'start-investigation', 'dorthe')).status).toBe(403);
    await command(number, 'start-investigation', 'tim').expect(200);
    const noKnownError = await command(number, 'known-error', 'tim', { title: 't', symptoms: 's' });
    expect(noKnownError.status).toBe(409);
    expect(noKnownError.body).toMatchObject({ rule: 'workaroundRecorded' });
    const noCause = await command(number, 'root-cause', 'tim', { rootCause: '' });
    expect(noCause.status).toBe(422);
    expect(noCause.body).toMatchObject({ error: 'ruleBroken', field: 'rootCause' });
    expect((await command(number, 'incidents', 'tim', { incident: 'INC-999999' })).body).toMatchObject({ error: 'unknownReference', field: 'incident' });
    await command(number, 'root-cause', 'tim', { rootCause: 'Toner sensor' }).expect(200);
    expect((await command(number, 'resolve', 'tim', {})).body).toMatchObject({ error: 'ruleBroken', field: 'resolution' });
    await command(number, 'resolve', 'tim', { resolution: 'Sensor replaced' }).expect(200);
    const notByAgent = await command(number, 'close', 'tim');
    expect(notByAgent.status).toBe(403);
    expect(notByAgent.body).toMatchObject({ error: 'forbidden', rule: 'closer' });
    expect((await view(number, 'tim')).body).toMatchObject({ stage: 'resolved', version: 3 });
    expect((await view('PRB-999999', 'tim')).status).toBe(404);
  });
});
