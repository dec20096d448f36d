import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { WorkerOptions } from '@temporalio/worker';
import { ActivityRegistry } from './activity-registry';
import { TemporalWorkerService, WORKFLOW_BUNDLE } from './temporal-worker.service';

/** The Temporal worker; the activities it runs are found on the feature modules' providers. */
@Module({})
export class WorkerModule {
  static register(bundle: WorkerOptions['workflowBundle'] | null = null): DynamicModule {
    return {
      module: WorkerModule,
      imports: [DiscoveryModule],
      providers: [ActivityRegistry, TemporalWorkerService, { provide: WORKFLOW_BUNDLE, useValue: bundle }],
      exports: [ActivityRegistry],
    };
  }
}
