// The console's pages beyond tickets (issue 14 item 3). A major incident (REQUIREMENTS 9): an agent
// proposes it, and the incident manager accepts it, assigns the resolving team, links the users'
// incidents, posts a stakeholder update and resolves it, which resolves every linked incident; each
// action is a button the API listed in allowedCommands. Administration: an admin adds a team with
// the form built from POST /teams' schema (a refusal names the field); an agent sets and removes
// an absence. Main pages are checked with axe.
import { type Browser, type Page } from 'playwright-core';
import type { TestStack } from '../support/app';
import { act, checkPage, launch, signIn } from './support';

jest.setTimeout(240_000);

let stack: TestStack;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ stack, browser, base } = await launch('web_console'));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const stage = (page: Page) => page.getByTestId('stage');

describe('a major incident in the console', () => {
  it('is accepted, staffed, linked, updated and resolved with its incidents by the incident manager', async () => {
    const incidents: string[] = [];
    for (const title of ['Wi-Fi drops in the library', 'No Wi-Fi on the 2nd floor of the library']) {
      const { body } = await stack.http
        .post('/tickets')
        .set(stack.as('jannet'))
        .send({ type: 'incident', title, description: 'The connection drops every minute.', impact: 'department', urgency: 'today' })
        .expect(201);
      incidents.push(body.number);
    }
    const { body: proposed } = await stack.http
      .post('/major-incidents')
      .set(stack.as('tim'))
      .send({ title: 'Wi-Fi down in the library', reason: 'Every user in the library reports drops since 9:00' })
      .expect(201);

    const manager = await signIn(browser, base, 'ingrid');
    await manager.getByRole('link', { name: 'Major incidents' }).click();
    await manager.getByRole('link', { name: proposed.number }).click();
    await checkPage(manager, 'console-major-incident-proposed');
    await act(manager, 'accept', (form) => form.locator('[name=rationale]').fill('The whole library is without network'));
    await stage(manager).filter({ hasText: 'accepted' }).waitFor();
    await act(manager, 'assign', (form) => form.locator('select[name=teamId]').selectOption({ label: 'AU IT Network Experts (3)' }).then(() => undefined));
    await stage(manager).filter({ hasText: 'active' }).waitFor();
    for (const number of incidents) {
      await act(manager, 'link', (form) => form.locator('[name=number]').fill(number));
      await manager.getByTestId('children').filter({ hasText: number }).waitFor();
    }
    await act(manager, 'postUpdate', (form) => form.locator('[name=text]').fill('A faulty access point controller is being replaced'));
    await manager.getByTestId('updates').filter({ hasText: 'access point controller' }).waitFor();
    await act(manager, 'resolve', (form) => form.locator('[name=resolution]').fill('Controller replaced; the Wi-Fi is stable again'));
    await stage(manager).filter({ hasText: 'resolved' }).waitFor();
    // The cascade runs in its own workflow; the live page shows each incident's outcome as it comes.
    await manager.getByTestId('cascade-progress').filter({ hasText: '2 / 2' }).waitFor({ timeout: 30_000 });
    for (const number of incidents) await manager.getByTestId('cascade-outcomes').filter({ hasText: `${number}: resolved` }).waitFor();
    await checkPage(manager, 'console-major-incident-resolved');

    for (const number of incidents) {
      const { body } = await stack.http.get(`/tickets/${number}`).set(stack.as('jannet')).expect(200);
      expect(body.status).toBe('Resolved');
    }
  });
});

describe('a dispatcher’s selection in the queue (issue 15, item 3)', () => {
  it('assigns the selected tickets to an agent in one action, and shows each ticket’s outcome', async () => {
    const numbers: string[] = [];
    for (const title of ['Projector in room 101 flickers', 'Projector in room 102 flickers']) {
      const { body } = await stack.http.post('/tickets').set(stack.as('jannet')).send({ type: 'incident', title, description: 'Flickers.', impact: 'workplace', urgency: 'today' }).expect(201);
      numbers.push(body.number);
    }
    const dispatcher = await signIn(browser, base, 'dorthe');
    // The queue's search narrows the list to the two and says how many it found.
    await dispatcher.getByRole('search').getByLabel('Search').fill('Projector in room');
    await dispatcher.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await dispatcher.getByTestId('search-count').filter({ hasText: '2 tickets found' }).waitFor();
    for (const number of numbers) await dispatcher.getByRole('checkbox', { name: `Select ${number}` }).check();
    const form = dispatcher.locator('section.bulk form.action');
    await form.locator('select[name=command]').selectOption('assignToAgent');
    await form.locator('select[name=agentId]').selectOption({ label: 'Sara (BSS IT agent)' });
    await form.getByRole('button', { name: 'Send' }).click();
    await dispatcher.getByTestId('bulk-progress').filter({ hasText: '2 / 2' }).waitFor({ timeout: 30_000 });
    for (const number of numbers) await dispatcher.getByTestId('bulk-outcomes').filter({ hasText: `${number}: done` }).waitFor();
    await checkPage(dispatcher, 'console-queue-bulk-assign');
    const sara = await stack.userId('sara');
    for (const number of numbers) expect((await stack.http.get(`/tickets/${number}`).set(stack.as('dorthe'))).body.assignee).toMatchObject({ id: sara });
  });
});

describe('administration and absences', () => {
  it('lets an admin add a team from the schema-built form, showing the API’s refusal first', async () => {
    const admin = await signIn(browser, base, 'admin');
    await admin.getByRole('link', { name: 'Administration' }).click();
    await admin.getByRole('link', { name: 'Teams' }).click();
    await admin.getByRole('cell', { name: 'BSS IT', exact: true }).waitFor();
    const form = admin.locator('form.action');
    await form.locator('[name=code]').fill('library it');
    await form.locator('[name=name]').fill('Library IT');
    await form.locator('select[name=lineLevel]').selectOption('1');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toContain('field code');
    await form.locator('[name=code]').fill('LIBRARY-IT');
    await form.getByRole('button', { name: 'Send' }).click();
    await admin.getByRole('cell', { name: 'Library IT', exact: true }).waitFor();
    await checkPage(admin, 'console-admin-teams');
    await expect(stack.teamId('LIBRARY-IT')).resolves.toMatch(/^[0-9a-f-]{36}$/);
    // Edited with the form of PATCH /teams/{id}: only what is filled in changes.
    await admin.getByRole('button', { name: 'Edit Library IT' }).click();
    const edit = admin.getByRole('form', { name: 'Edit: Library IT' });
    await edit.locator('[name=name]').fill('Library and Learning IT');
    await edit.getByRole('button', { name: 'Send' }).click();
    await admin.getByRole('cell', { name: 'Library and Learning IT', exact: true }).waitFor();
    const { body: teams } = await stack.http.get('/teams').set(stack.as('admin')).expect(200);
    expect(teams.find((t: { code: string }) => t.code === 'LIBRARY-IT')).toMatchObject({ name: 'Library and Learning IT', lineLevel: 1 });
    // A member from the staff directory (GET /staff), with the form of PUT /teams/{id}/members/{userId}.
    await admin.getByRole('button', { name: 'Edit Library and Learning IT' }).click();
    const join = admin.getByRole('form', { name: 'Add a member or change their dispatcher and lead flags: Library and Learning IT' });
    await join.locator('select[name=userId]').selectOption({ label: 'Sara (BSS IT agent) (agent)' });
    await join.getByRole('button', { name: 'Send' }).click();
    await join.getByRole('status').waitFor();
    const library = (await stack.http.get('/teams').set(stack.as('admin')).expect(200)).body.find((t: { code: string }) => t.code === 'LIBRARY-IT');
    expect(library.members.map((m: { displayName: string }) => m.displayName)).toEqual(['Sara (BSS IT agent)']);
  });

  it('lets an agent set and remove an absence with its auto-reply', async () => {
    const agent = await signIn(browser, base, 'sara');
    await agent.getByRole('link', { name: 'My absences' }).click();
    const form = agent.locator('form.action');
    await form.locator('[name=startsAt]').fill('2027-07-05T08:00');
    await form.locator('[name=endsAt]').fill('2027-07-26T08:00');
    await form.locator('[name=autoReply]').fill('On holiday until 26 July; your ticket is with my team.');
    await form.getByRole('button', { name: 'Send' }).click();
    await agent.getByTestId('absences').filter({ hasText: 'On holiday until 26 July' }).waitFor();
    await checkPage(agent, 'console-absences');
    await agent.getByTestId('absences').getByRole('button', { name: 'Remove' }).click();
    await agent.getByTestId('absences').filter({ hasText: 'On holiday' }).waitFor({ state: 'detached' });
  });
});

describe('decisions on evidence (issue 15)', () => {
  it('shows a what-if replay as evidence on the CSI proposal, with the form to run another', async () => {
    const { body: proposal } = await stack.http.post('/csi/proposals').set(stack.as('jannet'))
      .send({ title: 'Shorten P3 resolution to 8 h', description: 'P3 tickets wait too long.', concerns: 'SLA', expectedBenefit: 'Faster fixes' }).expect(201);
    const policies = (await stack.http.get('/sla/policies').set(stack.as('admin'))).body;
    const { version: _v, ...standard } = policies.find((p: { code: string }) => p.code === 'standard');
    const hours = 3_600_000;
    const shorter = { ...standard, name: 'Shorter P3', targets: { ...standard.targets, P3: { ...standard.targets.P3, escalationMs: 6 * hours, resolutionMs: 8 * hours } } };
    const { body: run } = await stack.http.post('/what-if').set(stack.as('susanne'))
      .send({ proposal: shorter, from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString(), csiNumber: proposal.number }).expect(202);

    const manager = await signIn(browser, base, 'susanne');
    await manager.goto(`${base}/#/csi/${proposal.number}`);
    await manager.getByTestId('evidence').filter({ hasText: `${run.id}: Shorter P3` }).waitFor();
    await manager.getByTestId(`report-${run.id}`).waitFor({ timeout: 30_000 });
    // Another replay from the page's form: the proposal as JSON; the page knows which proposal it is for.
    const form = manager.getByRole('form', { name: 'Run a what-if replay' });
    await form.locator('[name=proposal]').fill(JSON.stringify({ ...shorter, name: 'Shorter P3, second look' }));
    await form.locator('[name=from]').fill('2026-11-01T00:00');
    await form.locator('[name=to]').fill('2026-12-31T00:00');
    await form.getByRole('button', { name: 'Send' }).click();
    await manager.getByTestId('evidence').filter({ hasText: 'Shorter P3, second look' }).waitFor();
    await checkPage(manager, 'csi-evidence');
  });

  it('lets an admin register a webhook, showing its signing secret once, and offers a policy change with its preview', async () => {
    const admin = await signIn(browser, base, 'admin');
    await admin.goto(`${base}/#/admin/webhooks`);
    const form = admin.getByRole('form', { name: 'Add' });
    await form.locator('[name=url]').fill('http://127.0.0.1:9/hooks');
    await form.locator('[name=eventTypes]').fill('ticket.created\nticket.status_changed');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(form.getByRole('status').textContent()).resolves.toMatch(/Signing secret, shown this once: whsec_/);
    await admin.getByRole('cell', { name: 'http://127.0.0.1:9/hooks', exact: true }).waitFor();
    await checkPage(admin, 'console-admin-webhooks');
    await admin.goto(`${base}/#/admin/sla/policies`);
    await admin.getByRole('form', { name: 'Preview a policy change on the open tickets' }).waitFor();
    await admin.getByRole('form', { name: 'Apply a policy change to the open tickets' }).waitFor();
    await checkPage(admin, 'console-admin-policies');
  });
});

describe('problems and changes in the console (issue 14)', () => {
  it('lets an agent raise a problem from an incident and investigate it with the allowed commands', async () => {
    const { body: incident } = await stack.http.post('/tickets').set(stack.as('jannet'))
      .send({ type: 'incident', title: 'Print queue stalls every morning', description: 'Jobs wait until someone restarts the spooler.', impact: 'department', urgency: 'today' }).expect(201);
    const agent = await signIn(browser, base, 'tim');
    await agent.getByRole('link', { name: 'Problems' }).click();
    const raise = agent.getByRole('form', { name: 'Raise a problem' });
    await raise.locator('[name=title]').fill('Print spooler stalls');
    await raise.locator('[name=incidents]').fill(incident.number);
    await raise.getByRole('button', { name: 'Send' }).click();
    await agent.getByRole('heading', { name: /^PRB-\d+: Print spooler stalls$/ }).waitFor();
    await agent.getByRole('link', { name: incident.number }).waitFor();
    await act(agent, 'startInvestigation');
    await stage(agent).filter({ hasText: 'investigating' }).waitFor();
    await act(agent, 'recordRootCause', (form) => form.locator('[name=rootCause]').fill('The spooler leaks handles after the nightly driver update'));
    await agent.getByText('The spooler leaks handles after the nightly driver update').first().waitFor();
    await agent.locator('button[data-command="requestChange"]').filter({ hasText: 'Request a change' }).waitFor();
    await checkPage(agent, 'console-problem');
    await agent.getByRole('link', { name: 'Changes' }).click();
    await agent.getByRole('form', { name: 'Raise a change' }).waitFor();
    await checkPage(agent, 'console-changes');
  });
});
