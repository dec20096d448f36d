// Issue 15, item 5's acceptance in the browser: the statistics dashboard shows each figure set as a
// chart and a table, and every figure it shows equals the one in the CSV its link downloads. The
// page passes the axe check like the other pages.
import { type Browser, type Page } from 'playwright-core';
import type { TestStack } from '../support/app';
import { checkPage, launch, signIn } from './support';

jest.setTimeout(240_000);

let stack: TestStack;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ stack, browser, base } = await launch('web_statistics'));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const CT = { 'Content-Type': 'application/json' };

/** The cells of a table's body, as the page shows them ("–" where nothing counts, the CSV's empty field). */
const cells = (page: Page, testId: string): Promise<string[][]> =>
  page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => Array.from((row as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells, (cell) => (cell.textContent ?? '').trim())))
    .then((rows) => rows.map((row) => row.map((cell) => (cell === '–' ? '' : cell))));

/** The CSV behind a section's link, fetched with the page's session, header line dropped. */
async function csvOf(page: Page, section: string): Promise<string[][]> {
  const href = await page.getByTestId(`${section}-csv`).getAttribute('href');
  const res = await page.request.get(`${base}${href}`);
  expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const lines = (await res.text()).trimEnd().split('\r\n').map((line) => line.split(','));
  return lines.slice(1);
}

it('shows the same figures as the CSV export, section by section', async () => {
  const health = await stack.teamId('HEALTH-IT');
  const susanne = await stack.userId('susanne');
  // Two tickets for Health IT, one resolved: figures that are not all zero.
  for (const resolve of [true, false]) {
    const { body } = await stack.http
      .post('/tickets')
      .set({ ...stack.as('hanne'), ...CT })
      .send({ type: 'incident', title: 'Printer offline', description: 'The printer is offline', impact: 'workplace', urgency: 'today', requesterId: susanne })
      .expect(201);
    const command = (path: string, payload: object = {}) => stack.http.post(`/tickets/${body.number}/${path}`).set({ ...stack.as('hanne'), ...CT }).send(payload).expect(200);
    await command('assign-to-team', { teamId: health });
    await command('begin-work');
    if (resolve) await command('resolve', { resolution: 'Driver reinstalled' });
  }

  const page = await signIn(browser, base, 'henrik');
  await page.getByRole('link', { name: 'Statistics' }).click();
  await page.getByRole('heading', { name: 'Statistics', level: 1 }).waitFor();
  for (const table of ['sla-figures', 'arrivals-by-hour', 'backlog-days', 'update-flag-figures', 'deflection-figures']) await page.getByTestId(table).waitFor({ state: 'attached' });

  const sla = await cells(page, 'sla-figures');
  expect(sla).toEqual(await csvOf(page, 'sla'));
  expect(sla.find((row) => row[0] === 'Health IT')?.slice(0, 2)).toEqual(['Health IT', '2']);

  const arrivals = await csvOf(page, 'arrivals');
  expect(await cells(page, 'arrivals-by-hour')).toEqual(arrivals.filter(([dimension]) => dimension === 'hour').map(([, key, tickets, outside]) => [key, tickets, outside]));
  // Weekdays are named in the user's language; their figures are the CSV's, Monday first.
  expect((await cells(page, 'arrivals-by-weekday')).map((row) => row.slice(1))).toEqual(arrivals.filter(([dimension]) => dimension === 'weekday').map(([, , tickets, outside]) => [tickets, outside]));
  const [, , tickets, outside, pct] = arrivals.find(([dimension]) => dimension === 'total')!;
  expect(await page.getByTestId('arrivals-outside').textContent()).toBe(`${pct || '–'} % of the tickets arrived outside service hours (${outside} of ${tickets}).`);

  expect(await cells(page, 'backlog-days')).toEqual(await csvOf(page, 'backlog'));
  expect(await cells(page, 'update-flag-figures')).toEqual(await csvOf(page, 'update-flags'));
  const [deflection] = await csvOf(page, 'deflection');
  expect((await cells(page, 'deflection-figures')).map(([, value]) => value)).toEqual(deflection.slice(2));

  await checkPage(page, 'console-statistics');
});
