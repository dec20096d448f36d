import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PersistedCsiState } from '../../machines/csi-proposal.law';
import type { CsiAssessment, CsiDecision, CsiPriority, CsiStage } from '../../machines/csi-proposal.types';

/** The register of CSI change proposals: the read model the workflow projects into. */
@Entity('csi_proposals')
export class CsiProposalEntity {
  @PrimaryColumn({ type: 'text' }) number!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  /** The process or tool part the proposal concerns. */
  @Column({ type: 'text' }) concerns!: string;
  @Column({ name: 'expected_benefit', type: 'text' }) expectedBenefit!: string;
  @Column({ name: 'category_id', type: 'uuid', nullable: true }) categoryId!: string | null;
  @Column({ name: 'proposer_id', type: 'uuid' }) proposerId!: string;
  @Column({ type: 'text' }) stage!: CsiStage;
  @Column({ name: 'stage_since', type: 'timestamptz' }) stageSince!: Date;
  @Column({ name: 'priority_proposed', type: 'text', nullable: true }) priorityProposed!: CsiPriority | null;
  @Column({ name: 'priority_final', type: 'text', nullable: true }) priorityFinal!: CsiPriority | null;
  @Column({ name: 'information_request', type: 'text', nullable: true }) informationRequest!: string | null;
  @Column({ type: 'jsonb', nullable: true }) assessment!: CsiAssessment | null;
  @Column({ type: 'jsonb', default: [] }) decisions!: CsiDecision[];
  @Column({ name: 'forum_date', type: 'timestamptz', nullable: true }) forumDate!: Date | null;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'machine_state', type: 'jsonb' }) machineState!: PersistedCsiState;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The proposal's trail: every step, reminder and answer, in order. */
@Entity('csi_journal')
export class CsiJournalEntity {
  @PrimaryColumn({ name: 'proposal_number', type: 'text' }) proposalNumber!: string;
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ name: 'author_id', type: 'text' }) authorId!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
