import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ClockSegment } from '../../machines/sla/sla-clock';
import type { ClockName } from '../../machines/sla/sla-policy';

/** A ticket's SLA clock as the workflow last projected it (figures recomputable from `segments`). */
@Entity('sla_clocks')
export class SlaClockEntity {
  @PrimaryColumn({ name: 'ticket_number', type: 'text' })
  ticketNumber!: string;

  @PrimaryColumn({ type: 'text' })
  name!: ClockName;

  @Column({ name: 'target_ms', type: 'bigint' })
  targetMs!: string;

  @Column({ type: 'text' })
  state!: 'running' | 'paused' | 'stopped';

  @Column({ type: 'timestamptz', nullable: true })
  deadline!: Date | null;

  @Column({ name: 'warned_at', type: 'timestamptz', nullable: true })
  warnedAt!: Date | null;

  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true })
  breachedAt!: Date | null;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt!: Date | null;

  @Column({ name: 'stop_reason', type: 'text', nullable: true })
  stopReason!: string | null;

  @Column({ name: 'elapsed_ms_at_stop', type: 'bigint', nullable: true })
  elapsedMsAtStop!: string | null;

  @Column({ type: 'boolean', nullable: true })
  met!: boolean | null;

  @Column({ type: 'jsonb' })
  segments!: ClockSegment[];

  @Column({ type: 'integer' })
  version!: number;
}
