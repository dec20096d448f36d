// npm run bench:commands — against the running stack (`npm start` or `npm run start:cluster`):
// the latency of ticket commands over REST (a mix an agent gives all day: journal notes,
// attention on and off, comments, pin and unpin) against a bare Temporal Update round trip on a
// no-op entity workflow on the same server and task queue, at the same concurrency. Prints both
// and the p99 ratio (target <= 1.5x). Loopback only.
//   BENCH_N (300 commands)  BENCH_C (10)  BENCH_TICKETS (20)  API_URL (http://127.0.0.1:3000)
//   TEMPORAL_ADDRESS (127.0.0.1:7233)  TEMPORAL_TASK_QUEUE (tickets)
//   BENCH_SPLIT=1: a third side, the same mix sent as Updates straight to the ticket workflows
//   (on tickets of their own): what the workflow and its projection cost without the API's share
//   (auth, the checks before, the view read after).
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../machines/actor';
import { noopEntityWorkflow, pingUpdate, stopSignal } from '../workflows/noop.workflow';
import { ticketCommandUpdates } from '../workflows/ticket.messages';
import { call, commandOf, ticketsInProgress } from './ticket-commands';
import { measureInRounds, printFigures, RunFigures } from './stats';

const N = Number(process.env.BENCH_N ?? 300);
const C = Number(process.env.BENCH_C ?? 10);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 20);
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';
const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const taskQueue = process.env.TEMPORAL_TASK_QUEUE ?? 'tickets';
const SPLIT = process.env.BENCH_SPLIT === '1';

if (!/^(127\.|localhost|\[::1\])/.test(new URL(api).hostname) || !/^(127\.|localhost)/.test(address)) {
  throw new Error('benchmarks only target this machine (127.0.0.1)');
}

async function main(): Promise<void> {
  const me = (await call('GET', '/me', 'demo-tim')) as { id: string; role: Actor['role']; displayName: string; teamIds: string[] };
  const tickets = await ticketsInProgress(TICKETS, me.id);
  const direct = SPLIT ? await ticketsInProgress(TICKETS, me.id) : [];
  // As the API sends Tim's commands (actorOf).
  const tim: Actor = { id: me.id, role: me.role, name: me.displayName, teamIds: me.teamIds };
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const run = randomUUID().slice(0, 8);
  const entities = await Promise.all(
    Array.from({ length: TICKETS }, (_, i) => client.workflow.start<typeof noopEntityWorkflow>('noopEntityWorkflow', { workflowId: `bench-entity-${run}-${i}`, taskQueue })),
  );
  // Command i goes to ticket i mod TICKETS as that ticket's (i div TICKETS)-th: with TICKETS >= C,
  // one ticket has one command in flight at a time, as when one agent works it. The sides take
  // turns, round by round (measureInRounds), so load from elsewhere on the machine hits them alike.
  const sides = [
    {
      label: `REST command mix (N=${N}, C=${C})`,
      task: async (i: number) => {
        const [path, body] = commandOf(Math.floor(i / TICKETS), tickets[i % TICKETS]);
        await call('POST', path, 'demo-tim', body);
      },
    },
    { label: `bare Update round trip (N=${N}, C=${C})`, task: async (i: number) => void (await entities[i % entities.length].executeUpdate(pingUpdate, { args: [i] })) },
  ];
  if (SPLIT) {
    sides.push({
      label: `ticket Update, no REST (N=${N}, C=${C})`,
      task: async (i: number) => {
        const [, , command] = commandOf(Math.floor(i / TICKETS), direct[i % TICKETS]);
        await client.workflow.getHandle(direct[i % TICKETS]).executeUpdate(ticketCommandUpdates[command.type], { args: [{ ...command, actor: tim }] });
      },
    });
  }
  const [commands, bare, update] = (await measureInRounds(sides, N, C)) as [RunFigures, RunFigures, RunFigures?];
  await Promise.all(entities.map((h) => h.signal(stopSignal)));
  printFigures(update ? [commands, update, bare] : [commands, bare]);
  const ratio = (a: RunFigures, b: RunFigures) => `p50 ${(a.p50 / b.p50).toFixed(2)}x, p95 ${(a.p95 / b.p95).toFixed(2)}x, p99 ${(a.p99 / b.p99).toFixed(2)}x`;
  console.log(`\nREST command / bare Update: ${ratio(commands, bare)} (target p99 <= 1.5x)`);
  if (update) {
    console.log(`ticket Update / bare Update: ${ratio(update, bare)} (the workflow's step and its projection)`);
    console.log(`REST command / ticket Update: ${ratio(commands, update)} (the API's share)`);
  }
  await connection.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
