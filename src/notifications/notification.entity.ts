import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TemplateName } from './templates';

/** Who a message is for: the requester, a team's dispatchers and lead, the on-call contact, holders of a role, a mail sender (intake answers), or a customer organisation's contact (the service review). */
export type NotificationAudience = 'requester' | 'team' | 'onCall' | 'role' | 'sender' | 'contact';

/**
 * Where a message is on its way (REQUIREMENTS 9, 11): queued (waiting for its time or retrying),
 * sent (the SMTP server's answer kept), failed (the SMTP code, or a bounce), suppressed (the loop
 * governor held it back), skipped (recorded before mail delivery existed).
 */
export type DeliveryStatus = 'queued' | 'sent' | 'failed' | 'suppressed' | 'skipped';

/** RFC 3834: what kind of automatic mail this is ('no': written by a person, e.g. an agent's answer). */
export type AutoSubmitted = 'no' | 'auto-generated' | 'auto-replied';

/** A message to a user, recorded on the ticket or process (REQUIREMENTS 11): the outbox mail is delivered from. */
@Entity('notifications')
export class NotificationEntity {
  /** `<number>#<n>`: the workflow numbers its notifications, so a retried write is a no-op. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** The process it is about; null for an intake answer that concerns no ticket. */
  @Column({ name: 'ticket_number', type: 'text', nullable: true })
  ticketNumber!: string | null;

  /** The user it is for; null for a sender the directory does not know. */
  @Column({ name: 'recipient_id', type: 'text', nullable: true })
  recipientId!: string | null;

  @Column({ type: 'text' })
  template!: TemplateName;

  @Column({ type: 'text' })
  subject!: string;

  /** The text part. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', nullable: true })
  html!: string | null;

  @Column({ type: 'text', default: 'en' })
  language!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'text', default: 'requester' })
  audience!: NotificationAudience;

  /** Not before this instant: team alerts out of office hours wait for the next business period. */
  @Column({ name: 'deliver_after', type: 'timestamptz', nullable: true })
  deliverAfter!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'recipient_address', type: 'text', nullable: true })
  recipientAddress!: string | null;

  @Column({ type: 'text', default: 'queued' })
  status!: DeliveryStatus;

  /** Deterministic per notification: a retry offers the SMTP server the same Message-ID. */
  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId!: string | null;

  /** The inbound mail an intake answer replies to. */
  @Column({ name: 'in_reply_to', type: 'text', nullable: true })
  inReplyTo!: string | null;

  @Column({ name: 'auto_submitted', type: 'text', default: 'auto-generated' })
  autoSubmitted!: AutoSubmitted;

  /** The SMTP server's answer to the accepted message. */
  @Column({ name: 'smtp_response', type: 'text', nullable: true })
  smtpResponse!: string | null;

  @Column({ name: 'failed_code', type: 'text', nullable: true })
  failedCode!: string | null;

  /** Why it failed, or the last attempt's error while it is retried. */
  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  /** When its delivery workflow was started. */
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;

  /** The delivery workflow (one per batch of notifications due at once) it was claimed for. */
  @Column({ name: 'delivery_batch', type: 'uuid', nullable: true })
  deliveryBatch!: string | null;
}
