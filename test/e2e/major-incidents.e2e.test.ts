// End to end over HTTP: major incidents (issue 5). Five printer incidents in ten minutes make the
// detector propose one candidate (never a second); Ingrid (incident manager) accepts it, assigns
// the resolving team, links the five, posts a stakeholder update and resolves it, whose cascade
// (a workflow) resolves all five and tells each user once; the review and close follow.
import { MajorIncidentsService } from '../../src/major-incidents/major-incidents.service';
import { BulkActionActivities } from '../../src/bulk-actions/bulk-actions.activities';
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';

jest.setTimeout(180_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack('major_incidents', { MI_UPDATE_EVERY: '1h', MI_DETECT_MIN_INCIDENTS: '5', MI_DETECT_WINDOW_MINUTES: '15' });
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const command = (number: string, path: string, body: object = {}, user: Parameters<TestStack['as']>[0] = 'ingrid') =>
  stack.http.post(`/major-incidents/${number}/${path}`).set(stack.as(user)).send(body);

describe('five printer incidents in ten minutes', () => {
  it('produce one candidate; accepting, linking and resolving it resolves all five and records the notifications', async () => {
    const categories = await stack.http.get('/categories').set(stack.as('tim'));
    const printing = categories.body.find((c: { name: string }) => c.name === 'Printing');
    const jannet = await stack.userId('jannet');
    const raul = await stack.userId('raul');
    const numbers: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await stack.http
        .post('/tickets')
        .set(stack.as('tim'))
        .send({
          type: 'incident',
          title: ['Printer on floor 2 does not print', 'Cannot print to P2-A', 'Print queue stuck', 'Paper jam message everywhere', 'No printing in building 1', 'Printer offline'][i],
          description: 'Nothing comes out of the printer',
          impact: 'workplace',
          urgency: 'today',
          categoryId: printing.id,
          requesterId: i % 2 ? raul : jannet,
          // Five in ten minutes, then a sixth a minute later (already clustered ones are not proposed again).
          reportedAt: new Date(Date.now() - (10 - 2.5 * Math.min(i, 4)) * 60_000 + (i === 5 ? 60_000 : 0)).toISOString(),
        });
      expect(res.status).toBe(201);
      numbers.push(res.body.number);
    }
    const five = numbers.slice(0, 5);

    const active = await stack.http.get('/major-incidents').set(stack.as('ingrid')).expect(200);
    expect(active.body).toHaveLength(1);
    const candidate = active.body[0];
    expect(candidate).toMatchObject({ number: expect.stringMatching(/^MI-\d{6}$/), stage: 'proposed', proposedBy: 'detector', candidates: five, categoryId: printing.id });
    expect(candidate.reason).toContain('5 incidents on Printing');
    const mi = candidate.number as string;
    // The suggestion: every open printer incident of the window, the sixth included.
    expect(candidate.suggestedLinks).toEqual(numbers);

    // Only incident managers decide (403), with the allowed commands on 409.
    expect((await command(mi, 'accept', {}, 'tim')).status).toBe(403);
    expect((await command(mi, 'link', { number: five[0] })).body).toMatchObject({ statusCode: 409, allowedCommands: ['accept', 'reject'] });
    expect((await stack.http.get('/major-incidents/MI-999999').set(stack.as('ingrid'))).status).toBe(404);

    await command(mi, 'accept', { rationale: 'A whole building cannot print' }).expect(200);
    const team = await stack.teamId('AU-IT-OPS');
    const assigned = await command(mi, 'assign', { teamId: team, stakeholderIds: [await stack.userId('susanne')] }).expect(200);
    expect(assigned.body).toMatchObject({ stage: 'active', priority: 'P1', teamName: expect.any(String), updateDueAt: expect.any(String) });
    expect((await command(mi, 'update', {})).status).toBe(404);
    expect((await command(mi, 'updates', { text: '' })).body).toMatchObject({ statusCode: 422, field: 'text' });

    for (const number of five) await command(mi, 'link', { number }).expect(200);
    expect((await command(mi, 'link', { number: five[0] })).body).toMatchObject({ statusCode: 422, field: 'number', message: `${five[0]} is already linked to ${mi}` });
    expect((await command(mi, 'link', { number: 'INC-999999' })).status).toBe(422);
    const child = await stack.http.get(`/tickets/${five[0]}`).set(stack.as('tim')).expect(200);
    expect(child.body.majorIncident).toMatchObject({ number: mi, stage: 'active' });

    await command(mi, 'updates', { text: 'The print server is being replaced' }).expect(200);
    const resolved = await command(mi, 'resolve', { resolution: 'Print server replaced; printing works again' }).expect(200);
    expect(resolved.body.stage).toBe('resolved');
    // The cascade is a workflow of its own (issue 15, item 3): the page follows it to the end.
    const done = await eventually(
      async () => (await stack.http.get(`/major-incidents/${mi}`).set(stack.as('ingrid')).expect(200)).body,
      (view) => view.cascade?.finished === true,
      60_000,
    );
    expect(done.cascade).toMatchObject({ id: `${mi}-cascade`, command: 'resolveWithMajorIncident', majorIncident: mi, total: 5, handled: 5 });
    expect(done.cascade.items.map((i: { number: string; outcome: string }) => [i.number, i.outcome])).toEqual(five.map((number) => [number, 'done']));
    expect((await stack.http.get(`/bulk-actions/${mi}-cascade`).set(stack.as('tim')).expect(200)).body.items).toEqual(done.cascade.items);
    await eventually(
      async () => (await stack.http.get(`/major-incidents/${mi}`).set(stack.as('ingrid'))).body.timeline.map((e: { text: string }) => e.text),
      (texts: string[]) => texts.includes('Linked incidents: 5 resolved with this major incident, 0 resolved before it'),
    );

    for (const number of five) {
      const ticket = await stack.http.get(`/tickets/${number}`).set(stack.as('tim')).expect(200);
      expect(ticket.body).toMatchObject({ status: 'Resolved', resolution: `Print server replaced; printing works again (resolved with major incident ${mi})` });
      // Each user hears it once, from their own ticket.
      expect(ticket.body.notifications.filter((n: { template: string }) => n.template === 'resolved')).toHaveLength(1);
    }
    expect((await stack.http.get(`/tickets/${numbers[5]}`).set(stack.as('tim'))).body.status).not.toBe('Resolved');

    const outbox: Array<{ template: string; recipient_id: string }> = await stack.db.dataSource.query(
      `SELECT template, recipient_id FROM notifications WHERE ticket_number = $1 ORDER BY id`,
      [mi],
    );
    const byTemplate = (t: string) => new Set(outbox.filter((n) => n.template === t).map((n) => n.recipient_id));
    expect(byTemplate('miProposed')).toEqual(new Set([await stack.userId('ingrid')]));
    expect(byTemplate('miStakeholderUpdate')).toEqual(new Set([await stack.userId('susanne'), jannet, raul]));
    expect(byTemplate('miResolved')).toEqual(new Set([await stack.userId('susanne')]));
    expect(byTemplate('miCascadeReport')).toEqual(new Set());

    await command(mi, 'start-review').expect(200);
    const reviewed = await command(mi, 'review', { cause: 'Print server disk full', actions: 'Disk monitoring', requestProblemRecord: true }).expect(200);
    expect(reviewed.body.review).toMatchObject({ cause: 'Print server disk full', problemRecordRequested: true });
    expect(reviewed.body.review.timeline.join('\n')).toContain('Stakeholder update: The print server is being replaced');
    const closed = await command(mi, 'close').expect(200);
    expect(closed.body).toMatchObject({ stage: 'closed', allowedCommands: [] });
    expect(closed.body.timeline.map((e: { text: string }) => e.text)).toContain('Major incident closed');

    const recent = await stack.http.get('/major-incidents?scope=recent').set(stack.as('ingrid')).expect(200);
    expect(recent.body.map((m: { number: string }) => m.number)).toEqual([mi]);
    expect((await stack.http.get('/major-incidents').set(stack.as('ingrid'))).body).toEqual([]);
  });

  it('detects a cluster once, however many detections run at once', async () => {
    const svc = stack.app.get(MajorIncidentsService);
    const network = (await stack.http.get('/categories').set(stack.as('tim'))).body.find((c: { name: string }) => c.name === 'Network');
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await stack.http.post('/tickets').set(stack.as('tim')).send({
        type: 'incident', title: ['Wifi gone', 'VPN refuses login', 'Cable port dead', 'Eduroam timeout', 'Switch blinking amber'][i], description: 'No network', impact: 'workplace', urgency: 'today', requesterId: await stack.userId('jannet'),
      });
      numbers.push(res.body.number);
    }
    await stack.db.dataSource.query(`UPDATE tickets SET category_id = $1 WHERE number = ANY($2)`, [network.id, numbers]);
    const proposed = await Promise.all(Array.from({ length: 10 }, () => svc.detect(numbers[4])));
    expect(proposed.filter((n) => n !== null)).toHaveLength(1);
    const rows = await stack.db.dataSource.query(`SELECT count(*)::int AS n FROM mi_clusters WHERE cluster_key LIKE $1`, [`category:${network.id}:%`]);
    expect(rows[0].n).toBe(1);
  });

  it('proposes one candidate for five incidents with similar text (pg_trgm), without a category', async () => {
    const before = (await stack.http.get('/major-incidents?scope=recent').set(stack.as('ingrid'))).body.length;
    const jannet = await stack.userId('jannet');
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        stack.http.post('/tickets').set(stack.as('tim')).send({
          type: 'incident', title: `Outlook calendar sync fails ${'!'.repeat(i)}`, description: 'Calendar', impact: 'workplace', urgency: 'today', requesterId: jannet,
        }).expect(201),
      ),
    );
    const recent = (await stack.http.get('/major-incidents?scope=recent').set(stack.as('ingrid'))).body;
    expect(recent).toHaveLength(before + 1);
    expect(recent[0]).toMatchObject({ stage: 'proposed', categoryId: null, reason: expect.stringContaining('similar to "Outlook calendar sync fails') });
    expect(recent[0].candidates.length).toBeGreaterThanOrEqual(5);
  });
});

describe('bulk actions and a cascade’s refusals (issue 15, item 3)', () => {
  const newIncident = async (title: string, requester = 'jannet') =>
    (await stack.http.post('/tickets').set(stack.as(requester as 'jannet')).send({ type: 'incident', title, description: 'bulk', impact: 'workplace', urgency: 'today' }).expect(201)).body.number as string;

  it('gives a dispatcher’s selection one command; each ticket judges it alone, a refusal is its outcome', async () => {
    const [a, b, c] = [await newIncident('Bulk one'), await newIncident('Bulk two'), await newIncident('Bulk three')];
    const sara = await stack.userId('sara');
    // c is resolved already: the machine will not assign it now.
    await stack.http.post(`/tickets/${c}/begin-work`).set(stack.as('tim')).expect(200);
    await stack.http.post(`/tickets/${c}/resolve`).set(stack.as('tim')).send({ resolution: 'Restarted the spooler' }).expect(200);

    expect((await stack.http.post('/bulk-actions').set(stack.as('dorthe')).send({ numbers: [a], command: 'assignToAgent' })).body).toMatchObject({ statusCode: 400 });
    expect((await stack.http.post('/bulk-actions').set(stack.as('dorthe')).send({ numbers: [], command: 'setCategory', categoryId: sara })).status).toBe(400);
    expect((await stack.http.post('/bulk-actions').set(stack.as('jannet')).send({ numbers: [a], command: 'assignToAgent', agentId: sara })).status).toBe(403);

    const body = { numbers: [a, b, c, 'INC-999999'], command: 'assignToAgent', agentId: sara };
    const started = await stack.http.post('/bulk-actions').set(stack.as('dorthe')).set('Idempotency-Key', 'bulk-assign-1').send(body).expect(202);
    expect(started.body).toMatchObject({ id: expect.stringMatching(/^BLK-\d{6}$/), command: 'assignToAgent', total: 4 });
    const again = await stack.http.post('/bulk-actions').set(stack.as('dorthe')).set('Idempotency-Key', 'bulk-assign-1').send(body).expect(202);
    expect(again.body.id).toBe(started.body.id);

    const finished = await eventually(
      async () => (await stack.http.get(`/bulk-actions/${started.body.id}`).set(stack.as('dorthe')).expect(200)).body,
      (view) => view.finished === true,
      60_000,
    );
    expect(finished.items.map((i: { number: string; outcome: string; reason: string | null }) => [i.number, i.outcome, i.reason])).toEqual([
      [a, 'done', null],
      [b, 'done', null],
      [c, 'refused', expect.stringContaining('Resolved')],
      ['INC-999999', 'refused', 'INC-999999 does not exist'],
    ]);
    for (const number of [a, b]) expect((await stack.http.get(`/tickets/${number}`).set(stack.as('dorthe'))).body.assignee).toMatchObject({ id: sara });
    expect((await stack.http.get(`/tickets/${c}`).set(stack.as('dorthe'))).body).toMatchObject({ status: 'Resolved', assignee: { id: await stack.userId('tim') } });
    expect((await stack.http.get('/bulk-actions/BLK-999999').set(stack.as('dorthe'))).status).toBe(404);
  });

  it('closes a selection as duplicates of the ticket that is worked; each user is told which one to follow', async () => {
    const [kept, twin, triplet] = [await newIncident('VPN drops at 17:00'), await newIncident('VPN drops every evening', 'raul'), await newIncident('VPN gone after 5 pm')];
    expect((await stack.http.post(`/tickets/${twin}/close-as-duplicate`).set(stack.as('tim')).send({ duplicateOf: twin })).body).toMatchObject({ statusCode: 422, field: 'duplicateOf' });
    expect((await stack.http.post(`/tickets/${twin}/close-as-duplicate`).set(stack.as('tim')).send({ duplicateOf: 'INC-999999' })).body).toMatchObject({ statusCode: 422, field: 'duplicateOf' });
    expect((await stack.http.post('/bulk-actions').set(stack.as('dorthe')).send({ numbers: [twin], command: 'closeAsDuplicate' })).status).toBe(400);

    const started = await stack.http.post('/bulk-actions').set(stack.as('dorthe')).send({ numbers: [twin, triplet], command: 'closeAsDuplicate', duplicateOf: kept }).expect(202);
    const finished = await eventually(
      async () => (await stack.http.get(`/bulk-actions/${started.body.id}`).set(stack.as('dorthe'))).body,
      (view) => view.finished === true,
      60_000,
    );
    expect(finished.items.map((i: { outcome: string }) => i.outcome)).toEqual(['done', 'done']);
    for (const [number, user] of [[twin, 'raul'], [triplet, 'jannet']] as const) {
      const mine = (await stack.http.get(`/tickets/${number}`).set(stack.as(user)).expect(200)).body;
      expect(mine.status).toBe('Closed');
      expect(mine.journal.map((e: { text: string }) => e.text)).toContain(`Closed as a duplicate of ${kept}: follow that ticket`);
      expect(mine.notifications.filter((n: { template: string }) => n.template === 'closed')).toHaveLength(1);
    }
    expect((await stack.http.get(`/tickets/${kept}`).set(stack.as('jannet'))).body.status).not.toBe('Closed');
  });

  it('leaves open a linked incident whose user wrote after the major incident was resolved, with the reason', async () => {
    const child = await newIncident('Cannot print, second try');
    const before = (await stack.http.get(`/tickets/${child}`).set(stack.as('tim'))).body;
    const activities = stack.app.get(BulkActionActivities);
    const ingrid = { id: await stack.userId('ingrid'), role: 'incidentManager' as const, name: 'Ingrid' };
    // The cascade plans on the versions it reads at its start ...
    await activities.openBulkAction({
      id: 'MI-999998-cascade',
      command: { type: 'resolveWithMajorIncident', miNumber: 'MI-999998', resolution: 'Print server replaced' },
      actor: ingrid,
      numbers: [child],
      majorIncident: 'MI-999998',
    });
    // ... a second later the user writes ("still broken"), before the cascade reaches the ticket.
    await stack.http.post(`/tickets/${child}/replies`).set(stack.as('jannet')).send({ text: 'It still does not print' }).expect(200);
    const outcome = await activities.applyBulkItem('MI-999998-cascade', child);
    expect(outcome).toEqual({ number: child, outcome: 'refused', reason: "it changed after MI-999998 was resolved (a reply or another agent's step): look at it before resolving it" });
    // Applied once: asking again answers from the record, and the ticket is as the user left it.
    expect(await activities.applyBulkItem('MI-999998-cascade', child)).toEqual(outcome);
    const after = (await stack.http.get(`/tickets/${child}`).set(stack.as('tim'))).body;
    expect(after).toMatchObject({ status: before.status, version: before.version + 1, updateFlag: true });
  });
});
