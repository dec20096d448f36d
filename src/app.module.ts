import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { WorkerOptions } from '@temporalio/worker';
import { AbsencesModule } from './absences/absences.module';
import { AuthModule } from './auth/auth.module';
import { CatalogModule } from './catalog/catalog.module';
import { appConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { AuditModule } from './audit/audit.module';
import { NumberingModule } from './numbering/numbering.module';
import { NotificationsModule } from './notifications/notifications.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { loggingModule } from './observability/logging';
import { HealthModule } from './health/health.module';
import { QueuesModule } from './queues/queues.module';
import { TeamsModule } from './teams/teams.module';
import { TemporalModule } from './temporal/temporal.module';
import { TicketsModule } from './tickets/tickets.module';
import { SlaModule } from './sla/sla.module';
import { MonitorsModule } from './monitors/monitors.module';
import { WorkerModule } from './worker/worker.module';
import { CsiModule } from './csi/csi.module';
import { ChangesModule } from './changes/changes.module';
import { ProblemsModule } from './problems/problems.module';
import { MajorIncidentsModule } from './major-incidents/major-incidents.module';
import { BulkActionsModule } from './bulk-actions/bulk-actions.module';
import { PolicyChangesModule } from './policy-changes/policy-changes.module';
import { WhatIfModule } from './what-if/what-if.module';
import { MailModule } from './mail/mail.module';
import { TimeModule } from './time/time.module';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { AppRolesModule } from './config/app-roles';
import { StatisticsModule } from './statistics/statistics.module';

const CORE = [ConfigModule.forRoot({ isGlobal: true, load: [appConfig] }), DatabaseModule, TemporalModule, AuditModule, NumberingModule, NotificationsModule, WebhooksModule, IdempotencyModule, loggingModule()];

/** One module per capability; each owns its tables and its activities. */
const FEATURES = [AuthModule, TicketsModule, SlaModule, MonitorsModule, TeamsModule, CatalogModule, AbsencesModule, QueuesModule, CsiModule, ChangesModule, ProblemsModule, MajorIncidentsModule, BulkActionsModule, PolicyChangesModule, WhatIfModule, MailModule, TimeModule, KnowledgeModule, StatisticsModule];

export interface AppModuleOptions {
  /** Serve the REST API. */
  api: boolean;
  /** Run the Temporal worker (workflows and activities) in this process. */
  worker: boolean;
  /** A prebuilt workflow bundle (tests); otherwise the worker bundles `workflows/` at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** One module graph for the three ways to run: API only, worker only, or both (embedded default). */
@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...CORE,
        AppRolesModule.register({ api: options.api, worker: options.worker }),
        // The features come in both shapes: their providers hold the worker's activities too.
        ...FEATURES,
        ...(options.api ? [HealthModule] : []),
        ...(options.worker ? [WorkerModule.register(options.workflowBundle ?? null)] : []),
      ],
    };
  }
}
