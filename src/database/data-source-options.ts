import type { DataSourceOptions } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { CategoryEntity } from '../catalog/category.entity';
import { AuditEntryEntity } from '../common/audit-entry.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { TeamEntity, TeamMemberEntity } from '../teams/team.entity';
import { IntakeKeyEntity } from '../tickets/entities/intake-key.entity';
import { JournalEntryEntity } from '../tickets/entities/journal-entry.entity';
import { TicketEntity } from '../tickets/entities/ticket.entity';
import { Foundation1764028800000 } from './migrations/1764028800000-foundation';
import { SlaEngine1764115200000 } from './migrations/1764115200000-sla-engine';
import { SlaClockEntity } from '../sla/sla-clock.entity';
import { SlaPolicyEntity } from '../sla/sla-policy.entity';

export const ENTITIES = [
  UserEntity,
  TeamEntity,
  TeamMemberEntity,
  CategoryEntity,
  TicketEntity,
  JournalEntryEntity,
  NotificationEntity,
  IntakeKeyEntity,
  AuditEntryEntity,
  SlaPolicyEntity,
  SlaClockEntity,
];

export const MIGRATIONS = [Foundation1764028800000, SlaEngine1764115200000];

/** Schema changes only through migrations, run on start; never `synchronize`. */
export function dataSourceOptions(url: string, poolSize = 10, migrationsRun = true): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    extra: { max: poolSize },
    logging: ['error'],
  };
}
