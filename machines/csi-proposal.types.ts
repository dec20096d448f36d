import type { Actor, Role } from './actor';

/**
 * The stages of a CSI change proposal (issue 6, part 1; REQUIREMENTS 7, seed 000 CSI governance);
 * the machine's states carry these names.
 */
export const CSI_STAGES = [
  'submitted',
  'processReview',
  'awaitingInformation',
  'assessment',
  'prioritisation',
  'forumDecision',
  'deferred',
  'implementation',
  'done',
  'rejected',
] as const;
export type CsiStage = (typeof CSI_STAGES)[number];

/** Priority 1 is the most urgent; the names are what the forum says. */
export const CSI_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type CsiPriority = (typeof CSI_PRIORITIES)[number];

/** 1-4 or low/medium/high/critical (any case); undefined when it is neither. */
export function csiPriorityOf(value: unknown): CsiPriority | undefined {
  if (typeof value === 'number' || (typeof value === 'string' && /^[1-4]$/.test(value.trim()))) {
    const n = Number(value);
    return Number.isInteger(n) && n >= 1 && n <= 4 ? CSI_PRIORITIES[n - 1] : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const name = value.trim().toLowerCase();
  return (CSI_PRIORITIES as readonly string[]).includes(name) ? (name as CsiPriority) : undefined;
}

export interface CsiAssessment {
  scope: string;
  effortEstimate: string;
  note: string | null;
  by: string;
  at: string;
}

/** One decision of the trail: who moved the proposal, from where to where, and why. */
export interface CsiDecision {
  command: CsiEventType;
  from: CsiStage;
  to: CsiStage;
  actorId: string;
  actorName: string | null;
  role: Role;
  rationale: string | null;
  at: string;
}

/** What the rules need to decide, and what the forum reads; descriptive fields live in the workflow's record. */
export interface CsiContext {
  proposerId: string;
  /** When the current stage began: the stage reminder counts from here. */
  stageSince: string;
  /** Counts the stages entered (the first is 1): tells apart two stints in one stage. */
  stageEntry: number;
  /** The `stageEntry` whose owner was last reminded: one reminder per overdue stage. */
  remindedFor: number | null;
  informationRequest: string | null;
  assessment: CsiAssessment | null;
  priorityProposed: CsiPriority | null;
  priorityFinal: CsiPriority | null;
  /** The forum meeting a deferred proposal returns to. */
  forumDate: string | null;
  implementationStartedAt: string | null;
  completedAt: string | null;
  decisions: CsiDecision[];
}

export interface CsiInput {
  proposerId: string;
  createdBy: Actor;
  at: string;
}

interface Stamp {
  actor: Actor;
  at: string;
}

export type CsiEvent = Stamp &
  (
    | { type: 'startReview'; rationale?: string }
    | { type: 'requestInformation'; question: string }
    | { type: 'provideInformation'; text: string }
    | { type: 'accept'; rationale: string }
    | { type: 'reject'; rationale: string }
    | { type: 'assess'; scope: string; effortEstimate: string; note?: string }
    | { type: 'proposePriority'; priority: string | number; rationale: string }
    | { type: 'approve'; priority: string | number; rationale: string }
    | { type: 'defer'; forumDate: string; rationale: string }
    | { type: 'reconsider'; rationale?: string }
    | { type: 'startImplementation'; note: string }
    | { type: 'completeImplementation'; note: string }
    | { type: 'forumDateReached' }
    | { type: 'stageReminder'; stage: CsiStage; owner: CsiOwner; text: string }
  );

export type CsiEventType = CsiEvent['type'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type CsiCommand = DistributiveOmit<CsiEvent, 'actor' | 'at'>;
export type CsiCommandOf<T extends CsiEventType> = Extract<CsiCommand, { type: T }>;

/** Commands people give, each an Update of the same name; `forumDateReached` and `stageReminder` are the workflow's own. */
export const CSI_COMMANDS = [
  'startReview',
  'requestInformation',
  'provideInformation',
  'accept',
  'reject',
  'assess',
  'proposePriority',
  'approve',
  'defer',
  'reconsider',
  'startImplementation',
  'completeImplementation',
] as const satisfies readonly CsiEventType[];
export type CsiCommandType = (typeof CSI_COMMANDS)[number];

/** Who a stage waits for: a role, or the proposer (an information request). */
export type CsiOwner = 'processManager' | 'admin' | 'csiForum' | 'proposer';

/** The owner of each open stage, reminded when it waits longer than its policy; null: no reminder. */
export const CSI_STAGE_OWNERS: Record<CsiStage, CsiOwner | null> = {
  submitted: 'processManager',
  processReview: 'processManager',
  awaitingInformation: 'proposer',
  assessment: 'admin',
  prioritisation: 'processManager',
  forumDecision: 'csiForum',
  // A deferred proposal waits for its forum date (a timer of its own), not for a person.
  deferred: null,
  implementation: 'admin',
  done: null,
  rejected: null,
};

export interface CsiJournalEffect {
  text: string;
  authorId: string;
}

export interface CsiNotifyEffect {
  owner: CsiOwner;
  subject: string;
  text: string;
}
