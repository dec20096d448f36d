// The service catalog's request items with forms and guided creation (issue 13, items 2 and 3),
// over HTTP on real PostgreSQL and Temporal: an admin saves an item (form and guide checked when
// saved), an end user goes through the guide three ways (solved, not covered, create), and the
// ticket created goes to the item's team with the answers as its Additional Questions.
import { PRINTER_GUIDE } from '../../machines/catalog/guide';
import { startStack, TestStack } from '../support/app';

jest.setTimeout(120_000);

let stack: TestStack;
const CT = { 'Content-Type': 'application/json' };
type User = Parameters<TestStack['as']>[0];

beforeAll(async () => {
  stack = await startStack('catalog_items');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const post = (path: string, body: object, as: User = 'admin') => stack.http.post(path).set({ ...stack.as(as), ...CT }).send(body);
const get = (path: string, as: User = 'jannet') => stack.http.get(path).set(stack.as(as));

const PRINTER_FORM = [
  { key: 'printer', label: 'Which printer (name or location)?', type: 'text', required: true },
  { key: 'model', label: 'Make', type: 'choice', options: ['HP', 'Canon', 'Other'] },
  { key: 'copies', label: 'Pages a day', type: 'number', min: 0, max: 10000 },
  { key: 'onSite', label: 'Should someone come by?', type: 'yesNo', required: true },
  { key: 'room', label: 'Building and room', type: 'text', required: true, showWhen: { field: 'onSite', equals: true } },
];

let itemId: string;
let teamId: string;

describe('request items', () => {
  it('an admin saves an item with a form and a guide; both are checked when saved', async () => {
    teamId = await stack.teamId('AU-IT-OPS');
    const printing = (await get('/categories')).body.find((c: { name: string }) => c.name === 'Printing');
    const badForm = await post('/catalog/items', {
      name: 'Printer problem',
      form: [PRINTER_FORM[0], { ...PRINTER_FORM[0], label: 'again' }, { key: 'x', label: 'X', type: 'text', showWhen: { field: 'later', equals: 'y' } }, { key: 'later', label: 'L', type: 'text' }],
    });
    expect(badForm.status).toBe(422);
    expect(badForm.body).toMatchObject({ field: 'form[1].key', rule: 'duplicateKey', missing: ['form[1].key', 'form[2].showWhen.field'] });

    const unreachable = { ...PRINTER_GUIDE, steps: [...PRINTER_GUIDE.steps, { id: 'orphan', kind: 'outcome', outcome: 'solved', text: 'Never reached' }] };
    const badGuide = await post('/catalog/items', { name: 'Printer problem', form: PRINTER_FORM, guide: unreachable });
    expect(badGuide.status).toBe(422);
    expect(badGuide.body).toMatchObject({ rule: 'unreachable' });
    expect(badGuide.body.message).toContain('orphan');
    expect((await post('/catalog/items', { name: 'Printer problem', defaultTeamId: '00000000-0000-4000-8000-000000000000' })).body).toMatchObject({ field: 'defaultTeamId' });
    expect((await post('/catalog/items', { name: 'Printer problem' }, 'tim')).status).toBe(403);

    const saved = await post('/catalog/items', {
      name: 'Printer problem',
      description: 'A printer does not print',
      categoryId: printing.id,
      requestKind: 'faultReport',
      defaultTeamId: teamId,
      form: PRINTER_FORM,
      guide: PRINTER_GUIDE,
    });
    expect(saved.status).toBe(201);
    itemId = saved.body.id;
    const listed = await get('/catalog/items');
    expect(listed.status).toBe(200);
    expect(listed.body.map((i: { name: string }) => i.name)).toEqual(['Printer problem']);

    const diagram = await get(`/catalog/items/${itemId}/guide/diagram`);
    expect(diagram.body.mermaid.split('\n')).toEqual(
      expect.arrayContaining(['stateDiagram-v2', '  [*] --> printerOn', '  printerOn --> connected : Yes', '  private --> privateEquipment : Yes', '  printerTicket --> [*]']),
    );
  });
});

describe('guided creation (seed 002: is it on, is the cable in, is it covered)', () => {
  const guide = (answers: Array<[string, string]>) => post(`/catalog/items/${itemId}/guide`, { answers: answers.map(([step, value]) => ({ step, value })) }, 'jannet');
  const myTickets = async () => (await get('/tickets')).body.total as number;

  it('solves the problem without a ticket', async () => {
    const before = await myTickets();
    const first = await guide([]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'question', step: { id: 'printerOn', text: 'Is the printer switched on?', options: [{ value: 'no', label: 'No' }, { value: 'yes', label: 'Yes' }] } });
    const solved = await guide([['printerOn', 'yes'], ['connected', 'no']]);
    expect(solved.body).toMatchObject({ status: 'solved', outcome: { id: 'plugIn' } });
    expect(solved.body.path.map((p: { step: string; value: string }) => `${p.step}=${p.value}`)).toEqual(['printerOn=yes', 'connected=no']);
    expect(await myTickets()).toBe(before);
  });

  it('refuses what the catalog does not cover, saying where to go instead', async () => {
    const refused = await guide([['printerOn', 'yes'], ['connected', 'yes'], ['private', 'yes']]);
    expect(refused.body).toMatchObject({ status: 'notCovered', outcome: { text: 'Private equipment is not covered by the service catalog or the SLA', redirect: "the shop's support" } });
    const wrong = await guide([['printerOn', 'maybe']]);
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ field: 'answers[0]', rule: 'unknownOption' });
    expect((await guide([['connected', 'yes']])).body).toMatchObject({ field: 'answers[0]', rule: 'wrongStep' });
  });

  it('creates a ticket routed to the item’s team, with the answers journaled and kept as Additional Questions', async () => {
    const toCreate: Array<[string, string]> = [['printerOn', 'yes'], ['connected', 'yes'], ['private', 'no']];
    expect((await guide(toCreate)).body).toMatchObject({ status: 'create' });
    const guideAnswers = toCreate.map(([step, value]) => ({ step, value }));
    const base = { type: 'incident', title: 'Printer does not print', description: 'Nothing comes out', impact: 'workplace', urgency: 'today', requestItemId: itemId, guideAnswers };

    const missing = await post('/tickets', { ...base, answers: { model: 'Brother', copies: 'many', onSite: true } }, 'jannet');
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ field: 'answers.printer', rule: 'required', missing: ['answers.printer', 'answers.model', 'answers.copies', 'answers.room'] });
    const notCreate = await post('/tickets', { ...base, guideAnswers: guideAnswers.slice(0, 1).map((a) => ({ ...a, value: 'no' })), answers: { printer: 'P-3.14', onSite: false } }, 'jannet');
    expect(notCreate.body).toMatchObject({ field: 'guideAnswers', rule: 'guideCreates' });
    expect((await post('/tickets', { ...base, requestItemId: undefined, answers: { printer: 'x' } }, 'jannet')).body).toMatchObject({ field: 'requestItemId', rule: 'answersNeedItem' });

    const opened = await post('/tickets', { ...base, answers: { printer: 'P-3.14 by the kitchen', model: 'HP', onSite: true, room: '1430-212' } }, 'jannet');
    expect(opened.status).toBe(201);
    // Jannet's organisation (BSS) would send it to BSS IT; the item sends it to its own team.
    expect(opened.body.team).toMatchObject({ id: teamId });
    expect(opened.body.category.name).toBe('Printing');
    expect(opened.body.journal[0].text).toBe(
      [
        'Ticket created',
        'Request item: Printer problem',
        'Which printer (name or location)? P-3.14 by the kitchen',
        'Make HP',
        'Should someone come by? yes',
        'Building and room 1430-212',
        'Guide: Is the printer switched on? Yes / Is the cable / network connected? Yes / Is it a private printer at home? No',
      ].join('\n'),
    );
    const agentView = (await get(`/tickets/${opened.body.number}`, 'ahmed')).body;
    expect(agentView.handling.answers).toEqual({ printer: 'P-3.14 by the kitchen', model: 'HP', onSite: 'yes', room: '1430-212' });
    expect(agentView.sla.requestKind).toBe('faultReport');
  });

  it('counts each guide’s outcomes for the process manager', async () => {
    const stats = await get('/catalog/guide-statistics', 'susanne');
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual([{ itemId, itemName: 'Printer problem', solved: 1, notCovered: 1, create: 1 }]);
    expect((await get('/catalog/guide-statistics', 'jannet')).status).toBe(403);
  });
});
