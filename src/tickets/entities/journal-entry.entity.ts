import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JournalKind, Visibility } from '../../../machines/ticket.types';

/** Immutable, ordered, attributed and time-stamped (REQUIREMENTS 3); only `pinned` changes. */
@Entity('journal_entries')
export class JournalEntryEntity {
  @PrimaryColumn({ name: 'ticket_number', type: 'text' })
  ticketNumber!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'text' })
  kind!: JournalKind;

  @Column({ type: 'text' })
  visibility!: Visibility;

  /** A user id, or `system` for the workflow's own events. */
  @Column({ name: 'author_id', type: 'text' })
  authorId!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'boolean', default: false })
  pinned!: boolean;

  /** The ticket version that last set `pinned`, so a retried older write cannot undo a newer one. */
  @Column({ name: 'pinned_version', type: 'integer', default: 0 })
  pinnedVersion!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
