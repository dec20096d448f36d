// End to end over HTTP: the Nest app with its worker, real PostgreSQL, a real Temporal server.
// Scenario by scenario, as the people in the seeds use the system.
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';

jest.setTimeout(120_000);

let stack: TestStack;

beforeAll(async () => {
  // The auto-close period is policy: two seconds here instead of 30 days.
  stack = await startStack('tickets', { TICKET_AUTO_CLOSE_AFTER: '2s' });
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const printerTicket = {
  type: 'incident',
  title: 'Jeg kan ikke printe',
  description: 'Når jeg trykker print i Word, sker der ikke noget.',
  impact: 'workplace',
  urgency: 'today',
  channel: 'portal',
};

async function openTicket(username: 'jannet' | 'raul', body: object = printerTicket) {
  const res = await stack.http.post('/tickets').set(stack.as(username)).send(body);
  expect(res.status).toBe(201);
  return res.body as { number: string };
}

function command(number: string, path: string, username: Parameters<TestStack['as']>[0], body: object = {}) {
  return stack.http.post(`/tickets/${number}/${path}`).set(stack.as(username)).send(body);
}

const getTicket = (number: string, username: Parameters<TestStack['as']>[0]) =>
  stack.http.get(`/tickets/${number}`).set(stack.as(username));

describe('seed 002, scenario 1: a printer that does not print', () => {
  it('goes from the user through pending on the user to resolved, and closes itself', async () => {
    const created = await stack.http.post('/tickets').set(stack.as('jannet')).send(printerTicket);
    expect(created.status).toBe(201);
    // Jannet's organisation (BSS) has BSS IT as its primary team: the ticket lands in its queue.
    expect(created.body).toMatchObject({
      number: expect.stringMatching(/^INC-\d{6}$/),
      status: 'Assigned',
      team: { name: 'BSS IT' },
      priority: { code: 'P3', name: 'NORMAL', score: 4 },
      allowedCommands: ['reply'],
    });
    const number = created.body.number;
    const tim = await stack.userId('tim');

    expect((await command(number, 'assign-to-agent', 'dorthe', { agentId: tim })).body).toMatchObject({ assignee: { name: 'LevelOneTim' } });
    // Writing to the user while Assigned puts the ticket In Progress by itself (REQUIREMENTS 2).
    const asked = await command(number, 'comments', 'tim', { text: 'Har du forbindelse til internettet, og virker printeren for dine kollegaer?' });
    expect(asked.body.status).toBe('InProgress');
    const pending = await command(number, 'set-pending', 'tim', { reason: 'awaitingUser', text: 'Venter på dit svar' });
    expect(pending.body).toMatchObject({ status: 'Pending', pending: { reason: 'awaitingUser', text: 'Venter på dit svar' } });

    const seenByUser = await getTicket(number, 'jannet');
    expect(seenByUser.body).toMatchObject({ status: 'Pending', pending: { text: 'Venter på dit svar' }, allowedCommands: ['reply'] });

    const replied = await command(number, 'replies', 'jannet', { text: 'Ja, internettet virker, og printeren virker hos CustomerRaul.' });
    expect(replied.body).toMatchObject({ status: 'InProgress', updateFlag: true, pending: null });

    await command(number, 'journal-notes', 'tim', { text: 'John trådte på kablet; stikket var faldet ud.' }).expect(200);
    const resolved = await command(number, 'resolve', 'tim', { resolution: 'Stikket er sat i igen. Printeren virker.' });
    expect(resolved.body).toMatchObject({ status: 'Resolved', updateFlag: false, resolution: 'Stikket er sat i igen. Printeren virker.' });
    expect(resolved.body.closesAt).not.toBeNull();

    const mail = (await getTicket(number, 'jannet')).body.notifications.find((n: { template: string }) => n.template === 'resolved');
    expect(mail.body).toContain('Dear user');
    expect(mail.body).toContain('Stikket er sat i igen. Printeren virker.');

    const closed = await eventually(() => getTicket(number, 'jannet'), (res) => res.body.status === 'Closed');
    expect(closed.body).toMatchObject({ status: 'Closed', allowedCommands: [] });
    expect(closed.body.notifications.map((n: { template: string }) => n.template)).toEqual([
      'ticketCreated',
      'assignedToTeam',
      'agentComment',
      'pending',
      'resolved',
      'closed',
    ]);

    // A Closed ticket is immutable: the user opens a new one.
    const late = await command(number, 'replies', 'jannet', { text: 'Det virker ikke igen' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: 'commandNotAllowed', allowedCommands: [] });
  });
});

describe('AU process, single team (seed 000, steps 1-6 and 16-17)', () => {
  it('runs from the portal through the dispatcher and 1st line to resolution, reopen and auto-close', async () => {
    // 1. The customer opens a ticket in the portal.
    const { number } = await openTicket('raul', { ...printerTicket, title: 'Outlook crashes at start', urgency: 'tomorrow', type: 'incident' });
    // 2-3. The dispatcher sees it in the team's queue (Raul's primary team) and checks it.
    const bss = await stack.teamId('BSS-IT');
    const queue = await stack.http.get('/tickets').query({ team: bss, status: 'Assigned' }).set(stack.as('dorthe'));
    expect(queue.body.items.map((t: { number: string }) => t.number)).toContain(number);
    // 4. The dispatcher assigns a specific 1st-line agent.
    const sara = await stack.userId('sara');
    await command(number, 'assign-to-agent', 'dorthe', { agentId: sara }).expect(200);
    const teamQueue = await stack.http.get('/tickets').query({ team: bss, assignee: sara }).set(stack.as('dorthe'));
    expect(teamQueue.body).toMatchObject({ total: 1, items: [{ number, status: 'Assigned' }] });
    // 5. The agent presses "Begin work".
    expect((await command(number, 'begin-work', 'sara')).body).toMatchObject({ status: 'InProgress', assignee: { name: 'Sara (BSS IT agent)' } });
    // 6. Usual work, documented in the journal; an important note is pinned.
    const noted = await command(number, 'journal-notes', 'sara', { text: 'Outlook profile corrupt; recreated it.' });
    const seq = noted.body.journal.at(-1).seq;
    expect((await stack.http.post(`/tickets/${number}/journal/${seq}/pin`).set(stack.as('sara'))).body.journal.at(-1)).toMatchObject({ seq, pinned: true });
    // 16. The agent resolves with resolution details.
    await command(number, 'resolve', 'sara', { resolution: 'Your Outlook profile was rebuilt.' }).expect(200);
    // 17. The user is told and may reopen; reopening cancels the auto-close.
    const reopened = await command(number, 'reopen', 'raul', { text: 'It crashed again this morning' });
    expect(reopened.body).toMatchObject({ status: 'InProgress', updateFlag: true, closesAt: null });
    await command(number, 'comments', 'sara', { text: 'I have repaired the Office installation.' }).expect(200);
    await command(number, 'resolve', 'sara', { resolution: 'Office repaired and profile rebuilt.' }).expect(200);
    const closed = await eventually(() => getTicket(number, 'raul'), (res) => res.body.status === 'Closed');
    expect(closed.body.status).toBe('Closed');
    const journal = (await getTicket(number, 'dorthe')).body.journal.map((e: { text: string }) => e.text);
    expect(journal).toEqual([
      'Ticket created',
      'Dispatched to team BSS IT',
      'Assigned to Sara (BSS IT agent)',
      'Work begun',
      'Outlook profile corrupt; recreated it.',
      'Resolved: Your Outlook profile was rebuilt.',
      'Reopened: It crashed again this morning',
      'I have repaired the Office installation.',
      'Resolved: Office repaired and profile rebuilt.',
      'Closed automatically after the resolution period',
    ]);
  });
});

describe('end users see their own tickets, never internal notes', () => {
  it('hides other users’ tickets and every internal entry', async () => {
    const { number } = await openTicket('jannet');
    await command(number, 'journal-notes', 'tim', { text: 'Internal: user is on the VIP list' }).expect(200);
    await command(number, 'attention', 'tim').expect(200);

    const own = await getTicket(number, 'jannet');
    expect(own.status).toBe(200);
    expect(own.body.journal.every((e: { visibility: string }) => e.visibility === 'public')).toBe(true);
    expect(JSON.stringify(own.body.journal)).not.toContain('VIP');
    const agentView = await getTicket(number, 'tim');
    expect(JSON.stringify(agentView.body.journal)).toContain('VIP');

    const foreign = await getTicket(number, 'raul');
    expect(foreign.status).toBe(404);
    const list = await stack.http.get('/tickets').query({ requester: (await stack.userId('jannet')) }).set(stack.as('raul'));
    expect(list.body.items.map((t: { number: string }) => t.number)).not.toContain(number);
    const replyToForeign = await command(number, 'replies', 'raul', { text: 'me too' });
    expect(replyToForeign.status).toBe(404);
  });
});

describe('errors say what failed and change nothing', () => {
  it('answers 401 without a token and for an unknown token, but serves health and docs openly', async () => {
    await stack.http.get('/tickets').expect(401);
    await stack.http.get('/tickets').set({ Authorization: 'Bearer not-a-token' }).expect(401);
    await stack.http.get('/health').expect(200);
    const docs = await stack.http.get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toContain('/tickets/{number}/resolve');
  });

  it('answers 400 naming the fields of malformed input', async () => {
    const res = await stack.http.post('/tickets').set(stack.as('jannet')).send({ ...printerTicket, impact: 'a galaxy', title: '' });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['impact', 'title']);
  });

  it('answers 404, 409 with the allowed commands, 403 for the wrong role and 422 for a broken rule', async () => {
    await stack.http.get('/tickets/INC-999999').set(stack.as('tim')).expect(404);
    const { number } = await openTicket('jannet');

    const early = await command(number, 'resolve', 'tim', { resolution: 'fixed' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'commandNotAllowed', allowedCommands: expect.arrayContaining(['assignToTeam', 'addJournalNote']) });

    const notStaff = await command(number, 'journal-notes', 'jannet', { text: 'let me write internally' });
    expect(notStaff.status).toBe(403);
    expect(notStaff.body).toMatchObject({ error: 'forbidden', rule: 'staff', allowedCommands: ['reply'] });

    await command(number, 'begin-work', 'tim').expect(200);
    const blank = await command(number, 'resolve', 'tim', { resolution: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body).toMatchObject({ error: 'ruleBroken', field: 'resolution' });

    const unknownTeam = await command(number, 'assign-to-team', 'dorthe', { teamId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownTeam.status).toBe(422);
    expect(unknownTeam.body).toMatchObject({ error: 'unknownReference', field: 'teamId' });

    const after = await getTicket(number, 'tim');
    expect(after.body).toMatchObject({ status: 'InProgress', version: 2, resolution: null });
    const audit = await stack.db.dataSource.query('SELECT command, outcome FROM audit_log WHERE subject = $1 ORDER BY id', [number]);
    expect(audit).toEqual([
      { command: 'resolve', outcome: 'commandNotAllowed' },
      { command: 'addJournalNote', outcome: 'forbidden' },
      { command: 'resolve', outcome: 'ruleBroken' },
      { command: 'assignToTeam', outcome: 'unknownReference' },
    ]);
  });
});

describe('retries never duplicate', () => {
  it('creates one ticket for a repeated Idempotency-Key and applies a repeated command once', async () => {
    const key = `portal-${Date.now()}`;
    const tickets = async () => (await stack.db.dataSource.query('SELECT count(*)::int AS count FROM tickets'))[0].count as number;
    const before = await tickets();
    const first = await stack.http.post('/tickets').set({ ...stack.as('jannet'), 'Idempotency-Key': key }).send(printerTicket);
    const again = await stack.http.post('/tickets').set({ ...stack.as('jannet'), 'Idempotency-Key': key }).send(printerTicket);
    expect(first.status).toBe(201);
    expect(again.body.number).toBe(first.body.number);
    expect(await tickets()).toBe(before + 1);

    const note = { text: 'Called the user' };
    const headers = { ...stack.as('tim'), 'Idempotency-Key': `${key}-note` };
    await stack.http.post(`/tickets/${first.body.number}/journal-notes`).set(headers).send(note).expect(200);
    const retried = await stack.http.post(`/tickets/${first.body.number}/journal-notes`).set(headers).send(note).expect(200);
    expect(retried.body.journal.filter((e: { text: string }) => e.text === 'Called the user')).toHaveLength(1);
  });
});

describe('customer approval (seed 004) is a per-service policy', () => {
  it('closes on the requester’s approval where the service asks for it, and not elsewhere', async () => {
    const categories = await stack.http.get('/categories').set(stack.as('jannet'));
    const setUp = categories.body.find((c: { name: string }) => c.name === 'Workplace set-up');
    const { number } = await openTicket('jannet', { ...printerTicket, type: 'request', title: 'New PC on my desk', categoryId: setUp.id });
    expect(number).toMatch(/^REQ-/);
    await command(number, 'begin-work', 'tim').expect(200);
    await command(number, 'resolve', 'tim', { resolution: 'PC installed at your desk' }).expect(200);
    expect((await getTicket(number, 'jannet')).body.allowedCommands).toEqual(expect.arrayContaining(['approve', 'reopen', 'reply']));
    const approved = await command(number, 'approve', 'jannet', { text: 'Works fine, thank you' });
    expect(approved.body).toMatchObject({ status: 'Closed', allowedCommands: [] });

    const plain = await openTicket('jannet');
    await command(plain.number, 'begin-work', 'tim').expect(200);
    await command(plain.number, 'resolve', 'tim', { resolution: 'Done remotely' }).expect(200);
    expect((await getTicket(plain.number, 'jannet')).body.allowedCommands).not.toContain('approve');
    expect((await command(plain.number, 'approve', 'jannet')).status).toBe(409);
  });
});

describe('a new ticket referencing an earlier one (REQUIREMENTS 2)', () => {
  it('names the Closed ticket it follows up, and each shows the other', async () => {
    const first = await openTicket('jannet');
    await command(first.number, 'begin-work', 'dorthe').expect(200);
    await command(first.number, 'resolve', 'dorthe', { resolution: 'Reinstalled the driver' }).expect(200);
    // The auto-close period is two seconds here.
    await eventually(() => getTicket(first.number, 'jannet'), (res) => res.body.status === 'Closed');

    const follow = await stack.http.post('/tickets').set(stack.as('jannet')).send({ ...printerTicket, title: 'Printer stopped again', references: [first.number.toLowerCase()] });
    expect(follow.status).toBe(201);
    expect(follow.body.references).toEqual([{ number: first.number, title: printerTicket.title, status: 'Closed' }]);
    expect(follow.body.referencedBy).toEqual([]);
    const earlier = (await getTicket(first.number, 'tim')).body;
    expect(earlier.referencedBy).toEqual([{ number: follow.body.number, title: 'Printer stopped again', status: 'Assigned' }]);
  });

  it('refuses a reference to a ticket that does not exist or is someone else’s, taking no number', async () => {
    const raulsTicket = await openTicket('raul');
    const res = await stack.http.post('/tickets').set(stack.as('jannet')).send({ ...printerTicket, references: [raulsTicket.number, 'INC-999999'] });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ field: 'references', missing: [raulsTicket.number, 'INC-999999'] });
    const next = await openTicket('jannet');
    expect(Number(next.number.slice(4))).toBe(Number(raulsTicket.number.slice(4)) + 1);
  });
});

describe('an answer to the user while New (REQUIREMENTS 2)', () => {
  it('puts the ticket In Progress with the answering agent and their team; someone in no team dispatches first', async () => {
    // Thomas belongs to no organisation: nothing routes his ticket, it stays New.
    const created = await stack.http.post('/tickets').set(stack.as('thomas')).send({ ...printerTicket, title: 'Beamer in room 2.14' });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('New');

    const byAdmin = await command(created.body.number, 'comments', 'admin', { text: 'Which room?' });
    expect(byAdmin.status).toBe(422);
    expect(byAdmin.body).toMatchObject({ rule: 'answererHasTeam', field: 'teamId' });

    const answered = await command(created.body.number, 'comments', 'tim', { text: 'Is the beamer switched on at the wall?' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'InProgress', team: { name: 'BSS IT' }, assignee: { name: 'LevelOneTim' } });
    expect(answered.body.journal.map((e: { text: string }) => e.text)).toEqual(
      expect.arrayContaining(['Taken by LevelOneTim (BSS IT) on answering the user', 'Is the beamer switched on at the wall?']),
    );
  });
});
