// Inbound mail end to end (REQUIREMENTS 9; issue 12 "Intake"): the Nest app with its worker, real
// PostgreSQL, a real Temporal server and a real SMTP+IMAP server (GreenMail). Mail sent to the
// support address lands in its IMAP mailbox; the mailbox poller workflow fetches it, one intake
// workflow per mail applies it (a new ticket, or a reply threaded by the subject tag or by
// References), then marks it \Seen. The same mail twice makes one ticket.
import nodemailer from 'nodemailer';
import { DataSource } from 'typeorm';
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';
import { GreenMail, SUPPORT_ADDRESS } from '../support/greenmail';

jest.setTimeout(180_000);

let stack: TestStack;
let mail: GreenMail;
let db: DataSource;

beforeAll(async () => {
  mail = await GreenMail.start();
  stack = await startStack('mail_intake', {
    SMTP_URL: mail.smtpUrl,
    IMAP_URL: mail.imapUrl,
    MAIL_SUPPORT_ADDRESS: SUPPORT_ADDRESS,
    MAIL_POLL_INTERVAL: '300ms',
    MAIL_DISPATCH_INTERVAL: '200ms',
  });
  db = stack.app.get(DataSource);
}, 240_000);

afterAll(async () => {
  await stack?.close();
  await mail?.stop();
});

/** A person's mail client: plain SMTP to GreenMail, which files it in the support mailbox. */
async function send(message: { from: string; subject: string; text: string; messageId: string; inReplyTo?: string; references?: string[]; to?: string }) {
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: mail.smtpPort, secure: false, ignoreTLS: true });
  try {
    await client.sendMail({ to: SUPPORT_ADDRESS, ...message });
  } finally {
    client.close();
  }
}

const inbound = async (messageId: string): Promise<{ status: string; outcome: string | null; ticket_number: string | null; uid: string | null } | undefined> =>
  (await db.query(`SELECT status, outcome, ticket_number, uid FROM inbound_mail WHERE message_id = $1`, [messageId]))[0];

const applied = (messageId: string) => eventually(() => inbound(messageId), (row) => !!row && row.status !== 'stored', 40_000);

const ticket = async (number: string) => (await stack.http.get(`/tickets/${number}`).set(stack.as('dorthe'))).body;

let number: string;

it('makes a ticket of a mail from a known user to the support address, and marks the mail \\Seen', async () => {
  await send({ from: 'Jannet <jannet@example.edu>', subject: 'Mit tastatur virker ikke', text: 'Tasterne reagerer ikke.', messageId: '<kbd-1@mail.example.edu>' });
  const row = await applied('<kbd-1@mail.example.edu>');
  expect(row).toMatchObject({ status: 'applied' });
  number = row!.ticket_number!;
  expect(number).toMatch(/^INC-\d+$/);
  const view = await ticket(number);
  expect(view).toMatchObject({ title: 'Mit tastatur virker ikke', channel: 'mail', requesterId: await stack.userId('jannet') });
  expect(view.description).toContain('Tasterne reagerer ikke.');
  const flags = await eventually(() => mail.supportFlags(), (f) => (f.get(Number(row!.uid)) ?? []).includes('\\Seen'), 20_000);
  expect(flags.get(Number(row!.uid))).toContain('\\Seen');
  // The requester's confirmation goes out by mail, tagged.
  const confirmations = await eventually(
    async () => (await mail.inbox('jannet@example.edu')).filter((m) => m.subject.includes(`[${number}]`)),
    (m) => m.length > 0,
    30_000,
  );
  expect(confirmations.length).toBeGreaterThan(0);
});

it('applies the same mail once, however often it arrives', async () => {
  await send({ from: 'jannet@example.edu', subject: 'Mit tastatur virker ikke', text: 'Tasterne reagerer ikke.', messageId: '<kbd-1@mail.example.edu>' });
  // The second copy is fetched and marked \Seen like the first.
  await eventually(
    () => mail.supportFlags(),
    (f) => f.size >= 2 && [...f.values()].every((flags) => flags.includes('\\Seen')),
    30_000,
  );
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM tickets WHERE title = 'Mit tastatur virker ikke'`);
  expect(n).toBe(1);
  const [{ rows }] = await db.query(`SELECT count(*)::int AS rows FROM inbound_mail WHERE message_id = '<kbd-1@mail.example.edu>'`);
  expect(rows).toBe(1);
});

it('threads a reply by the ticket tag in the subject: the requester’s reply', async () => {
  await send({ from: 'jannet@example.edu', subject: `Re: [${number}] Mit tastatur virker ikke`, text: 'Nu virker mellemrumstasten heller ikke.', messageId: '<kbd-2@mail.example.edu>' });
  const row = await applied('<kbd-2@mail.example.edu>');
  expect(row).toMatchObject({ status: 'applied', ticket_number: number });
  const view = await ticket(number);
  expect(view.updateFlag).toBe(true);
  expect(view.journal).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'comment', visibility: 'public', text: 'Nu virker mellemrumstasten heller ikke.' })]));
});

it('threads a reply without the tag by In-Reply-To/References against the stored Message-IDs', async () => {
  await send({
    from: 'jannet@example.edu',
    subject: 'Re: Mit tastatur virker ikke',
    text: 'Jeg har prøvet et andet tastatur.',
    messageId: '<kbd-3@mail.example.edu>',
    inReplyTo: '<kbd-2@mail.example.edu>',
    references: ['<kbd-1@mail.example.edu>', '<kbd-2@mail.example.edu>'],
  });
  const row = await applied('<kbd-3@mail.example.edu>');
  expect(row).toMatchObject({ status: 'applied', ticket_number: number });
  const view = await ticket(number);
  expect(view.journal.map((e: { text: string }) => e.text)).toContain('Jeg har prøvet et andet tastatur.');
});

it('answers an unknown sender with a pointer to the portal and makes no ticket', async () => {
  await send({ from: 'stranger@example.org', subject: 'Hjælp', text: 'Kan I hjælpe?', messageId: '<stranger-1@example.org>' });
  const row = await applied('<stranger-1@example.org>');
  expect(row).toMatchObject({ status: 'applied', ticket_number: null });
  expect(row!.outcome).toMatch(/unknown sender/);
  const answers = await eventually(() => mail.inbox('stranger@example.org'), (m) => m.length > 0, 30_000);
  expect(answers).toHaveLength(1);
  expect(answers[0].headers).toMatch(/^Auto-Submitted: auto-replied/im);
  expect(answers[0].headers).toMatch(/^In-Reply-To: <stranger-1@example\.org>/im);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM tickets WHERE title = 'Hjælp'`);
  expect(n).toBe(0);
});
