// Service level agreements as data (REQUIREMENTS 5, seed 003 and seed 004): which calendar the
// clocks run in and how much business time each target allows, per priority and per request
// kind. Policies are versioned; a ticket keeps the version it was opened with.
import { ALWAYS_OPEN, BusinessCalendar, DEFAULT_CALENDAR } from '../calendar/business-calendar';
import { DEFAULT_MATRIX_CODE, DEFAULT_PRIORITY_MATRIX, PriorityMatrix } from '../priority';

export const CLOCK_NAMES = ['firstResponse', 'escalation', 'resolution', 'updateFlag'] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];

/** Seed 004's kinds of work, each with its own promise. */
export const REQUEST_KINDS = ['faultReport', 'userChange', 'onSiteWork'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export interface SlaTargets {
  /** Business time until work begins or the user gets a first answer. */
  firstResponseMs: number;
  /** Business time until the dispatcher and team lead are alerted if the ticket is still open. */
  escalationMs: number;
  /** Business time until the ticket is Resolved. */
  resolutionMs: number;
}

export interface OnCallService {
  /** Priorities that cannot wait for office hours: their clocks run 24x7 and the on-call contact is alerted at once. */
  priorities: string[];
  /** Where the on-call consultant is reached (a mail address or a user id). */
  contact: string;
}

export interface SlaPolicy {
  code: string;
  version: number;
  name: string;
  calendar: BusinessCalendar;
  /**
   * The priority matrix (its code; the newest version when a ticket opens) whose levels the
   * targets are for. Absent in policies from before matrices were versioned: seed 003's.
   */
  priorityMatrix?: string;
  /**
   * The matrix's level names (A -> A-Critical), added when a ticket opens under the policy so the
   * ticket shows the right name after a priority change; not part of a published version.
   */
  priorityNames?: Record<string, string>;
  /** Targets per priority level of the matrix, most urgent first (P1..P4 by default). */
  targets: Record<string, SlaTargets>;
  /** Seed 004: a kind of work overrides some targets (fault report: response within 4 h). */
  requestKinds: Partial<Record<RequestKind, Partial<SlaTargets>>>;
  /** Share of a target after which the team is warned (default 0.75). */
  warningShare: number;
  /** On a resolution breach, raise the ticket's priority one level. */
  raisePriorityOnBreach: boolean;
  /** A user's message waits at most this long for an agent (the Update flag's SLA). */
  updateFlagTargetMs: number;
  onCall: OnCallService | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A working day in targets: seed 004's Monday-Thursday (8 h). Fridays are an hour shorter. */
export const WORKING_DAY_MS = 8 * HOUR;

/**
 * Seed 003's response / resolution / escalate-after times, in business time. "Immediately" (P1
 * response) is 15 minutes: a zero target would breach the moment the ticket opens.
 */
export function targetsFromMatrix(matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX): Record<string, SlaTargets> {
  return Object.fromEntries(
    matrix.levels.map((level) => [
      level.code,
      {
        firstResponseMs: Math.max(level.responseMinutes, 15) * MINUTE,
        escalationMs: level.escalateAfterMinutes * MINUTE,
        resolutionMs: level.resolutionMinutes * MINUTE,
      },
    ]),
  );
}

/** The default agreement: seed 004's office hours, seed 003's targets, seed 004's kinds of work. */
export const STANDARD_SLA: SlaPolicy = {
  code: 'standard',
  version: 1,
  name: 'Standard (office hours)',
  calendar: DEFAULT_CALENDAR,
  targets: targetsFromMatrix(),
  requestKinds: {
    faultReport: { firstResponseMs: 4 * HOUR },
    userChange: { resolutionMs: 8 * HOUR },
    onSiteWork: { resolutionMs: 7 * WORKING_DAY_MS },
  },
  warningShare: 0.75,
  raisePriorityOnBreach: false,
  updateFlagTargetMs: WORKING_DAY_MS,
  onCall: null,
};

/** Round the clock, for services that never close (network, authentication). */
export const ROUND_THE_CLOCK_SLA: SlaPolicy = {
  ...STANDARD_SLA,
  code: '24x7',
  name: 'Round the clock (24x7)',
  calendar: ALWAYS_OPEN,
  raisePriorityOnBreach: true,
};

/**
 * The targets a ticket of this priority and kind gets under the policy (seed 004's promises):
 * - a kind's first response never makes an urgent ticket wait longer (a P1 fault report keeps its
 *   15 minutes; a P3 fault report gets 4 h instead of 8 h);
 * - a kind's resolution replaces the priority's (on-site work takes days: 7 working days), and
 *   the escalation point moves with it, keeping the priority's escalate-after : resolution ratio.
 */
export function targetsFor(policy: SlaPolicy, priority: string, kind: RequestKind | null): SlaTargets {
  const base = policy.targets[priority];
  if (!base) throw new Error(`SLA policy ${policy.code} v${policy.version} has no targets for priority ${priority}`);
  const promised = kind ? policy.requestKinds[kind] ?? {} : {};
  const resolutionMs = promised.resolutionMs ?? base.resolutionMs;
  return {
    firstResponseMs: Math.min(base.firstResponseMs, promised.firstResponseMs ?? Infinity),
    escalationMs: promised.escalationMs ?? Math.round((base.escalationMs * resolutionMs) / base.resolutionMs),
    resolutionMs,
  };
}

/** Problems with a policy given by an admin for a matrix with these priority levels; empty when it can be used. */
export function validatePolicy(policy: SlaPolicy, priorities: string[]): string[] {
  const problems: string[] = [];
  for (const code of Object.keys(policy.targets)) {
    if (!priorities.includes(code)) problems.push(`targets for ${code}: not a level of priority matrix ${policy.priorityMatrix ?? DEFAULT_MATRIX_CODE} (${priorities.join(', ')})`);
  }
  // A level left out is not a problem: withMatrixTargets gives it the matrix's own times.
  for (const [priority, t] of Object.entries(policy.targets)) {
    if (![t.firstResponseMs, t.escalationMs, t.resolutionMs].every((ms) => Number.isFinite(ms) && ms > 0)) {
      problems.push(`targets for ${priority} must be positive durations`);
    }
  }
  if (!(policy.warningShare > 0 && policy.warningShare < 1)) problems.push('warningShare must be between 0 and 1');
  if (!(policy.updateFlagTargetMs > 0)) problems.push('updateFlagTargetMs must be positive');
  return problems;
}

/**
 * The policy with targets for every level of its matrix, most urgent first (raisedPriority reads
 * that order): a level the policy sets no targets for gets the matrix's own times, so a policy
 * need not repeat them and a matrix's new level works before every policy names it.
 */
export function withMatrixTargets<P extends Pick<SlaPolicy, 'targets'>>(policy: P, matrix: PriorityMatrix): P & { targets: Record<string, SlaTargets> } {
  const defaults = targetsFromMatrix(matrix);
  return { ...policy, targets: Object.fromEntries(matrix.levels.map((level) => [level.code, policy.targets[level.code] ?? defaults[level.code]])) };
}
