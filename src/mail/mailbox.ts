import { ImapFlow } from 'imapflow';

/** A mailbox as IMAP_URL names it: imap://user:password@host:port/INBOX (imaps:// for TLS). */
export interface MailboxAddress {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  path: string;
  /** The mailbox's name in workflow ids and logs (no password). */
  name: string;
}

export function parseMailboxUrl(url: string): MailboxAddress {
  const u = new URL(url);
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new Error(`IMAP_URL must be imap:// or imaps://, not ${u.protocol}`);
  const secure = u.protocol === 'imaps:';
  const user = decodeURIComponent(u.username);
  const path = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX';
  const port = Number(u.port || (secure ? 993 : 143));
  return { host: u.hostname, port, secure, user, pass: decodeURIComponent(u.password), path, name: `${user}@${u.hostname}:${port}/${path}` };
}

/** One IMAP session: connect, lock the folder, do the work, log out (imapflow 2.10: no command inside a fetch loop). */
export async function withMailbox<T>(address: MailboxAddress, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({ host: address.host, port: address.port, secure: address.secure, auth: { user: address.user, pass: address.pass }, logger: false });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(address.path);
    try {
      return await work(client);
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}
