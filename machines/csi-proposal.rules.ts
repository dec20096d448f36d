// The rules the CSI proposal machine's guards are made of, of the same three kinds as the ticket's
// (machines/ticket.rules.ts): `actor` (who asks: 403), `state` (the proposal as it is now: 409,
// and what is offered) and `input` (what the command carries: 422, naming the field).
import { csiPriorityOf, type CsiContext, type CsiEvent } from './csi-proposal.types';
import { actorOf, fieldOf, present, type Rule } from './process/rules';

type CsiRule = Rule<CsiContext, CsiEvent>;

const field = (event: CsiEvent, name: string): unknown => fieldOf(event, name);

export const CSI_RULES = {
  processManager: {
    kind: 'actor',
    says: 'only a process manager reviews and prioritises change proposals',
    holds: (_c, e) => actorOf(e).role === 'processManager',
  },
  itsmAdmin: {
    kind: 'actor',
    says: 'only ITSM system administration (admin) assesses and implements change proposals',
    holds: (_c, e) => actorOf(e).role === 'admin',
  },
  csiForum: {
    kind: 'actor',
    says: 'only the CSI forum (process owner and CSI chair) decides on change proposals',
    holds: (_c, e) => actorOf(e).role === 'csiForum',
  },
  forumOrProcessManager: {
    kind: 'actor',
    says: 'only the CSI forum or a process manager puts a deferred proposal back on the agenda',
    holds: (_c, e) => actorOf(e).role === 'csiForum' || actorOf(e).role === 'processManager',
  },
  proposer: {
    kind: 'actor',
    says: 'only the proposer answers an information request',
    holds: (c, e) => actorOf(e).id === c.proposerId,
  },
  system: {
    kind: 'actor',
    says: 'only the proposal’s own timers may do this',
    holds: (_c, e) => actorOf(e).role === 'system',
  },
  notReminded: {
    kind: 'state',
    says: 'the stage’s owner was already reminded',
    holds: (c) => c.remindedFor !== c.stageEntry,
  },
  assessed: {
    kind: 'state',
    says: 'the proposal has no assessment yet',
    holds: (c) => c.assessment !== null,
  },
  priorityProposedBefore: {
    kind: 'state',
    says: 'process management has not proposed a priority yet',
    holds: (c) => c.priorityProposed !== null,
  },
  implementationNotStarted: {
    kind: 'state',
    says: 'the implementation has already started',
    holds: (c) => c.implementationStartedAt === null,
  },
  implementationStarted: {
    kind: 'state',
    says: 'the implementation has not started yet',
    holds: (c) => c.implementationStartedAt !== null,
  },
  rationaleGiven: {
    kind: 'input',
    field: 'rationale',
    says: 'a decision needs a rationale',
    holds: (_c, e) => present(field(e, 'rationale')),
  },
  questionGiven: {
    kind: 'input',
    field: 'question',
    says: 'say what information is needed',
    holds: (_c, e) => present(field(e, 'question')),
  },
  textGiven: { kind: 'input', field: 'text', says: 'a text is required', holds: (_c, e) => present(field(e, 'text')) },
  scopeGiven: { kind: 'input', field: 'scope', says: 'the assessment needs the scope', holds: (_c, e) => present(field(e, 'scope')) },
  effortGiven: {
    kind: 'input',
    field: 'effortEstimate',
    says: 'the assessment needs an effort estimate',
    holds: (_c, e) => present(field(e, 'effortEstimate')),
  },
  priorityGiven: {
    kind: 'input',
    field: 'priority',
    says: 'the priority must be 1-4 or low, medium, high or critical',
    holds: (_c, e) => csiPriorityOf(field(e, 'priority')) !== undefined,
  },
  laterForumDate: {
    kind: 'input',
    field: 'forumDate',
    says: 'a deferral names a later forum date',
    holds: (_c, e) => {
      const date = field(e, 'forumDate');
      return typeof date === 'string' && Number.isFinite(Date.parse(date)) && Date.parse(date) > Date.parse(e.at);
    },
  },
  noteGiven: { kind: 'input', field: 'note', says: 'a note is required', holds: (_c, e) => present(field(e, 'note')) },
} satisfies Record<string, CsiRule>;

export type CsiRuleName = keyof typeof CSI_RULES;

