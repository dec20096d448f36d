// npm run bench:commands — against the running stack (`npm start` or `npm run start:cluster`):
// the latency of ticket commands over REST (a mix an agent gives all day: journal notes,
// attention on and off, comments, pin and unpin) against a bare Temporal Update round trip on a
// no-op entity workflow on the same server and task queue, at the same concurrency. Prints both
// and the p99 ratio (target <= 1.5x). Loopback only.
//   BENCH_N (300 commands)  BENCH_C (10)  BENCH_TICKETS (20)  API_URL (http://127.0.0.1:3000)
//   TEMPORAL_ADDRESS (127.0.0.1:7233)  TEMPORAL_TASK_QUEUE (tickets)
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { noopEntityWorkflow, pingUpdate, stopSignal } from '../workflows/noop.workflow';
import { REPORT_TITLES, reportTitle } from './rest';
import { measurePair, printFigures } from './stats';

const N = Number(process.env.BENCH_N ?? 300);
const C = Number(process.env.BENCH_C ?? 10);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 20);
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';
const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const taskQueue = process.env.TEMPORAL_TASK_QUEUE ?? 'tickets';

if (!/^(127\.|localhost|\[::1\])/.test(new URL(api).hostname) || !/^(127\.|localhost)/.test(address)) {
  throw new Error('benchmarks only target this machine (127.0.0.1)');
}

async function call(method: string, path: string, token: string, body?: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** The i-th command of the mix, for a ticket In Progress with Tim. */
function commandOf(i: number, number: string): [string, object] {
  switch (i % 6) {
    case 0: return [`/tickets/${number}/journal-notes`, { text: `Checked step ${i}` }];
    case 1: return [`/tickets/${number}/attention`, {}];
    case 2: return [`/tickets/${number}/attention/clear`, {}];
    case 3: return [`/tickets/${number}/comments`, { text: `We are on it (${i})` }];
    case 4: return [`/tickets/${number}/journal/2/pin`, {}];
    default: return [`/tickets/${number}/journal/2/unpin`, {}];
  }
}

async function main(): Promise<void> {
  const me = (await call('GET', '/me', 'demo-tim')) as { id: string };
  const tickets: string[] = [];
  // Different reports (bench/rest.ts): titles alike would have the detector propose major incidents.
  const offset = Math.floor(Math.random() * REPORT_TITLES);
  for (let i = 0; i < TICKETS; i++) {
    const t = await call('POST', '/tickets', 'demo-jannet', { type: 'incident', title: reportTitle(offset + i), description: 'load test', impact: 'workplace', urgency: 'days' });
    await call('POST', `/tickets/${t.number}/assign-to-agent`, 'demo-dorthe', { agentId: me.id });
    await call('POST', `/tickets/${t.number}/begin-work`, 'demo-tim');
    tickets.push(t.number as string);
  }
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const run = randomUUID().slice(0, 8);
  const entities = await Promise.all(
    Array.from({ length: TICKETS }, (_, i) => client.workflow.start<typeof noopEntityWorkflow>('noopEntityWorkflow', { workflowId: `bench-entity-${run}-${i}`, taskQueue })),
  );
  // Command i goes to ticket i mod TICKETS as that ticket's (i div TICKETS)-th: with TICKETS >= C,
  // one ticket has one command in flight at a time, as when one agent works it. The two sides run
  // in alternating rounds so load from elsewhere on the machine hits both alike.
  const [commands, bare] = await measurePair(
    {
      label: `REST command mix (N=${N}, C=${C})`,
      task: async (i) => {
        const [path, body] = commandOf(Math.floor(i / TICKETS), tickets[i % TICKETS]);
        await call('POST', path, 'demo-tim', body);
      },
    },
    { label: `bare Update round trip (N=${N}, C=${C})`, task: async (i) => void (await entities[i % entities.length].executeUpdate(pingUpdate, { args: [i] })) },
    N,
    C,
  );
  await Promise.all(entities.map((h) => h.signal(stopSignal)));
  printFigures([commands, bare]);
  console.log(`\nREST command / bare Update: p50 ${(commands.p50 / bare.p50).toFixed(2)}x, p95 ${(commands.p95 / bare.p95).toFixed(2)}x, p99 ${(commands.p99 / bare.p99).toFixed(2)}x (target p99 <= 1.5x)`);
  await connection.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
