import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An Idempotency-Key seen on an intake (scoped by process) and the number it was given: a retried POST reuses it. */
@Entity('intake_keys')
export class IntakeKeyEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'ticket_number', type: 'text' })
  ticketNumber!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
