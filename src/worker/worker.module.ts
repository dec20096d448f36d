import { DynamicModule, Module } from '@nestjs/common';
import type { WorkerOptions } from '@temporalio/worker';
import { DispatchLookupActivities } from '../tickets/dispatch-lookups.activities';
import { TicketProjectionActivities } from '../tickets/ticket.activities';
import { TicketWorkerService, WORKFLOW_BUNDLE } from './ticket-worker.service';
import { CsiProjectionActivities } from '../csi/csi.activities';

/** The Temporal worker and the activities it runs, as Nest providers. */
@Module({})
export class WorkerModule {
  static register(bundle: WorkerOptions['workflowBundle'] | null = null): DynamicModule {
    return {
      module: WorkerModule,
      providers: [TicketProjectionActivities, DispatchLookupActivities, CsiProjectionActivities, TicketWorkerService, { provide: WORKFLOW_BUNDLE, useValue: bundle }],
    };
  }
}
