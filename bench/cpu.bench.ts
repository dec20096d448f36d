// npm run bench:cpu — against the running stack (`npm start` or `npm run start:cluster`): where
// the machine's CPU goes for one ticket intake and one ticket command, against a bare no-op
// workflow and a bare Update on the same Temporal server and task queue. On a machine of two cores
// every process of the stack shares them, so at load a side's throughput follows its CPU per item,
// and the intake and command ratios of bench:intake and bench:commands are this table's totals.
// Reads each process's CPU time from /proc (Linux) before and after each side, by component:
// PostgreSQL (the server and its backends), the Temporal server, the workers, the API processes
// (`npm start` runs the API and the worker in one process: "API + worker"). Loopback only.
//   BENCH_N (300)  BENCH_C (10)  BENCH_KIND (intake,commands)  API_URL  TEMPORAL_ADDRESS (127.0.0.1:7233)
//   TEMPORAL_TASK_QUEUE (tickets)
import { Client, Connection } from '@temporalio/client';
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { noopEntityWorkflow, noopWorkflow } from '../workflows/noop.workflow';
import { pingUpdate, stopSignal } from '../workflows/noop.workflow';
import { REPORT_TITLES, reportTitle } from './rest';
import { call, commandOf, ticketsInProgress } from './ticket-commands';

const N = Number(process.env.BENCH_N ?? 300);
const C = Number(process.env.BENCH_C ?? 10);
const KINDS = (process.env.BENCH_KIND ?? 'intake,commands').split(',');
const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const taskQueue = process.env.TEMPORAL_TASK_QUEUE ?? 'tickets';
if (!/^(127\.|localhost)/.test(address)) throw new Error('benchmarks only target this machine (127.0.0.1)');

const TICKS_PER_SECOND = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** The component a process belongs to, from its command line; null for the rest of the machine. */
function componentOf(commandLine: string): string | null {
  if (/temporal-ui/.test(commandLine)) return null;
  if (/(^|\/)postgres( |$)|^postgres:/.test(commandLine)) return 'PostgreSQL';
  if (/temporal/.test(commandLine) && /(^|\/)server |server start-dev/.test(commandLine)) return 'Temporal server';
  if (/worker\.main\.js/.test(commandLine)) return 'workers';
  if (/api\.main\.js/.test(commandLine)) return 'APIs';
  if (/dist\/src\/main\.js/.test(commandLine)) return 'API + worker';
  return null;
}

/** CPU seconds so far by component: each process's own and that of its children it has reaped. */
function cpuByComponent(): Map<string, number> {
  const byComponent = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const component = componentOf(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim());
      if (!component) continue;
      // Fields after the command name in parentheses (which may hold spaces): utime is the 14th field.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      byComponent.set(component, (byComponent.get(component) ?? 0) + ticks / TICKS_PER_SECOND);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return byComponent;
}

interface Side {
  label: string;
  seconds: number;
  cpu: Map<string, number>;
}

/**
 * Runs `task` N times at concurrency C and takes the CPU each component spent meanwhile. Each of
 * the C lanes runs its items one after another (`lane`, and `k`, the lane's count so far): a
 * lane's commands go to its own ticket in order, as when one agent works a ticket.
 */
async function side(label: string, task: (lane: number, k: number) => Promise<unknown>): Promise<Side> {
  let next = 0;
  const run = (count: number) =>
    Promise.all(
      Array.from({ length: C }, async (_, lane) => {
        for (let k = 0; next < count; k++) {
          next += 1;
          await task(lane, k);
        }
      }),
    );
  // A few first, unmeasured: neither side pays for first use (connections, compiled code) in its figures.
  await run(C);
  next = 0;
  const before = cpuByComponent();
  const started = performance.now();
  await run(N);
  const seconds = (performance.now() - started) / 1000;
  // Let the last replies' trailing work (a projection's commit, a history write) land in this side.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = cpuByComponent();
  const cpu = new Map([...after].map(([component, total]) => [component, total - (before.get(component) ?? 0)]));
  return { label, seconds, cpu };
}

function print(bare: Side, ours: Side): void {
  const perItem = (s: Side, component: string) => ((s.cpu.get(component) ?? 0) * 1000) / N;
  const components = [...new Set([...bare.cpu.keys(), ...ours.cpu.keys()])].sort();
  const total = (s: Side) => components.reduce((sum, c) => sum + perItem(s, c), 0);
  const row = (name: string, a: string, b: string) => console.log(`${name.padEnd(28)}${a.padStart(22)}${b.padStart(22)}`);
  console.log('');
  row(`CPU ms per item (N=${N}, C=${C})`, bare.label, ours.label);
  for (const c of components) row(c, perItem(bare, c).toFixed(1), perItem(ours, c).toFixed(1));
  row('total', total(bare).toFixed(1), total(ours).toFixed(1));
  row('items/s', (N / bare.seconds).toFixed(1), (N / ours.seconds).toFixed(1));
  console.log(`${ours.label} / ${bare.label}: CPU per item ${(total(ours) / total(bare)).toFixed(2)}x, throughput ${(bare.seconds / ours.seconds).toFixed(2)}x`);
}

async function intake(client: Client): Promise<void> {
  const run = randomUUID().slice(0, 8);
  let n = Math.floor(Math.random() * REPORT_TITLES);
  const bare = await side('no-op workflow', () => client.workflow.execute<typeof noopWorkflow>('noopWorkflow', { workflowId: `bench-cpu-${run}-${n++}`, taskQueue }));
  const ours = await side('ticket intake', () =>
    call('POST', '/tickets', 'demo-jannet', { type: 'incident', title: reportTitle(n++), description: 'CPU bench', impact: 'workplace', urgency: 'days' }),
  );
  print(bare, ours);
}

async function commands(client: Client): Promise<void> {
  const me = (await call('GET', '/me', 'demo-tim')) as { id: string };
  const tickets = await ticketsInProgress(C, me.id);
  const run = randomUUID().slice(0, 8);
  const entities = await Promise.all(
    Array.from({ length: C }, (_, i) => client.workflow.start<typeof noopEntityWorkflow>('noopEntityWorkflow', { workflowId: `bench-cpu-entity-${run}-${i}`, taskQueue })),
  );
  // Each lane has its ticket and its entity workflow: one command in flight on each.
  const bare = await side('bare Update', (lane, k) => entities[lane].executeUpdate(pingUpdate, { args: [k] }));
  // Each ticket's own count, across the warm-up and the run: its mix goes on where it stopped.
  const counts = tickets.map(() => 0);
  const ours = await side('REST command', (lane) => {
    const [path, body] = commandOf(counts[lane]++, tickets[lane]);
    return call('POST', path, 'demo-tim', body);
  });
  await Promise.all(entities.map((h) => h.signal(stopSignal)));
  print(bare, ours);
}

async function main(): Promise<void> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  if (![...cpuByComponent().keys()].length) throw new Error('no process of the stack found in /proc: is it running on this machine?');
  if (KINDS.includes('intake')) await intake(client);
  if (KINDS.includes('commands')) await commands(client);
  console.log('\nThe bench client itself is not counted. Other processes on the machine are not either: run it on a quiet machine.');
  await connection.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
