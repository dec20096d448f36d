import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A refused command leaves no trace on the ticket but this line (DESIGN, Errors). */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'text' })
  command!: string;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ type: 'jsonb', default: {} })
  detail!: Record<string, unknown>;
}
