import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PersistedChangeState } from '../../machines/change.law';
import type {
  ChangeAssessment,
  ChangeAuthority,
  ChangeDecision,
  ChangeReview,
  ChangeStage,
  ChangeType,
  ChangeVote,
} from '../../machines/change.types';

/** The change register: the read model the change workflow projects into. */
@Entity('changes')
export class ChangeEntity {
  @PrimaryColumn({ type: 'text' }) number!: string;
  @Column({ name: 'change_type', type: 'text' }) changeType!: ChangeType;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'template_id', type: 'uuid', nullable: true }) templateId!: string | null;
  @Column({ name: 'requester_id', type: 'uuid' }) requesterId!: string;
  @Column({ type: 'text' }) stage!: ChangeStage;
  @Column({ name: 'stage_since', type: 'timestamptz' }) stageSince!: Date;
  @Column({ type: 'jsonb', nullable: true }) assessment!: ChangeAssessment | null;
  @Column({ type: 'jsonb' }) authority!: ChangeAuthority;
  @Column({ type: 'jsonb', default: [] }) votes!: ChangeVote[];
  @Column({ name: 'window_start', type: 'timestamptz', nullable: true }) windowStart!: Date | null;
  @Column({ name: 'window_end', type: 'timestamptz', nullable: true }) windowEnd!: Date | null;
  @Column({ name: 'overrun_at', type: 'timestamptz', nullable: true }) overrunAt!: Date | null;
  @Column({ type: 'jsonb', nullable: true }) review!: ChangeReview | null;
  @Column({ name: 'problem_numbers', type: 'text', array: true, default: [] }) problemNumbers!: string[];
  @Column({ name: 'incident_numbers', type: 'text', array: true, default: [] }) incidentNumbers!: string[];
  @Column({ type: 'jsonb', default: [] }) decisions!: ChangeDecision[];
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'machine_state', type: 'jsonb' }) machineState!: PersistedChangeState;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The change's trail: every step, vote and timer, in order. */
@Entity('change_journal')
export class ChangeJournalEntity {
  @PrimaryColumn({ name: 'change_number', type: 'text' }) changeNumber!: string;
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ name: 'author_id', type: 'text' }) authorId!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A pre-approved standard change: its assessment is the template's. */
@Entity('change_templates')
export class ChangeTemplateEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'text' }) risk!: string;
  @Column({ type: 'text' }) impact!: string;
  @Column({ name: 'implementation_plan', type: 'text' }) implementationPlan!: string;
  @Column({ name: 'backout_plan', type: 'text' }) backoutPlan!: string;
  @Column({ type: 'boolean' }) active!: boolean;
}
