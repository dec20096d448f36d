// A change proposal in the browser (issue 14 item 7; REQUIREMENTS 8), from submission to the CSI
// forum's decision, by clicking: an end user proposes it, the process manager reviews it and asks a
// question, the proposer answers, the process manager accepts it, the tool's administrator assesses
// it, the process manager proposes a priority, and the forum finds it on its agenda and approves it.
// Each action is a button the API listed in allowedCommands with the form its route's schema asks
// for. Main pages checked with axe.
import type { TestStack } from '../support/app';
import { type Browser, type Page } from 'playwright-core';
import { act, checkPage, launch, signIn } from './support';

jest.setTimeout(240_000);

let stack: TestStack;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ stack, browser, base } = await launch('web_csi'));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openProposal(page: Page, number: string): Promise<void> {
  await page.goto(`${base}/?at=${Date.now()}#/csi/${number}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(number) }).waitFor();
}

const stage = (page: Page) => page.getByTestId('stage');

describe('a change proposal in the browser', () => {
  it('goes from the proposer through review and assessment to the CSI forum’s decision', async () => {
    const proposer = await signIn(browser, base, 'jannet', 390);
    await proposer.getByRole('link', { name: 'Improvement proposals' }).click();
    await proposer.getByRole('link', { name: 'Propose an improvement' }).click();
    await proposer.getByLabel('Title').fill('Show the pending reason in the ticket list');
    await proposer.getByLabel('What it concerns').fill('ITSM tool: ticket list');
    await proposer.getByLabel('What should change').fill('A column with the pending reason, so nobody opens each ticket to see why it waits.');
    await proposer.getByLabel('What it would bring').fill('Dispatchers see at a glance why a ticket waits.');
    await checkPage(proposer, 'csi-new');
    await proposer.getByRole('button', { name: 'Submit' }).click();
    const heading = await proposer.getByRole('heading', { level: 1, name: /^CSI-\d+/ }).textContent();
    const number = /^(CSI-\d+)/.exec(heading ?? '')![1];
    await expect(stage(proposer).textContent()).resolves.toBe('submitted');
    await checkPage(proposer, 'csi-proposal');

    // The register is everyone's: another user finds it there.
    const colleague = await signIn(browser, base, 'raul');
    await colleague.getByRole('link', { name: 'Improvement proposals' }).click();
    await colleague.getByRole('link', { name: number }).waitFor();
    await checkPage(colleague, 'csi-register');

    const manager = await signIn(browser, base, 'susanne');
    await openProposal(manager, number);
    await act(manager, 'startReview');
    await stage(manager).filter({ hasText: 'processReview' }).waitFor();
    await act(manager, 'requestInformation', (form) => form.locator('[name=question]').fill('Which lists do you mean: the queues, or the search too?'));
    await stage(manager).filter({ hasText: 'awaitingInformation' }).waitFor();

    await openProposal(proposer, number);
    await proposer.locator('dd', { hasText: 'Which lists do you mean' }).waitFor();
    await act(proposer, 'provideInformation', (form) => form.locator('[name=text]').fill('The team queues and the search results.'));
    await stage(proposer).filter({ hasText: 'processReview' }).waitFor();

    await openProposal(manager, number);
    await act(manager, 'accept', (form) => form.locator('[name=rationale]').fill('Fits the CSI plan for the tool'));
    await stage(manager).filter({ hasText: 'assessment' }).waitFor();

    const administrator = await signIn(browser, base, 'admin');
    await openProposal(administrator, number);
    await act(administrator, 'assess', async (form) => {
      await form.locator('[name=scope]').fill('Queue and search list views, one API field');
      await form.locator('[name=effortEstimate]').fill('3 person-days');
    });
    await stage(administrator).filter({ hasText: 'prioritisation' }).waitFor();

    await openProposal(manager, number);
    await act(manager, 'proposePriority', async (form) => {
      await form.locator('select[name=priority]').selectOption('high');
      await form.locator('[name=rationale]').fill('Saves every dispatcher time daily');
    });
    await stage(manager).filter({ hasText: 'forumDecision' }).waitFor();

    // The forum finds it on its agenda with the assessment, and decides.
    const forum = await signIn(browser, base, 'thomas');
    await forum.goto(`${base}/?at=${Date.now()}#/csi/agenda`);
    const item = forum.locator('article', { hasText: number });
    await expect(item.textContent()).resolves.toContain('3 person-days');
    await checkPage(forum, 'csi-agenda');
    await item.getByRole('link', { name: number }).click();
    await act(forum, 'approve', async (form) => {
      await form.locator('select[name=priority]').selectOption('critical');
      await form.locator('[name=rationale]').fill('The forum raises it: all teams benefit');
    });
    await stage(forum).filter({ hasText: 'implementation' }).waitFor();
    await expect(forum.getByTestId('priority').textContent()).resolves.toMatch(/^critical/);
    const decisions = await forum.locator('table').last().textContent();
    expect(decisions).toContain('approve');
    expect(decisions).toContain('csiForum');
    expect(decisions).toContain('The forum raises it: all teams benefit');
    await checkPage(forum, 'csi-decided');
  });
});
