// npm run bench:policy — against the running stack (`npm start` or `npm run start:cluster`): fills
// the system to BENCH_OPEN (5,000) open tickets (real ticket workflows over REST at BENCH_C, 40;
// tickets already there count), then a policy change on all of them (issue 15, item 2): the
// preview of a holiday (the next weekday) added to the standard policy, BENCH_R (5) times, and its one-step apply,
// timed until the bulk-action workflow has recalculated every open ticket. Prints the figures and
// the outcomes. Publishes a new version of `standard` per run. Loopback only.
//   BENCH_OPEN (5000)  BENCH_C (40)  BENCH_R (5)  API_URL (http://127.0.0.1:3000)
import { createTicket, get, post } from './rest';
import { measure, printFigures } from './stats';

const OPEN = Number(process.env.BENCH_OPEN ?? 5_000);
const C = Number(process.env.BENCH_C ?? 40);
const R = Number(process.env.BENCH_R ?? 5);
const ADMIN = 'demo-admin';

async function openTickets(): Promise<number> {
  const teams = (await get('/teams')) as unknown as Array<{ id: string; code: string }>;
  const bss = teams.find((t) => t.code === 'BSS-IT')!.id;
  return Number((await get(`/queues/teams/${bss}?pageSize=1`)).total);
}

/**
 * The newest standard policy with one more holiday: tomorrow, or the next weekday after it, so the
 * open tickets' running clocks run into it (a holiday a month away moves no deadline of a ticket
 * opened today, and the preview would have nothing to compute).
 */
async function holidayDraft(): Promise<Record<string, unknown>> {
  const policies = (await get('/sla/policies', ADMIN)) as unknown as Array<Record<string, any>>;
  const { version: _v, ...standard } = policies.filter((p) => p.code === 'standard').at(-1)!;
  const day = new Date(Date.now() + 86_400_000);
  while ([0, 6].includes(day.getUTCDay())) day.setUTCDate(day.getUTCDate() + 1);
  const dates = [...(standard.calendar.holidays?.dates ?? []), day.toISOString().slice(0, 10)];
  return { ...standard, calendar: { ...standard.calendar, holidays: { ...standard.calendar.holidays, dates } } };
}

async function main(): Promise<void> {
  const open = await openTickets();
  if (open < OPEN) printFigures([await measure(`open ${OPEN - open} tickets over REST (C=${C})`, OPEN - open, C, (i) => createTicket(open + i, 'bench-policy'))]);
  const draft = await holidayDraft();
  let preview: Record<string, any> = {};
  const previews = await measure(`preview a holiday on the open tickets`, R, 1, async () => {
    const res = await post('/sla/policy-changes/preview', draft, ADMIN);
    if (res.status !== 200) throw new Error(`HTTP ${res.status} ${JSON.stringify(res.body)}`);
    preview = res.body;
  });
  printFigures([previews]);
  console.log(`preview: ${preview.affected?.length} of ${preview.openTickets} open tickets would move`);

  const started = performance.now();
  const applied = await post('/sla/policy-changes', draft, ADMIN, `bench-policy-${Date.now()}`);
  if (applied.status !== 202) throw new Error(`apply: HTTP ${applied.status} ${JSON.stringify(applied.body)}`);
  const id = (applied.body.recalculation as { id: string }).id;
  let action: Record<string, any>;
  for (;;) {
    action = await get(`/bulk-actions/${id}`, ADMIN);
    if (action.finished) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const seconds = (performance.now() - started) / 1000;
  const outcomes: Record<string, number> = {};
  for (const item of action.items as Array<{ outcome: string }>) outcomes[item.outcome] = (outcomes[item.outcome] ?? 0) + 1;
  console.log(`apply: ${action.total} open tickets recalculated by ${id} in ${seconds.toFixed(1)} s (${(action.total / seconds).toFixed(1)} tickets/s); outcomes ${JSON.stringify(outcomes)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
