import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { GuidePathEntry } from '../../machines/catalog/guide';

/** A guide a user finished (solved, not covered, or on to a ticket): the statistics of seed 002's guide. */
@Entity('guide_outcomes')
export class GuideOutcomeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'text' })
  outcome!: string;

  /** The outcome step reached. */
  @Column({ type: 'text' })
  step!: string;

  @Column({ type: 'jsonb' })
  path!: GuidePathEntry[];

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
