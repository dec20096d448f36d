// The rules the ticket machine's guards are made of. Each rule says what kind of rule it is so a
// refusal can be answered precisely: an `actor` rule is about who asks (403), a `state` rule is
// about the ticket as it is now (409, and it decides which commands are offered), an `input`
// rule is about what the command carries (422, naming the field).
import { Actor, DISPATCH_ROLES, isStaff } from './actor';
import type { TicketContext, TicketEvent } from './ticket.types';

export type RuleKind = 'actor' | 'state' | 'input';

export interface Rule {
  kind: RuleKind;
  /** The command field an `input` rule checks. */
  field?: string;
  /** What must be true, in words a user reads in the error. */
  says: string;
  holds: (context: TicketContext, event: TicketEvent) => boolean;
}

const present = (text: unknown): boolean => typeof text === 'string' && text.trim().length > 0;
const field = (event: TicketEvent, name: string): unknown => (event as unknown as Record<string, unknown>)[name];
const actorOf = (event: TicketEvent): Actor => event.actor;

export const TICKET_RULES = {
  staff: {
    kind: 'actor',
    says: 'only agents, dispatchers, incident managers and admins work tickets',
    holds: (_c, e) => isStaff(actorOf(e)),
  },
  requester: {
    kind: 'actor',
    says: 'only the ticket’s requester may do this',
    holds: (c, e) => actorOf(e).id === c.requesterId,
  },
  requesterOrStaff: {
    kind: 'actor',
    says: 'only the requester or an agent may do this',
    holds: (c, e) => actorOf(e).id === c.requesterId || isStaff(actorOf(e)),
  },
  admin: {
    kind: 'actor',
    says: 'only an admin may do this',
    holds: (_c, e) => actorOf(e).role === 'admin',
  },
  system: {
    kind: 'actor',
    says: 'only the ticket’s own timers may do this',
    holds: (_c, e) => actorOf(e).role === 'system',
  },
  // Seed 000, principle 3: the team's dispatcher assigns agents; an agent may take a ticket
  // for themselves.
  dispatcherOrSelf: {
    kind: 'actor',
    says: 'only a dispatcher assigns a ticket to another agent; an agent may assign it to themselves',
    holds: (_c, e) =>
      DISPATCH_ROLES.includes(actorOf(e).role) ||
      (actorOf(e).role === 'agent' && field(e, 'agentId') === actorOf(e).id),
  },
  // Begin work is pressed by the agent who has the ticket (or takes it when nobody has it);
  // a dispatcher may start work on behalf of the team.
  assigneeOrUnassigned: {
    kind: 'actor',
    says: 'the ticket is assigned to another agent',
    holds: (c, e) =>
      c.assigneeId === null || c.assigneeId === actorOf(e).id || DISPATCH_ROLES.includes(actorOf(e).role),
  },
  hasTeam: {
    kind: 'state',
    says: 'the ticket must first be dispatched to a team',
    holds: (c) => c.teamId !== null,
  },
  approvalRequired: {
    kind: 'state',
    says: 'this ticket’s service closes without customer approval',
    holds: (c) => c.requiresApproval,
  },
  awaitingUser: {
    kind: 'state',
    says: 'the ticket is not waiting for the user',
    holds: (c) => c.pendingReason === 'awaitingUser',
  },
  attentionOff: { kind: 'state', says: 'the attention flag is already set', holds: (c) => !c.attentionFlag },
  attentionOn: { kind: 'state', says: 'the attention flag is not set', holds: (c) => c.attentionFlag },
  updateFlagOn: { kind: 'state', says: 'the update flag is not set', holds: (c) => c.updateFlag },
  teamGiven: { kind: 'input', field: 'teamId', says: 'a team is required', holds: (_c, e) => present(field(e, 'teamId')) },
  // Dispatching to the team that has the ticket would only clear its agent and mail the user.
  otherTeam: {
    kind: 'input',
    field: 'teamId',
    says: 'the ticket is already with this team',
    holds: (c, e) => field(e, 'teamId') !== c.teamId,
  },
  // REQUIREMENTS 5 / issue "SLA engine": an agent may override the computed priority with a reason.
  otherPriority: {
    kind: 'input',
    field: 'priority',
    says: 'a priority other than the current one is required',
    holds: (c, e) => present(field(e, 'priority')) && field(e, 'priority') !== c.priority,
  },
  agentGiven: { kind: 'input', field: 'agentId', says: 'an agent is required', holds: (_c, e) => present(field(e, 'agentId')) },
  textGiven: { kind: 'input', field: 'text', says: 'a text is required', holds: (_c, e) => present(field(e, 'text')) },
  // REQUIREMENTS 2: Pending shows the user why; the reason is one of the two waits.
  pendingReasonGiven: {
    kind: 'input',
    field: 'reason',
    says: 'the reason must be awaitingUser or awaitingVendor',
    holds: (_c, e) => field(e, 'reason') === 'awaitingUser' || field(e, 'reason') === 'awaitingVendor',
  },
  // Seed 000, principle 4: the resolution text is what the user receives; no resolve without it.
  resolutionGiven: {
    kind: 'input',
    field: 'resolution',
    says: 'a resolution text is required; it is sent to the user',
    holds: (_c, e) => present(field(e, 'resolution')),
  },
  otherType: {
    kind: 'input',
    field: 'ticketType',
    says: 'the ticket already has this type',
    holds: (c, e) => (field(e, 'ticketType') === 'incident' || field(e, 'ticketType') === 'request') && field(e, 'ticketType') !== c.type,
  },
} satisfies Record<string, Rule>;

export type RuleName = keyof typeof TICKET_RULES;

/** The first rule among `names` that does not hold, or undefined when all hold. */
export function firstBrokenRule(
  names: readonly RuleName[],
  context: TicketContext,
  event: TicketEvent,
  kinds: readonly RuleKind[] = ['actor', 'state', 'input'],
): RuleName | undefined {
  return names.find((name) => {
    const rule: Rule = TICKET_RULES[name];
    return kinds.includes(rule.kind) && !rule.holds(context, event);
  });
}
