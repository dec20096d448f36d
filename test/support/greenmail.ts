// A real SMTP+IMAP server for the mail tests: GreenMail standalone (scripts/test.sh fetches the jar
// from Maven Central into ~/.m2), on free ports of 127.0.0.1, mail kept in memory. GreenMail
// creates a mailbox for every address it receives mail for; its password is the address itself.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Socket } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './processes';

export const SUPPORT_ADDRESS = 'support@example.edu';
export const SUPPORT_PASSWORD = 'secret';

const DEFAULT_JAR = join(homedir(), '.m2/repository/com/icegreen/greenmail-standalone/2.1.13/greenmail-standalone-2.1.13.jar');

async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => (socket.destroy(), resolve(false)));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`GreenMail did not open port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ReceivedMail {
  uid: number;
  subject: string;
  messageId: string;
  from: string;
  to: string[];
  headers: string;
  source: string;
}

export class GreenMail {
  private process?: ChildProcess;

  private constructor(readonly smtpPort: number, readonly imapPort: number) {}

  static async start(): Promise<GreenMail> {
    const mail = new GreenMail(await freePort(), await freePort());
    await mail.up();
    return mail;
  }

  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.smtpPort}`;
  }

  /** The support mailbox as IMAP_URL. */
  get imapUrl(): string {
    return `imap://${encodeURIComponent(SUPPORT_ADDRESS)}:${SUPPORT_PASSWORD}@127.0.0.1:${this.imapPort}/INBOX`;
  }

  /** Starts the server (again, after `down`: the mailboxes start empty). */
  async up(): Promise<void> {
    const jar = process.env.GREENMAIL_JAR ?? DEFAULT_JAR;
    if (!existsSync(jar)) throw new Error(`GreenMail jar missing at ${jar}: run the tests with \`npm test\` (scripts/test.sh fetches it)`);
    this.process = spawn(
      'java',
      [
        '-Xmx128m',
        '-Dgreenmail.smtp.hostname=127.0.0.1',
        `-Dgreenmail.smtp.port=${this.smtpPort}`,
        '-Dgreenmail.imap.hostname=127.0.0.1',
        `-Dgreenmail.imap.port=${this.imapPort}`,
        `-Dgreenmail.users=support:${SUPPORT_PASSWORD}@example.edu`,
        '-Dgreenmail.users.login=email',
        '-jar',
        jar,
      ],
      { stdio: 'ignore' },
    );
    await Promise.all([waitForPort(this.smtpPort), waitForPort(this.imapPort)]);
  }

  /** Stops the server (SIGTERM; it is gone in well under a second). */
  async down(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    this.process = undefined;
  }

  /** Every message in an address's INBOX (collected first: imapflow takes no command inside a fetch). */
  async inbox(address: string, password = address): Promise<ReceivedMail[]> {
    const client = new ImapFlow({ host: '127.0.0.1', port: this.imapPort, secure: false, auth: { user: address, pass: password }, logger: false });
    try {
      await client.connect();
    } catch {
      return []; // no mail was ever delivered to this address: GreenMail has no such user yet
    }
    const lock = await client.getMailboxLock('INBOX');
    const mails: ReceivedMail[] = [];
    try {
      if ((client.mailbox as { exists: number }).exists > 0) {
        for await (const m of client.fetch('1:*', { uid: true, envelope: true, source: true, headers: true })) {
          mails.push({
            uid: m.uid,
            subject: m.envelope?.subject ?? '',
            messageId: m.envelope?.messageId ?? '',
            from: m.envelope?.from?.[0]?.address ?? '',
            to: (m.envelope?.to ?? []).map((a) => a.address ?? ''),
            headers: m.headers?.toString() ?? '',
            source: m.source?.toString() ?? '',
          });
        }
      }
    } finally {
      lock.release();
      await client.logout().catch(() => undefined);
    }
    return mails;
  }

  /** The flags of every message in the support mailbox, by UID. */
  async supportFlags(): Promise<Map<number, string[]>> {
    const client = new ImapFlow({ host: '127.0.0.1', port: this.imapPort, secure: false, auth: { user: SUPPORT_ADDRESS, pass: SUPPORT_PASSWORD }, logger: false });
    await client.connect();
    const lock = await client.getMailboxLock('INBOX');
    const flags = new Map<number, string[]>();
    try {
      if ((client.mailbox as { exists: number }).exists > 0) {
        for await (const m of client.fetch('1:*', { uid: true, flags: true })) flags.set(m.uid, [...(m.flags ?? [])]);
      }
    } finally {
      lock.release();
      await client.logout().catch(() => undefined);
    }
    return flags;
  }

  async stop(): Promise<void> {
    await this.down();
  }
}
