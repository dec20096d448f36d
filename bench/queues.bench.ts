// npm run bench:queues — against the running stack (`npm start` or `npm run start:cluster`):
// fills the system to BENCH_OPEN (50,000) open tickets, each a real ticket workflow opened over
// REST at concurrency BENCH_C (40) (tickets already there count: a rerun only measures), then
// times the overviews an agent opens all day, page 1 and deep into the list: the team queue, the
// status overview, the escalation overview and text search, BENCH_R (40) times each, one at a
// time. Prints p50/p95/p99 (target p95 <= 50 ms), the resident memory of the API and worker
// processes, and PostgreSQL's plans of the two heaviest queries. Loopback only.
//   BENCH_OPEN (50000)  BENCH_C (40)  BENCH_R (40)  API_URL (http://127.0.0.1:3000)
//   DATABASE_URL (for the plans; default the embedded 127.0.0.1:5433)  BENCH_PIDS (extra pids to report)
// A fill of tens of thousands is one burst to the major-incident detector, which scores every
// incident of its window at each intake and slows the fill as the window grows: start the stack
// with MI_DETECT_WINDOW_MINUTES=0 for it (the reads measured here do not involve the detector).
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { OPEN as OPEN_TICKETS, QUEUE_ORDER } from '../src/queues/queues.service';
import { MATCHES, newestPageSql, TRIGRAM_PLAN } from '../src/tickets/tickets.service';
import { api, createTicket, get, WORDS } from './rest';
import { measure, printFigures, RunFigures } from './stats';

const OPEN = Number(process.env.BENCH_OPEN ?? 50_000);
const C = Number(process.env.BENCH_C ?? 40);
const R = Number(process.env.BENCH_R ?? 40);
// The API's defaults.
const SEARCH_COUNT_CAP = Number(process.env.SEARCH_COUNT_CAP ?? 1000);
const QUEUE_COUNT_CAP = Number(process.env.QUEUE_COUNT_CAP ?? 10_000);
const database = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5433/postgres';

/** Resident memory (MiB) of the processes listening on the API port, plus BENCH_PIDS. */
function rssOf(): string {
  const port = new URL(api).port || '80';
  const pids = new Set<string>((process.env.BENCH_PIDS ?? '').split(',').filter(Boolean));
  try {
    for (const m of execSync(`ss -ltnpH 'sport = :${port}'`, { encoding: 'utf8' }).matchAll(/pid=(\d+)/g)) pids.add(m[1]);
  } catch {
    // ss missing: only BENCH_PIDS
  }
  return [...pids].map((pid) => {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return `pid ${pid}: ${(kb / 1024).toFixed(0)} MiB`;
  }).join(', ');
}

async function main(): Promise<void> {
  const teams = (await get('/teams')) as unknown as Array<{ id: string; code: string }>;
  const bss = teams.find((t) => t.code === 'BSS-IT')!.id;
  const db = new Client({ connectionString: database });
  db.on('error', () => undefined);
  await db.connect();
  // Counted in PostgreSQL: the queue's own total stops at QUEUE_COUNT_CAP (10,000).
  const openInQueue = async () => Number((await db.query(`SELECT count(*) AS n FROM tickets t WHERE t.team_id = $1 AND ${OPEN_TICKETS}`, [bss])).rows[0].n);
  const open = await openInQueue();
  if (open < OPEN) {
    const filled = await measure(`open ${OPEN - open} tickets over REST (C=${C})`, OPEN - open, C, (i) => createTicket(open + i, 'bench-queues'));
    printFigures([filled]);
  }
  const total = await openInQueue();
  const deep = Math.max(1, Math.floor(total / 25 / 2));
  console.log(`\n${total} open tickets in the BSS IT queue; deep pages around ${deep} of 25`);
  const page = (i: number) => (i % 2 ? deep + (i % 7) : 1);
  const rows: RunFigures[] = [];
  for (const [label, path] of [
    ['team queue (page 1 / deep)', (i: number) => `/queues/teams/${bss}?page=${page(i)}`],
    ['status overview (page 1 / deep)', (i: number) => `/queues/status/Assigned?page=${page(i)}`],
    ['escalation overview', () => '/sla/escalations?withinMinutes=600'],
    ['text search (page 1 / deep)', (i: number) => `/tickets?q=${WORDS[i % WORDS.length]}&page=${i % 2 ? 20 + (i % 5) : 1}`],
  ] as const) {
    await get(path(0)); // warm
    rows.push(await measure(label, R, 1, async (i) => void (await get(path(i)))));
  }
  printFigures(rows);
  console.log(`\nresident memory: ${rssOf()}`);

  const search = `t.number ILIKE $1 OR t.title ILIKE $1 OR t.description ILIKE $1`;
  const newest = (window: number) =>
    `SELECT t.number AS number, t.created_at AS created_at, ${MATCHES.replaceAll(':text', '$1')} AS hit FROM tickets t ORDER BY t.created_at DESC, t.number DESC LIMIT ${window}`;
  for (const [label, sql, params, settings] of [
    // The very statement QueuesService runs for a page of the team queue.
    ['team queue, deep page', `SELECT t.number FROM tickets t WHERE t.team_id = $1 AND ${OPEN_TICKETS} ORDER BY ${QUEUE_ORDER.team} OFFSET $2 LIMIT 25`, [bss, deep * 25], undefined],
    // ... and its total, counted up to QUEUE_COUNT_CAP.
    ['team queue, its count up to the cap', `SELECT count(*) FROM (SELECT 1 FROM tickets t WHERE t.team_id = $1 AND ${OPEN_TICKETS} LIMIT ${QUEUE_COUNT_CAP + 1}) queue`, [bss], undefined],
    // Text search as TicketsService.list runs it, side by side: the count up to the cap through
    // the trigram indexes (with the plan settings the API sets, TRIGRAM_PLAN), and the page among
    // the newest tickets (1,000 for page 1, 20 per row up to a deep page's end), walked newest first.
    ['text search, its count up to the cap', `SELECT count(*) FROM (SELECT 1 FROM tickets t WHERE (${search}) LIMIT ${SEARCH_COUNT_CAP + 1}) matches`, ['%printer%'], TRIGRAM_PLAN],
    ['text search, page 1 among the newest', newestPageSql(newest(1_000), 0, 25), ['%printer%'], undefined],
    ['text search, page 24 among the newest', newestPageSql(newest(12_000), 575, 25), ['%printer%'], undefined],
  ] as const) {
    await db.query('BEGIN');
    if (settings) await db.query(settings);
    const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params as unknown as unknown[]);
    await db.query('ROLLBACK');
    console.log(`\nplan: ${label}\n${plan.rows.map((r: Record<string, string>) => `  ${r['QUERY PLAN']}`).join('\n')}`);
  }
  await db.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
