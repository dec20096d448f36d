// Exactly once across a crash (issue 12, "Exactly once"): a worker process is killed with SIGKILL
// after the mail became a ticket and before the mailbox was told (\Seen); another worker takes
// over. The mail is marked once the new worker runs the mark, and there is one ticket. Real parts:
// worker processes (src/worker.main.ts), PostgreSQL, a Temporal server, GreenMail.
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import nodemailer from 'nodemailer';
import { seedDemoData } from '../../src/demo/demo-data';
import { createTestDatabase, TestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { GreenMail, SUPPORT_ADDRESS } from '../support/greenmail';
import { startTemporal } from '../support/temporal';

jest.setTimeout(400_000);

let db: TestDatabase;
let temporal: TestWorkflowEnvironment;
let mail: GreenMail;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  [db, temporal, mail] = await Promise.all([createTestDatabase('mail_crash'), startTemporal(), GreenMail.start()]);
  await seedDemoData(db.dataSource);
}, 120_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  await temporal?.teardown();
  await db?.drop();
  await mail?.stop();
});

/** A worker process as the cluster runs it, on this test's database, Temporal and mailbox. */
async function startWorker(name: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const root = join(__dirname, '../..');
  const log = createWriteStream(join(tmpdir(), `${name}.log`));
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/worker.main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      DATABASE_MIGRATE: 'false',
      TEMPORAL_ADDRESS: temporal.connection.options.address,
      TEMPORAL_TASK_QUEUE: 'tickets-mail-crash',
      IMAP_URL: mail.imapUrl,
      MAIL_SUPPORT_ADDRESS: SUPPORT_ADDRESS,
      MAIL_POLL_INTERVAL: '500ms',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.push(child);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start polling`)), 240_000);
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-10_000);
      if (seen.includes('worker polling task queue')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code})`)));
  });
  return child;
}

it('a worker killed after the ticket was created and before the mailbox was marked: one ticket, the mail marked by the next worker', async () => {
  // The first worker holds every mark for a minute: the window the crash falls into.
  const first = await startWorker('mail-crash-worker-1', { MAIL_TEST_HOLD_BEFORE_MARK_MS: '60000' });
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: mail.smtpPort, secure: false, ignoreTLS: true });
  await client.sendMail({ from: 'jannet@example.edu', to: SUPPORT_ADDRESS, subject: 'Netværket er nede', text: 'Intet net på 3. sal.', messageId: '<crash-1@mail.example.edu>' });
  client.close();

  const row = await eventually(
    async () => (await db.dataSource.query(`SELECT status, ticket_number, uid FROM inbound_mail WHERE message_id = '<crash-1@mail.example.edu>'`))[0],
    (r) => r?.status === 'applied',
    120_000,
  );
  expect(row.ticket_number).toMatch(/^INC-\d+$/);
  const uid = Number(row.uid);
  expect((await mail.supportFlags()).get(uid)).not.toContain('\\Seen');

  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));
  // Still unmarked: the mailbox never heard of the ticket.
  expect((await mail.supportFlags()).get(uid)).not.toContain('\\Seen');

  await startWorker('mail-crash-worker-2');
  const flags = await eventually(() => mail.supportFlags(), (f) => (f.get(uid) ?? []).includes('\\Seen'), 120_000);
  expect(flags.get(uid)).toContain('\\Seen');
  // Let the poller run a few more rounds: nothing new.
  await new Promise((r) => setTimeout(r, 3_000));
  const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM tickets WHERE title = 'Netværket er nede'`);
  expect(n).toBe(1);
  const [{ m }] = await db.dataSource.query(`SELECT count(*)::int AS m FROM inbound_mail WHERE message_id = '<crash-1@mail.example.edu>'`);
  expect(m).toBe(1);
});
