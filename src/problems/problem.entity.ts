import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PersistedProblemState } from '../../machines/problem.law';
import type { ProblemChangeRequest, ProblemDecision, ProblemStage } from '../../machines/problem.types';

/** The problem register: the read model the problem workflow projects into. */
@Entity('problems')
export class ProblemEntity {
  @PrimaryColumn({ type: 'text' }) number!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'text' }) stage!: ProblemStage;
  @Column({ name: 'stage_since', type: 'timestamptz' }) stageSince!: Date;
  @Column({ type: 'jsonb', default: [] }) incidents!: string[];
  @Column({ name: 'root_cause', type: 'text', nullable: true }) rootCause!: string | null;
  @Column({ type: 'text', nullable: true }) workaround!: string | null;
  @Column({ name: 'known_error', type: 'boolean', default: false }) knownError!: boolean;
  @Column({ name: 'knowledge_entry_id', type: 'text', nullable: true }) knowledgeEntryId!: string | null;
  @Column({ name: 'change_requests', type: 'jsonb', default: [] }) changeRequests!: ProblemChangeRequest[];
  @Column({ type: 'text', nullable: true }) resolution!: string | null;
  @Column({ type: 'jsonb', default: [] }) decisions!: ProblemDecision[];
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'machine_state', type: 'jsonb' }) machineState!: PersistedProblemState;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The problem's trail: every step, in order. */
@Entity('problem_journal')
export class ProblemJournalEntity {
  @PrimaryColumn({ name: 'problem_number', type: 'text' }) problemNumber!: string;
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ name: 'author_id', type: 'text' }) authorId!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A published known error: what agents search for when the same incident comes in again. */
@Entity('knowledge_entries')
export class KnowledgeEntryEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) symptoms!: string;
  @Column({ type: 'text' }) workaround!: string;
  @Column({ name: 'problem_number', type: 'text' }) problemNumber!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
