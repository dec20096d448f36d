import type { Actor, Role } from './actor';

/** The stages of a major incident (issue 5, part 1; seed 001, Major Incident Management). */
export const MI_STAGES = ['proposed', 'accepted', 'active', 'resolved', 'review', 'closed', 'rejected'] as const;
export type MiStage = (typeof MI_STAGES)[number];

export interface MiUpdate {
  seq: number;
  text: string;
  by: string;
  at: string;
}

export interface MiReview {
  cause: string;
  actions: string;
  /** The MI journal up to the review, as `<time> <text>` lines (written by the projection from the read model). */
  timeline: string[];
  /** How many journal entries preceded the review: the projection takes the timeline from those. */
  timelineUpTo?: number | null;
  problemRecordRequested: boolean;
  problemRecordNote: string | null;
  by: string;
  at: string;
}

/** What the rules need and what the register shows; descriptive fields live in the workflow's record. */
export interface MiContext {
  proposedBy: string;
  reason: string;
  priority: 'P1' | null;
  incidentManagerId: string | null;
  incidentManagerName: string | null;
  teamId: string | null;
  teamName: string | null;
  stakeholderIds: string[];
  children: string[];
  activeSince: string | null;
  /** The last stakeholder update (null before the first): the next is due N minutes after it (or after activation). */
  lastUpdateAt: string | null;
  updates: MiUpdate[];
  /** The due moment whose overdue reminder went out: one reminder per due moment. */
  remindedFor: string | null;
  resolution: string | null;
  resolvedAt: string | null;
  review: MiReview | null;
  closedAt: string | null;
  /** Its cascade is resolving the linked incidents and has not reported yet (absent: no cascade). */
  cascading?: boolean;
}

export interface MiInput {
  proposedBy: Actor;
  reason: string;
  stakeholderIds?: string[];
  at: string;
}

interface Stamp {
  actor: Actor;
  at: string;
}

export type MiEvent = Stamp &
  (
    | { type: 'accept'; rationale?: string }
    | { type: 'reject'; rationale: string }
    | { type: 'assign'; managerId?: string; managerName?: string; teamId?: string; teamName?: string; stakeholderIds?: string[] }
    | { type: 'postUpdate'; text: string }
    | { type: 'link'; number: string }
    | { type: 'unlink'; number: string }
    | { type: 'resolve'; resolution: string }
    | { type: 'startReview' }
    | { type: 'recordReview'; cause: string; actions: string; requestProblemRecord?: boolean; problemRecordNote?: string; timeline?: string[]; journalCount?: number }
    | { type: 'close' }
    | { type: 'updateOverdue'; dueAt: string; text: string }
    | { type: 'cascadeStarted'; cascadeId: string; children: number }
    | ({ type: 'cascadeFinished' } & CascadeReport)
  );

/** What the cascade that resolved the linked incidents did (workflows/bulk-action.workflow.ts). */
export interface CascadeReport {
  resolved: string[];
  /** Resolved or closed before the cascade came to them. */
  skipped: string[];
  /** Refused by their own workflow, each with its reason: they stay open. */
  leftOpen: Array<{ number: string; reason: string }>;
}
export type MiEventType = MiEvent['type'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type MiCommand = DistributiveOmit<MiEvent, 'actor' | 'at'>;
export type MiCommandOf<T extends MiEventType> = Extract<MiCommand, { type: T }>;

/** Commands people give, each an Update of the same name; `updateOverdue` is the workflow's own timer, `cascadeFinished` its cascade's report. */
export const MI_COMMANDS = [
  'accept',
  'reject',
  'assign',
  'postUpdate',
  'link',
  'unlink',
  'resolve',
  'startReview',
  'recordReview',
  'close',
] as const satisfies readonly MiEventType[];
export type MiCommandType = (typeof MI_COMMANDS)[number];

/** Who a notification goes to: the MI's incident manager, every incident manager, the stakeholders, or the requesters of the linked incidents. */
export type MiAudience = 'incidentManager' | 'incidentManagers' | 'stakeholders' | 'linkedRequesters';

export interface MiJournalEffect {
  text: string;
  authorId: string;
}

export interface MiNotifyEffect {
  audiences: MiAudience[];
  template: 'miProposed' | 'miUpdateOverdue' | 'miStakeholderUpdate' | 'miResolved' | 'miCascadeReport';
  subject: string;
  text: string;
}

export const INCIDENT_MANAGER_ROLE: Role = 'incidentManager';
