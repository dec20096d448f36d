import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface AdditionalQuestion {
  /** Stable key the answers are stored under, e.g. 'printerName'. */
  key: string;
  question: string;
}

/** REQUIREMENTS 2, seed 002: remind a user who does not answer after N business days, close after M. */
export interface CategoryPendingPolicy {
  remindAfterDays: number;
  closeAfterDays: number;
}

/** A category of the service catalog; it carries the per-service ticket policy. */
@Entity('categories')
export class CategoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** Seed 004: the customer tests and approves the solution; approval closes the ticket. */
  @Column({ name: 'requires_approval', type: 'boolean', default: false })
  requiresApproval!: boolean;

  /** The SLA policy (its newest version) that tickets of this category are opened under. */
  @Column({ name: 'sla_policy_code', type: 'text', default: 'standard' })
  slaPolicyCode!: string;

  /** Seed 004's kind of work (fault report, user change, on-site work), where the category implies one. */
  @Column({ name: 'request_kind', type: 'text', nullable: true })
  requestKind!: string | null;

  /** Seed 000, principle 1: what must be answered before the ticket is escalated. */
  @Column({ name: 'additional_questions', type: 'jsonb', default: [] })
  additionalQuestions!: AdditionalQuestion[];

  /** How many days a Resolved ticket of this service waits for the user before it closes; null: TICKET_AUTO_CLOSE_AFTER. */
  @Column({ name: 'auto_close_after_days', type: 'int', nullable: true })
  autoCloseAfterDays!: number | null;

  /** The service's own pending policy; null: the installation's (PENDING_REMIND_AFTER, PENDING_CLOSE_AFTER). */
  @Column({ name: 'pending_policy', type: 'jsonb', nullable: true })
  pendingPolicy!: CategoryPendingPolicy | null;
}
