import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { VersionedPriorityMatrix } from '../../machines/priority';

/** One version of a priority matrix (issue 13 item 5); SLA policies name the matrix their targets follow. */
@Entity('priority_matrices')
export class PriorityMatrixEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  definition!: VersionedPriorityMatrix;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
