import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { Foundation1764028800000 } from './migrations/1764028800000-foundation';
import { SlaEngine1764115200000 } from './migrations/1764115200000-sla-engine';
import { Dispatch1764201600000 } from './migrations/1764201600000-dispatch';
import { Tasks1764288000000 } from './migrations/1764288000000-tasks';
import { MonitorAlerts1764460800000 } from './migrations/1764460800000-monitor-alerts';
import { MajorIncidents1764547260000 } from './migrations/1764547260000-major-incidents';
import { Csi1764374400000 } from './migrations/1764374400000-csi';
import { Changes1764633600000 } from './migrations/1764633600000-changes';
import { Problems1764547200000 } from './migrations/1764547200000-problems';
import { Idempotency1764720000000 } from './migrations/1764720000000-idempotency';
import { QueueIndexes1764806400000 } from './migrations/1764806400000-queue-indexes';
import { Mail1764892800000 } from './migrations/1764892800000-mail';
import { TimeRegistration1764979200000 } from './migrations/1764979200000-time-registration';
import { TicketReferences1765065600000 } from './migrations/1765065600000-ticket-references';
import { PendingPolicy1765152000000 } from './migrations/1765152000000-pending-policy';
import { KnowledgeBase1765238400000 } from './migrations/1765238400000-knowledge-base';
import { AutoClosePerService1765324800000 } from './migrations/1765324800000-auto-close-per-service';
import { BulkActions1765756800000 } from './migrations/1765756800000-bulk-actions';
import { Webhooks1765843200000 } from './migrations/1765843200000-webhooks';
import { WhatIf1766016000000 } from './migrations/1766016000000-what-if';
import { DeliveryBatches1766188800000 } from './migrations/1766188800000-delivery-batches';
import { TrigramIndexesWithoutPendingList1766102400000 } from './migrations/1766102400000-trigram-indexes-without-pending-list';
import { Statistics1765929600000 } from './migrations/1765929600000-statistics';
import { PriorityMatrices1765411200000 } from './migrations/1765411200000-priority-matrices';
import { RequestItems1765497600000 } from './migrations/1765497600000-request-items';
import { BrowserSignIn1765584000000 } from './migrations/1765584000000-browser-sign-in';

/**
 * Every module's entities, found by name (`<name>.entity.ts`): the database module knows no
 * feature, and a new module's tables need no line here.
 */
export const ENTITIES = [join(__dirname, '..', '**', '*.entity.{ts,js}')];

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
  Idempotency1764720000000,
  QueueIndexes1764806400000,
  Mail1764892800000,
  TimeRegistration1764979200000,
  TicketReferences1765065600000,
  PendingPolicy1765152000000,
  KnowledgeBase1765238400000,
  AutoClosePerService1765324800000,
  PriorityMatrices1765411200000,
  RequestItems1765497600000,
  BrowserSignIn1765584000000,
  BulkActions1765756800000,
  Webhooks1765843200000,
  Statistics1765929600000,
  WhatIf1766016000000,
  TrigramIndexesWithoutPendingList1766102400000,
  DeliveryBatches1766188800000,
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
    // idleTimeoutMillis: node-postgres closes a connection idle for 10 s by default, so a pool under
    // bursty load kept reconnecting (seen: ~20 new backends a minute while filling the cluster shape),
    // each a fork and a SCRAM exchange that costs both sides CPU. A minute keeps the pool warm.
    extra: { max: poolSize, idleTimeoutMillis: 60_000 },
    logging: ['error'],
  };
}
