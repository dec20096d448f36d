// Issue 14 in a real browser (Debian's chromium driven by Playwright) against the whole stack on
// real PostgreSQL and Temporal: an end user raises a ticket in the portal, the dispatcher assigns
// it in the console, the agent sets it Pending, the user answers, the agent's escalation with the
// handover note "done" is refused with the machine's rule and then accepted, the 2nd line returns
// it, it is resolved and the user reopens it. Every action is a button the API listed in
// allowedCommands with the form its route's schema asks for. Each main page is checked with axe
// (no serious or critical WCAG 2.1 AA violation) and photographed into .screenshots/.
import { type Browser, type Page } from 'playwright-core';
import type { TestStack } from '../support/app';
import { act, checkPage, launch, signIn as signInAs } from './support';

jest.setTimeout(240_000);

let stack: TestStack;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ stack, browser, base } = await launch('web_portal'));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const signIn = (username: string, width?: number) => signInAs(browser, base, username, width);

async function openTicket(page: Page, number: string): Promise<void> {
  // A new document (not only a new hash): the page shows the ticket as it is now.
  await page.goto(`${base}/?at=${Date.now()}#/tickets/${number}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(number) }).waitFor();
}

const status = (page: Page) => page.getByTestId('status');

describe('portal and console in a browser', () => {
  it('the sign-in page refuses a wrong password and answers the API’s message', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/`);
    await checkPage(page, 'sign-in');
    await page.getByLabel('Username').fill('jannet');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Sign-in failed');
    // The API keeps its own answers next to the app: an unknown route is JSON, not the app's page.
    const api = await page.request.get(`${base}/no-such-route`);
    expect(api.status()).toBe(404);
    expect(await page.request.get(`${base}/portal`).then((r) => r.status())).toBe(200);
  });

  it('runs a ticket from the portal through the console to resolution and a reopen', async () => {
    // The end user raises it in the portal, on a phone.
    const user = await signIn('jannet', 390);
    await user.getByRole('link', { name: 'Raise a ticket' }).click();
    await user.getByRole('link', { name: 'Something else: describe it' }).click();
    await user.getByLabel('Title').fill('Printer on 2nd floor prints blank pages');
    await user.getByLabel('Describe the problem').fill('Since this morning every page comes out blank.');
    await user.getByLabel('Who is affected?').selectOption('department');
    await user.getByLabel('How urgent is it?').selectOption('today');
    await checkPage(user, 'portal-new-ticket');
    await user.getByRole('button', { name: 'Raise the ticket' }).click();
    const heading = await user.getByRole('heading', { level: 1, name: /^[A-Z]+-\d+/ }).textContent();
    const number = /^([A-Z]+-\d+)/.exec(heading ?? '')![1];
    // Routed to the requester's primary team (seed 000, principle 3).
    await expect(status(user).textContent()).resolves.toBe('Assigned');
    await checkPage(user, 'portal-ticket');
    await user.getByRole('link', { name: 'Tickets' }).click();
    await user.getByRole('link', { name: number }).waitFor();
    await checkPage(user, 'portal-my-tickets');

    // The dispatcher assigns it from the queue to an agent of the team.
    const dispatcher = await signIn('dorthe');
    await dispatcher.getByRole('link', { name: number }).click();
    await checkPage(dispatcher, 'console-queue-ticket');
    await act(dispatcher, 'assignToAgent', (form) => form.locator('select[name=agentId]').selectOption({ label: 'LevelOneTim' }).then(() => undefined));
    await dispatcher.getByTestId('assignee').filter({ hasText: 'LevelOneTim' }).waitFor();

    // The agent begins work and sets it Pending on the user.
    const agent = await signIn('tim');
    await openTicket(agent, number);
    await act(agent, 'beginWork');
    await status(agent).filter({ hasText: 'InProgress' }).waitFor();
    await act(agent, 'setPending', async (form) => {
      await form.locator('select[name=reason]').selectOption('awaitingUser');
      await form.locator('[name=text]').fill('Which printer model is it? The label is on the front.');
    });
    await expect(status(agent).filter({ hasText: 'Pending' }).textContent()).resolves.toBe('Pending');

    // The user answers in the portal: the ticket is worked on again.
    await openTicket(user, number);
    await user.locator('dd', { hasText: 'Which printer model is it?' }).waitFor();
    await act(user, 'reply', (form) => form.locator('[name=text]').fill('It is an HP LaserJet 4250.'));
    await status(user).filter({ hasText: 'InProgress' }).waitFor();

    // Escalation needs a category and its Additional Questions answered (seed 000, principle 1);
    // "done" is no handover note: the machine's rule is shown. Then a real one.
    await openTicket(agent, number);
    await act(agent, 'setCategory', (form) => form.locator('select[name=categoryId]').selectOption({ label: 'Printing' }).then(() => undefined));
    await agent.locator('button[data-command="answerQuestions"]').waitFor();
    await act(agent, 'answerQuestions', (form) => form.locator('[name=answers]').fill('printer: HP LaserJet 4250, 2nd floor\ntried: restart, new toner, another PC'));
    const escalate = async (note: string) =>
      act(agent, 'escalate', async (form) => {
        await form.locator('select[name=teamId]').selectOption({ label: 'AU IT Operations (2)' });
        await form.locator('[name=note]').fill(note);
      });
    await escalate('done');
    await expect(agent.locator('form.action [role=alert]').textContent()).resolves.toBe(`Refused: "done" says nothing: summarise the problem and what was tried (field note, rule handoverNote)`);
    await checkPage(agent, 'console-refusal');
    await agent.locator('form.action [name=note]').fill('HP LaserJet 4250 prints blank pages since this morning; toner replaced, driver reinstalled, test page blank too.');
    await agent.locator('form.action').getByRole('button', { name: 'Send' }).click();
    await agent.getByTestId('team').filter({ hasText: 'AU IT Operations' }).waitFor();

    // The 2nd line returns it with the solution.
    const secondLine = await signIn('ahmed');
    await openTicket(secondLine, number);
    await act(secondLine, 'returnToOrigin', (form) => form.locator('[name=note]').fill('Fuser unit replaced on site; prints fine again.'));
    await secondLine.getByTestId('team').filter({ hasText: 'BSS IT' }).waitFor();

    // The 1st line resolves it; the user reopens it from the portal.
    await openTicket(agent, number);
    await act(agent, 'resolve', (form) => form.locator('[name=resolution]').fill('The fuser unit was replaced; the printer prints again.'));
    await status(agent).filter({ hasText: 'Resolved' }).waitFor();
    await openTicket(user, number);
    await act(user, 'reopen', (form) => form.locator('[name=text]').fill('It prints blank pages again.'));
    await status(user).filter({ hasText: 'InProgress' }).waitFor();
    // Internal entries are for agents only: the user's page shows public ones.
    const userJournal = await user.locator('.journal').textContent();
    expect(userJournal).not.toContain('Internal');
    await openTicket(agent, number);
    await expect(agent.locator('.journal .entry.internal').count()).resolves.toBeGreaterThan(0);
    // The SLA clocks with their segments (the Pending time is one), and the escalation it went through.
    const clocks = await agent.getByTestId('sla-clocks').textContent();
    expect(clocks).toContain('resolution');
    expect(clocks).toContain('pending: awaitingUser');
    await agent.locator('dd', { hasText: 'BSS IT → AU IT Operations' }).waitFor();
    await checkPage(agent, 'console-ticket');
  });

  it('keeps an open ticket page live, and refuses an action decided on a stale page', async () => {
    const { body: raised } = await stack.http
      .post('/tickets')
      .set(stack.as('jannet'))
      .send({ type: 'incident', title: 'Scanner sends empty mails', description: 'The scan-to-mail arrives without attachment.', impact: 'workplace', urgency: 'today' })
      .expect(201);
    const number = raised.number as string;
    await stack.http.post(`/tickets/${number}/assign-to-agent`).set(stack.as('dorthe')).send({ agentId: await stack.userId('tim') }).expect(200);

    const agent = await signIn('tim');
    await openTicket(agent, number);
    // Tim opens the note form; meanwhile Dorthe writes on the ticket from her own screen.
    await agent.locator('button[data-command="addJournalNote"]').click();
    await stack.http.post(`/tickets/${number}/journal-notes`).set(stack.as('dorthe')).send({ text: 'Dorthe: the user says it is the 3rd floor scanner' }).expect(200);
    // Tim's page shows it without a reload (polling with ETags).
    await agent.locator('.journal', { hasText: '3rd floor scanner' }).waitFor({ timeout: 15_000 });
    await agent.getByRole('status').filter({ hasText: 'has just changed' }).waitFor();

    // His form was opened on the earlier version: the workflow refuses it and nothing is written.
    await agent.locator('form.action [name=text]').fill('Checked the scanner profile');
    await agent.locator('form.action').getByRole('button', { name: 'Send' }).click();
    await expect(agent.locator('form.action [role=alert]').textContent()).resolves.toMatch(/has changed since you saw it .*rule staleVersion/);
    const unchangedAnswer = await stack.http.get(`/tickets/${number}`).set(stack.as('tim')).expect(200);
    const unchanged = unchangedAnswer.body;
    // What makes polling cheap: asked again with its ETag, an unchanged ticket answers 304 without a body.
    await stack.http.get(`/tickets/${number}`).set({ ...stack.as('tim'), 'If-None-Match': unchangedAnswer.headers.etag }).expect(304);
    expect(unchanged.journal.map((e: { text: string }) => e.text)).not.toContain('Checked the scanner profile');
    // Having seen the change, he sends it again: now it is applied.
    await agent.locator('form.action').getByRole('button', { name: 'Send' }).click();
    await agent.locator('.journal', { hasText: 'Checked the scanner profile' }).waitFor();

    // The process diagram, drawn from the machine, with where this ticket stands highlighted.
    await agent.getByRole('button', { name: 'Show the process diagram' }).click();
    const chart = agent.getByTestId('statechart');
    await chart.locator('svg').waitFor({ timeout: 30_000 });
    await expect(chart.locator('g.current').textContent()).resolves.toContain('Assigned');
    await expect(chart.locator('svg').textContent()).resolves.toContain('InProgress');
    await checkPage(agent, 'console-statechart');

    // In Danish, the actions carry the API's Danish labels.
    await agent.getByRole('button', { name: 'Dansk' }).click();
    await expect(agent.locator('button[data-command="beginWork"]').textContent()).resolves.toBe('Påbegynd arbejdet');
    await agent.getByRole('button', { name: 'English' }).click();
  });

  it('gives the dispatcher the escalation and status overviews, and marks absent agents when assigning', async () => {
    // A whole site down, work stopped: P1, whose response deadline is minutes away.
    const { body: urgent } = await stack.http
      .post('/tickets')
      .set(stack.as('jannet'))
      .send({ type: 'incident', title: 'Nobody on the 3rd floor can log in', description: 'Login fails for everyone on the floor.', impact: 'site', urgency: 'immediate' })
      .expect(201);
    const from = new Date(Date.now() - 60_000).toISOString();
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await stack.http.put('/me/absences').set(stack.as('sara')).send({ startsAt: from, endsAt: until, autoReply: 'Away this week' }).expect(200);

    const dispatcher = await signIn('dorthe');
    await dispatcher.getByRole('link', { name: 'Overview' }).click();
    // Deadlines count business time: at night the response deadline is hours away; a week covers any weekend.
    await dispatcher.getByLabel('Deadline within').selectOption('10080');
    await dispatcher.getByTestId('escalations').getByRole('link', { name: urgent.number }).first().waitFor();
    // The statuses are the API's: choosing one lists its tickets.
    await dispatcher.getByLabel('Status', { exact: true }).selectOption('Assigned');
    await dispatcher.getByTestId('status-overview').getByRole('link', { name: urgent.number }).first().waitFor();
    await checkPage(dispatcher, 'console-overview');

    await dispatcher.getByTestId('escalations').getByRole('link', { name: urgent.number }).first().click();
    await dispatcher.locator('button[data-command="assignToAgent"]').click();
    // The members come with the team, the absences a moment later: Sara's option says until when.
    const agents = dispatcher.locator('form.action select[name=agentId] option');
    await agents.filter({ hasText: /^Sara.*absent until/ }).waitFor({ state: 'attached' });
    expect(await agents.allTextContents()).toContain('LevelOneTim');

    // An end user has no overview: the API says so, and the link is not offered.
    const user = await signIn('jannet');
    await expect(user.getByRole('link', { name: 'Overview' }).count()).resolves.toBe(0);
  });
});
