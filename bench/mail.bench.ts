// npm run bench:mail — against the running stack: `npm start` (its SMTP listener takes mail on
// 127.0.0.1:2525, its local sink what it sends), or the cluster shape with MAIL_LISTENER_PORT and
// SMTP_URL set. BENCH_N (1000) mails to the support address over SMTP at concurrency BENCH_C (10),
// as an MTA delivers them: first the new tickets, then BENCH_REPLIES (30 %) of N as replies threaded
// by In-Reply-To to mails of the first wave, sent once their tickets exist. Prints mails/s sustained
// (from the first mail sent to the last one applied), the time from a mail's arrival to its ticket
// change (p50/p99), duplicates (tickets beyond one per new mail, replies journaled twice), lost mails
// (not applied) and misthreaded replies, then the outbound delivery lag of the notifications those
// tickets caused (sent - recorded, p50/p99).
// Start the stack with MAIL_AUTO_LIMIT_PER_DAY above the mails per requester (e.g. 100000): the
// loop governor otherwise suppresses every automatic mail past 20 a day to one address, as it should.
//   BENCH_N (1000)  BENCH_C (10)  BENCH_REPLIES (0.3)  SMTP_LISTENER (127.0.0.1:2525)
//   DATABASE_URL (the embedded default's, postgres://postgres:postgres@127.0.0.1:5433/postgres)
//   MAIL_SUPPORT_ADDRESS (support@example.edu)
import { randomUUID } from 'node:crypto';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { Client } from 'pg';
import { percentile } from './stats';

const N = Number(process.env.BENCH_N ?? 1000);
const C = Number(process.env.BENCH_C ?? 10);
const REPLIES = Math.round(N * Number(process.env.BENCH_REPLIES ?? 0.3));
const NEW = N - REPLIES;
const [host, port] = (process.env.SMTP_LISTENER ?? '127.0.0.1:2525').split(':');
const database = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5433/postgres';
const support = process.env.MAIL_SUPPORT_ADDRESS ?? 'support@example.edu';
const SENDERS = ['jannet@example.edu', 'raul@example.edu'];
/** How long the bench waits for the stack to apply or deliver what it sent. */
const PATIENCE_MS = 30 * 60_000;

if (!/^(127\.|localhost)/.test(host) || !/@(127\.|localhost)/.test(database)) throw new Error('benchmarks only target this machine (127.0.0.1)');

const run = randomUUID().slice(0, 8);
const newId = (i: number) => `<bench-${run}-new-${i}@mail.example.edu>`;
const replyId = (i: number) => `<bench-${run}-reply-${i}@mail.example.edu>`;

/** Sends the mails at concurrency C over a pool of SMTP connections; a 4xx is sent again, as an MTA would. */
async function sendAll(mails: SendMailOptions[]): Promise<void> {
  const mta = nodemailer.createTransport({ host, port: Number(port), secure: false, ignoreTLS: true, pool: true, maxConnections: C, maxMessages: Infinity });
  let next = 0;
  const worker = async () => {
    while (next < mails.length) {
      const mail = mails[next++];
      for (let attempt = 1; ; attempt++) {
        try {
          await mta.sendMail(mail);
          break;
        } catch (error) {
          const code = (error as { responseCode?: number }).responseCode ?? 0;
          if (code >= 500 || attempt >= 10) throw error;
          await new Promise((r) => setTimeout(r, 500 * attempt));
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: C }, worker));
  } finally {
    mta.close();
  }
}

/** Waits until every mail of the wave is applied (or ignored/quarantined: then it is counted lost). */
async function settled(db: Client, ids: string[]): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  while (Date.now() < deadline) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM inbound_mail WHERE message_id = ANY($1) AND status <> 'stored'`, [ids]);
    if (rows[0].n >= ids.length) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  const db = new Client({ connectionString: database });
  await db.connect();
  const started = Date.now();
  try {
    const fresh = Array.from({ length: NEW }, (_, i) => ({
      from: SENDERS[i % SENDERS.length],
      to: support,
      subject: `Bench mail ${run} ${i}`,
      text: `Bench mail ${i}: nothing works.`,
      messageId: newId(i),
    }));
    await sendAll(fresh);
    await settled(db, fresh.map((m) => m.messageId));
    const firstWave = Date.now();
    const replies = Array.from({ length: REPLIES }, (_, i) => ({
      from: SENDERS[i % NEW % SENDERS.length],
      to: support,
      subject: `Re: Bench mail ${run} ${i % NEW}`,
      text: `Reply ${run} ${i}: still broken.`,
      messageId: replyId(i),
      inReplyTo: newId(i % NEW),
      references: [newId(i % NEW)],
    }));
    await sendAll(replies);
    await settled(db, replies.map((m) => m.messageId));
    const finished = Date.now();
    await report(db, { started, firstWave, finished });
  } finally {
    await db.end();
  }
}

async function report(db: Client, t: { started: number; firstWave: number; finished: number }): Promise<void> {
  const ids = [...Array.from({ length: NEW }, (_, i) => newId(i)), ...Array.from({ length: REPLIES }, (_, i) => replyId(i))];
  const { rows: inbound } = await db.query(
    `SELECT message_id, status, ticket_number, extract(epoch FROM applied_at - received_at) * 1000 AS ms FROM inbound_mail WHERE message_id = ANY($1)`,
    [ids],
  );
  const applied = inbound.filter((r) => r.status === 'applied');
  const ticketOf = new Map(inbound.map((r) => [r.message_id as string, r.ticket_number as string | null]));
  const misthreaded = Array.from({ length: REPLIES }, (_, i) => i).filter((i) => ticketOf.get(replyId(i)) !== ticketOf.get(newId(i % NEW))).length;
  const { rows: tickets } = await db.query(`SELECT number FROM tickets WHERE title LIKE $1`, [`Bench mail ${run} %`]);
  const { rows: journal } = await db.query(`SELECT count(*)::int AS n, count(DISTINCT text)::int AS d FROM journal_entries WHERE text LIKE $1`, [`Reply ${run} %`]);
  const perMail = applied.map((r) => Number(r.ms)).sort((a, b) => a - b);
  const seconds = (t.finished - t.started) / 1000;
  console.log(`mail intake (N=${N}: ${NEW} new, ${REPLIES} replies; C=${C}; run ${run})`);
  console.log(`  sustained           ${(N / seconds).toFixed(1)} mails/s (${seconds.toFixed(1)} s; new tickets ${(NEW / ((t.firstWave - t.started) / 1000)).toFixed(1)}/s, replies ${(REPLIES / ((t.finished - t.firstWave) / 1000)).toFixed(1)}/s)`);
  console.log(`  arrival -> applied  p50 ${percentile(perMail, 50).toFixed(0)} ms, p99 ${percentile(perMail, 99).toFixed(0)} ms`);
  console.log(`  lost                ${N - applied.length} (not applied: ${inbound.length - applied.length} stored/ignored, ${N - inbound.length} never stored)`);
  console.log(`  duplicates          ${tickets.length - NEW} tickets beyond one per new mail, ${journal[0].n - journal[0].d} replies journaled twice`);
  console.log(`  misthreaded         ${misthreaded} replies not on their ticket`);
  await deliveryLag(db, tickets.map((r) => r.number as string));
}

/** The notifications the bench's tickets caused, once none is queued: how long each took to go out. */
async function deliveryLag(db: Client, numbers: string[]): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  let rows: Array<{ status: string; ms: number | null }> = [];
  while (Date.now() < deadline) {
    ({ rows } = await db.query(
      `SELECT status, extract(epoch FROM sent_at - created_at) * 1000 AS ms FROM notifications WHERE ticket_number = ANY($1)`,
      [numbers],
    ));
    if (!rows.some((r) => r.status === 'queued')) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const sent = rows.filter((r) => r.status === 'sent').map((r) => Number(r.ms)).sort((a, b) => a - b);
  const byStatus = Object.entries(rows.reduce<Record<string, number>>((n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }), {}));
  console.log(`outbound delivery (${rows.length} notifications: ${byStatus.map(([s, n]) => `${n} ${s}`).join(', ')})`);
  console.log(`  recorded -> sent    p50 ${percentile(sent, 50).toFixed(0)} ms, p99 ${percentile(sent, 99).toFixed(0)} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
