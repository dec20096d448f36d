import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PersistedMiState } from '../../machines/major-incident.law';
import type { MiReview, MiStage, MiUpdate } from '../../machines/major-incident.types';

/** The register of major incidents: the read model the MI workflow projects into. */
@Entity('major_incidents')
export class MajorIncidentEntity {
  @PrimaryColumn({ type: 'text' }) number!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'category_id', type: 'uuid', nullable: true }) categoryId!: string | null;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'proposed_by', type: 'text' }) proposedBy!: string;
  @Column({ type: 'text' }) stage!: MiStage;
  @Column({ type: 'text', nullable: true }) priority!: string | null;
  @Column({ name: 'incident_manager_id', type: 'uuid', nullable: true }) incidentManagerId!: string | null;
  @Column({ name: 'team_id', type: 'uuid', nullable: true }) teamId!: string | null;
  @Column({ name: 'team_name', type: 'text', nullable: true }) teamName!: string | null;
  @Column({ name: 'stakeholder_ids', type: 'jsonb', default: [] }) stakeholderIds!: string[];
  @Column({ type: 'jsonb', default: [] }) children!: string[];
  @Column({ type: 'jsonb', default: [] }) candidates!: string[];
  @Column({ name: 'cluster_key', type: 'text', nullable: true }) clusterKey!: string | null;
  @Column({ type: 'jsonb', default: [] }) updates!: MiUpdate[];
  @Column({ type: 'text', nullable: true }) resolution!: string | null;
  @Column({ type: 'jsonb', nullable: true }) review!: MiReview | null;
  @Column({ name: 'active_since', type: 'timestamptz', nullable: true }) activeSince!: Date | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'machine_state', type: 'jsonb' }) machineState!: PersistedMiState;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The major incident's trail; the post-incident review's timeline is generated from it. */
@Entity('mi_journal')
export class MiJournalEntity {
  @PrimaryColumn({ name: 'mi_number', type: 'text' }) miNumber!: string;
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ name: 'author_id', type: 'text' }) authorId!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
