import type { Actor, Role } from './actor';

/**
 * Change management (issue 6, part 3; seed 003, change management): the stages of a change; the
 * machine's states carry these names.
 */
export const CHANGE_STAGES = [
  'submitted',
  'assessed',
  'authorised',
  'scheduled',
  'readyToImplement',
  'implementing',
  'review',
  'closed',
  'refused',
] as const;
export type ChangeStage = (typeof CHANGE_STAGES)[number];

/** Standard: from a pre-approved template, no authorisation. Normal: CAB. Emergency: emergency CAB (one approver), reviewed afterwards. */
export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/**
 * The change authority: the roles whose members may sit on a CAB and who manage changes (assess,
 * schedule, review, close). Kept to existing roles rather than a membership table.
 */
export const CHANGE_AUTHORITY_ROLES: readonly Role[] = ['admin', 'processManager', 'incidentManager'];

export const REVIEW_OUTCOMES = ['successful', 'failed'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const PROBLEM_NUMBER = /^PRB-\d{6}$/;
export const INCIDENT_NUMBER = /^INC-\d{6}$/;

export interface ChangeAssessment {
  risk: string;
  impact: string;
  implementationPlan: string;
  backoutPlan: string;
  by: string;
  at: string;
}

/** The CAB named on the change: at least `quorum` approvals and no rejection authorise it. */
export interface ChangeAuthority {
  approverIds: string[];
  quorum: number;
}

export interface ChangeVote {
  approverId: string;
  approverName: string | null;
  vote: 'approve' | 'reject';
  rationale: string | null;
  at: string;
}

export interface ChangeReview {
  outcome: ReviewOutcome;
  text: string;
  backout: string | null;
  by: string;
  at: string;
}

export interface ChangeDecision {
  command: ChangeEventType;
  from: ChangeStage;
  to: ChangeStage;
  actorId: string;
  actorName: string | null;
  role: Role;
  rationale: string | null;
  at: string;
}

export interface ChangeContext {
  changeType: ChangeType;
  requesterId: string;
  templateId: string | null;
  authority: ChangeAuthority;
  votes: ChangeVote[];
  assessment: ChangeAssessment | null;
  windowStart: string | null;
  windowEnd: string | null;
  implementationStartedAt: string | null;
  overrunAt: string | null;
  review: ChangeReview | null;
  problemNumbers: string[];
  incidentNumbers: string[];
  stageSince: string;
  decisions: ChangeDecision[];
}

export interface ChangeInput {
  changeType: ChangeType;
  requesterId: string;
  templateId: string | null;
  authority: ChangeAuthority;
  /** A standard change's template brings its (pre-approved) assessment. */
  assessment: ChangeAssessment | null;
  problemNumbers: string[];
  incidentNumbers: string[];
  createdBy: Actor;
  at: string;
}

interface Stamp {
  actor: Actor;
  at: string;
}

export type ChangeEvent = Stamp &
  (
    | { type: 'assess'; risk: string; impact: string; implementationPlan: string; backoutPlan: string }
    | { type: 'approve'; rationale?: string }
    | { type: 'reject'; rationale: string }
    | { type: 'schedule'; windowStart: string; windowEnd: string }
    | { type: 'startImplementation'; note?: string }
    | { type: 'complete'; outcome: string; note: string; backout?: string }
    | { type: 'recordReview'; outcome: string; text: string; backout?: string }
    | { type: 'close'; note?: string }
    | { type: 'linkProblem'; problemNumber: string }
    | { type: 'linkIncident'; incidentNumber: string }
    | { type: 'windowStarted' }
    | { type: 'windowOverrun'; text: string }
  );

export type ChangeEventType = ChangeEvent['type'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type ChangeCommand = DistributiveOmit<ChangeEvent, 'actor' | 'at'>;
export type ChangeCommandOf<T extends ChangeEventType> = Extract<ChangeCommand, { type: T }>;

/** Commands people give, each an Update of the same name; `windowStarted` and `windowOverrun` are the workflow's timers. */
export const CHANGE_COMMANDS = [
  'assess',
  'approve',
  'reject',
  'schedule',
  'startImplementation',
  'complete',
  'recordReview',
  'close',
  'linkProblem',
  'linkIncident',
] as const satisfies readonly ChangeEventType[];
export type ChangeCommandType = (typeof CHANGE_COMMANDS)[number];

export interface ChangeJournalEffect {
  text: string;
  authorId: string;
}

export interface ChangeNotifyEffect {
  subject: string;
  text: string;
}
