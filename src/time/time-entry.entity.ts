import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TimeActivity } from '../../machines/time/time-units';

/**
 * A time entry on a ticket (REQUIREMENTS 10, seed 003), written by the ticket's projection through
 * TimeEntries.record: never changed afterwards; a correction is a counter-entry (`corrects`).
 */
@Entity('time_entries')
export class TimeEntryEntity {
  @PrimaryColumn({ name: 'ticket_number', type: 'text' })
  ticketNumber!: string;

  /** 1, 2, … on the ticket (the ticket machine numbers them). */
  @PrimaryColumn({ type: 'int' })
  entry!: number;

  /** The ticket's title when the time was registered (what the statement shows). */
  @Column({ name: 'ticket_title', type: 'text' })
  ticketTitle!: string;

  @Column({ name: 'agent_id', type: 'text' })
  agentId!: string;

  @Column({ name: 'agent_name', type: 'text' })
  agentName!: string;

  /** The customer: the requester's organisation when the time was registered. */
  @Column({ type: 'text', nullable: true })
  organisation!: string | null;

  @Column({ name: 'worked_on', type: 'date' })
  workedOn!: string;

  @Column({ type: 'text' })
  activity!: TimeActivity;

  @Column({ name: 'worked_minutes', type: 'int' })
  workedMinutes!: number;

  /** Registered by the rule (15-minute units, on site at least 60); negative on a correction. */
  @Column({ type: 'int' })
  minutes!: number;

  @Column({ type: 'boolean' })
  billable!: boolean;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'int', nullable: true })
  corrects!: number | null;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}

/** A month whose statements are final: no entry dated in it is accepted any more. */
@Entity('time_closed_months')
export class ClosedMonthEntity {
  /** YYYY-MM. */
  @PrimaryColumn({ type: 'text' })
  month!: string;

  @Column({ name: 'closed_by', type: 'text' })
  closedBy!: string;

  @Column({ name: 'closed_at', type: 'timestamptz' })
  closedAt!: Date;
}
