// What the ticket workflow and its clients share: the Updates (one per command, so the Temporal
// UI names each step), the query, the search attributes and the activity interface.
// Deterministic code only: the workflow bundle imports this file.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../machines/actor';
import type { PersistedTicketState } from '../machines/ticket.law';
import type { ClockSegment } from '../machines/sla/sla-clock';
import type { ClockName, RequestKind, SlaPolicy } from '../machines/sla/sla-policy';
import type { TicketSla } from '../machines/sla/ticket-sla';
import {
  JournalKind,
  NotificationTemplate,
  TICKET_COMMANDS,
  TicketCommandOf,
  TicketCommandType,
  TicketStatus,
  TicketType,
  Visibility,
  type Audience,
  type TimeEntryEffect,
} from '../machines/ticket.types';
import { CommandMessage, defineProcess, type ProjectedMove } from './runtime/messages';
import type { CarriedRuntime } from './runtime/process-runtime';
import type { StartedWith } from './runtime/patches';

export const TICKET_TASK_QUEUE = 'tickets';

/** The descriptive part of a ticket: what the user wrote and how it was classified. */
export interface TicketRecord {
  number: string;
  title: string;
  description: string;
  categoryId: string | null;
  categoryName: string | null;
  /** Level codes of the priority matrix the ticket was assessed with. */
  impact: string;
  urgency: string;
  priority: string;
  priorityName: string;
  priorityScore: number;
  teamName: string | null;
  assigneeName: string | null;
  channel: 'portal' | 'api' | 'mail' | 'phone' | 'monitor';
  createdAt: string;
  /** Handovers to another team after the first dispatch, and reopens: first-contact resolution needs both at 0. */
  handovers?: number;
  reopens?: number;
  /** Since when the Update flag is set (the overview of unanswered users reads it). */
  updateFlagSince?: string | null;
  /** A task split off another ticket names it. */
  parentNumber?: string | null;
  /** Earlier tickets this one references (REQUIREMENTS 2), as the requester or agent named them. */
  references?: string[];
}

/** A wait on the user: business days of the ticket's SLA calendar, or plain time (tests, demos). */
export type PendingWait = { businessDays: number } | { ms: number };

/** REQUIREMENTS 2, seed 002: remind a user who does not answer, then close the ticket. */
export interface PendingPolicy {
  remindAfter: PendingWait;
  closeAfter: PendingWait;
}

export interface TicketPolicy {
  /** How long a Resolved ticket waits for the user before it closes itself (REQUIREMENTS 2). */
  autoCloseAfterMs: number;
  /** Pending on the user: when to remind and when to close (absent: tickets opened before it, or switched off). */
  pending?: PendingPolicy | null;
  requiresApproval: boolean;
  /** Continue-as-new after this many commands in one run (Temporal caps a run at 2,000 updates). */
  maxCommandsPerRun: number;
}

export interface JournalEntry {
  seq: number;
  kind: JournalKind;
  visibility: Visibility;
  authorId: string;
  text: string;
  at: string;
  pinned: boolean;
}

export interface NotificationIntent {
  seq: number;
  template: NotificationTemplate;
  /** The requester's id, the on-call contact, or null for the team (expanded by the activity). */
  recipientId: string | null;
  audience: Audience;
  teamId: string | null;
  text: string | null;
  at: string;
  /** Team alerts out of office hours wait for the next business period (unless 24x7 or on call). */
  deliverAfter: string;
}

export interface TicketWorkflowInput extends StartedWith {
  type: TicketType;
  requesterId: string;
  /** The rules the ticket lives by (see TicketContext.rulesVersion); absent on older tickets. */
  rulesVersion?: number;
  /** The category's Additional Questions (keys), asked before escalation. */
  requiredQuestions?: string[];
  /**
   * Opened from a request item (issue 13): the form's answers (the ticket's first Additional
   * Questions) and the journal's account of the item, the answers and the guide's path.
   */
  intake?: { answers: Record<string, string>; text: string };
  /** Seed 000, principle 3: the requester's organisation's primary team receives the ticket (or the request item's team). */
  routeTo?: { teamId: string; teamName: string; teamLine: number; autoAssign: boolean };
  record: TicketRecord;
  policy: TicketPolicy;
  createdBy: Actor;
  /**
   * The SLA the ticket was opened under (the policy version is kept for its whole life).
   * Absent for tickets opened before the SLA engine: they keep their old behaviour on replay.
   */
  sla?: { policy: SlaPolicy; requestKind: RequestKind | null };
  /** Present when the workflow continues as new: everything the previous run knew. */
  carried?: CarriedRuntime<PersistedTicketState, TicketSummary> & { sla?: TicketSla | null };
}

/** What a command returns and the read model stores: the ticket as it is after `version` changes. */
export interface TicketSummary {
  number: string;
  status: TicketStatus;
  type: TicketType;
  version: number;
  /** When a Resolved ticket will close itself; null otherwise. */
  closesAt: string | null;
}

export interface SlaClockRow {
  name: ClockName;
  targetMs: number;
  state: 'running' | 'paused' | 'stopped';
  deadline: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
  stopReason: string | null;
  /** Business time run, for a stopped clock (reports: time to respond, time to resolve). */
  elapsedMsAtStop: number | null;
  met: boolean | null;
  segments: ClockSegment[];
}

export interface SlaProjection {
  policyCode: string;
  policyVersion: number;
  requestKind: RequestKind | null;
  onCall: boolean;
  breached: boolean;
  nextDeadline: string | null;
  clocks: SlaClockRow[];
}

export interface TicketProjection extends ProjectedMove {
  record: TicketRecord;
  sla: SlaProjection | null;
  state: PersistedTicketState;
  version: number;
  closesAt: string | null;
  updatedAt: string;
  newEntries: JournalEntry[];
  pins: Array<{ seq: number; pinned: boolean }>;
  notifications: NotificationIntent[];
  /** Time registered by this change (absent in projections recorded before time registration). */
  timeEntries?: TimeEntryRecord[];
}

/** A time entry as the time module stores it: whose ticket (the customer's organisation) and when. */
export type TimeEntryRecord = TimeEntryEffect & { requesterId: string; at: string };

export interface AbsenceFound {
  until: string;
  autoReply: string | null;
}

export interface AgentChoice {
  id: string;
  name: string;
}

/** Read-model questions asked while dispatching (issue 4). */
export interface DispatchLookups {
  absenceOf(userId: string, at: string): Promise<AbsenceFound | null>;
  chooseAgent(teamId: string, at: string): Promise<AgentChoice | null>;
}

/** Activities the ticket workflow calls; implemented as Nest providers in src/tickets. */
export interface TicketActivities extends DispatchLookups {
  projectTicket(projection: TicketProjection): Promise<void>;
  /** The opening's projections together (runs started with 'one-projection-at-opening'). */
  projectTicketSteps(steps: TicketProjection[]): Promise<void>;
}

/** A command as it travels: the payload plus who gives it. The workflow stamps the time. */
export type TicketCommandMessage<T extends TicketCommandType = TicketCommandType> = CommandMessage<TicketCommandOf<T>>;


/** A task tells the ticket it was split off when its status changes (the parent shows it, and waits for it). */
export const taskStatusSignal = defineSignal<[{ number: string; status: TicketStatus }]>('taskStatusChanged');

/**
 * Issue 13: the ticket's impact and urgency assessed again with the newest version of its policy's
 * priority matrix, when that gives another level. Applied with the policy in one step, because a
 * new matrix may rename levels: the old policy has no targets for the new level, the new one none
 * for the old.
 */
export interface PriorityReassessment {
  priority: string;
  /** How the level was reached (matrix, version, score): the journal's reason. */
  text: string;
}

/**
 * Admin: apply this (newer) policy version to the ticket's running clocks; journaled with old and
 * new deadlines. With `reassessed`, the priority changes in the same step (journaled as an override).
 */
export const recalculateSlaUpdate = defineUpdate<TicketSummary, [{ actor: Actor; policy: SlaPolicy; reassessed?: PriorityReassessment }]>('recalculateSla');

/** The events given from outside the workflow (the mail delivery, the mail intake, a major incident's cascade): never offered as commands. */
export type SystemTicketMessage = CommandMessage<TicketCommandOf<'notificationUndelivered'> | TicketCommandOf<'mailNote'> | TicketCommandOf<'resolveWithMajorIncident'>>;

/** The system's own events from outside (REQUIREMENTS 9): judged by the machine like any command, idempotent by the Update id. */
export const systemEventUpdate = defineUpdate<TicketSummary, [SystemTicketMessage]>('systemEvent');


export const TicketSearchAttributes = {
  status: defineSearchAttributeKey('TicketStatus', SearchAttributeType.KEYWORD),
  priority: defineSearchAttributeKey('TicketPriority', SearchAttributeType.KEYWORD),
  type: defineSearchAttributeKey('TicketType', SearchAttributeType.KEYWORD),
  team: defineSearchAttributeKey('TicketTeam', SearchAttributeType.KEYWORD),
  assignee: defineSearchAttributeKey('TicketAssignee', SearchAttributeType.KEYWORD),
  slaBreached: defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL),
  slaNextDeadline: defineSearchAttributeKey('SlaNextDeadline', SearchAttributeType.DATETIME),
} as const;


export const ticketProcess = defineProcess<TicketCommandType, TicketSummary, TicketCommandMessage, TicketWorkflowInput>({
  workflowType: 'ticketWorkflow',
  commands: TICKET_COMMANDS,
  searchAttributes: TicketSearchAttributes,
  initialSearchAttributes: (input) => [
    { key: TicketSearchAttributes.status, value: 'New' },
    { key: TicketSearchAttributes.priority, value: input.record.priority },
    { key: TicketSearchAttributes.type, value: input.type },
  ],
});

export const { commandUpdates: ticketCommandUpdates, openedUpdate, viewQuery: ticketViewQuery } = ticketProcess;
