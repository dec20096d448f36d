import type { DataSourceOptions } from 'typeorm';
import { AbsenceEntity } from '../absences/absence.entity';
import { UserEntity } from '../auth/user.entity';
import { CategoryEntity } from '../catalog/category.entity';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { OrganisationEntity } from '../teams/organisation.entity';
import { TeamEntity, TeamMemberEntity } from '../teams/team.entity';
import { IntakeKeyEntity } from '../numbering/intake-key.entity';
import { JournalEntryEntity } from '../tickets/entities/journal-entry.entity';
import { TicketEntity } from '../tickets/entities/ticket.entity';
import { Foundation1764028800000 } from './migrations/1764028800000-foundation';
import { SlaEngine1764115200000 } from './migrations/1764115200000-sla-engine';
import { Dispatch1764201600000 } from './migrations/1764201600000-dispatch';
import { Tasks1764288000000 } from './migrations/1764288000000-tasks';
import { MonitorAlerts1764460800000 } from './migrations/1764460800000-monitor-alerts';
import { MajorIncidents1764547260000 } from './migrations/1764547260000-major-incidents';
import { MajorIncidentEntity, MiJournalEntity } from '../major-incidents/major-incident.entity';
import { SlaClockEntity } from '../sla/sla-clock.entity';
import { SlaPolicyEntity } from '../sla/sla-policy.entity';
import { Csi1764374400000 } from './migrations/1764374400000-csi';
import { CsiJournalEntity, CsiProposalEntity } from '../csi/csi-proposal.entity';
import { Changes1764633600000 } from './migrations/1764633600000-changes';
import { ChangeEntity, ChangeJournalEntity, ChangeTemplateEntity } from '../changes/change.entity';
import { Problems1764547200000 } from './migrations/1764547200000-problems';
import { KnowledgeEntryEntity, ProblemEntity, ProblemJournalEntity } from '../problems/problem.entity';

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
  OrganisationEntity,
  AbsenceEntity,
  CsiProposalEntity,
  CsiJournalEntity,
  ChangeEntity,
  ChangeJournalEntity,
  ChangeTemplateEntity,
  ProblemEntity,
  ProblemJournalEntity,
  KnowledgeEntryEntity,
  MajorIncidentEntity,
  MiJournalEntity,
];

export const MIGRATIONS = [
  Foundation1764028800000,
  SlaEngine1764115200000,
  Dispatch1764201600000,
  Tasks1764288000000,
  Csi1764374400000,
  MonitorAlerts1764460800000,
  Problems1764547200000,
  MajorIncidents1764547260000,
  Changes1764633600000,
];

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
