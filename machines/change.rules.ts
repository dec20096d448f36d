// The rules the change machine's guards are made of, of the same three kinds as the CSI proposal's
// (machines/csi-proposal.rules.ts): `actor` (403), `state` (409, with what is offered) and
// `input` (422, naming the field).
import { isStaff } from './actor';
import {
  CHANGE_AUTHORITY_ROLES,
  INCIDENT_NUMBER,
  PROBLEM_NUMBER,
  REVIEW_OUTCOMES,
  type ChangeContext,
  type ChangeEvent,
} from './change.types';
import { actorOf, fieldOf, present, type Rule } from './process/rules';

type ChangeRule = Rule<ChangeContext, ChangeEvent>;

const field = (event: ChangeEvent, name: string): unknown => fieldOf(event, name);
const approvals = (c: ChangeContext): number => c.votes.filter((v) => v.vote === 'approve').length;
const time = (value: unknown): number => (typeof value === 'string' ? Date.parse(value) : NaN);

export const CHANGE_RULES = {
  changeManager: {
    kind: 'actor',
    says: 'only the change authority (admin, process manager, incident manager) manages changes',
    holds: (_c, e) => CHANGE_AUTHORITY_ROLES.includes(actorOf(e).role),
  },
  staff: {
    kind: 'actor',
    says: 'only IT staff implement and link changes',
    holds: (_c, e) => isStaff(actorOf(e)) || CHANGE_AUTHORITY_ROLES.includes(actorOf(e).role),
  },
  namedApprover: {
    kind: 'actor',
    says: 'only an approver named on the change’s authority votes',
    holds: (c, e) => c.authority.approverIds.includes(actorOf(e).id),
  },
  system: {
    kind: 'actor',
    says: 'only the change’s own timers may do this',
    holds: (_c, e) => actorOf(e).role === 'system',
  },
  normalChange: { kind: 'state', says: 'only a normal change is assessed and authorised by the CAB', holds: (c) => c.changeType === 'normal' },
  emergencyChange: { kind: 'state', says: 'only an emergency change does this', holds: (c) => c.changeType === 'emergency' },
  standardChange: { kind: 'state', says: 'only a standard change closes without a review', holds: (c) => c.changeType === 'standard' },
  reviewedChange: {
    kind: 'state',
    says: (c) => `a ${c.changeType} change goes to review after implementation`,
    holds: (c) => c.changeType !== 'standard',
  },
  notVotedYet: {
    kind: 'state',
    says: 'each approver votes once',
    holds: (c, e) => !c.votes.some((v) => v.approverId === actorOf(e).id),
  },
  quorumReached: {
    kind: 'state',
    says: 'the quorum is not reached yet',
    holds: (c) => approvals(c) + 1 >= c.authority.quorum,
  },
  quorumNotReached: {
    kind: 'state',
    says: 'the quorum is reached',
    holds: (c) => approvals(c) + 1 < c.authority.quorum,
  },
  reviewed: {
    kind: 'state',
    says: (c) => `the ${c.changeType} change must be reviewed before it is closed`,
    holds: (c) => c.review !== null,
  },
  notReviewed: { kind: 'state', says: 'the change was already reviewed', holds: (c) => c.review === null },
  windowOver: {
    kind: 'state',
    says: 'the window has no end or is not over yet',
    holds: (c, e) => c.windowEnd !== null && time(e.at) >= time(c.windowEnd),
  },
  notOverrun: { kind: 'state', says: 'the overrun was already recorded', holds: (c) => c.overrunAt === null },
  riskGiven: { kind: 'input', field: 'risk', says: 'the assessment needs the risk', holds: (_c, e) => present(field(e, 'risk')) },
  impactGiven: { kind: 'input', field: 'impact', says: 'the assessment needs the impact', holds: (_c, e) => present(field(e, 'impact')) },
  planGiven: {
    kind: 'input',
    field: 'implementationPlan',
    says: 'the assessment needs an implementation plan',
    holds: (_c, e) => present(field(e, 'implementationPlan')),
  },
  backoutPlanGiven: {
    kind: 'input',
    field: 'backoutPlan',
    says: 'the assessment needs a backout plan',
    holds: (_c, e) => present(field(e, 'backoutPlan')),
  },
  rationaleGiven: { kind: 'input', field: 'rationale', says: 'a rejection needs a rationale', holds: (_c, e) => present(field(e, 'rationale')) },
  windowGiven: {
    kind: 'input',
    field: 'windowStart',
    says: 'the window needs a start and a later end, ending in the future',
    holds: (_c, e) => {
      const start = time(field(e, 'windowStart'));
      const end = time(field(e, 'windowEnd'));
      return Number.isFinite(start) && Number.isFinite(end) && start < end && end > time(e.at);
    },
  },
  outcomeGiven: {
    kind: 'input',
    field: 'outcome',
    says: 'the outcome is successful or failed',
    holds: (_c, e) => (REVIEW_OUTCOMES as readonly unknown[]).includes(field(e, 'outcome')),
  },
  backoutIfFailed: {
    kind: 'input',
    field: 'backout',
    says: 'a failed change says how it was backed out',
    holds: (_c, e) => field(e, 'outcome') !== 'failed' || present(field(e, 'backout')),
  },
  noteGiven: { kind: 'input', field: 'note', says: 'a note is required', holds: (_c, e) => present(field(e, 'note')) },
  textGiven: { kind: 'input', field: 'text', says: 'the review needs a text', holds: (_c, e) => present(field(e, 'text')) },
  problemNumberGiven: {
    kind: 'input',
    field: 'problemNumber',
    says: 'a problem number looks like PRB-000001',
    holds: (_c, e) => typeof field(e, 'problemNumber') === 'string' && PROBLEM_NUMBER.test(field(e, 'problemNumber') as string),
  },
  incidentNumberGiven: {
    kind: 'input',
    field: 'incidentNumber',
    says: 'an incident number looks like INC-000001',
    holds: (_c, e) => typeof field(e, 'incidentNumber') === 'string' && INCIDENT_NUMBER.test(field(e, 'incidentNumber') as string),
  },
} satisfies Record<string, ChangeRule>;

export type ChangeRuleName = keyof typeof CHANGE_RULES;

