// End to end over HTTP: major incidents (issue 5). Five printer incidents in ten minutes make the
// detector propose one candidate (never a second); Ingrid (incident manager) accepts it, assigns
// the resolving team, links the five, posts a stakeholder update and resolves it, which resolves
// all five and tells their users; the review and close follow.
import { MajorIncidentsService } from '../../src/major-incidents/major-incidents.service';
import { startStack, TestStack } from '../support/app';

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
    expect((await command(mi, 'link', { number: five[0] })).status).toBe(422);
    expect((await command(mi, 'link', { number: 'INC-999999' })).status).toBe(422);
    const child = await stack.http.get(`/tickets/${five[0]}`).set(stack.as('tim')).expect(200);
    expect(child.body.majorIncident).toMatchObject({ number: mi, stage: 'active' });

    await command(mi, 'updates', { text: 'The print server is being replaced' }).expect(200);
    const resolved = await command(mi, 'resolve', { resolution: 'Print server replaced; printing works again' }).expect(200);
    expect(resolved.body.stage).toBe('resolved');
    expect(resolved.body.cascade).toEqual(five.map((number) => ({ number, outcome: 'resolved' })));

    for (const number of five) {
      const ticket = await stack.http.get(`/tickets/${number}`).set(stack.as('tim')).expect(200);
      expect(ticket.body).toMatchObject({ status: 'Resolved', resolution: `Print server replaced; printing works again (resolved with major incident ${mi})` });
      expect(ticket.body.notifications.map((n: { template: string }) => n.template)).toContain('resolved');
    }
    expect((await stack.http.get(`/tickets/${numbers[5]}`).set(stack.as('tim'))).body.status).not.toBe('Resolved');

    const outbox: Array<{ template: string; recipient_id: string }> = await stack.db.dataSource.query(
      `SELECT template, recipient_id FROM notifications WHERE ticket_number = $1 ORDER BY id`,
      [mi],
    );
    const byTemplate = (t: string) => new Set(outbox.filter((n) => n.template === t).map((n) => n.recipient_id));
    expect(byTemplate('miProposed')).toEqual(new Set([await stack.userId('ingrid')]));
    expect(byTemplate('miStakeholderUpdate')).toEqual(new Set([await stack.userId('susanne'), jannet, raul]));
    expect(byTemplate('miResolved')).toEqual(new Set([await stack.userId('susanne'), jannet, raul]));

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
