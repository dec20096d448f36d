import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An Idempotency-Key seen on ticket intake and the ticket it created: a retried POST finds it. */
@Entity('intake_keys')
export class IntakeKeyEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'ticket_number', type: 'text' })
  ticketNumber!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
