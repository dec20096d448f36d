import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('teams')
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Short stable handle, e.g. BSS-IT. */
  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  /** 1st line (service desk), 2nd line (operations), 3rd line (experts): REQUIREMENTS 4. */
  @Column({ name: 'line_level', type: 'smallint' })
  lineLevel!: 1 | 2 | 3;

  /** Seed 002: give new tickets to the present agent with the fewest open tickets. */
  @Column({ name: 'auto_assign', type: 'boolean', default: false })
  autoAssign!: boolean;
}

@Entity('team_members')
export class TeamMemberEntity {
  @Column({ name: 'team_id', type: 'uuid', primary: true })
  teamId!: string;

  @Column({ name: 'user_id', type: 'uuid', primary: true })
  userId!: string;

  @Column({ name: 'is_dispatcher', type: 'boolean', default: false })
  isDispatcher!: boolean;

  @Column({ name: 'is_lead', type: 'boolean', default: false })
  isLead!: boolean;
}
