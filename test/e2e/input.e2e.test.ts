// Input that cannot wedge a ticket, and commands on a Closed ticket. Each case was found by trying
// the API as an attacker would (hardening issue); each answers 4xx naming what is wrong and
// changes nothing.
import { ticketProcess } from '../../workflows/ticket.messages';
import { ProcessWorkflowsClient } from '../../src/temporal/process-workflows.client';
import { startStack, TestStack } from '../support/app';

jest.setTimeout(120_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack('input');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const printer = { type: 'incident', title: 'I cannot print', description: 'Nothing happens', impact: 'workplace', urgency: 'today', channel: 'portal' };
const ticketCount = async () => (await stack.db.dataSource.query('SELECT count(*)::int AS n FROM tickets'))[0].n as number;
const fieldsOf = (body: { fields?: Array<{ field: string }> }) => (body.fields ?? []).map((f) => f.field);

async function closedTicket(): Promise<string> {
  const categories = await stack.http.get('/categories').set(stack.as('jannet'));
  const setUp = categories.body.find((c: { name: string }) => c.name === 'Workplace set-up');
  const { body } = await stack.http.post('/tickets').set(stack.as('jannet')).send({ ...printer, type: 'request', categoryId: setUp.id }).expect(201);
  await stack.http.post(`/tickets/${body.number}/begin-work`).set(stack.as('tim')).expect(200);
  await stack.http.post(`/tickets/${body.number}/resolve`).set(stack.as('tim')).send({ resolution: 'Done' }).expect(200);
  await stack.http.post(`/tickets/${body.number}/approve`).set(stack.as('jannet')).send({}).expect(200);
  return body.number;
}

describe('input that could wedge a ticket is refused at the door', () => {
  it('refuses a NUL or other control character in any text (400 naming the field); nothing is created', async () => {
    const before = await ticketCount();
    const nul = await stack.http.post('/tickets').set(stack.as('jannet')).send({ ...printer, title: 'Printer\u0000 broken' });
    expect(nul.status).toBe(400);
    expect(fieldsOf(nul.body)).toEqual(['title']);
    const bell = await stack.http.post('/tickets').set(stack.as('jannet')).send({ ...printer, description: 'ring \u0007' });
    expect(fieldsOf(bell.body)).toEqual(['description']);
    expect(await ticketCount()).toBe(before);
    // Tabs and line breaks belong in long text.
    await stack.http.post('/tickets').set(stack.as('jannet')).send({ ...printer, description: 'line one\n\tline two\r\n' }).expect(201);

    const { body } = await stack.http.post('/tickets').set(stack.as('jannet')).send(printer).expect(201);
    const reply = await stack.http.post(`/tickets/${body.number}/replies`).set(stack.as('jannet')).send({ text: 'ok\u0000' });
    expect(reply.status).toBe(400);
    expect(fieldsOf(reply.body)).toEqual(['text']);
  });

  it('refuses control characters in the query and the path, and absurd page numbers', async () => {
    expect((await stack.http.get('/tickets').query({ q: '\u0000' }).set(stack.as('tim'))).status).toBe(400);
    expect((await stack.http.get('/tickets/%00').set(stack.as('tim'))).status).toBe(400);
    const page = await stack.http.get('/tickets').query({ page: '1e300' }).set(stack.as('tim'));
    expect(page.status).toBe(400);
    expect(fieldsOf(page.body)).toEqual(['page']);
  });

  it('checks lengths after trimming: a title of spaces is empty', async () => {
    const spaces = await stack.http.post('/tickets').set(stack.as('jannet')).send({ ...printer, title: '      ' });
    expect(spaces.status).toBe(400);
    expect(fieldsOf(spaces.body)).toEqual(['title']);
  });

  it('bounds nesting, map sizes and the body (400, 413), and takes JSON only (415)', async () => {
    const deep = `${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}`;
    const nested = await stack.http.post('/tickets').set({ ...stack.as('jannet'), 'Content-Type': 'application/json' }).send(`${JSON.stringify(printer).slice(0, -1)},"extra":${deep}}`);
    expect(nested.status).toBe(400);

    const { body } = await stack.http.post('/tickets').set(stack.as('jannet')).send(printer).expect(201);
    const answers = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`q${i}`, 'a']));
    const many = await stack.http.post(`/tickets/${body.number}/answers`).set(stack.as('tim')).send({ answers });
    expect(many.status).toBe(400);
    expect(fieldsOf(many.body)).toEqual(['answers']);
    const sixty = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`q${i}`, 'a']));
    expect(fieldsOf((await stack.http.post(`/tickets/${body.number}/answers`).set(stack.as('tim')).send({ answers: sixty })).body)).toEqual(['answers']);

    const huge = await stack.http.post('/tickets').set(stack.as('jannet')).send({ ...printer, description: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    // The error body of the model (ErrorBody in the OpenAPI document), not the body parser's bare sentence.
    expect(huge.body).toEqual({ statusCode: 413, error: 'payloadTooLarge', message: 'the body is larger than the API accepts (100 kB)' });
    const form = await stack.http.post('/tickets').set(stack.as('jannet')).type('form').send('type=incident&title=Printer&description=x&impact=workplace&urgency=today');
    expect(form.status).toBe(415);
    const broken = await stack.http.post('/tickets').set({ ...stack.as('jannet'), 'Content-Type': 'application/json' }).send('{"title": ');
    expect(broken.body).toEqual({ statusCode: 400, error: 'badRequest', message: 'the body is not valid JSON' });
  });
});

describe('a Closed ticket', () => {
  it('refuses a reply with the hint to open a new ticket (409), and an SLA recalculation (409, not 500)', async () => {
    const number = await closedTicket();
    const reply = await stack.http.post(`/tickets/${number}/replies`).set(stack.as('jannet')).send({ text: 'It broke again' });
    expect(reply.status).toBe(409);
    expect(reply.body.message).toMatch(/open a new ticket/);
    const recalculated = await stack.http.post(`/tickets/${number}/recalculate-sla`).set(stack.as('admin'));
    expect(recalculated.status).toBe(409);
  });

  it('answers a command that reaches its ended workflow (a race with the auto-close) with 409', async () => {
    const number = await closedTicket();
    const client = stack.app.get(ProcessWorkflowsClient);
    const raced = await client.send(ticketProcess, number, { type: 'addJournalNote', text: 'too late', actor: { id: await stack.userId('tim'), role: 'agent' } }).catch((e) => e);
    expect(raced).toMatchObject({ code: 'commandNotAllowed', kind: 'conflict' });
  });
});

describe('rate limits', () => {
  it('tells an address that keeps guessing tokens to wait (429), while a signed-in user carries on', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await stack.http.get('/me').set('Authorization', `Bearer guess-${i}`)).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);
    await stack.http.get('/me').set(stack.as('tim')).expect(200);
    await stack.http.get('/tickets').set(stack.as('tim')).expect(200);
  });
});
