// Outbound mail end to end (REQUIREMENTS 9, 11; issue 12 "Delivery"): the Nest app with its worker,
// real PostgreSQL, a real Temporal server and a real SMTP+IMAP server (GreenMail). A notification
// the ticket workflow records is delivered by its delivery workflow, once, with the ticket tag in
// the subject and its own Message-ID; an SMTP server that is away for a while gets it when it is
// back, once; one away for longer than the retry window leaves it failed, and the ticket is told.
import { DataSource } from 'typeorm';
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';
import { GreenMail } from '../support/greenmail';
import { MailBackground } from '../../src/mail/mail-background.service';
import { MailDelivery } from '../../src/mail/mail-delivery.activities';
import { batchDeliveryWorkflowId, deliveryWorkflowId } from '../../workflows/mail.messages';

jest.setTimeout(180_000);

let stack: TestStack;
let mail: GreenMail;
let db: DataSource;

beforeAll(async () => {
  mail = await GreenMail.start();
  // Retries spread over 12 s instead of 24 h, so the test sees both ends of the window.
  stack = await startStack('mail_delivery', {
    SMTP_URL: mail.smtpUrl,
    MAIL_SUPPORT_ADDRESS: 'support@example.edu',
    MAIL_RETRY_INITIAL: '300ms',
    MAIL_RETRY_MAX: '1s',
    MAIL_RETRY_WINDOW: '12s',
    MAIL_DISPATCH_INTERVAL: '200ms',
  });
  db = stack.app.get(DataSource);
}, 240_000);

afterAll(async () => {
  await stack?.close();
  await mail?.stop();
});

async function openTicket(title: string): Promise<string> {
  const res = await stack.http
    .post('/tickets')
    .set(stack.as('jannet'))
    .send({ type: 'incident', title, description: 'Nothing prints.', impact: 'workplace', urgency: 'today', channel: 'portal' });
  expect(res.status).toBe(201);
  return res.body.number as string;
}

interface Row {
  id: string;
  status: string;
  message_id: string;
  attempts: number;
  failure: string | null;
  failed_code: string | null;
  smtp_response: string | null;
}

const createdNotice = async (number: string): Promise<Row | undefined> =>
  (await db.query(`SELECT id, status, message_id, attempts, failure, failed_code, smtp_response FROM notifications WHERE ticket_number = $1 AND template = 'ticketCreated'`, [number]))[0];

/** The copies of one notification in the requester's mailbox (by its Message-ID). */
const copiesOf = async (messageId: string) => (await mail.inbox('jannet@example.edu')).filter((m) => m.messageId === messageId);

it('delivers the requester’s notification once, tagged, with its own Message-ID; a second delivery sends nothing', async () => {
  const number = await openTicket('Printer on floor 2');
  const notice = (await eventually(() => createdNotice(number), (n) => n?.status === 'sent', 30_000))!;
  expect(notice.status).toBe('sent');
  const mails = await copiesOf(notice.message_id);
  expect(mails).toHaveLength(1);
  expect(notice.smtp_response).toMatch(/^250/);
  expect(mails[0].messageId).toBe(notice.message_id);
  expect(mails[0].subject).toContain(`[${number}]`);
  expect(mails[0].from).toBe('support@example.edu');
  expect(mails[0].headers).toMatch(/^Auto-Submitted: auto-generated/im);

  // A retried activity, and a second dispatch of the same notification: neither sends again.
  await expect(stack.app.get(MailDelivery).deliverNotification(notice.id)).resolves.toMatchObject({ status: 'sent' });
  await db.query(`UPDATE notifications SET dispatched_at = NULL WHERE id = $1`, [notice.id]);
  await stack.app.get(MailBackground).dispatch();
  await new Promise((r) => setTimeout(r, 2_000));
  expect(await copiesOf(notice.message_id)).toHaveLength(1);

  // The ticket view and the outbox show the delivery state.
  const view = await stack.http.get(`/tickets/${number}`).set(stack.as('dorthe'));
  expect(view.body.notifications.find((n: { id: string }) => n.id === notice.id).delivery).toMatchObject({ status: 'sent', messageId: notice.message_id, attempts: 1 });
  const outbox = await stack.http.get(`/mail/outbox?ticket=${number}&status=sent`).set(stack.as('dorthe'));
  expect(outbox.status).toBe(200);
  expect(outbox.body.map((n: { id: string }) => n.id)).toContain(notice.id);
  expect((await stack.http.get('/mail/outbox').set(stack.as('jannet'))).status).toBe(403);
});

it('delivers the notifications due at once in one delivery workflow, each once', async () => {
  const numbers = await Promise.all(['Mouse', 'Keyboard', 'Monitor'].map((thing) => openTicket(`${thing} broken`)));
  const rows = async () =>
    (await db.query(`SELECT id, status, message_id, delivery_batch FROM notifications WHERE ticket_number = ANY($1)`, [numbers])) as Array<{
      id: string;
      status: string;
      message_id: string;
      delivery_batch: string;
    }>;
  const sent = await eventually(rows, (r) => r.length >= 3 && r.every((n) => n.status === 'sent'), 30_000);
  // Fewer workflows than notifications: at least two went in one batch (the requester's and the team's mail of a ticket are projected together).
  const batches = new Set(sent.map((n) => n.delivery_batch));
  expect(batches.size).toBeLessThan(sent.length);
  for (const batch of batches) {
    const outcomes = await stack.temporal.client.workflow.getHandle(batchDeliveryWorkflowId(batch)).result();
    expect(outcomes.map((o: { status: string }) => o.status)).toEqual(sent.filter((n) => n.delivery_batch === batch).map(() => 'sent'));
  }
  // None needed a workflow of its own, and each reached its mailbox once.
  await expect(stack.temporal.client.workflow.getHandle(deliveryWorkflowId(sent[0].id)).describe()).rejects.toThrow(/not found/i);
  for (const number of numbers) expect(await copiesOf((await createdNotice(number))!.message_id)).toHaveLength(1);
});

it('delivers once the SMTP server is back, after failed attempts, and only once', async () => {
  await mail.down();
  const number = await openTicket('Scanner offline');
  const retrying = await eventually(() => createdNotice(number), (n) => !!n && n.attempts >= 2, 20_000);
  expect(retrying).toMatchObject({ status: 'queued' });
  expect(retrying!.failure).toBeTruthy();
  await mail.up();
  await eventually(() => copiesOf(retrying!.message_id), (m) => m.length > 0, 30_000);
  await new Promise((r) => setTimeout(r, 2_000));
  const mails = await copiesOf(retrying!.message_id);
  expect(mails).toHaveLength(1);
  expect(mails[0].subject).toContain(`[${number}]`);
  expect(await createdNotice(number)).toMatchObject({ status: 'sent', failure: null });
});

it('marks a notification failed after the retry window, notes it on the ticket and sets the Attention flag', async () => {
  await mail.down();
  try {
    const number = await openTicket('Projector broken');
    const failed = await eventually(() => createdNotice(number), (n) => n?.status === 'failed', 40_000);
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed!.failure).toMatch(/retry window/);
    const view = await eventually(
      async () => (await stack.http.get(`/tickets/${number}`).set(stack.as('dorthe'))).body,
      (t) => t.attentionFlag === true,
      20_000,
    );
    expect(view.attentionFlag).toBe(true);
    const note = view.journal.find((e: { text: string }) => e.text.startsWith('Mail not delivered to'));
    expect(note).toMatchObject({ visibility: 'internal' });
    expect(note.text).toContain('jannet@example.edu');
    // The requester does not see the internal note.
    const own = (await stack.http.get(`/tickets/${number}`).set(stack.as('jannet'))).body;
    expect(own.journal.some((e: { text: string }) => e.text.startsWith('Mail not delivered'))).toBe(false);
  } finally {
    await mail.up();
  }
});
