// npm run bench:timers — arms SLA timers on N open tickets whose deadlines are spread over a few
// minutes, then prints how late the warnings and breaches were recorded (milliseconds after the
// instant they were due) and the worker's resident memory. Self-contained on loopback: its own
// Temporal dev server (the project's CLI), the real ticket workflow and projection activities,
// and PostgreSQL from DATABASE_URL or, when unset, an embedded PostgreSQL (as `npm start`).
// The warnings fall due from BENCH_LEAD_S after arming starts, evenly over BENCH_SPREAD_S, whatever
// the arming speed (each ticket's target is set when it is armed): give a lead longer than arming
// takes (about N / 8 s here) to measure the timers alone, not timers racing the arming of the rest.
//   BENCH_N (2000)  BENCH_SPREAD_S (120)  BENCH_LEAD_S (60)  BENCH_C (25)  BENCH_CACHE (the worker's, WORKER_MAX_CACHED_WORKFLOWS: 250)
//   DATABASE_URL (embedded when unset)
//   TEMPORAL_ADDRESS: a running Temporal server instead of the dev server (the cluster shape's,
//   `npm run start:cluster`, with its DATABASE_URL); the bench's worker polls its own task queue
//   there, so the cluster's workers take none of its tickets.
//   BENCH_TASK_QUEUE: put the tickets on that queue instead (`tickets`: the cluster's own workers
//   run them) and start no worker here; BENCH_WORKER_PIDS (comma-separated) names the processes
//   whose resident memory is reported then.
//   BENCH_SHARED_MODULES=0: the bench's worker without the modules workers share (WORKFLOW_PRELOAD_MODULES).
//   BENCH_WITHOUT_PATCH: start the tickets without that one of PATCHES_IN_FORCE (e.g. timers-armed-early).
import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ALWAYS_OPEN } from '../machines/calendar/business-calendar';
import { SlaPolicy, STANDARD_SLA } from '../machines/sla/sla-policy';
import { loadAppConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { startEmbeddedPostgres } from '../src/embedded/embedded-postgres';
import { WORKFLOW_BUNDLER_OPTIONS, WORKFLOW_INTERCEPTOR_MODULES } from '../src/worker/temporal-worker.service';
import { activitiesOn } from '../test/support/activities';
import { PATCHES_IN_FORCE } from '../workflows/runtime/patches';
import { openedUpdate, TicketWorkflowInput } from '../workflows/ticket.messages';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import type { ticketWorkflow } from '../workflows/ticket.workflow';
import { measure, percentile } from './stats';

const N = Number(process.env.BENCH_N ?? 2000);
const SPREAD_MS = Number(process.env.BENCH_SPREAD_S ?? 120) * 1000;
const C = Number(process.env.BENCH_C ?? 25);
const LEAD_MS = Number(process.env.BENCH_LEAD_S ?? 60) * 1000; // the first warning falls due this long after arming starts
// The sticky cache the workers we launch use, unless the run says otherwise (figures before 2026-12-02: 1000).
const CACHE = Number(process.env.BENCH_CACHE ?? loadAppConfig().maxCachedWorkflows);
// The bundle as the workers build it; BENCH_SHARED_MODULES=0 without the modules they share (an A/B of WORKFLOW_PRELOAD_MODULES).
const BUNDLER_OPTIONS = process.env.BENCH_SHARED_MODULES === '0' ? { workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES } : WORKFLOW_BUNDLER_OPTIONS;
const OWN_QUEUE = 'bench-timers';
const TASK_QUEUE = process.env.BENCH_TASK_QUEUE ?? OWN_QUEUE;
const WORKER_PIDS = (process.env.BENCH_WORKER_PIDS ?? '').split(',').filter(Boolean);
// `npm run bench:timers` preloads src/worker/workflow-thread-hooks.ts, as every worker we launch does.
const STACK_TRACES = process.execArgv.join(' ').includes('workflow-thread-hooks') && process.env.WORKFLOW_STACK_TRACES !== 'true' ? 'off (as the workers we launch)' : 'on';

Runtime.install({ logger: new DefaultLogger('WARN') });

/** The warning falls due at this share of the target: late, so that a long lead keeps the run short. */
const WARNING_SHARE = 0.9;

/** Each ticket's first-response target, set when it is armed. */
const targetOf = new Map<number, number>();

function policyFor(i: number, armingStarted: number): SlaPolicy {
  // Warning at 90 % of the target, breach at the target: two timers per clock. The warnings fall
  // due evenly from LEAD_MS after arming started, over SPREAD_MS, counted from now.
  const warningDue = armingStarted + LEAD_MS + Math.round((i / N) * SPREAD_MS);
  const target = Math.max(1000, Math.round((warningDue - Date.now()) / WARNING_SHARE));
  targetOf.set(i, target);
  const targets = { firstResponseMs: target, escalationMs: 24 * 3600_000, resolutionMs: 24 * 3600_000 };
  return { ...STANDARD_SLA, code: 'bench', calendar: ALWAYS_OPEN, warningShare: WARNING_SHARE, targets: { P3: targets }, requestKinds: {} };
}

function inputFor(number: string, i: number, armingStarted: number): TicketWorkflowInput {
  const actor = { id: randomUUID(), role: 'endUser' as const, name: 'Bench user' };
  return {
    type: 'incident',
    requesterId: actor.id,
    createdBy: actor,
    policy: { autoCloseAfterMs: 30 * 24 * 3600_000, requiresApproval: false, maxCommandsPerRun: 500 },
    // As the API starts a ticket (ProcessWorkflowsClient.open), less any patch BENCH_WITHOUT_PATCH names (an A/B).
    patches: PATCHES_IN_FORCE.filter((patch) => patch !== process.env.BENCH_WITHOUT_PATCH),
    sla: { policy: policyFor(i, armingStarted), requestKind: null },
    record: {
      number, title: `Bench ${i}`, description: 'timer bench', categoryId: null, categoryName: null, impact: 'workplace',
      urgency: 'today', priority: 'P3', priorityName: 'NORMAL', priorityScore: 4, teamName: null, assigneeName: null,
      channel: 'api', createdAt: new Date().toISOString(),
    },
  };
}

async function database(): Promise<{ url: string; dataSource: DataSource; stop: () => Promise<void>; label: string }> {
  if (process.env.DATABASE_URL) {
    const dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL, 10)).initialize();
    return { url: process.env.DATABASE_URL, dataSource, stop: () => dataSource.destroy(), label: 'PostgreSQL (DATABASE_URL), pool 10' };
  }
  const dir = mkdtempSync(join(tmpdir(), 'itsm-bench-'));
  chmodSync(dir, 0o755); // as root the server runs as `postgres`, which must enter this folder
  const pg = await startEmbeddedPostgres(join(dir, 'postgres'), 5499);
  const dataSource = await new DataSource(dataSourceOptions(pg.url, 10)).initialize();
  return { url: pg.url, dataSource, stop: async () => { await dataSource.destroy(); await pg.stop(); }, label: 'embedded PostgreSQL, pool 10' };
}

/** Resident memory of the bench process, or the sum of the named workers' (from /proc). */
function rssNow(): number {
  if (!WORKER_PIDS.length) return process.memoryUsage().rss;
  return WORKER_PIDS.reduce((sum, pid) => {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return sum + Number(kb ?? 0) * 1024;
  }, 0);
}

/** The Temporal server: TEMPORAL_ADDRESS's (loopback only), or a dev server of the project's CLI. */
async function temporal(): Promise<{ client: Client; nativeConnection: NativeConnection; teardown: () => Promise<void>; label: string }> {
  const address = process.env.TEMPORAL_ADDRESS;
  if (address) {
    if (!/^(127\.|localhost)/.test(address)) throw new Error('benchmarks only target this machine (127.0.0.1)');
    const connection = await Connection.connect({ address });
    const nativeConnection = await NativeConnection.connect({ address });
    const teardown = async () => { await nativeConnection.close(); await connection.close(); };
    return { client: new Client({ connection }), nativeConnection, teardown, label: `Temporal server at ${address}` };
  }
  const cli = process.env.TEMPORAL_CLI;
  if (!cli) throw new Error('set TEMPORAL_CLI (npm run bench:timers does: scripts/temporal-cli.sh)');
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli }, ip: '127.0.0.1', searchAttributes: ALL_SEARCH_ATTRIBUTES },
  });
  return { client: env.client, nativeConnection: env.nativeConnection, teardown: () => env.teardown(), label: 'Temporal dev server' };
}

async function main(): Promise<void> {
  const env = await temporal();
  const db = await database();
  // The bench's own worker, unless the tickets go to a queue that running workers poll.
  const acts = TASK_QUEUE === OWN_QUEUE ? await activitiesOn({ url: db.url, dataSource: db.dataSource, drop: async () => undefined }) : null;
  const worker = acts
    ? await Worker.create({
        connection: env.nativeConnection,
        taskQueue: TASK_QUEUE,
        workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), ...BUNDLER_OPTIONS, logger: new DefaultLogger('WARN') }),
        activities: acts.activities,
        maxCachedWorkflows: CACHE,
      })
    : null;
  const workers = worker ? 'the bench process (worker + client)' : `workers ${WORKER_PIDS.join(', ') || '(none named: BENCH_WORKER_PIDS)'}`;
  const cache = worker ? `${CACHE} workflows, shared modules ${BUNDLER_OPTIONS === WORKFLOW_BUNDLER_OPTIONS ? 'on' : 'off'}` : `the workers' own (WORKER_MAX_CACHED_WORKFLOWS) on queue ${TASK_QUEUE}`;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssNow())), 500);
  const run = randomUUID().slice(0, 6);

  const body = async () => {
    const arming = Date.now();
    const armed = await measure(`arm ${N} tickets (C=${C})`, N, C, async (i) => {
      const number = `BENCH-${run}-${i}`;
      const handle = await env.client.workflow.start<typeof ticketWorkflow>('ticketWorkflow', { workflowId: number, taskQueue: TASK_QUEUE, args: [inputFor(number, i, arming)] });
      await handle.executeUpdate(openedUpdate);
    });
    console.log(`armed ${N - armed.failed} tickets in ${armed.seconds.toFixed(1)} s (${armed.perSecond.toFixed(1)}/s, p50 ${armed.p50.toFixed(0)} ms); ${env.label}; database: ${db.label}; sticky cache ${cache}; workflow stack traces ${STACK_TRACES}; patches ${process.env.BENCH_WITHOUT_PATCH ? `in force but ${process.env.BENCH_WITHOUT_PATCH}` : 'in force'}`);
    const firstDue = arming + LEAD_MS;
    console.log(firstDue > Date.now() ? `the first event falls due ${((firstDue - Date.now()) / 1000).toFixed(0)} s after arming ended: timers alone` : `events fell due while arming (${((Date.now() - firstDue) / 1000).toFixed(0)} s of overlap): timers raced the arming`);
    const expected = (N - armed.failed) * 2;
    // Waits past the last due instant for as long as events keep being recorded (a saturated
    // worker records them late, not never), so the count checks that each came exactly once.
    let deadline = arming + LEAD_MS + SPREAD_MS * 1.2 + 300_000;
    let recorded = 0;
    while (Date.now() < deadline) {
      const before = recorded;
      [{ recorded }] = await db.dataSource.query(
        `SELECT count(*)::int AS recorded FROM journal_entries WHERE ticket_number LIKE $1 AND text LIKE 'SLA %first response%'`,
        [`BENCH-${run}-%`],
      );
      if (recorded >= expected) break;
      if (recorded > before) deadline = Math.max(deadline, Date.now() + 120_000);
      await new Promise((r) => setTimeout(r, 2000));
    }
    const allRows: Array<{ ticket_number: string; text: string; created_at: Date }> = await db.dataSource.query(
      `SELECT ticket_number, text, created_at FROM journal_entries WHERE ticket_number LIKE $1 AND text LIKE 'SLA %first response%'`,
      [`BENCH-${run}-%`],
    );
    // The due instant is in the text ("deadline <iso>" / "passed at <iso>"); warnings are due at half the target.
    const latenessOf = (rows: typeof allRows) => rows
      .map((row) => {
        const due = /(?:deadline|passed at) (\S+?)(?:;|$)/.exec(row.text)?.[1];
        if (!due) return NaN;
        const i = Number(row.ticket_number.split('-').at(-1));
        const target = targetOf.get(i)!;
        // 24x7: a warning is due (1 - WARNING_SHARE) of the target before the deadline its text names.
        const dueMs = Date.parse(due) - (row.text.startsWith('SLA warning') ? Math.round(target * (1 - WARNING_SHARE)) : 0);
        return row.created_at.getTime() - dueMs;
      })
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const rows = allRows;
    const warnings = rows.filter((r) => r.text.startsWith('SLA warning'));
    const breaches = rows.filter((r) => r.text.startsWith('SLA breached'));
    console.log(`\nSLA events recorded: ${rows.length} of ${expected} expected (${warnings.length} warnings, ${breaches.length} breaches)`);
    for (const [label, group] of [['all', rows], ['warnings', warnings], ['breaches', breaches]] as const) {
      const lateness = latenessOf([...group]);
      console.log(`lateness of ${label.padEnd(8)} after the due instant (ms): p50 ${percentile(lateness, 50).toFixed(0)}, p99 ${percentile(lateness, 99).toFixed(0)}, max ${lateness.at(-1)?.toFixed(0)}`);
    }
    console.log(`${workers} resident memory: peak ${(peakRss / 2 ** 20).toFixed(0)} MiB, now ${(rssNow() / 2 ** 20).toFixed(0)} MiB`);
  };
  await (worker ? worker.runUntil(body) : body());
  clearInterval(sampler);
  await acts?.close();
  await db.stop();
  await env.teardown();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
