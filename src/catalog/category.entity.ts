import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A category of the service catalog; it carries the per-service ticket policy. */
@Entity('categories')
export class CategoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** Seed 004: the customer tests and approves the solution; approval closes the ticket. */
  @Column({ name: 'requires_approval', type: 'boolean', default: false })
  requiresApproval!: boolean;
}
