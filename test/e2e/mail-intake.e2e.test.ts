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
import { freePort } from '../support/processes';

jest.setTimeout(180_000);

let stack: TestStack;
let mail: GreenMail;
let db: DataSource;
let listenerPort: number;

beforeAll(async () => {
  mail = await GreenMail.start();
  listenerPort = await freePort();
  stack = await startStack('mail_intake', {
    SMTP_URL: mail.smtpUrl,
    IMAP_URL: mail.imapUrl,
    MAIL_SUPPORT_ADDRESS: SUPPORT_ADDRESS,
    MAIL_POLL_INTERVAL: '300ms',
    MAIL_DISPATCH_INTERVAL: '200ms',
    // The loop governor's daily cap, small enough to reach in a test.
    MAIL_AUTO_LIMIT_PER_DAY: '10',
    // A Resolved ticket closes after 8 s here, so a reply to a Closed ticket can be shown.
    TICKET_AUTO_CLOSE_AFTER: '8s',
    // The SMTP listener an MTA delivers to (mail piping's modern form).
    MAIL_LISTENER_PORT: String(listenerPort),
    // Small limits, to show what a too-large mail and a too-large attachment get.
    MAIL_MAX_MESSAGE_BYTES: '300000',
    MAIL_MAX_ATTACHMENT_BYTES: '50000',
  });
  db = stack.app.get(DataSource);
}, 240_000);

afterAll(async () => {
  await stack?.close();
  await mail?.stop();
});

/** A person's mail client: plain SMTP to GreenMail, which files it in the support mailbox. */
async function send(message: {
  from: string;
  subject?: string;
  text?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  to?: string;
  cc?: string;
  headers?: Record<string, string>;
  envelope?: { from: string; to: string };
  raw?: string;
  attachments?: Array<{ filename: string; content: string; contentType: string }>;
}) {
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

const command = (number: string, path: string, username: Parameters<TestStack['as']>[0], body: object = {}) =>
  stack.http.post(`/tickets/${number}/${path}`).set(stack.as(username)).send(body);

/** An agent takes the ticket and resolves it. */
async function resolve(number: string) {
  await command(number, 'assign-to-agent', 'dorthe', { agentId: await stack.userId('tim') }).expect(200);
  await command(number, 'begin-work', 'tim').expect(200);
  await command(number, 'resolve', 'tim', { resolution: 'A new keyboard.' }).expect(200);
}

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

it('a reply by mail to a Resolved ticket reopens it', async () => {
  await resolve(number);
  expect((await ticket(number)).status).toBe('Resolved');
  await send({ from: 'jannet@example.edu', subject: `Re: [${number}] Resolved`, text: 'Det virker stadig ikke.', messageId: '<kbd-4@mail.example.edu>' });
  const row = await applied('<kbd-4@mail.example.edu>');
  expect(row).toMatchObject({ status: 'applied', ticket_number: number });
  const view = await ticket(number);
  expect(view).toMatchObject({ status: 'InProgress', updateFlag: true });
  expect(view.journal.map((e: { text: string }) => e.text)).toContain('Det virker stadig ikke.');
});

let raulsTicket: string;

it('someone who is not on the ticket writing with its tag gets a ticket of their own', async () => {
  await send({ from: 'raul@example.edu', subject: `Re: [${number}] Mit tastatur virker ikke`, text: 'Mit tastatur virker heller ikke.', messageId: '<raul-1@mail.example.edu>' });
  const row = await applied('<raul-1@mail.example.edu>');
  expect(row!.status).toBe('applied');
  raulsTicket = row!.ticket_number!;
  expect(raulsTicket).toMatch(/^INC-\d+$/);
  expect(raulsTicket).not.toBe(number);
  expect((await ticket(raulsTicket)).requesterId).toBe(await stack.userId('raul'));
  expect((await ticket(number)).journal.map((e: { text: string }) => e.text)).not.toContain('Mit tastatur virker heller ikke.');
});

it('a reply to a Closed ticket makes a new ticket that mentions the old one, and tells the sender', async () => {
  await resolve(raulsTicket);
  await eventually(() => ticket(raulsTicket), (t) => t.status === 'Closed', 30_000);
  await send({ from: 'raul@example.edu', subject: `Re: [${raulsTicket}] Resolved`, text: 'Det er tilbage.', messageId: '<raul-2@mail.example.edu>' });
  const row = await applied('<raul-2@mail.example.edu>');
  expect(row!.status).toBe('applied');
  const followUp = row!.ticket_number!;
  expect(followUp).not.toBe(raulsTicket);
  const view = await ticket(followUp);
  expect(view.requesterId).toBe(await stack.userId('raul'));
  expect(view.description).toContain(`Follows up ${raulsTicket}`);
  expect((await ticket(raulsTicket)).status).toBe('Closed');
  const told = await eventually(
    async () => (await mail.inbox('raul@example.edu')).filter((m) => m.subject.includes(`[${followUp}]`) && m.source.includes(raulsTicket)),
    (m) => m.some((x) => /new ticket/i.test(x.subject)),
    30_000,
  );
  expect(told.some((m) => /new ticket/i.test(m.subject))).toBe(true);
});

it('never answers automatic mail, and caps automatic mails to one address per day (the loop governor)', async () => {
  // An out-of-office from outside: no ticket, no answer.
  await send({ from: 'vacation@example.org', subject: 'Out of office', text: 'I am away.', messageId: '<ooo-1@example.org>', headers: { 'Auto-Submitted': 'auto-replied' } });
  const ooo = await applied('<ooo-1@example.org>');
  expect(ooo).toMatchObject({ status: 'ignored', ticket_number: null });
  // A user whose mailbox has a broken auto-responder (no Auto-Submitted): every mail it gets, it
  // answers with a new mail, and every new mail makes a ticket and its notifications.
  await db.query(
    `INSERT INTO users (username, display_name, email, role, token_hash, organisation) VALUES ('robot', 'Robot', 'robot@example.edu', 'endUser', 'x', 'BSS')`,
  );
  for (let i = 1; i <= 7; i++) {
    await send({ from: 'robot@example.edu', subject: `Auto answer ${i}`, text: 'Thank you for your mail.', messageId: `<robot-${i}@example.edu>` });
  }
  for (let i = 1; i <= 7; i++) await applied(`<robot-${i}@example.edu>`);
  const states = await eventually(
    async () => (await db.query(`SELECT status FROM notifications WHERE recipient_address = 'robot@example.edu'`)) as Array<{ status: string }>,
    (rows) => rows.length >= 14 && rows.every((r) => r.status !== 'queued'),
    60_000,
  );
  expect(states.length).toBeGreaterThanOrEqual(14);
  expect(states.filter((r) => r.status === 'sent')).toHaveLength(10);
  expect(states.filter((r) => r.status === 'suppressed').length).toBe(states.length - 10);
  expect(await mail.inbox('robot@example.edu')).toHaveLength(10);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE recipient_address = 'vacation@example.org'`);
  expect(n).toBe(0);
});

it('a delivery report (RFC 3464) marks the notification it bounces failed and tells the ticket', async () => {
  const [notice] = await db.query(`SELECT id, message_id FROM notifications WHERE ticket_number = $1 AND template = 'ticketCreated'`, [number]);
  const raw = [
    'From: Mail Delivery System <MAILER-DAEMON@mail.example.edu>',
    `To: ${SUPPORT_ADDRESS}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Message-ID: <dsn-1@mail.example.edu>',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '',
    '--b1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mail.example.edu',
    '',
    'Final-Recipient: rfc822; jannet@example.edu',
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
    '',
    '--b1',
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: ${notice.message_id}`,
    `Subject: [${number}] We have received your ticket`,
    '',
    '--b1--',
    '',
  ].join('\r\n');
  // A real bounce has the null reverse-path (MAIL FROM:<>), which GreenMail refuses: the daemon's address instead.
  await send({ from: 'MAILER-DAEMON@mail.example.edu', envelope: { from: 'MAILER-DAEMON@mail.example.edu', to: SUPPORT_ADDRESS }, raw });
  const row = await applied('<dsn-1@mail.example.edu>');
  expect(row).toMatchObject({ status: 'applied', ticket_number: number });
  const [after] = await db.query(`SELECT status, failed_code, failure FROM notifications WHERE id = $1`, [notice.id]);
  expect(after).toMatchObject({ status: 'failed', failed_code: '5.1.1' });
  const view = await eventually(() => ticket(number), (t) => t.attentionFlag === true, 20_000);
  expect(view.attentionFlag).toBe(true);
  expect(view.journal.some((e: { text: string; visibility: string }) => e.visibility === 'internal' && e.text.startsWith('Mail not delivered'))).toBe(true);
});

it('answers mail to an agent’s own address with the standard answer, once per sender per period, and makes no ticket', async () => {
  // The MTA routes tim@ to the service desk's mailbox (To names tim, the envelope the support address).
  for (const i of [1, 2]) {
    await send({ from: 'jannet@example.edu', to: 'tim@example.edu', envelope: { from: 'jannet@example.edu', to: SUPPORT_ADDRESS }, subject: `Hej Tim ${i}`, text: 'Kan du hjælpe mig?', messageId: `<to-tim-${i}@mail.example.edu>` });
  }
  const first = await applied('<to-tim-1@mail.example.edu>');
  const second = await applied('<to-tim-2@mail.example.edu>');
  // Both may be fetched in one poll and applied concurrently: whichever comes first is answered.
  expect([first, second].map((r) => r!.outcome).sort()).toEqual(['personal address: answered earlier in the period', 'personal address: standard answer sent']);
  expect([first, second].every((r) => r!.status === 'applied' && r!.ticket_number === null)).toBe(true);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM tickets WHERE title LIKE 'Hej Tim%'`);
  expect(n).toBe(0);
  const answers = await eventually(
    async () => (await mail.inbox('jannet@example.edu')).filter((m) => /<to-tim-\d@mail\.example\.edu>/.test(m.headers)),
    (m) => m.length > 0,
    30_000,
  );
  expect(answers).toHaveLength(1);
});

it('takes mail an MTA delivers over SMTP to the listener: 250 once stored and its intake started, 550 for an address that is not ours', async () => {
  const mta = nodemailer.createTransport({ host: '127.0.0.1', port: listenerPort, secure: false, ignoreTLS: true });
  try {
    const info = await mta.sendMail({ from: 'raul@example.edu', to: SUPPORT_ADDRESS, subject: 'Skærmen flimrer', text: 'Den flimrer hele tiden.', messageId: '<screen-1@mail.example.edu>' });
    expect(info.response).toMatch(/^250 2\.0\.0 accepted as [0-9a-f]{32}$/);
    const row = await applied('<screen-1@mail.example.edu>');
    expect(row).toMatchObject({ status: 'applied' });
    const view = await ticket(row!.ticket_number!);
    expect(view).toMatchObject({ title: 'Skærmen flimrer', channel: 'mail', requesterId: await stack.userId('raul') });
    // The same mail delivered again by the MTA: accepted, and still one ticket.
    await mta.sendMail({ from: 'raul@example.edu', to: SUPPORT_ADDRESS, subject: 'Skærmen flimrer', text: 'Den flimrer hele tiden.', messageId: '<screen-1@mail.example.edu>' });
    await new Promise((r) => setTimeout(r, 1_500));
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM tickets WHERE title = 'Skærmen flimrer'`);
    expect(n).toBe(1);
    await expect(mta.sendMail({ from: 'raul@example.edu', to: 'nobody@example.edu', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    // Over MAIL_MAX_MESSAGE_BYTES: refused with 552 and the limit, which the MTA bounces to the sender.
    const big = { from: 'raul@example.edu', to: SUPPORT_ADDRESS, subject: 'Hele loggen', text: 'x'.repeat(400_000) };
    await expect(mta.sendMail(big)).rejects.toMatchObject({ responseCode: 552 });
  } finally {
    mta.close();
  }
});

it('holds mail the upstream filter marks as spam in quarantine: no ticket, no answer, until an admin releases it', async () => {
  await send({ from: 'jannet@example.edu', subject: 'Billige ure', text: 'Køb nu.', messageId: '<spam-1@mail.example.edu>', headers: { 'X-Spam-Flag': 'YES' } });
  const row = await applied('<spam-1@mail.example.edu>');
  expect(row).toMatchObject({ status: 'quarantined', ticket_number: null });
  const listed = await stack.http.get('/mail/quarantine').set(stack.as('admin'));
  expect(listed.status).toBe(200);
  const held = listed.body.find((m: { messageId: string }) => m.messageId === '<spam-1@mail.example.edu>');
  expect(held).toMatchObject({ status: 'quarantined', from: 'jannet@example.edu', subject: 'Billige ure' });
  expect((await stack.http.get('/mail/quarantine').set(stack.as('dorthe'))).status).toBe(403);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM tickets WHERE title = 'Billige ure'`);
  expect(n).toBe(0);

  const released = await stack.http.post(`/mail/quarantine/${held.id}/release`).set(stack.as('admin'));
  expect(released.status).toBe(200);
  const after = await eventually(() => inbound('<spam-1@mail.example.edu>'), (r) => r?.status === 'applied', 30_000);
  expect(after!.ticket_number).toMatch(/^INC-\d+$/);
  expect((await stack.http.post(`/mail/quarantine/${held.id}/release`).set(stack.as('admin'))).status).toBe(409);
});

it('keeps a mail’s attachments on its ticket, listed on the ticket view and downloadable for whoever may read the ticket', async () => {
  await send({
    from: 'jannet@example.edu',
    subject: 'Fejlbesked vedhæftet',
    text: 'Se vedhæftet log.',
    messageId: '<att-1@mail.example.edu>',
    attachments: [{ filename: 'error.log', content: 'E1234 printer offline\n', contentType: 'text/plain' }],
  });
  const row = await applied('<att-1@mail.example.edu>');
  const number = row!.ticket_number!;
  const own = (await stack.http.get(`/tickets/${number}`).set(stack.as('jannet'))).body;
  expect(own.attachments).toEqual([expect.objectContaining({ filename: 'error.log', contentType: 'text/plain', size: 22 })]);
  // Staff see it too; another end user does not see the ticket at all.
  expect((await stack.http.get(`/tickets/${number}`).set(stack.as('tim'))).body.attachments).toHaveLength(1);
  expect((await stack.http.get(`/tickets/${number}`).set(stack.as('raul'))).status).toBe(404);

  // The download: the bytes as they came, always as a file to save, never shown inline.
  const url = `/tickets/${number}/attachments/${own.attachments[0].id}`;
  const file = await stack.http.get(url).set(stack.as('jannet')).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
  expect(file.status).toBe(200);
  expect(file.body.toString('utf8')).toBe('E1234 printer offline\n');
  expect(file.headers).toMatchObject({ 'content-type': 'application/octet-stream', 'x-content-type-options': 'nosniff' });
  expect(file.headers['content-disposition']).toBe(`attachment; filename="error.log"; filename*=UTF-8''error.log`);
  expect((await stack.http.get(url).set(stack.as('tim'))).status).toBe(200);
  expect((await stack.http.get(url).set(stack.as('raul'))).status).toBe(404);
  expect((await stack.http.get(`/tickets/${number}/attachments/00000000-0000-4000-8000-000000000000`).set(stack.as('jannet'))).body).toMatchObject({ statusCode: 404, error: 'attachmentNotFound', field: 'id' });
  expect((await stack.http.get(`/tickets/${number}/attachments/not-an-id`).set(stack.as('jannet'))).status).toBe(404);
});

it('answers a mail over the size limit that came from the mailbox, and makes no ticket of it', async () => {
  await send({
    from: 'bigfiles@example.org',
    subject: 'Scanned contract',
    text: 'See the scan.',
    messageId: '<big-1@mail.example.org>',
    attachments: [{ filename: 'scan.txt', content: 'y'.repeat(400_000), contentType: 'text/plain' }],
  });
  const row = await applied('<big-1@mail.example.org>');
  expect(row).toMatchObject({ status: 'ignored', outcome: expect.stringMatching(/^too large/), ticket_number: null });
  const answers = await eventually(() => mail.inbox('bigfiles@example.org'), (m) => m.length > 0, 30_000);
  expect(answers.map((m) => m.subject)).toEqual(['Your mail was too large']);
  expect(answers[0].source).toContain('Scanned contract');
});

it('keeps the ticket and the small attachments of a mail with one too large, and tells the sender which it did not keep', async () => {
  // From Sara (an agent writing as a user): Jannet's automatic mails of this suite are over the governor's cap.
  await send({
    from: 'sara@example.edu',
    subject: 'Photos of the broken screen',
    text: 'Two photos.',
    messageId: '<photos-1@mail.example.edu>',
    attachments: [
      { filename: 'small.txt', content: 'a small note', contentType: 'text/plain' },
      { filename: 'huge.txt', content: 'z'.repeat(80_000), contentType: 'text/plain' },
    ],
  });
  const row = await applied('<photos-1@mail.example.edu>');
  const number = row!.ticket_number!;
  expect((await ticket(number)).attachments.map((a: { filename: string }) => a.filename)).toEqual(['small.txt']);
  const told = await eventually(
    async () => (await mail.inbox('sara@example.edu')).filter((m) => m.subject === `[${number}] Some attachments were not kept`),
    (m) => m.length > 0,
    30_000,
  );
  expect(told).toHaveLength(1);
  expect(told[0].source).toContain('huge.txt');
});

it('takes the recorded vendor’s mail on the ticket’s thread as the vendor’s answer, and a recorded CC’s as a note', async () => {
  // Raul opens a ticket by mail with his manager in CC: the CC is recorded on the ticket.
  await send({ from: 'raul@example.edu', subject: 'Plotter jams', text: 'Every A0 print jams.', messageId: '<plotter-1@mail.example.edu>', cc: 'manager@partner.example.org' });
  const number = (await applied('<plotter-1@mail.example.edu>'))!.ticket_number!;
  await command(number, 'assign-to-agent', 'dorthe', { agentId: await stack.userId('tim') }).expect(200);
  await command(number, 'begin-work', 'tim').expect(200);
  await command(number, 'vendor-ticket', 'tim', { vendor: 'HP Support', vendorTicketId: 'HP-4711', vendorAddress: 'support@hp.example.com' }).expect(200);

  await send({ from: 'support@hp.example.com', subject: `Re: [${number}] HP-4711`, text: 'Replace the pinch roller.', messageId: '<hp-1@hp.example.com>' });
  expect(await applied('<hp-1@hp.example.com>')).toMatchObject({ status: 'applied', outcome: `vendor answer on ${number}`, ticket_number: number });
  expect((await ticket(number)).journal.map((e: { text: string }) => e.text)).toContain('Answer from HP Support: Replace the pinch roller.');

  await send({ from: 'manager@partner.example.org', subject: `Re: [${number}] Plotter jams`, text: 'It is urgent for the exhibition.', messageId: '<mgr-1@partner.example.org>' });
  expect(await applied('<mgr-1@partner.example.org>')).toMatchObject({ status: 'applied', outcome: `CC note on ${number}`, ticket_number: number });
  const view = await ticket(number);
  expect(view.journal.at(-1).text).toContain('It is urgent for the exhibition.');
  expect(view.updateFlag).toBe(true);
});
