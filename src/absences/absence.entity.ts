import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An agent's out-of-office period, [startsAt, endsAt), with the auto-reply users get meanwhile
 * (REQUIREMENTS 4; issue 4 item 7). One user's periods never overlap: setting one replaces those it overlaps.
 */
@Entity('absences')
export class AbsenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ name: 'auto_reply', type: 'text', default: '' })
  autoReply!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
