import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { appConfig } from '../config/app-config';
import { RequestIdActivityInbound } from '../observability/activity-request-id';
import { ActivityRegistry } from './activity-registry';

/** The workflow interceptors a bundle must contain (a prebuilt one too: test/support/temporal.ts). */
export const WORKFLOW_INTERCEPTOR_MODULES = [require.resolve('../../workflows/runtime/interceptors')];

/**
 * Modules the worker's V8 context evaluates once, at its start, and shares between all workflows
 * (the SDK's `preloadModules`). Every other module of the bundle is evaluated again for each
 * workflow the worker creates (a new ticket, or one replayed after it left the sticky cache) and
 * kept with it while it is cached: the SDK's isolation of module state. For the machines that was
 * most of a workflow's cost: every process's statechart and law built anew, ~1.5-2 MB of heap per
 * cached workflow. Shared here: the five laws with all they import (XState, machines, rules,
 * calendars, SLA policies), which are pure: their module state is definitions, deep-frozen by the
 * SDK, plus the laws' inert step scopes (written only within one synchronous step) and memo caches
 * keyed by their input. Nothing here may import `@temporalio/workflow` or keep per-workflow state.
 */
export const WORKFLOW_PRELOAD_MODULES = [
  ...['ticket', 'major-incident', 'problem', 'change', 'csi-proposal'].map((process) => require.resolve(`../../machines/${process}.law`)),
  // The ticket's SLA clocks and the business calendar under them, with luxon: not imported by the
  // laws, so each new or replayed ticket evaluated luxon again and built its time zone formats
  // anew (Intl.DateTimeFormat, the calendar's zone check): ~1 ms of a ticket intake's workflow
  // thread (node --cpu-prof, 300 intakes). Their caches are of pure results, keyed by input.
  require.resolve('../../machines/sla/ticket-sla'),
];

/** The bundler options every workflow bundle is built with (a prebuilt one too: test/support/temporal.ts). */
export const WORKFLOW_BUNDLER_OPTIONS = { workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES, preloadModules: WORKFLOW_PRELOAD_MODULES };

/** A prebuilt workflow bundle (tests build it once); otherwise the worker bundles `workflows/`. */
export const WORKFLOW_BUNDLE = Symbol('WORKFLOW_BUNDLE');

/**
 * How long a workflow task waits on a worker's own (sticky) queue before any worker may take it.
 * The SDK's 10 s is what a command waited after its worker died (kill -9: nobody tells the server);
 * 3 s hands the ticket to another worker well inside the 20 s command timeout. The cost: a task
 * a busy worker leaves for 3 s is replayed from history by whichever worker takes it.
 */
const STICKY_QUEUE_SCHEDULE_TO_START = '3s';

/**
 * Runs the Temporal worker inside the Nest application: every workflow of `workflows/` and every
 * @Activity() method of the application's providers (found by ActivityRegistry), on one task queue.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;
  private stopping = false;
  private reportStop!: (reason: string) => void;
  /**
   * Settles, with the reason, when the Temporal worker stops without the application asking
   * (it failed, or the SDK shut it down): worker.main.ts then exits non-zero. Never settles on an
   * orderly shutdown.
   */
  readonly stoppedUnasked: Promise<string> = new Promise((resolve) => (this.reportStop = resolve));

  constructor(
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
    private readonly activities: ActivityRegistry,
    @Inject(WORKFLOW_BUNDLE) private readonly bundle: WorkerOptions['workflowBundle'] | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const address = this.config.temporalAddress ?? `127.0.0.1:${this.config.temporalPort}`;
    this.connection = await NativeConnection.connect({ address });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporalNamespace,
      taskQueue: this.config.taskQueue,
      activities: this.activities.collect(),
      maxCachedWorkflows: this.config.maxCachedWorkflows,
      // The request id of a command follows it into the workflow's and the activities' logs.
      interceptors: {
        activity: [() => ({ inbound: new RequestIdActivityInbound() })],
        ...(this.bundle ? {} : { workflowModules: WORKFLOW_INTERCEPTOR_MODULES }),
      },
      stickyQueueScheduleToStartTimeout: STICKY_QUEUE_SCHEDULE_TO_START,
      ...(this.bundle ? { workflowBundle: this.bundle } : { workflowsPath: require.resolve('../../workflows'), bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES } }),
    });
    this.running = this.worker.run();
    this.running.then(
      () => {
        if (!this.stopping) this.reportStop('the Temporal worker stopped');
      },
      (error) => {
        this.logger.error(`worker stopped: ${error}`);
        if (!this.stopping) this.reportStop(`the Temporal worker failed: ${error}`);
      },
    );
    this.logger.log(`worker polling task queue "${this.config.taskQueue}" on ${address}`);
  }

  /** The SDK worker's state (RUNNING while it polls), or INITIALIZED before it is created. */
  state(): string {
    return this.worker?.getState() ?? 'INITIALIZED';
  }

  // Before the application's other shutdown hooks: the activities in flight finish while the
  // database pool, the mail transport and the local mail sink are still there (they close in
  // onApplicationShutdown), instead of failing with "connection refused" on the way out.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
