import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Actor } from '../../machines/actor';
import type { BulkActionInput } from '../../workflows/bulk-action.messages';

/** One command on many tickets (issue 15, item 3): the bulk-action workflow writes it, the API reads it. */
@Entity('bulk_actions')
export class BulkActionEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'jsonb' }) command!: BulkActionInput['command'];
  @Column({ type: 'jsonb' }) actor!: Actor;
  @Column({ name: 'major_incident', type: 'text', nullable: true }) majorIncident!: string | null;
  /** The selection, in order. */
  @Column({ type: 'jsonb' }) numbers!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}

/** Each ticket of a bulk action: the version it was planned on and, once handled, what happened. */
@Entity('bulk_action_items')
export class BulkActionItemEntity {
  @PrimaryColumn({ name: 'bulk_action_id', type: 'text' }) bulkActionId!: string;
  @PrimaryColumn({ type: 'text' }) number!: string;
  @Column({ type: 'integer' }) position!: number;
  /** Null: no such ticket when the action was planned. */
  @Column({ name: 'planned_version', type: 'integer', nullable: true }) plannedVersion!: number | null;
  @Column({ name: 'planned_status', type: 'text', nullable: true }) plannedStatus!: string | null;
  @Column({ type: 'text', nullable: true }) outcome!: 'done' | 'skipped' | 'refused' | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'handled_at', type: 'timestamptz', nullable: true }) handledAt!: Date | null;
}
