import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  ApplicationFailure,
  UpdateDefinition,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { ChangeVerdict } from '../../machines/change.law';
import type { ChangeCommandType } from '../../machines/change.types';
import {
  ChangeCommandMessage,
  changeCommandUpdates,
  changeOpenedUpdate,
  ChangeSearchAttributes,
  ChangeSummary,
  ChangeWorkflowInput,
} from '../../workflows/change.messages';
import type { changeWorkflow } from '../../workflows/change.workflow';
import { COMMAND_REFUSED } from '../../workflows/runtime/messages';
import { appConfig } from '../config/app-config';
import { TemporalClientProvider } from '../temporal/temporal.module';
import { withinDeadline } from '../temporal/within-deadline';
import { ChangeErrorCode, ChangeException } from './changes.exception';

/** The API's side of the change workflow: open one, send it a command, turn refusals into errors. */
@Injectable()
export class ChangeWorkflowsClient {
  constructor(
    private readonly temporal: TemporalClientProvider,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  async open(input: ChangeWorkflowInput): Promise<void> {
    const client = await this.temporal.get();
    const start = new WithStartWorkflowOperation<typeof changeWorkflow>('changeWorkflow', {
      workflowId: input.record.number,
      taskQueue: this.config.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [{ key: ChangeSearchAttributes.stage, value: 'submitted' }],
    });
    try {
      await this.withinDeadline(client.workflow.executeUpdateWithStart(changeOpenedUpdate, { startWorkflowOperation: start, updateId: 'opened' }));
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  async send(number: string, message: ChangeCommandMessage, idempotencyKey?: string): Promise<ChangeSummary> {
    const client = await this.temporal.get();
    const update = changeCommandUpdates[message.type as ChangeCommandType] as UpdateDefinition<ChangeSummary, [ChangeCommandMessage]>;
    try {
      return await this.withinDeadline(
        client.workflow.getHandle(number).executeUpdate(update, { args: [message], ...(idempotencyKey ? { updateId: idempotencyKey } : {}) }),
      );
    } catch (error) {
      throw changeRefusalOf(error) ?? error;
    }
  }

  private withinDeadline<T>(work: Promise<T>): Promise<T> {
    return withinDeadline(work, this.config.commandTimeoutMs, (reason) => new ChangeException(ChangeErrorCode.Unavailable, reason));
  }
}

export function changeRefusalOf(error: unknown): ChangeException | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== COMMAND_REFUSED) return undefined;
  return changeVerdictToException((cause.details?.[0] ?? {}) as Exclude<ChangeVerdict, { allowed: true }>);
}

export function changeVerdictToException(verdict: Exclude<ChangeVerdict, { allowed: true }>): ChangeException {
  switch (verdict.code) {
    case 'notAllowedNow':
      return new ChangeException(ChangeErrorCode.CommandNotAllowed, verdict.message, { rule: verdict.rule, allowedCommands: verdict.allowedCommands });
    case 'forbidden':
      return new ChangeException(ChangeErrorCode.Forbidden, verdict.message, { rule: verdict.rule, allowedCommands: verdict.allowedCommands });
    case 'ruleBroken':
      return new ChangeException(ChangeErrorCode.RuleBroken, verdict.message, { rule: verdict.rule, field: verdict.field, missing: verdict.missing });
  }
}
