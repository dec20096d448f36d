import type { Actor } from './actor';
import type { TimeActivity } from './time/time-units';

export const TICKET_TYPES = ['incident', 'request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** The six statuses of REQUIREMENTS 2 (seed 000, principle 4); the machine's states carry these names. */
export const TICKET_STATUSES = ['New', 'Assigned', 'InProgress', 'Pending', 'Resolved', 'Closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PENDING_REASONS = ['awaitingUser', 'awaitingVendor'] as const;
export type PendingReason = (typeof PENDING_REASONS)[number];

/** What the rules need to decide, nothing more: descriptive fields live in the workflow's record. */
export interface TicketContext {
  type: TicketType;
  /** The priority code (P1..P4 by default); SLA targets and escalations depend on it. */
  priority: string;
  requesterId: string;
  teamId: string | null;
  assigneeId: string | null;
  /** Set when the end user (or a vendor) adds something; cleared when an agent answers. */
  updateFlag: boolean;
  /** An agent marked the ticket "demands attention". */
  attentionFlag: boolean;
  pendingReason: PendingReason | null;
  /** The pending reason as the user reads it. */
  pendingText: string | null;
  /** When the ticket was last set Pending: the pending policy's reminder and closing count from it. */
  pendingSince?: string | null;
  /** When the user was reminded of this wait (once per wait). */
  pendingRemindedAt?: string | null;
  resolution: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Seed 004: the customer tests and approves; approval closes the ticket. Per-service policy. */
  requiresApproval: boolean;
  /**
   * The rules in force: 1 for tickets opened before dispatch and escalation rules existed (their
   * workflows replay as they ran), 2 from then on. Absent means 1.
   */
  rulesVersion?: number;
  /** The line (1st, 2nd, 3rd) of the team that has the ticket. */
  teamLine?: number | null;
  teamName?: string | null;
  categoryId?: string | null;
  /** The category's Additional Questions (keys) that must be answered before escalation. */
  requiredQuestions?: string[];
  answers?: Record<string, string>;
  /** Every escalation, oldest first; the last one without `returnedAt` is open. */
  escalations?: EscalationStep[];
  /** An agent who locked (owns) the ticket: others may read, not act. */
  lockedBy?: string | null;
  /** The vendor's ticket; its mail address, when recorded, may answer by mail (vendorAnswer). */
  vendor?: { name: string; ticketId: string; address?: string | null } | null;
  /** Set on a task split off another ticket (REQUIREMENTS 3): the ticket it belongs to. */
  parentNumber?: string | null;
  /** The tasks this ticket was split into, with their last known status. */
  tasks?: TaskLink[];
  /** The time entries registered on the ticket, in order (entry n is at n - 1). */
  timeEntries?: TimeEntryMark[];
}

export interface TaskToStart {
  number: string;
  teamId: string;
  teamName: string;
  teamLine?: number;
  autoAssign?: boolean;
  title: string;
  description?: string;
}

export interface TaskLink {
  number: string;
  teamName: string;
  status: TicketStatus;
}

export interface EscalationStep {
  fromTeamId: string;
  fromTeamName: string;
  fromLine: number;
  toTeamId: string;
  toTeamName: string;
  toLine: number;
  at: string;
  by: string;
  returnedAt: string | null;
}

export interface TicketInput {
  type: TicketType;
  priority: string;
  parentNumber?: string | null;
  rulesVersion?: number;
  categoryId?: string | null;
  requiredQuestions?: string[];
  /** Opened from a request item: the form's answers and the journal's account of them (absent before issue 13). */
  intake?: { answers: Record<string, string>; text: string };
  requesterId: string;
  requiresApproval: boolean;
  createdBy: Actor;
  at: string;
}

/** Every command names who gives it and when (the workflow's clock), so the machine stays pure. */
interface Stamp {
  actor: Actor;
  at: string;
}

export type TicketEvent = Stamp &
  (
    | { type: 'assignToTeam'; teamId: string; teamName: string; teamLine?: number; note?: string; autoAssign?: boolean }
    | { type: 'assignToAgent'; agentId: string; agentName: string; agentTeamIds?: string[]; agreedWith?: string }
    | { type: 'setCategory'; categoryId: string; categoryName: string; requiredQuestions: string[] }
    | { type: 'answerQuestions'; answers: Record<string, string> }
    | { type: 'escalate'; teamId: string; teamName: string; teamLine: number; note: string; autoAssign?: boolean }
    | { type: 'returnToOrigin'; note: string }
    | { type: 'lock' }
    | { type: 'unlock' }
    | { type: 'recordVendorTicket'; vendor: string; vendorTicketId: string; vendorAddress?: string }
    | { type: 'vendorAnswer'; text: string }
    | { type: 'split'; tasks: TaskToStart[] }
    | { type: 'monitorCleared'; text: string }
    | { type: 'monitorNote'; text: string }
    | { type: 'closeAsNotNeeded'; note: string }
    | { type: 'closeAsDuplicate'; duplicateOf: string }
    | { type: 'taskStatusChanged'; number: string; status: TicketStatus }
    | { type: 'beginWork' }
    | { type: 'setPending'; reason: PendingReason; text: string }
    | { type: 'resume' }
    | { type: 'addJournalNote'; text: string }
    // On a New ticket the API adds the answering agent's team: it takes the ticket (REQUIREMENTS 2).
    | { type: 'addComment'; text: string; teamId?: string; teamName?: string; teamLine?: number }
    | { type: 'logTime'; minutes: number; activity: TimeActivity; billable?: boolean; note?: string; workedOn?: string }
    | { type: 'correctTime'; entry: number; note: string }
    | { type: 'pinNote'; seq: number }
    | { type: 'unpinNote'; seq: number }
    | { type: 'setAttention' }
    | { type: 'clearAttention' }
    | { type: 'clearUpdateFlag' }
    | { type: 'reclassify'; ticketType: TicketType; text?: string }
    | { type: 'resolve'; resolution: string }
    | { type: 'reopen'; text?: string }
    | { type: 'reply'; text: string }
    | { type: 'approve'; text?: string }
    | { type: 'overridePriority'; priority: string; text: string }
    | { type: 'recalculateSla'; text: string }
    | { type: 'autoClose' }
    // The pending policy's timers (REQUIREMENTS 2, seed 002): remind the user, then close.
    | { type: 'pendingReminder' }
    | { type: 'pendingExpired'; text: string }
    | SlaAlert
    | AbsenceNoticed
    | NotificationUndelivered
    | MailNote
    | ResolveWithMajorIncident
  );

/**
 * Sent by a major incident's cascade (workflows/bulk-action.workflow.ts), as the incident manager
 * who resolved it: never offered as a command of its own.
 */
export interface ResolveWithMajorIncident {
  type: 'resolveWithMajorIncident';
  miNumber: string;
  resolution: string;
  /** The major incident's resolving team, for a child that has none yet. */
  teamId?: string | null;
  teamName?: string | null;
}

/**
 * Raised by the mail delivery when a notification still fails after its retry window (or a bounce
 * names it): REQUIREMENTS 9, "a mail that could not be delivered is visible on its ticket". The
 * agent must know the user never heard: an internal note and the Attention flag.
 */
export interface NotificationUndelivered {
  type: 'notificationUndelivered';
  notificationId: string;
  /** Who did not get it (name or address). */
  recipient: string;
  subject: string;
  /** The SMTP code and answer, or the bounce's status. */
  reason: string;
}

/**
 * Mail that reaches a ticket without being a command of its own (REQUIREMENTS 9): a message from a
 * recorded CC (the Update flag: someone added something), or auto-generated mail that threads
 * onto the ticket (never answered, never a reply: only recorded).
 */
export interface MailNote {
  type: 'mailNote';
  from: string;
  text: string;
  /** A person added something (CC): set the Update flag. Auto-generated mail does not. */
  update: boolean;
}

/** Raised by the workflow when a ticket meets an absent agent (issue 4, item 7). */
export interface AbsenceNoticed {
  type: 'absenceNoticed';
  agentId: string;
  agentName: string;
  until: string;
  autoReply: string | null;
  /** Assigned to an absent agent, or the user wrote while the agent is away. */
  cause: 'assigned' | 'userUpdate';
}

/** Raised by the workflow's SLA timers (and the on-call rule); the machine journals and escalates. */
export interface SlaAlert {
  type: 'slaAlert';
  kind: 'warning' | 'breach' | 'onCall';
  clock: string;
  text: string;
  /** On a resolution breach under a policy that raises priority: the new priority. */
  raiseTo?: string;
}

export type TicketEventType = TicketEvent['type'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A command as a client sends it: the event without the stamp the workflow adds. */
export type TicketCommand = DistributiveOmit<TicketEvent, 'actor' | 'at'>;
export type TicketCommandOf<T extends TicketEventType> = Extract<TicketCommand, { type: T }>;

/**
 * Commands people give, each an Update of the same name. `recalculateSla` has its own Update (it
 * carries a policy); `autoClose` and `slaAlert` are the workflow's own.
 */
export const TICKET_COMMANDS = [
  'assignToTeam',
  'assignToAgent',
  'beginWork',
  'setPending',
  'resume',
  'addJournalNote',
  'addComment',
  'logTime',
  'correctTime',
  'pinNote',
  'unpinNote',
  'setAttention',
  'clearAttention',
  'clearUpdateFlag',
  'reclassify',
  'resolve',
  'reopen',
  'reply',
  'approve',
  'overridePriority',
  'setCategory',
  'answerQuestions',
  'escalate',
  'returnToOrigin',
  'lock',
  'unlock',
  'recordVendorTicket',
  'vendorAnswer',
  'split',
  'closeAsNotNeeded',
  'closeAsDuplicate',
  'monitorCleared',
  'monitorNote',
] as const satisfies readonly TicketEventType[];
export type TicketCommandType = (typeof TICKET_COMMANDS)[number];

export type JournalKind = 'event' | 'note' | 'comment';
export type Visibility = 'internal' | 'public';

/** Effects the machine asks for; the workflow carries them out through activities. */
export interface JournalEffect {
  kind: JournalKind;
  visibility: Visibility;
  text: string;
  authorId: string;
}

export const NOTIFICATION_TEMPLATES = [
  'ticketCreated',
  'assignedToTeam',
  'pending',
  'agentComment',
  'resolved',
  'reopened',
  'closed',
  'slaWarning',
  'slaBreach',
  'onCallAlert',
  'escalated',
  'handoverAlert',
  'absenceAlert',
  'autoReply',
  'pendingReminder',
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

/** Who a notification goes to: the requester, the team's dispatchers and lead, or the on-call contact. */
export type Audience = 'requester' | 'team' | 'onCall';

export interface NotifyEffect {
  template: NotificationTemplate;
  audience: Audience;
  /** The text the template wraps (the resolution, the pending reason, the agent's answer). */
  text: string | null;
}

/**
 * A time entry (REQUIREMENTS 10, seed 003): the work as the agent gave it and the minutes
 * registered by the rule (machines/time/time-units.ts). A correction is a counter-entry with the
 * negated minutes of the entry it cancels: entries are never changed.
 */
export interface TimeEntryEffect {
  /** 1, 2, … on this ticket. */
  entry: number;
  workedMinutes: number;
  minutes: number;
  activity: TimeActivity;
  billable: boolean;
  /** The work day, YYYY-MM-DD (statements and month closing go by it). */
  workedOn: string;
  note: string | null;
  /** The entry this one cancels. */
  corrects: number | null;
  agentId: string;
  agentName: string;
}

/** What the machine keeps of each entry: enough to correct it. */
export type TimeEntryMark = Pick<TimeEntryEffect, 'workedMinutes' | 'minutes' | 'activity' | 'billable' | 'corrects'> & { corrected: boolean };

export interface PinEffect {
  seq: number;
  pinned: boolean;
}
