import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Form } from '../../machines/catalog/form';
import type { GuideDefinition } from '../../machines/catalog/guide';

/**
 * A request item of the service catalog (issue 13 item 2): what a user can ask for, the team that
 * gets it, the agreement it is delivered under, its form and, where the desk wants one, the guide
 * a user goes through before a ticket is created (seed 002).
 */
@Entity('request_items')
export class RequestItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** The service (category) its tickets belong to: Additional Questions, auto-close, pending policy. */
  @Column({ name: 'category_id', type: 'uuid', nullable: true })
  categoryId!: string | null;

  /** Seed 004's kind of work (fault report, user change, on-site work). */
  @Column({ name: 'request_kind', type: 'text', nullable: true })
  requestKind!: string | null;

  /** The team its tickets go to, over the requester's primary team. */
  @Column({ name: 'default_team_id', type: 'uuid', nullable: true })
  defaultTeamId!: string | null;

  /** The SLA policy (its newest version), over the category's; a customer organisation's own still wins. */
  @Column({ name: 'sla_policy_code', type: 'text', nullable: true })
  slaPolicyCode!: string | null;

  /** Approval policy: the requester tests and approves the solution before the ticket closes (seed 004). */
  @Column({ name: 'requires_approval', type: 'boolean', default: false })
  requiresApproval!: boolean;

  @Column({ type: 'jsonb', default: [] })
  form!: Form;

  @Column({ type: 'jsonb', nullable: true })
  guide!: GuideDefinition | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
