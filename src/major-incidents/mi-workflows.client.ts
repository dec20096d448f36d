import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  ApplicationFailure,
  UpdateDefinition,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { MiVerdict } from '../../machines/major-incident.law';
import type { MiCommandType } from '../../machines/major-incident.types';
import {
  MiCommandMessage,
  miCommandUpdates,
  miOpenedUpdate,
  MiSearchAttributes,
  MiSummary,
  MiWorkflowInput,
} from '../../workflows/major-incident.messages';
import type { majorIncidentWorkflow } from '../../workflows/major-incident.workflow';
import { COMMAND_REFUSED } from '../../workflows/runtime/messages';
import { withinDeadline } from '../temporal/within-deadline';
import { appConfig } from '../config/app-config';
import { TemporalClientProvider } from '../temporal/temporal.module';
import { MiErrorCode, MiException } from './major-incidents.exception';

/** The API's side of the major-incident workflow: open one, send it a command, turn refusals into errors. */
@Injectable()
export class MiWorkflowsClient {
  constructor(
    private readonly temporal: TemporalClientProvider,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  /** Starts the major incident's workflow and waits for its first projection (update-with-start; safe to repeat). */
  async open(input: MiWorkflowInput): Promise<void> {
    const client = await this.temporal.get();
    const start = new WithStartWorkflowOperation<typeof majorIncidentWorkflow>('majorIncidentWorkflow', {
      workflowId: input.record.number,
      taskQueue: this.config.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [{ key: MiSearchAttributes.stage, value: 'proposed' }],
    });
    try {
      await this.withinDeadline(client.workflow.executeUpdateWithStart(miOpenedUpdate, { startWorkflowOperation: start, updateId: 'opened' }));
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  async send(number: string, message: MiCommandMessage, idempotencyKey?: string): Promise<MiSummary> {
    const client = await this.temporal.get();
    const update = miCommandUpdates[message.type as MiCommandType] as UpdateDefinition<MiSummary, [MiCommandMessage]>;
    try {
      return await this.withinDeadline(
        client.workflow.getHandle(number).executeUpdate(update, { args: [message], ...(idempotencyKey ? { updateId: idempotencyKey } : {}) }),
      );
    } catch (error) {
      throw miRefusalOf(error) ?? error;
    }
  }

  private withinDeadline<T>(work: Promise<T>): Promise<T> {
    return withinDeadline(work, this.config.commandTimeoutMs, (reason) => new MiException(MiErrorCode.Unavailable, reason));
  }

}

export function miRefusalOf(error: unknown): MiException | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== COMMAND_REFUSED) return undefined;
  return miVerdictToException((cause.details?.[0] ?? {}) as Exclude<MiVerdict, { allowed: true }>);
}

export function miVerdictToException(verdict: Exclude<MiVerdict, { allowed: true }>): MiException {
  switch (verdict.code) {
    case 'notAllowedNow':
      return new MiException(MiErrorCode.CommandNotAllowed, verdict.message, { rule: verdict.rule, allowedCommands: verdict.allowedCommands });
    case 'forbidden':
      return new MiException(MiErrorCode.Forbidden, verdict.message, { rule: verdict.rule, allowedCommands: verdict.allowedCommands });
    case 'ruleBroken':
      return new MiException(MiErrorCode.RuleBroken, verdict.message, { rule: verdict.rule, field: verdict.field });
  }
}
