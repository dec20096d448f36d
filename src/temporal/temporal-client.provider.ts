import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Client, Connection, isGrpcServiceError, WorkflowExecutionAlreadyStartedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { appConfig } from '../config/app-config';
import { ServiceUnavailableException } from '../errors/domain.exception';
import { isUnavailable } from '../errors/unavailable';
import { RequestIdClientInterceptor } from '../observability/temporal-request-id';
import { CHANNEL_ARGS, messageOf, probe, probeConnection } from './temporal-probe';

/** What the API knows about its Temporal server, from the probe (see TemporalClientProvider). */
export interface TemporalStatus {
  address: string;
  namespace: string;
  /** The frontend answered its health check. */
  reachable: boolean;
  /** The namespace exists (undefined: not known, e.g. while unreachable). */
  namespaceFound?: boolean;
  /** Required custom search attributes (workflows/search-attributes.ts) the namespace lacks. */
  missingSearchAttributes?: string[];
  /** Why it is not ready, in words; undefined when it is. */
  problem?: string;
  /** The set-up check itself failed for another reason than reachability (e.g. a permission): said, not refused on. */
  setupUnknown?: string;
}

/** How often the probe asks, and how long one answer may take. */
const PROBE_EVERY_MS = 500;
const PROBE_DEADLINE_MS = 1000;
/** How often the namespace and search attributes are checked again while Temporal answers. */
const SETUP_EVERY_MS = 10_000;
const GRPC_NOT_FOUND = 5;
const GRPC_UNAVAILABLE = 14;

/**
 * The Temporal client the API uses to start process workflows and send them commands, and what
 * it knows about the server: a probe asks the frontend's gRPC health service twice a second, and
 * every 10 s (and whenever it comes back) whether the namespace exists and has every required
 * search attribute. A call while the probe says no is refused at once (503 with Retry-After) instead
 * of waiting out the SDK's retries (~20 s); a call in flight when the probe finds Temporal gone is
 * abandoned at once; every gRPC call carries the caller's deadline.
 * The probe's connection shares the calls' transport (see temporal-probe.ts).
 */
@Injectable()
export class TemporalClientProvider implements OnApplicationShutdown {
  private readonly logger = new Logger('Temporal');
  private connection?: Connection;
  private probeConnection?: Connection;
  private client?: Client;
  private current?: TemporalStatus;
  private started?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private closed = false;
  /** Slow probes in a row (a refused connection counts at once; one slow answer is not an outage). */
  private slowProbes = 0;
  private setupCheckedAt = 0;
  /** Calls in flight, told when the probe finds Temporal gone. */
  private readonly inFlight = new Set<(reason: string) => void>();

  constructor(@Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>) {}

  address(): string {
    return this.config.temporalAddress ?? `127.0.0.1:${this.config.temporalPort}`;
  }

  /** The latest probe's finding (the first call waits for the first probe). */
  async status(): Promise<TemporalStatus> {
    await this.start();
    return this.current ?? { address: this.address(), namespace: this.config.temporalNamespace, reachable: false, problem: 'Temporal has not been probed yet' };
  }

  /**
   * Runs `work` against Temporal: refused at once while the probe says Temporal cannot take it,
   * abandoned as soon as the probe finds it gone, and never longer than `timeoutMs` (also the
   * deadline of every gRPC call inside). Each way ends in a 503 the caller may retry with the same
   * Idempotency-Key; any other failure (a refusal, a conflict) passes through.
   */
  async call<T>(work: (client: Client) => Promise<T>, timeoutMs: number): Promise<T> {
    const { problem, setupUnknown } = await this.status();
    if (problem && !setupUnknown) throw new ServiceUnavailableException(`${problem}; retry later`);
    const connection = this.connection!;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let gone: ((reason: string) => void) | undefined;
    const cutOff = new Promise<never>((_, reject) => {
      gone = (reason) => reject(new ServiceUnavailableException(`${reason}; retry later with the same Idempotency-Key`));
      this.inFlight.add(gone);
      timer = setTimeout(() => gone!('the workflow did not answer in time'), timeoutMs);
    });
    const deadline = Date.now() + timeoutMs;
    try {
      return await Promise.race([connection.withDeadline(deadline, () => connection.withAbortSignal(abort.signal, () => work(this.client!))), cutOff]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) throw error;
      if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
        throw new ServiceUnavailableException('the workflow did not answer in time; retry with the same Idempotency-Key');
      }
      if (isUnavailable(error)) throw new ServiceUnavailableException('Temporal is unreachable; retry later');
      throw error;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(gone!);
      abort.abort(); // nothing is left in flight: an abandoned call stops retrying in the background
    }
  }

  /**
   * Starts a workflow under its id at most once, on the app's task queue: a running one is kept,
   * one that ran is not started again (mail delivery, mail intake, bulk actions: the id is the
   * work's identity). False when a run under the id exists or existed.
   */
  async startOnce(workflowType: string, workflowId: string, args: unknown[]): Promise<boolean> {
    try {
      await this.call(
        (client) =>
          client.workflow.start(workflowType, {
            workflowId,
            taskQueue: this.config.taskQueue,
            args,
            workflowIdConflictPolicy: 'USE_EXISTING',
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
          }),
        this.config.commandTimeoutMs,
      );
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw error;
    }
  }

  /**
   * Starts a long-lived loop (the mailbox poller, the monthly service reviews) unless one runs: a
   * running one is kept, whoever started it; one that ended is started again.
   */
  async keepRunning(workflowType: string, workflowId: string, args: unknown[]): Promise<void> {
    await this.call(
      (client) =>
        client.workflow.start(workflowType, {
          workflowId,
          taskQueue: this.config.taskQueue,
          args,
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        }),
      this.config.commandTimeoutMs,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.probeConnection?.close();
    await this.connection?.close();
  }

  /** Lazy: a process that never calls Temporal (the worker-only process) never probes it. */
  private start(): Promise<void> {
    if (!this.started) {
      // Lazy connections: the API starts, and answers readiness with 503, while Temporal is down.
      this.connection = Connection.lazy({ address: this.address(), channelArgs: CHANNEL_ARGS });
      this.probeConnection = probeConnection(this.address());
      this.client = new Client({ connection: this.connection, namespace: this.config.temporalNamespace, interceptors: { workflow: [new RequestIdClientInterceptor()] } });
      const probeOnce = () => this.probe().catch((error) => this.logger.error(`probe failed: ${error instanceof Error ? error.stack : error}`));
      const next = () => {
        if (!this.closed) this.timer = setTimeout(() => void probeOnce().then(next), PROBE_EVERY_MS).unref();
      };
      this.started = probeOnce().then(next);
    }
    return this.started;
  }

  private async probe(): Promise<void> {
    const found = await probe(this.probeConnection!, PROBE_DEADLINE_MS);
    if (this.closed) return;
    if (!found.serving) {
      this.slowProbes = found.refused ? 0 : this.slowProbes + 1;
      if (found.refused || this.slowProbes >= 2 || !this.current) {
        this.update({ reachable: false, problem: `Temporal at ${this.address()} is unreachable (${found.reason})` });
      }
      return;
    }
    this.slowProbes = 0;
    // Again on every return: the server that answers now may be another one, set up differently.
    if (this.current?.reachable && Date.now() - this.setupCheckedAt < SETUP_EVERY_MS) return;
    this.setupCheckedAt = Date.now();
    const setup = await this.checkSetup();
    if (this.closed) return;
    if (setup) this.update(setup);
    else this.setupCheckedAt = 0; // no answer in time: ask again at the next probe, change nothing
  }

  /** The namespace exists and knows every custom search attribute the workflows set (undefined: no answer in time). */
  private async checkSetup(): Promise<Omit<TemporalStatus, 'address' | 'namespace'> | undefined> {
    const probe = this.probeConnection!;
    const namespace = this.config.temporalNamespace;
    const within = <T>(fn: () => Promise<T>) => probe.withDeadline(Date.now() + PROBE_DEADLINE_MS, fn);
    try {
      await within(() => probe.workflowService.describeNamespace({ namespace }));
    } catch (error) {
      if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) {
        return { reachable: true, namespaceFound: false, problem: `Temporal namespace "${namespace}" does not exist` };
      }
      return this.setupFailed(error);
    }
    try {
      const { customAttributes } = await within(() => probe.operatorService.listSearchAttributes({ namespace }));
      const missing = ALL_SEARCH_ATTRIBUTES.map((key) => key.name).filter((name) => !(name in (customAttributes ?? {})));
      if (missing.length === 0) return { reachable: true, namespaceFound: true, missingSearchAttributes: [] };
      return {
        reachable: true,
        namespaceFound: true,
        missingSearchAttributes: missing,
        problem: `Temporal namespace "${namespace}" lacks the search attributes ${missing.join(', ')} (see docs/operations.md)`,
      };
    } catch (error) {
      return this.setupFailed(error);
    }
  }

  private setupFailed(error: unknown): Omit<TemporalStatus, 'address' | 'namespace'> | undefined {
    const problem = `Temporal at ${this.address()} could not be checked (${messageOf(error)})`;
    if (isGrpcServiceError(error) && error.code === GRPC_UNAVAILABLE) return { reachable: false, problem };
    // Slow is not down (the health probe decides that).
    if (isUnavailable(error)) return undefined;
    // Not a reason to refuse commands (they may well work); readiness says it.
    return { reachable: true, problem, setupUnknown: messageOf(error) };
  }

  private update(found: Omit<TemporalStatus, 'address' | 'namespace'>): void {
    const before = this.current;
    this.current = { address: this.address(), namespace: this.config.temporalNamespace, ...found };
    // Logged when the finding changes, not on every probe (nor when only the error's wording does).
    const gist = (s?: Partial<TemporalStatus>) => s && JSON.stringify([s.reachable, s.namespaceFound, s.missingSearchAttributes, s.setupUnknown]);
    if (gist(before) !== gist(found)) {
      if (found.problem) this.logger.warn(found.problem);
      else if (before) this.logger.log(`Temporal at ${this.address()} is ready again`);
    }
    if (before?.reachable !== false && !found.reachable) {
      for (const gone of this.inFlight) gone('Temporal became unreachable');
    }
  }
}
