import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type InboundStatus = 'stored' | 'applied' | 'quarantined' | 'released' | 'ignored';

export interface InboundRow {
  id: string;
  messageId: string | null;
  source: 'smtp' | 'imap';
  mailbox: string | null;
  uid: number | null;
  envelopeFrom: string | null;
  envelopeTo: string[];
  fromAddress: string | null;
  subject: string;
  size: number;
  raw: Buffer;
  status: InboundStatus;
  outcome: string | null;
  ticketNumber: string | null;
  receivedAt: Date;
}

export interface StoredAttachment {
  id: string;
  ticketNumber: string | null;
  filename: string;
  contentType: string;
  size: number;
  createdAt: Date;
}

export interface SinkMail {
  id: string;
  receivedAt: Date;
  from: string | null;
  to: string[];
  subject: string;
  messageId: string | null;
  raw: string;
}

const inbound = (r: Record<string, unknown>): InboundRow => ({
  id: r.id as string,
  messageId: (r.message_id as string) ?? null,
  source: r.source as InboundRow['source'],
  mailbox: (r.mailbox as string) ?? null,
  uid: r.uid === null ? null : Number(r.uid),
  envelopeFrom: (r.envelope_from as string) ?? null,
  envelopeTo: (r.envelope_to as string[]) ?? [],
  fromAddress: (r.from_address as string) ?? null,
  subject: r.subject as string,
  size: r.size as number,
  raw: r.raw as Buffer,
  status: r.status as InboundStatus,
  outcome: (r.outcome as string) ?? null,
  ticketNumber: (r.ticket_number as string) ?? null,
  receivedAt: r.received_at as Date,
});

/**
 * Owns the mail module's tables: inbound mail (raw source kept, so the intake and a quarantine
 * release read the same bytes), attachments (bytea, outside workflow history), the thread index of
 * Message-IDs, recorded CCs, and the local sink.
 */
@Injectable()
export class MailStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stored once per identity: a second copy (a refetch, the same mail by SMTP and IMAP) is not stored again. */
  async storeInbound(row: Omit<InboundRow, 'status' | 'outcome' | 'ticketNumber' | 'receivedAt'>): Promise<void> {
    await this.db.query(
      `INSERT INTO inbound_mail (id, message_id, source, mailbox, uid, envelope_from, envelope_to, from_address, subject, size, raw)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (id) DO NOTHING`,
      [row.id, row.messageId, row.source, row.mailbox, row.uid, row.envelopeFrom, row.envelopeTo, row.fromAddress, row.subject, row.size, row.raw],
    );
  }

  async inbound(id: string): Promise<InboundRow | null> {
    const [row] = await this.db.query(`SELECT * FROM inbound_mail WHERE id = $1`, [id]);
    return row ? inbound(row) : null;
  }

  async settle(id: string, status: InboundStatus, outcome: string, ticketNumber: string | null = null): Promise<void> {
    await this.db.query(`UPDATE inbound_mail SET status = $2, outcome = $3, ticket_number = coalesce($4, ticket_number), applied_at = now() WHERE id = $1`, [
      id,
      status,
      outcome,
      ticketNumber,
    ]);
  }

  /** From quarantine back to the intake: true when it was in quarantine. */
  async release(id: string): Promise<boolean> {
    const rows = await this.db.query(`UPDATE inbound_mail SET status = 'released', outcome = 'released by an admin' WHERE id = $1 AND status = 'quarantined' RETURNING id`, [id]);
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }

  async listInbound(status: InboundStatus | undefined, limit: number): Promise<Omit<InboundRow, 'raw'>[]> {
    const rows = await this.db.query(
      `SELECT id, message_id, source, mailbox, uid, envelope_from, envelope_to, from_address, subject, size, status, outcome, ticket_number, received_at, NULL::bytea AS raw
       FROM inbound_mail ${status ? 'WHERE status = $2' : ''} ORDER BY received_at DESC LIMIT $1`,
      status ? [limit, status] : [limit],
    );
    return rows.map((r: Record<string, unknown>) => {
      const { raw: _raw, ...rest } = inbound(r);
      return rest;
    });
  }

  // --- threads and correspondents ------------------------------------------------------------

  async recordThread(messageId: string, ticketNumber: string, direction: 'in' | 'out', tx?: EntityManager): Promise<void> {
    await (tx ?? this.db).query(`INSERT INTO mail_threads (message_id, ticket_number, direction) VALUES ($1,$2,$3) ON CONFLICT (message_id) DO NOTHING`, [
      messageId,
      ticketNumber,
      direction,
    ]);
  }

  /** The ticket the first of these Message-IDs belongs to (inbound or outbound mail of the ticket). */
  async ticketOfMessageIds(ids: string[]): Promise<string | null> {
    if (!ids.length) return null;
    const rows: Array<{ message_id: string; ticket_number: string }> = await this.db.query(
      `SELECT message_id, ticket_number FROM mail_threads WHERE message_id = ANY($1::text[])`,
      [ids],
    );
    for (const id of ids) {
      const hit = rows.find((r) => r.message_id === id);
      if (hit) return hit.ticket_number;
    }
    return null;
  }

  /** The ticket's thread, oldest first: the first inbound mail and the latest ones (References, In-Reply-To). */
  async threadOf(ticketNumber: string): Promise<{ first: string | null; latestInbound: string | null }> {
    const rows: Array<{ message_id: string; direction: string }> = await this.db.query(
      `SELECT message_id, direction FROM mail_threads WHERE ticket_number = $1 ORDER BY created_at ASC, message_id ASC`,
      [ticketNumber],
    );
    const inboundIds = rows.filter((r) => r.direction === 'in').map((r) => r.message_id);
    return { first: rows[0]?.message_id ?? null, latestInbound: inboundIds.at(-1) ?? null };
  }

  async recordCorrespondents(ticketNumber: string, addresses: string[], role: 'cc'): Promise<void> {
    for (const address of addresses) {
      await this.db.query(`INSERT INTO mail_correspondents (ticket_number, address, role) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING`, [ticketNumber, address, role]);
    }
  }

  async isCorrespondent(ticketNumber: string, address: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM mail_correspondents WHERE ticket_number = $1 AND address = $2`, [ticketNumber, address]);
    return rows.length > 0;
  }

  // --- attachments ---------------------------------------------------------------------------

  async storeAttachment(inboundId: string, seq: number, a: { filename: string; contentType: string; content: Buffer }): Promise<void> {
    await this.db.query(
      `INSERT INTO mail_attachments (inbound_id, seq, filename, content_type, size, content) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT (inbound_id, seq) DO NOTHING`,
      [inboundId, seq, a.filename, a.contentType, a.content.length, a.content],
    );
  }

  async attachToTicket(inboundId: string, ticketNumber: string): Promise<void> {
    await this.db.query(`UPDATE mail_attachments SET ticket_number = $2 WHERE inbound_id = $1`, [inboundId, ticketNumber]);
  }

  async attachmentsOf(ticketNumber: string): Promise<StoredAttachment[]> {
    const rows = await this.db.query(
      `SELECT id, ticket_number, filename, content_type, size, created_at FROM mail_attachments WHERE ticket_number = $1 ORDER BY created_at, seq`,
      [ticketNumber],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id as string,
      ticketNumber: r.ticket_number as string,
      filename: r.filename as string,
      contentType: r.content_type as string,
      size: r.size as number,
      createdAt: r.created_at as Date,
    }));
  }

  async attachment(ticketNumber: string, id: string): Promise<(StoredAttachment & { content: Buffer }) | null> {
    const [r] = await this.db.query(
      `SELECT id, ticket_number, filename, content_type, size, created_at, content FROM mail_attachments WHERE ticket_number = $1 AND id = $2`,
      [ticketNumber, id],
    );
    if (!r) return null;
    return { id: r.id, ticketNumber: r.ticket_number, filename: r.filename, contentType: r.content_type, size: r.size, createdAt: r.created_at, content: r.content };
  }

  // --- the local sink (npm start without SMTP_URL) -------------------------------------------

  async storeSink(mail: { from: string | null; to: string[]; subject: string; messageId: string | null; raw: string }): Promise<string> {
    const [row] = await this.db.query(`INSERT INTO mail_sink (mail_from, rcpt_to, subject, message_id, raw) VALUES ($1,$2,$3,$4,$5) RETURNING id`, [
      mail.from,
      mail.to,
      mail.subject,
      mail.messageId,
      mail.raw,
    ]);
    return String(row.id);
  }

  /** The sink's mail, newest first, with its raw source (one read: the list shows each text). */
  async listSink(limit: number, to?: string): Promise<SinkMail[]> {
    const rows = await this.db.query(
      `SELECT id, received_at, mail_from, rcpt_to, subject, message_id, raw FROM mail_sink ${to ? 'WHERE $2 = ANY(rcpt_to)' : ''} ORDER BY id DESC LIMIT $1`,
      to ? [limit, to.toLowerCase()] : [limit],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: String(r.id),
      receivedAt: r.received_at as Date,
      from: (r.mail_from as string) ?? null,
      to: r.rcpt_to as string[],
      subject: r.subject as string,
      messageId: (r.message_id as string) ?? null,
      raw: r.raw as string,
    }));
  }
}
