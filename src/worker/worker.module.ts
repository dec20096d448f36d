import { DynamicModule, Module } from '@nestjs/common';
import type { WorkerOptions } from '@temporalio/worker';
import { DispatchLookupActivities } from '../tickets/dispatch-lookups.activities';
import { TicketProjectionActivities } from '../tickets/ticket.activities';
import { TicketWorkerService, WORKFLOW_BUNDLE } from './ticket-worker.service';
import { CsiProjectionActivities } from '../csi/csi.activities';
import { ChangeProjectionActivities } from '../changes/changes.activities';
import { ProblemProjectionActivities } from '../problems/problems.activities';
import { MiProjectionActivities } from '../major-incidents/major-incidents.activities';

/** The Temporal worker and the activities it runs, as Nest providers. */
@Module({})
export class WorkerModule {
  static register(bundle: WorkerOptions['workflowBundle'] | null = null): DynamicModule {
    return {
      module: WorkerModule,
      providers: [TicketProjectionActivities, DispatchLookupActivities, CsiProjectionActivities, ChangeProjectionActivities, ProblemProjectionActivities, MiProjectionActivities, TicketWorkerService, { provide: WORKFLOW_BUNDLE, useValue: bundle }],
    };
  }
}
