import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  ApplicationFailure,
  UpdateDefinition,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { ProblemVerdict } from '../../machines/problem.law';
import type { ProblemCommandType } from '../../machines/problem.types';
import {
  ProblemCommandMessage,
  problemCommandUpdates,
  problemOpenedUpdate,
  ProblemSearchAttributes,
  ProblemSummary,
  ProblemWorkflowInput,
} from '../../workflows/problem.messages';
import type { problemWorkflow } from '../../workflows/problem.workflow';
import { COMMAND_REFUSED } from '../../workflows/runtime/messages';
import { appConfig } from '../config/app-config';
import { TemporalClientProvider } from '../temporal/temporal.module';
import { withinDeadline } from '../temporal/within-deadline';
import { ProblemErrorCode, ProblemException } from './problems.exception';

/** The API's side of the problem workflow: create one, send it a command, turn refusals into errors. */
@Injectable()
export class ProblemWorkflowsClient {
  constructor(
    private readonly temporal: TemporalClientProvider,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  /** Starts the problem's workflow and waits for its first projection (update-with-start; safe to repeat). */
  async open(input: ProblemWorkflowInput): Promise<void> {
    const client = await this.temporal.get();
    const start = new WithStartWorkflowOperation<typeof problemWorkflow>('problemWorkflow', {
      workflowId: input.record.number,
      taskQueue: this.config.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [{ key: ProblemSearchAttributes.stage, value: 'new' }],
    });
    try {
      await this.withinDeadline(client.workflow.executeUpdateWithStart(problemOpenedUpdate, { startWorkflowOperation: start, updateId: 'opened' }));
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  async send(number: string, message: ProblemCommandMessage, idempotencyKey?: string): Promise<ProblemSummary> {
    const client = await this.temporal.get();
    const update = problemCommandUpdates[message.type as ProblemCommandType] as UpdateDefinition<ProblemSummary, [ProblemCommandMessage]>;
    try {
      return await this.withinDeadline(
        client.workflow.getHandle(number).executeUpdate(update, { args: [message], ...(idempotencyKey ? { updateId: idempotencyKey } : {}) }),
      );
    } catch (error) {
      throw problemRefusalOf(error) ?? error;
    }
  }

  private withinDeadline<T>(work: Promise<T>): Promise<T> {
    return withinDeadline(work, this.config.commandTimeoutMs, (reason) => new ProblemException(ProblemErrorCode.Unavailable, reason));
  }
}

export function problemRefusalOf(error: unknown): ProblemException | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== COMMAND_REFUSED) return undefined;
  return problemVerdictToException((cause.details?.[0] ?? {}) as Exclude<ProblemVerdict, { allowed: true }>);
}

export function problemVerdictToException(verdict: Exclude<ProblemVerdict, { allowed: true }>): ProblemException {
  switch (verdict.code) {
    case 'notAllowedNow':
      return new ProblemException(ProblemErrorCode.CommandNotAllowed, verdict.message, { rule: verdict.rule, allowedCommands: verdict.allowedCommands });
    case 'forbidden':
      return new ProblemException(ProblemErrorCode.Forbidden, verdict.message, { rule: verdict.rule, allowedCommands: verdict.allowedCommands });
    case 'ruleBroken':
      return new ProblemException(ProblemErrorCode.RuleBroken, verdict.message, { rule: verdict.rule, field: verdict.field });
  }
}
