import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  ApplicationFailure,
  UpdateDefinition,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { CsiVerdict } from '../../machines/csi-proposal.law';
import type { CsiCommandType } from '../../machines/csi-proposal.types';
import {
  CsiCommandMessage,
  csiCommandUpdates,
  csiOpenedUpdate,
  CsiSearchAttributes,
  CsiSummary,
  CsiWorkflowInput,
} from '../../workflows/csi-proposal.messages';
import type { csiProposalWorkflow } from '../../workflows/csi-proposal.workflow';
import { COMMAND_REFUSED } from '../../workflows/runtime/messages';
import { withinDeadline } from '../temporal/within-deadline';
import { appConfig } from '../config/app-config';
import { TemporalClientProvider } from '../temporal/temporal.module';
import { CsiErrorCode, CsiException } from './csi.exception';

/** The API's side of the CSI proposal workflow: submit one, send it a command, turn refusals into errors. */
@Injectable()
export class CsiWorkflowsClient {
  constructor(
    private readonly temporal: TemporalClientProvider,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  /** Starts the proposal's workflow and waits for its first projection (update-with-start; safe to repeat). */
  async open(input: CsiWorkflowInput): Promise<void> {
    const client = await this.temporal.get();
    const start = new WithStartWorkflowOperation<typeof csiProposalWorkflow>('csiProposalWorkflow', {
      workflowId: input.record.number,
      taskQueue: this.config.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [{ key: CsiSearchAttributes.stage, value: 'submitted' }],
    });
    try {
      await this.withinDeadline(client.workflow.executeUpdateWithStart(csiOpenedUpdate, { startWorkflowOperation: start, updateId: 'opened' }));
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  async send(number: string, message: CsiCommandMessage, idempotencyKey?: string): Promise<CsiSummary> {
    const client = await this.temporal.get();
    const update = csiCommandUpdates[message.type as CsiCommandType] as UpdateDefinition<CsiSummary, [CsiCommandMessage]>;
    try {
      return await this.withinDeadline(
        client.workflow.getHandle(number).executeUpdate(update, { args: [message], ...(idempotencyKey ? { updateId: idempotencyKey } : {}) }),
      );
    } catch (error) {
      throw csiRefusalOf(error) ?? error;
    }
  }

  private withinDeadline<T>(work: Promise<T>): Promise<T> {
    return withinDeadline(work, this.config.commandTimeoutMs, (reason) => new CsiException(CsiErrorCode.Unavailable, reason));
  }

}

export function csiRefusalOf(error: unknown): CsiException | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== COMMAND_REFUSED) return undefined;
  return csiVerdictToException((cause.details?.[0] ?? {}) as Exclude<CsiVerdict, { allowed: true }>);
}

export function csiVerdictToException(verdict: Exclude<CsiVerdict, { allowed: true }>): CsiException {
  switch (verdict.code) {
    case 'notAllowedNow':
      return new CsiException(CsiErrorCode.CommandNotAllowed, verdict.message, { rule: verdict.rule, allowedCommands: verdict.allowedCommands });
    case 'forbidden':
      return new CsiException(CsiErrorCode.Forbidden, verdict.message, { rule: verdict.rule, allowedCommands: verdict.allowedCommands });
    case 'ruleBroken':
      return new CsiException(CsiErrorCode.RuleBroken, verdict.message, { rule: verdict.rule, field: verdict.field });
  }
}
