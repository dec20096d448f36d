import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An organisation or location requesters belong to (users.organisation holds its code). Its
 * primary team receives their tickets and gets escalated tickets back (seed 000, principle 3).
 */
@Entity('organisations')
export class OrganisationEntity {
  /** e.g. BSS, HEALTH, NATTECH-AAR. */
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'primary_team_id', type: 'uuid', nullable: true })
  primaryTeamId!: string | null;

  /** The SLA policy its requesters' tickets are opened under, over the category's (seed 004 sells SLA versions to customers). */
  @Column({ name: 'sla_policy_code', type: 'text', nullable: true })
  slaPolicyCode!: string | null;

  /** The customer's contact, a user: the monthly service review is mailed to them (issue 15, item 5). */
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;
}
