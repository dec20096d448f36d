// A permanent refusal (issue 12, "Delivery"): an SMTP server that answers 550 to the recipient.
// The notification is failed at once with the SMTP code (no retries over the window), and its
// ticket is told (internal note, Attention flag). The server is a real SMTP server (smtp-server)
// that refuses every recipient: GreenMail accepts every address, so it cannot play this part.
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';
import { freePort } from '../support/processes';

jest.setTimeout(180_000);

let stack: TestStack;
let smtp: SMTPServer;

beforeAll(async () => {
  const port = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo: (address, _session, callback) => callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 })),
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', () => resolve()));
  // A retry window far longer than the test: a failure seen here came from the refusal, not the window.
  stack = await startStack('mail_refused', { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_RETRY_WINDOW: '1h', MAIL_DISPATCH_INTERVAL: '200ms' });
}, 240_000);

afterAll(async () => {
  await stack?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

it('fails a notification the SMTP server refuses for good (5xx) at once, with the code, and tells the ticket', async () => {
  const res = await stack.http
    .post('/tickets')
    .set(stack.as('jannet'))
    .send({ type: 'incident', title: 'Mus virker ikke', description: 'Musen er død.', impact: 'workplace', urgency: 'today', channel: 'portal' });
  expect(res.status).toBe(201);
  const number = res.body.number as string;
  const db = stack.app.get(DataSource);
  const notice = await eventually(
    async () => (await db.query(`SELECT status, failed_code, failure, attempts FROM notifications WHERE ticket_number = $1 AND template = 'ticketCreated'`, [number]))[0],
    (n) => n?.status === 'failed',
    30_000,
  );
  expect(notice).toMatchObject({ status: 'failed', failed_code: '550', attempts: 1 });
  expect(notice.failure).toMatch(/^550: .*User unknown/);
  const view = await eventually(async () => (await stack.http.get(`/tickets/${number}`).set(stack.as('dorthe'))).body, (t) => t.attentionFlag === true, 20_000);
  expect(view.attentionFlag).toBe(true);
  expect(view.journal.some((e: { text: string; visibility: string }) => e.visibility === 'internal' && e.text.includes('(550: '))).toBe(true);
});
