import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Refusal } from '../../machines/process/law';
import { COMMAND_REFUSED, ProcessDefinition } from '../../workflows/runtime/messages';
import { appConfig } from '../config/app-config';
import { DomainException, ErrorDetail, REFUSAL_KINDS, ServiceUnavailableException } from '../errors/domain.exception';
import { commandDuration } from '../observability/metrics';
import { expectedVersion } from '../http/expected-version';
import { TemporalClientProvider } from './temporal-client.provider';
import { PATCHES_IN_FORCE } from '../../workflows/runtime/patches';

/** What a workflow refusal can say: the machine's verdict, or a reference the workflow does not know. */
export type RefusalDetail = Omit<Refusal, 'code'> & { code: Refusal['code'] | 'notFound' };

type RefusedCode = 'commandNotAllowed' | 'forbidden' | 'ruleBroken' | 'unknownReference';

/** A command the process refused: 409 (not now, with the allowed commands), 403 (not you), 422 (not with this input). */
export class CommandRefusedException extends DomainException<RefusedCode> {
  constructor(code: RefusedCode, message: string, detail: ErrorDetail) {
    super(code, REFUSAL_KINDS[code], message, detail);
  }
}

/** The machine's verdict as the caller reads it. */
export function refusalFromVerdict(verdict: RefusalDetail): CommandRefusedException {
  switch (verdict.code) {
    case 'notFound':
      return new CommandRefusedException('unknownReference', verdict.message, { field: verdict.field });
    case 'notAllowedNow':
      return new CommandRefusedException('commandNotAllowed', verdict.message, { rule: verdict.rule, allowedCommands: verdict.allowedCommands });
    case 'forbidden':
      return new CommandRefusedException('forbidden', verdict.message, { rule: verdict.rule, allowedCommands: verdict.allowedCommands });
    case 'ruleBroken':
      return new CommandRefusedException('ruleBroken', verdict.message, { rule: verdict.rule, field: verdict.field, missing: verdict.missing });
    default: {
      const unhandled: never = verdict.code;
      throw new Error(`unknown refusal ${unhandled}`);
    }
  }
}

/** The workflow's validator refused the command: its verdict, or undefined for any other failure. */
export function refusalOf(error: unknown): CommandRefusedException | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== COMMAND_REFUSED) return undefined;
  return refusalFromVerdict((cause.details?.[0] ?? {}) as RefusalDetail);
}

/**
 * The workflow has ended (the process became final, e.g. a ticket closed by its timer a moment
 * before the command arrived): the command is refused like any command on a final process, 409.
 */
export function endedOf(error: unknown, workflowId: string): CommandRefusedException | undefined {
  if (!(error instanceof WorkflowNotFoundError)) return undefined;
  return new CommandRefusedException('commandNotAllowed', `${workflowId} has ended (it is closed); nothing can change it now`, { allowedCommands: [] });
}

/**
 * The workflow task that carried the Update failed for a reason of the moment, not of the command:
 * typically a signal (a cascade's report, a task's status) arriving while the workflow completed,
 * which the server answers by failing the task (unhandled command) and running it again. The Update
 * was not applied; sent again under the same id, it is.
 */
export function isLostWorkflowTask(error: unknown): boolean {
  for (let e = error as { message?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.message === 'string' && /unexpected workflow task failure/.test(e.message)) return true;
  }
  return false;
}

/**
 * The server could not run an update-with-start as one operation, for a reason of the moment: under
 * load its update was aborted (the history store's write cancelled, "workflow update was aborted")
 * or ran out of the server's own time ("context deadline exceeded"), and the start with it. The
 * server answers gRPC 9 "Update-with-Start could not be executed" with each operation's status in
 * a MultiOperationExecutionFailure; the SDK rethrows the error with the code and message of the
 * operation that failed (or leaves them when both were aborted). Nothing of it was applied (the two
 * succeed or fail together); sent again, with the same workflow id and update id, it opens the
 * workflow once. A failure of the request itself (a bad argument: a bug) is not of the moment.
 * Seen while filling 50,000 tickets on the cluster shape: docs/operations.md.
 */
export function isAbortedUpdateWithStart(error: unknown): boolean {
  for (let e = error as GrpcLike | undefined; e; e = e.cause as GrpcLike | undefined) {
    if (!isMultiOperationFailure(e)) continue;
    const bothAborted = e.code === GRPC.FAILED_PRECONDITION && typeof e.message === 'string' && /Update-with-Start could not be executed/i.test(e.message);
    return bothAborted || OF_THE_MOMENT.has(e.code);
  }
  return false;
}

interface GrpcLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  metadata?: { get?: (key: string) => unknown[] };
}

/** gRPC status codes (grpc-js's `status`, which is not our dependency). */
const GRPC = { CANCELLED: 1, DEADLINE_EXCEEDED: 4, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, ABORTED: 10, UNAVAILABLE: 14 } as const;

/** An operation's status that a later attempt may not meet again. */
const OF_THE_MOMENT = new Set<unknown>([GRPC.CANCELLED, GRPC.DEADLINE_EXCEEDED, GRPC.RESOURCE_EXHAUSTED, GRPC.ABORTED, GRPC.UNAVAILABLE]);

/** The server's answer carries a MultiOperationExecutionFailure (its type name is in the status details). */
function isMultiOperationFailure(e: GrpcLike): boolean {
  const details = e.metadata?.get?.('grpc-status-details-bin')?.[0];
  return Buffer.isBuffer(details) && details.includes('MultiOperationExecutionFailure');
}

/** Runs `attempt` again, up to `retries` times, while it fails in a way `retryable` knows, `pauseMs` × n apart. */
async function withTaskRetries<T>(attempt: () => Promise<T>, retryable = isLostWorkflowTask, pauseMs = 0, retries = 3): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n > retries || !retryable(error)) throw error;
      if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs * n));
    }
  }
}

/**
 * The API's side of every process workflow (ticket, MI, problem, change, CSI proposal): open one,
 * send it a command, turn refusals into errors, and never wait longer than the command timeout
 * (503 at once while Temporal is down: TemporalClientProvider.call). A command that answered 503
 * may still complete: its Idempotency-Key makes the retry safe, the workflow applies an update id once.
 */
@Injectable()
export class ProcessWorkflowsClient {
  constructor(
    private readonly temporal: TemporalClientProvider,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  /**
   * Starts the process's workflow and waits until its first projection is in PostgreSQL, in one
   * call (update-with-start). Safe to repeat: the same number attaches to the running workflow.
   */
  async open<I>(process: ProcessDefinition<string, unknown, unknown, I>, workflowId: string, input: I): Promise<void> {
    // A start operation is used once: each attempt has its own.
    const start = () =>
      new WithStartWorkflowOperation(process.workflowType, {
        workflowId,
        taskQueue: this.config.taskQueue,
        // The patches it takes without recording markers (workflows/runtime/patches.ts).
        args: [{ ...input, patches: PATCHES_IN_FORCE }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        // A number is used once: a retried intake never starts a second life for a closed process.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: process.initialSearchAttributes(input),
      });
    try {
      await this.temporal.call(
        (client) =>
          withTaskRetries(() => client.workflow.executeUpdateWithStart(process.openedUpdate, { startWorkflowOperation: start(), updateId: 'opened' }), isAbortedUpdateWithStart, 250),
        this.config.commandTimeoutMs,
      );
    } catch (error) {
      // Still aborted after the retries: the server is overloaded; the caller's retry is safe.
      if (isAbortedUpdateWithStart(error)) throw new ServiceUnavailableException('Temporal could not open the workflow just now; retry with the same Idempotency-Key');
      // It was opened and has already ended: the retry finds it in the read model.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** One Update per command type (the Temporal UI names each step); the key makes a retry apply once. */
  async send<Cmd extends string, S, M extends { type: Cmd }>(
    process: ProcessDefinition<Cmd, S, M, unknown>,
    workflowId: string,
    message: M,
    idempotencyKey?: string,
  ): Promise<S> {
    // The version the sender saw, when it sent one: the workflow refuses the command if it moved on.
    const expected = expectedVersion(workflowId);
    return this.update(workflowId, process.commandUpdates[message.type], expected === undefined ? message : { ...message, expectedVersion: expected }, idempotencyKey);
  }

  /** Any Update with one argument (a process's own, e.g. the ticket's SLA recalculation). */
  async update<S, A>(workflowId: string, update: UpdateDefinition<S, [A]>, arg: A, idempotencyKey?: string): Promise<S> {
    const started = performance.now();
    const timed = (outcome: string) => commandDuration.observe({ process: workflowId.split('-')[0], command: update.name, outcome }, (performance.now() - started) / 1000);
    // One id for every attempt, so an attempt repeated after a lost workflow task applies once.
    const updateId = idempotencyKey ?? randomUUID();
    try {
      const result = await this.temporal.call(
        (client) => withTaskRetries(() => client.workflow.getHandle(workflowId).executeUpdate(update, { args: [arg], updateId })),
        this.config.commandTimeoutMs,
      );
      timed('ok');
      return result;
    } catch (error) {
      const answer = refusalOf(error) ?? endedOf(error, workflowId) ?? error;
      timed(answer instanceof DomainException ? answer.code : 'error');
      throw answer;
    }
  }
}
