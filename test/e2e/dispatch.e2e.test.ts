// Dispatch, escalation and handover end to end (issue 4, seed 000 principles 1-3, seed 002):
// AU's complete 17-step flow, seed 002's scenario 2, and every refusal a desk relies on.
import { temporal } from '@temporalio/proto';
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';

jest.setTimeout(120_000);

const EventType = temporal.api.enums.v1.EventType;
let stack: TestStack;
let teams: Record<string, string>;
let categories: Record<string, { id: string }>;

beforeAll(async () => {
  stack = await startStack('dispatch', { TICKET_AUTO_CLOSE_AFTER: '2s' });
  teams = {};
  for (const code of ['BSS-IT', 'HEALTH-IT', 'AU-IT-OPS', 'AU-IT-NET']) teams[code] = await stack.teamId(code);
  const list = (await stack.http.get('/categories').set(stack.as('tim'))).body as Array<{ id: string; name: string }>;
  categories = Object.fromEntries(list.map((c) => [c.name, c]));
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

type User = Parameters<TestStack['as']>[0];
const CT = { 'Content-Type': 'application/json' };
const command = (number: string, path: string, user: User, body: object = {}) =>
  stack.http.post(`/tickets/${number}/${path}`).set({ ...stack.as(user), ...CT }).send(body);
const view = async (number: string, user: User = 'tim') => (await stack.http.get(`/tickets/${number}`).set(stack.as(user))).body;

async function openPrinterTicket(user: User = 'jannet', extra: object = {}): Promise<string> {
  const res = await stack.http
    .post('/tickets')
    .set({ ...stack.as(user), ...CT })
    .send({ type: 'incident', title: 'Jeg kan ikke printe', description: 'Ny PC med Windows 11; printeren gør ingenting.', impact: 'workplace', urgency: 'today', channel: 'portal', categoryId: categories.Printing.id, ...extra });
  expect(res.status).toBe(201);
  return res.body.number;
}

const HANDOVER = 'User cannot print from the new Windows 11 PC; cable and network fine, colleague’s PC prints. Driver suspected.';
const SOLUTION = 'Installed the missing Windows 11 printer driver from the vendor package; test page printed fine.';

describe('AU’s sagsflow, all 17 steps (seed 000)', () => {
  it('goes user → dispatcher → 1st line → escalation → 2nd line → solution → back to the primary team → resolved → closed', async () => {
    const [ahmed, tim] = [await stack.userId('ahmed'), await stack.userId('tim')];
    // 1. The customer opens a ticket in the portal.
    const number = await openPrinterTicket('jannet');
    // 2-3. It lands in the queue of her primary team, where the dispatcher checks it.
    const incoming = await stack.http.get('/tickets').query({ team: teams['BSS-IT'], status: 'Assigned', q: number }).set(stack.as('dorthe'));
    expect(incoming.body.items.map((t: { number: string }) => t.number)).toEqual([number]);
    // 4. The dispatcher assigns a 1st-line agent.
    await command(number, 'assign-to-agent', 'dorthe', { agentId: tim }).expect(200);
    // 5-6. "Begin work", and the usual work.
    await command(number, 'begin-work', 'tim').expect(200);
    await command(number, 'comments', 'tim', { text: 'Har du Windows 10 eller Windows 11?' }).expect(200);
    await command(number, 'replies', 'jannet', { text: 'Windows 11 tror jeg.' }).expect(200);
    // 7. Prepared for escalation: the Additional Questions filled in, a summary as handover note.
    const refused = await command(number, 'escalate', 'tim', { teamId: teams['AU-IT-OPS'], note: HANDOVER });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ field: 'answers', message: expect.stringContaining('printer, tried') });
    await command(number, 'answers', 'tim', { answers: { printer: 'HP LaserJet, 3rd floor', tried: 'restart, cable, other PC prints' } }).expect(200);
    const escalated = await command(number, 'escalate', 'tim', { teamId: teams['AU-IT-OPS'], note: HANDOVER });
    expect(escalated.status).toBe(200);
    // Handed over In Progress; the user is told.
    expect(escalated.body).toMatchObject({ status: 'InProgress', team: { name: 'AU IT Operations' }, assignee: null });
    // 8-9. The 2nd-line dispatcher checks and assigns a 2nd-line agent.
    const olgaQueue = await stack.http.get('/tickets').query({ team: teams['AU-IT-OPS'], status: 'InProgress' }).set(stack.as('olga'));
    expect(olgaQueue.body.items.map((t: { number: string }) => t.number)).toContain(number);
    await command(number, 'assign-to-agent', 'olga', { agentId: ahmed }).expect(200);
    // 10. The 2nd-line agent may contact the user.
    await command(number, 'comments', 'ahmed', { text: 'Kan du sende dit TeamViewer ID?' }).expect(200);
    await command(number, 'replies', 'jannet', { text: 'TeamViewer ID 435 275 764' }).expect(200);
    // 11-13. Works the ticket and describes the solution in a journal note …
    await command(number, 'journal-notes', 'ahmed', { text: 'Connected with TeamViewer; the Windows 11 driver is missing.' }).expect(200);
    // 14. … and sends it back to the help desk it was escalated from.
    const returned = await command(number, 'return-to-origin', 'ahmed', { note: SOLUTION });
    expect(returned.body).toMatchObject({ status: 'InProgress', team: { name: 'BSS IT' }, assignee: null });
    // 15. The dispatcher assigns a 1st-line agent; 16. who resolves with resolution details.
    await command(number, 'assign-to-agent', 'dorthe', { agentId: tim }).expect(200);
    await command(number, 'resolve', 'tim', { resolution: 'Printerdriveren til Windows 11 er installeret; du kan printe igen.' }).expect(200);
    // 17. The user is notified, may reopen or reply; left alone the ticket closes itself.
    const closed = await eventually(() => view(number, 'jannet'), (t) => t.status === 'Closed');
    expect(closed.status).toBe('Closed');
    expect(closed.notifications.map((n: { template: string }) => n.template)).toEqual([
      'ticketCreated', 'assignedToTeam', 'agentComment', 'escalated', 'agentComment', 'resolved', 'closed',
    ]);

    const agentView = await view(number, 'dorthe');
    expect(agentView.handling.escalations).toEqual([
      expect.objectContaining({ fromTeamName: 'BSS IT', fromLine: 1, toTeamName: 'AU IT Operations', toLine: 2, returnedAt: expect.any(String) }),
    ]);
    expect(agentView.journal.map((e: { text: string }) => e.text)).toEqual(expect.arrayContaining([`Handover to AU IT Operations: ${HANDOVER}`, `Solution: ${SOLUTION}`, 'Returned to BSS IT']));

    // The Temporal history reads as the flow, step by step.
    const history = await stack.temporal.client.workflow.getHandle(number).fetchHistory();
    const steps = (history.events ?? [])
      .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
      .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name);
    expect(steps).toEqual([
      'opened', 'assignToAgent', 'beginWork', 'addComment', 'reply', 'answerQuestions', 'escalate',
      'assignToAgent', 'addComment', 'reply', 'addJournalNote', 'returnToOrigin', 'assignToAgent', 'resolve',
    ]);
  });
});

describe('seed 002, scenario 2: a printer driver, escalated to a named 2nd-level agent', () => {
  it('is escalated with a summary, given to LevelTwoAhmed by agreement, resolved, and the knowledge noted', async () => {
    const number = await openPrinterTicket('jannet');
    await command(number, 'begin-work', 'tim').expect(200);
    await command(number, 'answers', 'tim', { answers: { printer: 'Office printer', tried: 'internet works, prints from a colleague’s PC' } }).expect(200);
    await command(number, 'escalate', 'tim', { teamId: teams['AU-IT-OPS'], note: HANDOVER }).expect(200);
    const ahmed = await stack.userId('ahmed');
    // Directly to an agent: only after prior agreement (seed 000, principle 3).
    const unagreed = await command(number, 'assign-to-agent', 'tim', { agentId: ahmed });
    expect(unagreed.status).toBe(403);
    const agreed = await command(number, 'assign-to-agent', 'tim', { agentId: ahmed, agreedWith: 'LevelTwoAhmed, by phone' });
    expect(agreed.body.assignee.name).toBe('LevelTwoAhmed');
    await command(number, 'comments', 'ahmed', { text: 'Din PC manglede en printerdriver; den er installeret nu.' }).expect(200);
    const knowledge = await command(number, 'journal-notes', 'ahmed', { text: 'Knowledge: new Windows 11 PCs need the enterprise printer driver; guide in the knowledge base.' });
    const seq = knowledge.body.journal.at(-1).seq;
    await stack.http.post(`/tickets/${number}/journal/${seq}/pin`).set(stack.as('ahmed')).expect(200);
    const resolved = await command(number, 'resolve', 'ahmed', { resolution: 'The printer driver was installed.' });
    expect(resolved.body.status).toBe('Resolved');
    expect(resolved.body.journal.find((e: { seq: number }) => e.seq === seq)).toMatchObject({ pinned: true, kind: 'note' });
  });
});

describe('the rules of handover (seed 000, principles 1 and 3)', () => {
  it('refuses an escalation without category, with "done" as note, or to the same line; and a transfer without note', async () => {
    const number = await openPrinterTicket('raul', { categoryId: undefined });
    const noCategory = await command(number, 'escalate', 'tim', { teamId: teams['AU-IT-OPS'], note: HANDOVER });
    expect(noCategory.status).toBe(422);
    expect(noCategory.body).toMatchObject({ error: 'ruleBroken', field: 'categoryId' });
    await command(number, 'category', 'tim', { categoryId: categories.Network.id }).expect(200);
    await command(number, 'answers', 'tim', { answers: { location: 'Bldg 1530, room 210', wiredOrWireless: 'wireless' } }).expect(200);
    const done = await command(number, 'escalate', 'tim', { teamId: teams['AU-IT-OPS'], note: 'done' });
    expect(done.status).toBe(422);
    expect(done.body).toMatchObject({ field: 'note', message: '"done" says nothing: summarise the problem and what was tried' });
    const sameLine = await command(number, 'escalate', 'tim', { teamId: teams['HEALTH-IT'], note: HANDOVER });
    expect(sameLine.body).toMatchObject({ rule: 'higherLine', field: 'teamId' });
    const transferWithoutNote = await command(number, 'assign-to-team', 'dorthe', { teamId: teams['HEALTH-IT'] });
    expect(transferWithoutNote.status).toBe(422);
    expect(transferWithoutNote.body).toMatchObject({ field: 'note' });
    const upward = await command(number, 'assign-to-team', 'dorthe', { teamId: teams['AU-IT-OPS'], note: HANDOVER });
    expect(upward.body).toMatchObject({ rule: 'notHigherLine' });
    await command(number, 'assign-to-team', 'dorthe', { teamId: teams['HEALTH-IT'], note: HANDOVER }).expect(200);
    const notEscalated = await command(number, 'return-to-origin', 'hanne', { note: SOLUTION });
    expect(notEscalated.status).toBe(409);
    expect(notEscalated.body.rule).toBe('escalated');
  });

  it('alerts the receiving dispatcher and lead when a P1/P2 ticket is handed over', async () => {
    const number = await openPrinterTicket('jannet', { impact: 'site', urgency: 'immediate' });
    expect((await view(number)).priority.code).toBe('P2');
    await command(number, 'answers', 'tim', { answers: { printer: 'All printers on site', tried: 'print server restarted' } }).expect(200);
    await command(number, 'escalate', 'tim', { teamId: teams['AU-IT-OPS'], note: HANDOVER }).expect(200);
    const olga = await stack.userId('olga');
    const alerts = await stack.db.dataSource.query(
      `SELECT template, recipient_id FROM notifications WHERE ticket_number = $1 AND audience = 'team' ORDER BY created_at, id`,
      [number],
    );
    expect(alerts).toEqual(expect.arrayContaining([{ template: 'handoverAlert', recipient_id: olga }]));
  });

  it('lets the owner of a lock act and keeps other agents out, and a dispatcher of another team may not assign', async () => {
    const number = await openPrinterTicket('jannet');
    await command(number, 'lock', 'tim').expect(200);
    const other = await command(number, 'journal-notes', 'sara', { text: 'I will take this one' });
    expect(other.status).toBe(403);
    expect(other.body.rule).toBe('notLockedByOther');
    await command(number, 'journal-notes', 'tim', { text: 'Looking into the queue on the print server' }).expect(200);
    await command(number, 'unlock', 'dorthe').expect(200);
    const hanne = await stack.userId('hanne');
    const foreignDispatcher = await command(number, 'assign-to-agent', 'henrik', { agentId: hanne });
    expect(foreignDispatcher.status).toBe(403);
    const outsider = await command(number, 'assign-to-agent', 'dorthe', { agentId: hanne });
    expect(outsider.status).toBe(422);
    expect(outsider.body.field).toBe('agreedWith');
  });

  it('records a vendor ticket and lets the vendor’s answer resume a ticket pending on the vendor', async () => {
    const number = await openPrinterTicket('jannet');
    await command(number, 'begin-work', 'tim').expect(200);
    await command(number, 'vendor-ticket', 'tim', { vendor: 'HP Support', vendorTicketId: 'HP-778812' }).expect(200);
    await command(number, 'set-pending', 'tim', { reason: 'awaitingVendor', text: 'Waiting for HP' }).expect(200);
    const answered = await command(number, 'vendor-answers', 'tim', { text: 'HP: firmware 2.3 fixes the spooler crash' });
    expect(answered.body).toMatchObject({ status: 'InProgress', updateFlag: true, pending: null });
    expect(answered.body.handling.vendor).toEqual({ name: 'HP Support', ticketId: 'HP-778812' });
    expect(answered.body.journal.at(-1).text).toBe('Answer from HP Support: HP: firmware 2.3 fixes the spooler crash');
  });

  it('alerts the dispatcher when an absent agent is given a ticket or its user writes, and sends the auto-reply', async () => {
    const tim = await stack.userId('tim');
    const dorthe = await stack.userId('dorthe');
    const number = await openPrinterTicket('jannet');
    await command(number, 'assign-to-agent', 'dorthe', { agentId: tim }).expect(200);
    const away = await stack.http
      .put('/me/absences')
      .set({ ...stack.as('tim'), ...CT })
      .send({ startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3 * 24 * 3600_000).toISOString(), autoReply: 'I am away until Friday; the BSS IT team has your ticket.' });
    expect(away.status).toBeLessThan(300);
    try {
      await command(number, 'replies', 'jannet', { text: 'Any news on my printer?' }).expect(200);
      const afterReply = await view(number, 'dorthe');
      expect(afterReply.notifications).toEqual(expect.arrayContaining([
        expect.objectContaining({ template: 'absenceAlert', recipientId: dorthe }),
        expect.objectContaining({ template: 'autoReply', body: expect.stringContaining('I am away until Friday') }),
      ]));
      expect(afterReply.journal.at(-1).text).toMatch(/^LevelOneTim is away until .* and the user wrote: the dispatcher is alerted$/);

      // Assigning the absent agent alerts too; automatic assignment skips him.
      const second = await openPrinterTicket('jannet');
      const assigned = await command(second, 'assign-to-agent', 'dorthe', { agentId: tim });
      expect(assigned.body.journal.at(-1).text).toMatch(/^LevelOneTim is away until .*: the dispatcher is alerted$/);
      const patched = await stack.http.patch(`/teams/${teams['BSS-IT']}`).set({ ...stack.as('admin'), ...CT }).send({ autoAssign: true });
      expect(patched.status).toBe(200);
      const automatic = await openPrinterTicket('raul');
      expect((await view(automatic)).assignee).toMatchObject({ name: 'Sara (BSS IT agent)' });
    } finally {
      await stack.http.patch(`/teams/${teams['BSS-IT']}`).set({ ...stack.as('admin'), ...CT }).send({ autoAssign: false });
      const mine = (await stack.http.get('/me/absences').set(stack.as('tim'))).body as Array<{ id: string }>;
      for (const absence of mine) await stack.http.delete(`/me/absences/${absence.id}`).set(stack.as('tim'));
    }
  });

  it('splits a ticket into team tasks that live on their own, and resolves it only when they are done', async () => {
    const number = await openPrinterTicket('jannet', { title: 'New PC: printer and network do not work' });
    await command(number, 'begin-work', 'tim').expect(200);
    const split = await command(number, 'split', 'tim', {
      tasks: [
        { teamId: teams['AU-IT-OPS'], title: 'Install the Windows 11 printer driver' },
        { teamId: teams['AU-IT-NET'], title: 'Check the VLAN of the desk port' },
      ],
    });
    expect(split.status).toBe(200);
    const [driverTask, vlanTask] = split.body.handling.tasks.map((t: { number: string }) => t.number);
    expect(driverTask).toMatch(/^TSK-\d{6}$/);
    // Each task is routed to its team; the parent hears of it.
    const routed = await eventually(() => view(number), (t) => t.handling.tasks.every((task: { status: string }) => task.status === 'Assigned'));
    expect(routed.handling.tasks).toEqual([
      { number: driverTask, teamName: 'AU IT Operations', status: 'Assigned' },
      { number: vlanTask, teamName: 'AU IT Network Experts', status: 'Assigned' },
    ]);
    expect((await view(driverTask, 'olga'))).toMatchObject({ team: { name: 'AU IT Operations' }, handling: { parentNumber: number } });

    const early = await command(number, 'resolve', 'tim', { resolution: 'All done' });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe(`tasks still open: ${driverTask}, ${vlanTask}`);

    await command(driverTask, 'begin-work', 'ahmed').expect(200);
    await command(driverTask, 'resolve', 'ahmed', { resolution: 'Driver installed' }).expect(200);
    const notNeeded = await command(vlanTask, 'close-as-not-needed', 'erik', { note: 'done' });
    expect(notNeeded.status).toBe(422);
    await command(vlanTask, 'close-as-not-needed', 'erik', { note: 'The port is on the right VLAN; the driver was the only problem.' }).expect(200);
    await eventually(() => view(number), (t) => t.handling.tasks.every((task: { status: string }) => ['Resolved', 'Closed'].includes(task.status)));
    await command(number, 'resolve', 'tim', { resolution: 'Printer driver installed; the network was fine.' }).expect(200);

    // The user follows her ticket, not its tasks.
    expect((await stack.http.get(`/tickets/${driverTask}`).set(stack.as('jannet'))).status).toBe(404);
    const mine = await stack.http.get('/tickets').query({ pageSize: 200 }).set(stack.as('jannet'));
    expect(mine.body.items.map((t: { number: string }) => t.number)).not.toContain(driverTask);
    const [{ count }] = await stack.db.dataSource.query(
      `SELECT count(*)::int AS count FROM notifications WHERE ticket_number IN ($1, $2) AND audience = 'requester'`,
      [driverTask, vlanTask],
    );
    expect(count).toBe(0);
  });
});
