import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  ApplicationFailure,
  UpdateDefinition,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { Actor } from '../../machines/actor';
import type { SlaPolicy } from '../../machines/sla/sla-policy';
import type { Verdict } from '../../machines/ticket.law';
import type { TicketCommandType } from '../../machines/ticket.types';
import { COMMAND_REFUSED } from '../../workflows/runtime/messages';
import {
  openedUpdate,
  recalculateSlaUpdate,
  TicketCommandMessage,
  ticketCommandUpdates,
  TicketSearchAttributes,
  TicketSummary,
  TicketWorkflowInput,
} from '../../workflows/ticket.messages';
import type { ticketWorkflow } from '../../workflows/ticket.workflow';
import { appConfig } from '../config/app-config';
import { withinDeadline } from '../temporal/within-deadline';
import { TemporalClientProvider } from '../temporal/temporal.module';
import { TicketErrorCode, TicketException } from './tickets.exception';

/** The API's side of the ticket workflow: open one, send it a command, turn refusals into errors. */
@Injectable()
export class TicketWorkflowsClient {
  constructor(
    private readonly temporal: TemporalClientProvider,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  /**
   * Starts the ticket's workflow and waits until its first projection is in PostgreSQL, in one
   * call (update-with-start). Safe to repeat: the same number attaches to the running workflow.
   */
  async open(input: TicketWorkflowInput): Promise<void> {
    const client = await this.temporal.get();
    const start = new WithStartWorkflowOperation<typeof ticketWorkflow>('ticketWorkflow', {
      workflowId: input.record.number,
      taskQueue: this.config.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A ticket number is used once: a retried intake never starts a second life for a closed ticket.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: TicketSearchAttributes.status, value: 'New' },
        { key: TicketSearchAttributes.priority, value: input.record.priority },
        { key: TicketSearchAttributes.type, value: input.type },
      ],
    });
    try {
      await this.withinDeadline(
        client.workflow.executeUpdateWithStart(openedUpdate, { startWorkflowOperation: start, updateId: 'opened' }),
      );
    } catch (error) {
      // The ticket was opened and has already closed: the retry finds it in the read model.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  async send(number: string, message: TicketCommandMessage, idempotencyKey?: string): Promise<TicketSummary> {
    const client = await this.temporal.get();
    const handle = client.workflow.getHandle(number);
    // One Update per command type: the Temporal UI names each step of the ticket's history.
    const update = ticketCommandUpdates[message.type as TicketCommandType] as UpdateDefinition<TicketSummary, [TicketCommandMessage]>;
    try {
      return await this.withinDeadline(
        handle.executeUpdate(update, { args: [message], ...(idempotencyKey ? { updateId: idempotencyKey } : {}) }),
      );
    } catch (error) {
      throw refusalOf(error) ?? error;
    }
  }

  async recalculateSla(number: string, actor: Actor, policy: SlaPolicy, idempotencyKey?: string): Promise<TicketSummary> {
    const client = await this.temporal.get();
    try {
      return await this.withinDeadline(
        client.workflow.getHandle(number).executeUpdate(recalculateSlaUpdate, {
          args: [{ actor, policy }],
          ...(idempotencyKey ? { updateId: idempotencyKey } : {}),
        }),
      );
    } catch (error) {
      throw refusalOf(error) ?? error;
    }
  }

  private withinDeadline<T>(work: Promise<T>): Promise<T> {
    return withinDeadline(work, this.config.commandTimeoutMs, (reason) => new TicketException(TicketErrorCode.Unavailable, reason));
  }
}

/** The workflow's validator refused the command: map the machine's verdict to our error codes. */
export function refusalOf(error: unknown): TicketException | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== COMMAND_REFUSED) return undefined;
  const verdict = (cause.details?.[0] ?? {}) as Exclude<Verdict, { allowed: true }> | { code: 'notFound'; message: string; field?: string };
  return verdictToException(verdict);
}

export function verdictToException(
  verdict: Exclude<Verdict, { allowed: true }> | { code: 'notFound'; message: string; field?: string },
): TicketException {
  switch (verdict.code) {
    case 'notFound':
      return new TicketException(TicketErrorCode.UnknownReference, verdict.message, { field: verdict.field });
    case 'notAllowedNow':
      return new TicketException(TicketErrorCode.CommandNotAllowed, verdict.message, {
        rule: verdict.rule,
        allowedCommands: verdict.allowedCommands,
      });
    case 'forbidden':
      return new TicketException(TicketErrorCode.Forbidden, verdict.message, {
        rule: verdict.rule,
        allowedCommands: verdict.allowedCommands,
      });
    case 'ruleBroken':
      return new TicketException(TicketErrorCode.RuleBroken, verdict.message, { rule: verdict.rule, field: verdict.field });
  }
}
