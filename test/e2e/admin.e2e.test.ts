// Administration end to end over HTTP (issue 4 items 1 and 7): teams, members, categories with
// their Additional Questions, organisations with their primary team, and out-of-office periods.
// Configuration is the admin's; everyone else gets 403, malformed input 400, unknown ids 404,
// a taken code 409 and a broken rule 422.
import { AbsencesService } from '../../src/absences/absences.service';
import { seedDemoData } from '../../src/demo/demo-data';
import { startStack, TestStack } from '../support/app';

jest.setTimeout(120_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack('admin');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

type User = Parameters<TestStack['as']>[0];
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const post = (path: string, user: User, body: object) => stack.http.post(path).set(stack.as(user)).send(body);
const patch = (path: string, user: User, body: object) => stack.http.patch(path).set(stack.as(user)).send(body);
const put = (path: string, user: User, body: object) => stack.http.put(path).set(stack.as(user)).send(body);
const get = (path: string, user: User) => stack.http.get(path).set(stack.as(user));
const del = (path: string, user: User) => stack.http.delete(path).set(stack.as(user));
const fieldsOf = (body: { fields: Array<{ field: string }> }) => body.fields.map((f) => f.field).sort();

describe('teams', () => {
  it('lets the admin create, read and change a team; GET /teams shows line level and auto-assignment', async () => {
    const created = await post('/teams', 'admin', { code: 'AU-IT-DESKTOP', name: 'AU IT Desktop', lineLevel: 2, autoAssign: true });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      code: 'AU-IT-DESKTOP',
      name: 'AU IT Desktop',
      lineLevel: 2,
      autoAssign: true,
      members: [],
    });
    const id = created.body.id;

    const all = await get('/teams', 'jannet').expect(200);
    expect(all.body.find((t: { code: string }) => t.code === 'BSS-IT')).toMatchObject({ lineLevel: 1, autoAssign: false });
    expect(all.body.find((t: { id: string }) => t.id === id)).toMatchObject({ code: 'AU-IT-DESKTOP', autoAssign: true });

    const bss = await get(`/teams/${await stack.teamId('BSS-IT')}`, 'tim').expect(200);
    expect(bss.body).toMatchObject({ code: 'BSS-IT', name: 'BSS IT', lineLevel: 1 });
    expect(bss.body.members.map((m: { username: string }) => m.username)).toEqual(['dorthe', 'sara', 'tim']);
    expect(bss.body.members[0]).toMatchObject({ role: 'dispatcher', isDispatcher: true, isLead: true });

    const changed = await patch(`/teams/${id}`, 'admin', { name: 'AU IT Desktop Services', autoAssign: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id, code: 'AU-IT-DESKTOP', name: 'AU IT Desktop Services', lineLevel: 2, autoAssign: false });
    // A PATCH that names nothing changes nothing (it was a 500: TypeORM refuses an empty UPDATE).
    expect((await stack.http.patch(`/teams/${id}`).set(stack.as('admin')).expect(200)).body).toEqual(changed.body);
  });

  it('refuses: 403 for non-admins, 400 naming the fields, 404 unknown ids, 409 a taken code, 422 a primary team leaving the 1st line', async () => {
    for (const user of ['dorthe', 'tim', 'jannet', 'ingrid'] as const) {
      const res = await post('/teams', user, { code: 'NOPE', name: 'Nope', lineLevel: 1 });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'forbidden', rule: 'admin' });
    }
    await patch(`/teams/${await stack.teamId('BSS-IT')}`, 'dorthe', { name: 'Mine now' }).expect(403);

    const malformed = await post('/teams', 'admin', { code: 'bss it', lineLevel: 4, autoAssign: 'yes' });
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed.body)).toEqual(['autoAssign', 'code', 'lineLevel', 'name']);
    // The code is the stable handle: it cannot be changed.
    const renamed = await patch(`/teams/${await stack.teamId('BSS-IT')}`, 'admin', { code: 'BSS-IT-2' });
    expect(renamed.status).toBe(400);
    expect(fieldsOf(renamed.body)).toEqual(['code']);
    expect(fieldsOf((await get('/teams/not-a-uuid', 'admin').expect(400)).body)).toEqual(['id']);

    expect((await get(`/teams/${UNKNOWN}`, 'admin')).body).toMatchObject({ statusCode: 404, error: 'teamNotFound' });
    await patch(`/teams/${UNKNOWN}`, 'admin', { name: 'Ghost' }).expect(404);

    const taken = await post('/teams', 'admin', { code: 'BSS-IT', name: 'Second BSS IT', lineLevel: 1 });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: 'duplicateCode', field: 'code' });

    // Seed 000, principle 3: BSS IT is Aarhus BSS's primary team, where the 1st line resolves.
    const demoted = await patch(`/teams/${await stack.teamId('BSS-IT')}`, 'admin', { lineLevel: 2 });
    expect(demoted.status).toBe(422);
    expect(demoted.body).toMatchObject({ error: 'ruleBroken', field: 'lineLevel', rule: 'primaryTeamFirstLine' });
    expect((await get(`/teams/${await stack.teamId('BSS-IT')}`, 'admin')).body.lineLevel).toBe(1);
  });
});

describe('team members', () => {
  it('adds staff, sets dispatcher and lead flags, and removes members', async () => {
    const team = (await post('/teams', 'admin', { code: 'AU-IT-SERVERS', name: 'AU IT Servers', lineLevel: 3 }).expect(201)).body.id;
    const [olga, ahmed] = [await stack.userId('olga'), await stack.userId('ahmed')];

    const withOlga = await put(`/teams/${team}/members/${olga}`, 'admin', { isDispatcher: true, isLead: true });
    expect(withOlga.status).toBe(200);
    expect(withOlga.body.members).toEqual([
      { id: olga, username: 'olga', displayName: 'Olga (AU IT Operations dispatcher)', role: 'dispatcher', isDispatcher: true, isLead: true },
    ]);
    const withAhmed = await put(`/teams/${team}/members/${ahmed}`, 'admin', {});
    expect(withAhmed.body.members.map((m: { username: string; isDispatcher: boolean; isLead: boolean }) => [m.username, m.isDispatcher, m.isLead])).toEqual([
      ['ahmed', false, false],
      ['olga', true, true],
    ]);
    // PUT is the whole membership: omitted flags are false.
    const olgaAgain = await put(`/teams/${team}/members/${olga}`, 'admin', { isDispatcher: true });
    expect(olgaAgain.body.members.find((m: { username: string }) => m.username === 'olga')).toMatchObject({ isDispatcher: true, isLead: false });
    await put(`/teams/${team}/members/${ahmed}`, 'admin', { isLead: true }).expect(200);

    await del(`/teams/${team}/members/${ahmed}`, 'admin').expect(204);
    expect((await get(`/teams/${team}`, 'tim')).body.members.map((m: { username: string }) => m.username)).toEqual(['olga']);
    // A member of two teams: Olga stays in AU IT Operations.
    const ops = (await get(`/teams/${await stack.teamId('AU-IT-OPS')}`, 'tim')).body;
    expect(ops.members.map((m: { username: string }) => m.username)).toContain('olga');
  });

  it('refuses: 403, 404 unknown team, user or membership, 422 non-staff or a dispatcher flag on an agent, 409 a second lead', async () => {
    const bss = await stack.teamId('BSS-IT');
    const [ahmed, jannet, susanne, sara] = await Promise.all(['ahmed', 'jannet', 'susanne', 'sara'].map((u) => stack.userId(u)));

    await put(`/teams/${bss}/members/${ahmed}`, 'dorthe', {}).expect(403);
    await del(`/teams/${bss}/members/${sara}`, 'dorthe').expect(403);

    expect((await put(`/teams/${UNKNOWN}/members/${ahmed}`, 'admin', {})).body).toMatchObject({ statusCode: 404, error: 'teamNotFound' });
    expect((await put(`/teams/${bss}/members/${UNKNOWN}`, 'admin', {})).body).toMatchObject({ statusCode: 404, error: 'userNotFound' });
    expect((await del(`/teams/${bss}/members/${ahmed}`, 'admin')).body).toMatchObject({ statusCode: 404, error: 'memberNotFound' });
    expect(fieldsOf((await put(`/teams/${bss}/members/42`, 'admin', {})).body)).toEqual(['userId']);
    expect(fieldsOf((await put(`/teams/${bss}/members/${sara}`, 'admin', { isLead: 'no', isBoss: true })).body)).toEqual(['isBoss', 'isLead']);

    for (const [user, role] of [
      [jannet, 'endUser'],
      [susanne, 'processManager'],
    ]) {
      const res = await put(`/teams/${bss}/members/${user}`, 'admin', {});
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ error: 'ruleBroken', field: 'userId', rule: 'staff', message: expect.stringContaining(role) });
    }
    const agentAsDispatcher = await put(`/teams/${bss}/members/${sara}`, 'admin', { isDispatcher: true });
    expect(agentAsDispatcher.status).toBe(422);
    expect(agentAsDispatcher.body).toMatchObject({ field: 'isDispatcher', rule: 'dispatchRole' });

    // Dorthe leads BSS IT (REQUIREMENTS 4: a team lead).
    const secondLead = await put(`/teams/${bss}/members/${sara}`, 'admin', { isLead: true });
    expect(secondLead.status).toBe(409);
    expect(secondLead.body).toMatchObject({ error: 'leadTaken', field: 'isLead', message: expect.stringContaining('Dorthe') });

    const members = (await get(`/teams/${bss}`, 'admin')).body.members;
    expect(members.map((m: { username: string; isDispatcher: boolean; isLead: boolean }) => [m.username, m.isDispatcher, m.isLead])).toEqual([
      ['dorthe', true, true],
      ['sara', false, false],
      ['tim', false, false],
    ]);
  });
});

describe('categories', () => {
  it('carry Additional Questions; the demo Printing and Network categories have theirs', async () => {
    const list = (await get('/categories', 'jannet').expect(200)).body as Array<{ name: string; additionalQuestions: unknown[] }>;
    expect(list.find((c) => c.name === 'Printing')?.additionalQuestions).toEqual([
      { key: 'printer', question: 'Which printer (name or location)?' },
      { key: 'tried', question: 'What was tried already (restart, cable, another PC)?' },
    ]);
    expect(list.find((c) => c.name === 'Network')?.additionalQuestions).toEqual([
      { key: 'location', question: 'Building and room?' },
      { key: 'wiredOrWireless', question: 'Wired or wireless?' },
    ]);
    expect(list.find((c) => c.name === 'Software')?.additionalQuestions).toEqual([]);
  });

  it('lets the admin add and change a category', async () => {
    const created = await post('/categories', 'admin', {
      name: 'Telephony',
      description: 'Desk phones and softphones',
      requestKind: 'faultReport',
      additionalQuestions: [{ key: 'extension', question: 'Which extension? ' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Telephony',
      description: 'Desk phones and softphones',
      requiresApproval: false,
      slaPolicyCode: 'standard',
      requestKind: 'faultReport',
      additionalQuestions: [{ key: 'extension', question: 'Which extension?' }],
      // The installation's auto-close period and pending policy, until the service sets its own.
      autoCloseAfterDays: null,
      pendingPolicy: null,
    });
    const id = created.body.id;

    const changed = await patch(`/categories/${id}`, 'admin', {
      slaPolicyCode: '24x7',
      requiresApproval: true,
      requestKind: null,
      additionalQuestions: [
        { key: 'extension', question: 'Which extension?' },
        { key: 'since', question: 'Since when?' },
      ],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Telephony', slaPolicyCode: '24x7', requiresApproval: true, requestKind: null });
    expect(changed.body.additionalQuestions.map((q: { key: string }) => q.key)).toEqual(['extension', 'since']);
    const listed = (await get('/categories', 'tim')).body.find((c: { id: string }) => c.id === id);
    expect(listed).toEqual(changed.body);
  });

  it('refuses: 403, 400 naming the fields, 404, 409 a taken name, 422 an unknown SLA policy or a repeated question key', async () => {
    const printing = (await get('/categories', 'admin')).body.find((c: { name: string }) => c.name === 'Printing');
    await post('/categories', 'dorthe', { name: 'Mine' }).expect(403);
    expect((await patch(`/categories/${printing.id}`, 'tim', { name: 'Printers' })).body).toMatchObject({ statusCode: 403, rule: 'admin' });

    const malformed = await post('/categories', 'admin', {
      name: 'X',
      requestKind: 'miracle',
      additionalQuestions: [{ key: '1st', question: '  ' }, { question: 'No key?' }],
    });
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed.body)).toEqual([
      'additionalQuestions.0.key',
      'additionalQuestions.0.question',
      'additionalQuestions.1.key',
      'name',
      'requestKind',
    ]);
    await patch(`/categories/${printing.id}`, 'admin', { additionalQuestions: 'which printer?' }).expect(400);

    expect((await patch(`/categories/${UNKNOWN}`, 'admin', { name: 'Ghost' })).body).toMatchObject({ statusCode: 404, error: 'categoryNotFound' });

    const taken = await post('/categories', 'admin', { name: 'Network' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: 'duplicateName', field: 'name' });
    await patch(`/categories/${printing.id}`, 'admin', { name: 'Network' }).expect(409);

    const unknownPolicy = await post('/categories', 'admin', { name: 'Plotters', slaPolicyCode: 'gold' });
    expect(unknownPolicy.status).toBe(422);
    expect(unknownPolicy.body).toMatchObject({ error: 'unknownReference', field: 'slaPolicyCode' });

    const repeated = await patch(`/categories/${printing.id}`, 'admin', {
      additionalQuestions: [
        { key: 'printer', question: 'Which printer?' },
        { key: 'printer', question: 'Which printer again?' },
      ],
    });
    expect(repeated.status).toBe(422);
    expect(repeated.body).toMatchObject({ error: 'ruleBroken', field: 'additionalQuestions', rule: 'uniqueQuestionKeys' });

    // Nothing changed.
    const after = (await get('/categories', 'admin')).body.find((c: { id: string }) => c.id === printing.id);
    expect(after).toEqual(printing);
    expect((await get('/categories', 'admin')).body.map((c: { name: string }) => c.name)).not.toContain('Plotters');
  });
});

describe('organisations', () => {
  it('lists the six AU organisations with their primary teams', async () => {
    const res = await get('/organisations', 'jannet').expect(200);
    expect(res.body.map((o: { code: string; primaryTeam: { code: string } }) => [o.code, o.primaryTeam.code])).toEqual([
      ['ARTS', 'ARTS-IT'],
      ['BSS', 'BSS-IT'],
      ['FA', 'FA-IT'],
      ['HEALTH', 'HEALTH-IT'],
      ['NATTECH-AAR', 'NAT-TECH-1'],
      ['NATTECH-LOC', 'NAT-TECH-2'],
    ]);
    expect(res.body.find((o: { code: string }) => o.code === 'BSS')).toEqual({
      code: 'BSS',
      name: 'Aarhus BSS',
      primaryTeam: { id: await stack.teamId('BSS-IT'), code: 'BSS-IT', name: 'BSS IT' },
      slaPolicyCode: null,
      contactId: null,
    });
  });

  it('lets the admin add one and move it to another primary team', async () => {
    const [bss, health] = [await stack.teamId('BSS-IT'), await stack.teamId('HEALTH-IT')];
    const created = await post('/organisations', 'admin', { code: 'AU-LIBRARY', name: 'AU Library', primaryTeamId: bss });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ code: 'AU-LIBRARY', name: 'AU Library', primaryTeam: { id: bss, code: 'BSS-IT', name: 'BSS IT' }, slaPolicyCode: null, contactId: null });
    const moved = await patch('/organisations/AU-LIBRARY', 'admin', { name: 'Royal Danish Library, Aarhus', primaryTeamId: health });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ code: 'AU-LIBRARY', name: 'Royal Danish Library, Aarhus', primaryTeam: { id: health, code: 'HEALTH-IT', name: 'Health IT' }, slaPolicyCode: null, contactId: null });
    expect((await get('/organisations', 'tim')).body).toContainEqual(moved.body);
    // A PATCH that names nothing changes nothing (it was a 500: TypeORM refuses an empty UPDATE).
    expect((await patch('/organisations/AU-LIBRARY', 'admin', {}).expect(200)).body).toEqual(moved.body);
  });

  it('refuses: 403, 400, 404, 409 a taken code, 422 an unknown or 2nd-line primary team', async () => {
    const bss = await stack.teamId('BSS-IT');
    await post('/organisations', 'dorthe', { code: 'MINE', name: 'Mine', primaryTeamId: bss }).expect(403);
    await patch('/organisations/BSS', 'olga', { name: 'Ours' }).expect(403);
    expect(fieldsOf((await post('/organisations', 'admin', { code: 'lower case', primaryTeamId: 'BSS-IT' })).body)).toEqual(['code', 'name', 'primaryTeamId']);
    expect((await patch('/organisations/NOWHERE', 'admin', { name: 'Nowhere' })).body).toMatchObject({ statusCode: 404, error: 'organisationNotFound' });

    const taken = await post('/organisations', 'admin', { code: 'BSS', name: 'Aarhus BSS again', primaryTeamId: bss });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: 'duplicateCode', field: 'code' });

    const unknownTeam = await post('/organisations', 'admin', { code: 'GHOST', name: 'Ghost', primaryTeamId: UNKNOWN });
    expect(unknownTeam.status).toBe(422);
    expect(unknownTeam.body).toMatchObject({ error: 'unknownReference', field: 'primaryTeamId' });
    const secondLine = await patch('/organisations/BSS', 'admin', { primaryTeamId: await stack.teamId('AU-IT-OPS') });
    expect(secondLine.status).toBe(422);
    expect(secondLine.body).toMatchObject({ error: 'ruleBroken', field: 'primaryTeamId', rule: 'primaryTeamFirstLine' });
    expect((await get('/organisations', 'admin')).body.find((o: { code: string }) => o.code === 'BSS').primaryTeam.code).toBe('BSS-IT');
  });
});

describe('absences (out of office)', () => {
  const hour = 3600_000;
  // One base instant for the whole block: two calls of Date.now() may differ by a millisecond.
  const base = Date.now();
  const at = (offsetHours: number) => new Date(base + offsetHours * hour).toISOString();

  it('an agent sets, lists, replaces and removes their periods; the dispatcher sees who is absent', async () => {
    const [tim, sara] = [await stack.userId('tim'), await stack.userId('sara')];
    const bss = await stack.teamId('BSS-IT');
    const holiday = { startsAt: at(-1), endsAt: at(24), autoReply: 'I am away until tomorrow; BSS IT has your ticket.' };

    const set = await put('/me/absences', 'tim', holiday);
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ id: expect.any(String), userId: tim, ...holiday });
    // The same period again changes only the auto-reply.
    const again = await put('/me/absences', 'tim', { ...holiday, autoReply: 'Back tomorrow.' });
    expect(again.body).toEqual({ ...set.body, autoReply: 'Back tomorrow.' });
    const course = await put('/me/absences', 'tim', { startsAt: at(48), endsAt: at(72), autoReply: 'On a course.' });
    expect((await get('/me/absences', 'tim')).body).toEqual([again.body, course.body]);
    expect((await get('/me/absences', 'sara')).body).toEqual([]);

    const absentNow = await get(`/teams/${bss}/absences`, 'dorthe').expect(200);
    expect(absentNow.body).toEqual([{ ...again.body, username: 'tim', displayName: 'LevelOneTim' }]);
    const later = await stack.http.get(`/teams/${bss}/absences`).query({ at: at(50) }).set(stack.as('admin')).expect(200);
    expect(later.body.map((a: { autoReply: string }) => a.autoReply)).toEqual(['On a course.']);
    expect((await stack.http.get(`/teams/${bss}/absences`).query({ at: at(30) }).set(stack.as('dorthe'))).body).toEqual([]);

    // A period overlapping others replaces them: one auto-reply at a time.
    const longer = await put('/me/absences', 'tim', { startsAt: at(-1), endsAt: at(96), autoReply: 'Away all week.' });
    expect((await get('/me/absences', 'tim')).body).toEqual([longer.body]);

    // What the ticket workflow will ask.
    const absences = stack.app.get(AbsencesService);
    expect(await absences.isAbsent(tim)).toBe(true);
    expect(await absences.isAbsent(sara)).toBe(false);
    expect(await absences.isAbsent(tim, new Date(Date.now() + 100 * hour))).toBe(false);
    expect(await absences.absentAmong([tim, sara], new Date())).toEqual([tim]);
    expect(await absences.absentAmong([], new Date())).toEqual([]);
    expect((await absences.currentAbsence(tim))?.autoReply).toBe('Away all week.');

    await del(`/me/absences/${longer.body.id}`, 'tim').expect(204);
    expect((await get('/me/absences', 'tim')).body).toEqual([]);
    expect(await absences.isAbsent(tim)).toBe(false);
  });

  it('refuses: 422 a period that does not end after it starts, 400, 403 for end users and non-dispatchers, 404', async () => {
    const inverted = await put('/me/absences', 'sara', { startsAt: at(5), endsAt: at(1) });
    expect(inverted.status).toBe(422);
    expect(inverted.body).toMatchObject({ error: 'ruleBroken', field: 'endsAt', rule: 'endsAfterStart' });
    const empty = await put('/me/absences', 'sara', { startsAt: at(1), endsAt: at(1) });
    expect(empty.status).toBe(422);
    expect(fieldsOf((await put('/me/absences', 'sara', { startsAt: 'monday', autoReply: 42 })).body)).toEqual(['autoReply', 'endsAt', 'startsAt']);

    expect((await put('/me/absences', 'jannet', { startsAt: at(1), endsAt: at(2) })).body).toMatchObject({ statusCode: 403, rule: 'staff' });
    await get('/me/absences', 'jannet').expect(403);
    const bss = await stack.teamId('BSS-IT');
    expect((await get(`/teams/${bss}/absences`, 'tim')).body).toMatchObject({ statusCode: 403, rule: 'dispatch' });
    await get(`/teams/${bss}/absences`, 'susanne').expect(403);
    // A team's absences are its own dispatchers' and lead's (and admins'): another team's dispatcher is refused.
    expect((await get(`/teams/${bss}/absences`, 'henrik')).body).toMatchObject({ statusCode: 403, rule: 'dispatch' });
    expect(fieldsOf((await stack.http.get(`/teams/${bss}/absences`).query({ at: 'soon' }).set(stack.as('dorthe'))).body)).toEqual(['at']);
    expect((await get(`/teams/${UNKNOWN}/absences`, 'dorthe')).body).toMatchObject({ statusCode: 404, error: 'teamNotFound' });

    // Sara cannot remove Tim's period: it is not hers to know of.
    const tims = await put('/me/absences', 'tim', { startsAt: at(10), endsAt: at(20), autoReply: 'Dentist.' });
    expect((await del(`/me/absences/${tims.body.id}`, 'sara')).body).toMatchObject({ statusCode: 404, error: 'absenceNotFound' });
    await del(`/me/absences/${UNKNOWN}`, 'tim').expect(404);
    await del('/me/absences/nope', 'tim').expect(400);
    expect((await get('/me/absences', 'tim')).body).toEqual([tims.body]);
  });
});

describe('the demo data', () => {
  it('gives a demo database seeded before organisations existed its organisations and questions, once', async () => {
    const db = stack.db.dataSource;
    await db.query(`DELETE FROM organisations`);
    await db.query(`UPDATE categories SET additional_questions = '[]'::jsonb WHERE name = 'Printing'`);
    await db.query(`UPDATE categories SET additional_questions = '[{"key":"room","question":"Which room?"}]'::jsonb WHERE name = 'Network'`);

    expect((await seedDemoData(db)).created).toBe(false);
    expect((await get('/organisations', 'admin')).body.map((o: { code: string }) => o.code)).toEqual(['ARTS', 'BSS', 'FA', 'HEALTH', 'NATTECH-AAR', 'NATTECH-LOC']);
    const categories = (await get('/categories', 'admin')).body as Array<{ name: string; additionalQuestions: Array<{ key: string }> }>;
    expect(categories.find((c) => c.name === 'Printing')?.additionalQuestions.map((q) => q.key)).toEqual(['printer', 'tried']);
    // What an admin set is kept.
    expect(categories.find((c) => c.name === 'Network')?.additionalQuestions.map((q) => q.key)).toEqual(['room']);
    // Once: with organisations present, nothing more is added.
    await db.query(`DELETE FROM organisations WHERE code = 'FA'`);
    await seedDemoData(db);
    expect((await get('/organisations', 'admin')).body.map((o: { code: string }) => o.code)).not.toContain('FA');
  });
});
