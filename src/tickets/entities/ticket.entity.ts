import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PersistedTicketState } from '../../../machines/ticket.law';
import type { EscalationStep, PendingReason, TicketStatus, TicketType } from '../../../machines/ticket.types';

/**
 * The read model of a ticket: what queues, portals and reports read. Written only by the
 * ticket workflow's projection activity; `version` orders the writes.
 */
@Entity('tickets')
export class TicketEntity {
  @PrimaryColumn({ type: 'text' })
  number!: string;

  @Column({ type: 'text' })
  type!: TicketType;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'category_id', type: 'uuid', nullable: true })
  categoryId!: string | null;

  @Column({ name: 'category_name', type: 'text', nullable: true })
  categoryName!: string | null;

  @Column({ type: 'text' })
  impact!: string;

  @Column({ type: 'text' })
  urgency!: string;

  @Column({ type: 'text' })
  priority!: string;

  @Column({ name: 'priority_name', type: 'text' })
  priorityName!: string;

  @Column({ name: 'priority_score', type: 'integer' })
  priorityScore!: number;

  @Column({ type: 'text' })
  status!: TicketStatus;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ name: 'requester_id', type: 'uuid' })
  requesterId!: string;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId!: string | null;

  @Column({ name: 'team_name', type: 'text', nullable: true })
  teamName!: string | null;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @Column({ name: 'assignee_name', type: 'text', nullable: true })
  assigneeName!: string | null;

  @Column({ name: 'update_flag', type: 'boolean' })
  updateFlag!: boolean;

  @Column({ name: 'attention_flag', type: 'boolean' })
  attentionFlag!: boolean;

  @Column({ name: 'pending_reason', type: 'text', nullable: true })
  pendingReason!: PendingReason | null;

  @Column({ name: 'pending_text', type: 'text', nullable: true })
  pendingText!: string | null;

  @Column({ type: 'text', nullable: true })
  resolution!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** When a Resolved ticket closes itself. */
  @Column({ name: 'closes_at', type: 'timestamptz', nullable: true })
  closesAt!: Date | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'sla_policy_code', type: 'text', nullable: true })
  slaPolicyCode!: string | null;

  @Column({ name: 'sla_policy_version', type: 'integer', nullable: true })
  slaPolicyVersion!: number | null;

  @Column({ name: 'request_kind', type: 'text', nullable: true })
  requestKind!: string | null;

  @Column({ name: 'sla_on_call', type: 'boolean', default: false })
  slaOnCall!: boolean;

  @Column({ name: 'sla_breached', type: 'boolean', default: false })
  slaBreached!: boolean;

  @Column({ name: 'sla_next_deadline', type: 'timestamptz', nullable: true })
  slaNextDeadline!: Date | null;

  @Column({ type: 'integer', default: 0 })
  handovers!: number;

  @Column({ type: 'integer', default: 0 })
  reopens!: number;

  @Column({ type: 'text', nullable: true })
  vendor!: string | null;

  @Column({ name: 'vendor_ticket_id', type: 'text', nullable: true })
  vendorTicketId!: string | null;

  @Column({ name: 'locked_by', type: 'uuid', nullable: true })
  lockedBy!: string | null;

  @Column({ type: 'jsonb', default: [] })
  escalations!: EscalationStep[];

  @Column({ type: 'jsonb', default: {} })
  answers!: Record<string, string>;

  @Column({ name: 'parent_number', type: 'text', nullable: true })
  parentNumber!: string | null;

  /** The earlier tickets this one references (REQUIREMENTS 2: the Closed ticket it follows up). */
  @Column({ name: 'referenced_numbers', type: 'text', array: true, default: () => "'{}'" })
  referencedNumbers!: string[];

  @Column({ name: 'update_flag_since', type: 'timestamptz', nullable: true })
  updateFlagSince!: Date | null;

  /** The machine's state as the workflow last projected it: the API asks the machine what is allowed. */
  @Column({ name: 'machine_state', type: 'jsonb' })
  machineState!: PersistedTicketState;
}
