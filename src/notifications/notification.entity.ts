import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TemplateName } from './templates';

/** Who a message is for: the requester, a team's dispatchers and lead, the on-call contact, or holders of a role. */
export type NotificationAudience = 'requester' | 'team' | 'onCall' | 'role';

/** A message to a user, recorded on the ticket or process (REQUIREMENTS 11): the outbox a mailer sends from. */
@Entity('notifications')
export class NotificationEntity {
  /** `<number>#<n>`: the workflow numbers its notifications, so a retried write is a no-op. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'ticket_number', type: 'text' })
  ticketNumber!: string;

  @Column({ name: 'recipient_id', type: 'text' })
  recipientId!: string;

  @Column({ type: 'text' })
  template!: TemplateName;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'text', default: 'requester' })
  audience!: NotificationAudience;

  /** Not before this instant: team alerts out of office hours wait for the next business period. */
  @Column({ name: 'deliver_after', type: 'timestamptz', nullable: true })
  deliverAfter!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
