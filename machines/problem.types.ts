import type { Actor, Role } from './actor';

/**
 * The stages of a problem (issue 6, part 2; REQUIREMENTS 8; seed 003, Probleembeheer): the
 * machine's states carry these names.
 */
export const PROBLEM_STAGES = ['new', 'investigating', 'knownError', 'resolved', 'closed'] as const;
export type ProblemStage = (typeof PROBLEM_STAGES)[number];

/** Roles that create and investigate problems: agents and the incident and process managers. */
export const PROBLEM_INVESTIGATOR_ROLES: readonly Role[] = ['agent', 'incidentManager', 'processManager'];
/** Roles that close a resolved problem. */
export const PROBLEM_CLOSER_ROLES: readonly Role[] = ['processManager', 'admin'];

/** One decision of the trail: who moved the problem, from where to where, and why. */
export interface ProblemDecision {
  command: ProblemEventType;
  from: ProblemStage;
  to: ProblemStage;
  actorId: string;
  actorName: string | null;
  role: Role;
  rationale: string | null;
  at: string;
}

/** A change request raised from the problem; change management takes it from here. */
export interface ProblemChangeRequest {
  seq: number;
  summary: string;
  byId: string;
  byName: string | null;
  at: string;
}

export interface ProblemContext {
  number: string;
  createdById: string;
  /** Linked incidents (INC numbers), in the order they were linked. */
  incidents: string[];
  rootCause: string | null;
  workaround: string | null;
  /** The known-error flag: set when the known error is published. */
  knownError: boolean;
  /** The knowledge entry the published known error became (`KE-` + the problem's digits). */
  knowledgeEntryId: string | null;
  changeRequests: ProblemChangeRequest[];
  resolution: string | null;
  stageSince: string;
  decisions: ProblemDecision[];
}

export interface ProblemInput {
  number: string;
  incidents: string[];
  createdBy: Actor;
  at: string;
}

interface Stamp {
  actor: Actor;
  at: string;
}

export type ProblemEvent = Stamp &
  (
    | { type: 'startInvestigation'; note?: string }
    | { type: 'linkIncident'; incident: string }
    | { type: 'unlinkIncident'; incident: string }
    | { type: 'recordRootCause'; rootCause: string }
    | { type: 'recordWorkaround'; workaround: string }
    | { type: 'publishKnownError'; title: string; symptoms: string }
    | { type: 'requestChange'; summary: string }
    | { type: 'resolve'; resolution: string }
    | { type: 'close'; note?: string }
  );

export type ProblemEventType = ProblemEvent['type'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type ProblemCommand = DistributiveOmit<ProblemEvent, 'actor' | 'at'>;
export type ProblemCommandOf<T extends ProblemEventType> = Extract<ProblemCommand, { type: T }>;

/** Commands people give, each an Update of the same name. */
export const PROBLEM_COMMANDS = [
  'startInvestigation',
  'linkIncident',
  'unlinkIncident',
  'recordRootCause',
  'recordWorkaround',
  'publishKnownError',
  'requestChange',
  'resolve',
  'close',
] as const satisfies readonly ProblemEventType[];
export type ProblemCommandType = (typeof PROBLEM_COMMANDS)[number];

export interface ProblemJournalEffect {
  text: string;
  authorId: string;
}

/** A published known error, as the knowledge base stores it. */
export interface KnowledgeEntryEffect {
  id: string;
  title: string;
  symptoms: string;
  workaround: string;
}

/** The knowledge entry id of a problem: PRB-000001 -> KE-000001. */
export const knowledgeEntryIdOf = (problemNumber: string): string => problemNumber.replace(/^PRB-/, 'KE-');

/** INC-000001, the way incidents are numbered. */
export const isIncidentNumber = (value: unknown): value is string => typeof value === 'string' && /^INC-\d{6,}$/.test(value.trim());
