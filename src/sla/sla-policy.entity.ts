import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { SlaPolicy } from '../../machines/sla/sla-policy';

/** One version of a service level agreement; tickets keep the version they were opened with. */
@Entity('sla_policies')
export class SlaPolicyEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  definition!: SlaPolicy;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
