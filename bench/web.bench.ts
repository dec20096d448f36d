// npm run bench:web — against the running stack (`npm start` or `npm run start:cluster`), in a real
// browser (Debian's chromium driven by playwright-core; it never downloads one): signs in as dorthe
// through the sign-in form, then times the console's queue page (#/; usable: the table's first
// ticket link shows) and a ticket page (#/tickets/<number>, numbers from that list; usable: its
// heading, its status and, when the API allows dorthe any command, the first action button),
// BENCH_R (30) times each, one at a time, each a new document (?r=<i>), from just before
// page.goto to usable, timed in node. Prints p50/p95/p99 (target p95 < 1 s for each page at 50,000
// open tickets on the embedded default) and the script bytes of the first, cold load (target
// < 500 KB). It fills nothing: it prints how many open tickets the figures were measured at (run
// `npm run bench:queues` first to fill the stack to BENCH_OPEN). Loopback only.
//   BENCH_R (30)  API_URL (http://127.0.0.1:3000)  CHROMIUM_PATH (/usr/bin/chromium)
import { type Browser, chromium, type Page, type Response } from 'playwright-core';
import { measure, printFigures, type RunFigures } from './stats';

const R = Number(process.env.BENCH_R ?? 30);
const api = (process.env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!/^(127\.|localhost|\[::1\])/.test(new URL(api).hostname)) throw new Error('benchmarks only target this machine (127.0.0.1)');

const TARGET_MS = 1000;
const TARGET_SCRIPT_KB = 500;

async function get(path: string, token = 'demo-dorthe'): Promise<Record<string, unknown>> {
  const res = await fetch(`${api}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

const total = async (path: string): Promise<number> => Number((await get(path)).total);

/** The scale the figures are measured at: what the console lists, and how much of it is open. */
async function scale(): Promise<{ listed: number; open: number; bss: string }> {
  const listed = await total('/tickets?pageSize=1');
  const done = (await total('/tickets?pageSize=1&status=Resolved')) + (await total('/tickets?pageSize=1&status=Closed'));
  const teams = (await get('/teams')) as unknown as Array<{ id: string; code: string }>;
  const bss = teams.find((t) => t.code === 'BSS-IT');
  // The queue counts up to QUEUE_COUNT_CAP (10,000) and says when there are more.
  const queue = bss ? await get(`/queues/teams/${bss.id}?pageSize=1`) : undefined;
  return { listed, open: listed - done, bss: queue ? `${Number(queue.total)}${queue.totalExact === false ? '+' : ''}` : 'no' };
}

/** Script files (URL and body bytes) answered to `page` while `during` runs. */
async function scriptsOf(page: Page, during: () => Promise<void>): Promise<Map<string, number>> {
  const scripts = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const onResponse = (response: Response) => {
    // A 304 (an ETag revalidation) has no body: the browser uses the copy it loaded before, counted then.
    if (response.request().resourceType() !== 'script' || response.status() === 304) return;
    pending.push(response.body().then((body) => void scripts.set(response.url(), body.length)));
  };
  page.on('response', onResponse);
  try {
    await during();
    await page.waitForLoadState('load');
    await Promise.all(pending);
  } finally {
    page.off('response', onResponse);
  }
  return scripts;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (scripts: Map<string, number>) => [...scripts.values()].reduce((a, b) => a + b, 0);
const files = (scripts: Map<string, number>) => [...scripts].map(([url, bytes]) => `${new URL(url).pathname} ${kb(bytes)}`).join(', ');

async function main(): Promise<void> {
  const { listed, open, bss } = await scale();
  console.log(`${open} open tickets (${listed} listed in the console, ${bss} open in the BSS IT queue) at ${api}`);
  if (open < 50_000) console.log(`  (the target is at 50,000 open: \`BENCH_OPEN=50000 npm run bench:queues\` fills the stack first)`);
  if (listed === 0) throw new Error('no tickets to list: run `npm run bench:queues` (BENCH_OPEN) first');

  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    let r = 0; // every navigation a new document: ?r= changes, not only the hash
    const url = (route: string) => `${api}/?r=${r++}#${route}`;

    // The first, cold load (a new browser, no cache): the sign-in page, the same app as the console.
    const firstLoad = await scriptsOf(page, async () => void (await page.goto(url('/'))));
    await page.getByLabel('Username').fill('dorthe');
    await page.getByLabel('Password').fill('dorthe-demo-pass');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    const firstLink = page.locator('a[href^="#/tickets/"]').first();
    const openQueue = async () => {
      await page.goto(url('/'), { waitUntil: 'commit' });
      await firstLink.waitFor();
    };
    // Anything the console's pages load after the first load (a lazy chunk) counts too.
    const later = await scriptsOf(page, openQueue);
    const numbers = [...new Set((await page.locator('a[href^="#/tickets/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))).map((href) => href.replace('#/tickets/', '')))].slice(0, 10);
    // A ticket is usable when its actions are: wait for the first button where the API allows dorthe one.
    const withActions = new Map<string, boolean>();
    for (const number of numbers) withActions.set(number, ((await get(`/tickets/${number}`)).allowedCommands as string[]).length > 0);
    const openTicket = async (i: number) => {
      const number = numbers[i % numbers.length];
      await page.goto(url(`/tickets/${number}`), { waitUntil: 'commit' });
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${number}:`) }).waitFor();
      await page.locator('[data-testid=status]').waitFor();
      if (withActions.get(number)) await page.locator('button[data-command]').first().waitFor();
    };
    for (const [url, bytes] of await scriptsOf(page, () => openTicket(0))) later.set(url, bytes);
    for (const url of firstLoad.keys()) later.delete(url);

    const rows: RunFigures[] = [];
    rows.push(await measure('queue page (#/)', R, 1, () => openQueue()));
    rows.push(await measure(`ticket page (${numbers.length} tickets)`, R, 1, (i) => openTicket(i)));
    console.log();
    printFigures(rows);
    for (const row of rows) {
      console.log(`${row.label}: p95 ${row.p95.toFixed(0)} ms at ${open} open tickets; target p95 < ${TARGET_MS} ms at 50,000: ${row.p95 < TARGET_MS ? 'met' : 'missed'} at this scale`);
    }
    const firstKb = sum(firstLoad) / 1024;
    console.log(`first load (cold): ${kb(sum(firstLoad))} of script in ${firstLoad.size} file(s) (${files(firstLoad)}), target < ${TARGET_SCRIPT_KB} KB: ${firstKb < TARGET_SCRIPT_KB ? 'met' : 'missed'}`);
    console.log(`script the queue and ticket pages load after it: ${later.size ? `${kb(sum(later))} (${files(later)})` : 'none'}`);
    if (rows.some((row) => row.failed > 0)) process.exitCode = 1;
  } finally {
    await browser?.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
