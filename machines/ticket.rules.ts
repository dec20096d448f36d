// The rules the ticket machine's guards are made of. Each rule says what kind of rule it is so a
// refusal can be answered precisely: an `actor` rule is about who asks (403), a `state` rule is
// about the ticket as it is now (409, and it decides which commands are offered), an `input`
// rule is about what the command carries (422, naming the field).
import { DISPATCH_ROLES, isStaff } from './actor';
import { assessNote } from './handover-note';
import { isCalendarDay, isTimeActivity, TIME_ACTIVITIES, TIME_RULE, validWorkedMinutes } from './time/time-units';
import type { TicketContext, TicketEvent } from './ticket.types';
import { actorOf, fieldOf, present, type Rule } from './process/rules';

type TicketRule = Rule<TicketContext, TicketEvent>;

/** Tickets opened before the dispatch rules keep the rules they were opened under. */
const rulesFrom = (c: TicketContext): number => c.rulesVersion ?? 1;
const openEscalation = (c: TicketContext) => [...(c.escalations ?? [])].reverse().find((s) => s.returnedAt === null);
const missingAnswers = (c: TicketContext): string[] => (c.requiredQuestions ?? []).filter((key) => !present(c.answers?.[key]));
/** Seed 000, principle 1: "P1 or P2" — the two most urgent levels of the shipped matrices. */
export const URGENT_PRIORITIES: readonly string[] = ['P1', 'P2', 'A', 'B'];
const field = (event: TicketEvent, name: string): unknown => fieldOf(event, name);

export const TICKET_RULES = {
  staff: {
    kind: 'actor',
    says: 'only agents, dispatchers, incident managers and admins work tickets',
    holds: (_c, e) => isStaff(actorOf(e)),
  },
  // The workflow itself routes a new ticket to the requester's primary team and auto-assigns.
  staffOrSystem: {
    kind: 'actor',
    says: 'only agents, dispatchers, incident managers and admins work tickets',
    holds: (_c, e) => isStaff(actorOf(e)) || actorOf(e).role === 'system',
  },
  autoReplyDue: {
    kind: 'input',
    field: 'autoReply',
    says: 'no auto-reply to send',
    holds: (_c, e) => field(e, 'cause') === 'userUpdate' && present(field(e, 'autoReply')),
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
  // REQUIREMENTS 9: a monitor raises and clears its own incidents (it is their requester).
  monitor: {
    kind: 'actor',
    says: 'only the monitor that raised this incident may do this',
    holds: (c, e) => actorOf(e).role === 'monitor' && actorOf(e).id === c.requesterId,
  },
  notWorked: {
    kind: 'state',
    says: 'an agent has taken the incident: the clearing is noted for them instead',
    holds: (c) => c.assigneeId === null,
  },
  system: {
    kind: 'actor',
    says: 'only the ticket’s own timers may do this',
    holds: (_c, e) => actorOf(e).role === 'system',
  },
  // Seed 000, principle 3: the team's dispatcher assigns agents; an agent may take a ticket for
  // themselves, or hand it to a colleague with whom it was agreed ("agreed with", seed 002).
  dispatcherOrSelf: {
    kind: 'actor',
    says: 'only a dispatcher of the ticket’s team assigns it to another agent, unless it was agreed with that agent',
    holds: (c, e) => {
      const actor = actorOf(e);
      if (actor.role === 'admin' || actor.role === 'incidentManager' || actor.role === 'system') return true;
      if (actor.role === 'dispatcher') return rulesFrom(c) < 2 || !actor.teamIds || actor.teamIds.includes(c.teamId ?? '');
      return actor.role === 'agent' && (field(e, 'agentId') === actor.id || (rulesFrom(c) >= 2 && present(field(e, 'agreedWith'))));
    },
  },
  // Begin work is pressed by the agent who has the ticket (or takes it when nobody has it);
  // a dispatcher may start work on behalf of the team.
  assigneeOrUnassigned: {
    kind: 'actor',
    says: 'the ticket is assigned to another agent',
    holds: (c, e) =>
      c.assigneeId === null || c.assigneeId === actorOf(e).id || DISPATCH_ROLES.includes(actorOf(e).role),
  },
  // Seed 000, principle 3: "if the ticket is sent directly to an agent, only after prior agreement".
  agentInTeamOrAgreed: {
    kind: 'input',
    field: 'agreedWith',
    says: 'the agent is not in the ticket’s team: assign within the team, or say with whom it was agreed',
    holds: (c, e) => {
      const teams = field(e, 'agentTeamIds') as string[] | undefined;
      return rulesFrom(c) < 2 || !teams || teams.includes(c.teamId ?? '') || present(field(e, 'agreedWith'));
    },
  },
  notLockedByOther: {
    kind: 'actor',
    says: 'another agent has locked this ticket: ask them or the team’s dispatcher',
    holds: (c, e) => !c.lockedBy || c.lockedBy === actorOf(e).id || DISPATCH_ROLES.includes(actorOf(e).role) || !isStaff(actorOf(e)),
  },
  unlocked: { kind: 'state', says: 'the ticket is already locked', holds: (c) => !c.lockedBy },
  // Only whoever works the ticket may own it: its assignee, a member of its team, or a dispatcher.
  mayLock: {
    kind: 'actor',
    says: 'only the assignee or a member of the ticket’s team locks it',
    holds: (c, e) => {
      const actor = actorOf(e);
      return rulesFrom(c) < 2 || !c.teamId || c.assigneeId === actor.id || DISPATCH_ROLES.includes(actor.role) || !!actor.teamIds?.includes(c.teamId);
    },
  },
  lockOwnerOrDispatcher: {
    kind: 'actor',
    says: 'only the agent who locked the ticket, or a dispatcher, unlocks it',
    holds: (c, e) => c.lockedBy === actorOf(e).id || DISPATCH_ROLES.includes(actorOf(e).role),
  },
  locked: { kind: 'state', says: 'the ticket is not locked', holds: (c) => !!c.lockedBy },
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
  notReminded: { kind: 'state', says: 'the user was already reminded of this wait', holds: (c) => !c.pendingRemindedAt },
  attentionOff: { kind: 'state', says: 'the attention flag is already set', holds: (c) => !c.attentionFlag },
  attentionOn: { kind: 'state', says: 'the attention flag is not set', holds: (c) => c.attentionFlag },
  updateFlagOn: { kind: 'state', says: 'the update flag is not set', holds: (c) => c.updateFlag },
  // Seed 000, principle 3: check the category matches the description; add a missing one.
  categorySet: {
    kind: 'input',
    field: 'categoryId',
    says: 'the ticket needs a category that matches its description before it is escalated',
    holds: (c) => !!c.categoryId,
  },
  // Seed 000, principle 3: "before handover, check the category matches the description; a
  // missing category must be added" — for any handover to another team, not only escalation.
  categorySetIfTransfer: {
    kind: 'input',
    field: 'categoryId',
    says: 'the ticket needs a category that matches its description before it is handed to another team',
    holds: (c) => rulesFrom(c) < 2 || !c.teamId || !!c.categoryId,
  },
  // Seed 000, principle 1: the Additional Questions are filled in before escalation.
  questionsAnswered: {
    kind: 'input',
    field: 'answers',
    says: (c) => `the category’s Additional Questions must be answered first: ${missingAnswers(c).join(', ')}`,
    holds: (c) => missingAnswers(c).length === 0,
  },
  escalated: {
    kind: 'state',
    says: 'the ticket was not escalated to this team: there is no team to return it to',
    holds: (c) => openEscalation(c) !== undefined,
  },
  awaitingVendor: {
    kind: 'state',
    says: 'the ticket is not waiting for a vendor',
    holds: (c) => c.pendingReason === 'awaitingVendor',
  },
  // A ticket split into tasks is resolved when its tasks are (or were closed as not needed).
  noOpenTasks: {
    kind: 'state',
    says: (c) => `tasks still open: ${(c.tasks ?? []).filter((t) => t.status !== 'Resolved' && t.status !== 'Closed').map((t) => t.number).join(', ')}`,
    holds: (c) => (c.tasks ?? []).every((t) => t.status === 'Resolved' || t.status === 'Closed'),
  },
  isTask: { kind: 'state', says: 'only a task split off another ticket is closed as not needed', holds: (c) => !!c.parentNumber },
  knownTask: {
    kind: 'input',
    field: 'number',
    says: 'no such task on this ticket',
    holds: (c, e) => (c.tasks ?? []).some((t) => t.number === field(e, 'number')),
  },
  tasksGiven: {
    kind: 'input',
    field: 'tasks',
    says: 'a split needs at least one task, each with a team and a title',
    holds: (_c, e) => {
      const tasks = field(e, 'tasks') as Array<Record<string, unknown>> | undefined;
      return Array.isArray(tasks) && tasks.length > 0 && tasks.every((t) => present(t.number) && present(t.teamId) && present(t.title));
    },
  },
  urgentPriority: { kind: 'state', says: 'the ticket is not P1 or P2', holds: (c) => URGENT_PRIORITIES.includes(c.priority) },
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
  // An escalated ticket goes back down the way it came, with its solution (returnToOrigin).
  notAroundEscalation: {
    kind: 'input',
    field: 'teamId',
    says: 'the ticket was escalated: send it back with return-to-origin and the solution',
    holds: (c, e) => {
      const line = field(e, 'teamLine') as number | undefined;
      return rulesFrom(c) < 2 || !openEscalation(c) || line === undefined || c.teamLine == null || line >= c.teamLine;
    },
  },
  // A handover to a higher line is an escalation, which has its own preconditions.
  notHigherLine: {
    kind: 'input',
    field: 'teamId',
    says: 'that team is in a higher line: escalate the ticket instead',
    holds: (c, e) => rulesFrom(c) < 2 || c.teamLine == null || (field(e, 'teamLine') as number | undefined) === undefined || (field(e, 'teamLine') as number) <= c.teamLine,
  },
  higherLine: {
    kind: 'input',
    field: 'teamId',
    says: 'escalation goes to a 2nd or 3rd line team above the current one',
    holds: (c, e) => typeof field(e, 'teamLine') === 'number' && (field(e, 'teamLine') as number) > (c.teamLine ?? 1),
  },
  // Seed 000, principle 1: a handover to another team needs a note that summarises the problem
  // and what was tried ("done" is not a handover note). The first dispatch needs none.
  handoverNoteIfTransfer: {
    kind: 'input',
    field: 'note',
    says: (_c, e) => assessNote(field(e, 'note')).problem ?? 'a handover note is required',
    holds: (c, e) => rulesFrom(c) < 2 || !c.teamId || assessNote(field(e, 'note')).substantive,
  },
  handoverNote: {
    kind: 'input',
    field: 'note',
    says: (_c, e) => assessNote(field(e, 'note')).problem ?? 'a handover note is required',
    holds: (_c, e) => assessNote(field(e, 'note')).substantive,
  },
  // Issue 15, item 3: the API checks that the other ticket exists and is not this one.
  duplicateOfGiven: {
    kind: 'input',
    field: 'duplicateOf',
    says: 'name the ticket this one duplicates (INC-000001)',
    holds: (_c, e) => typeof field(e, 'duplicateOf') === 'string' && /^(INC|REQ|TSK)-\d{6,}$/.test(field(e, 'duplicateOf') as string),
  },
  notNeededNote: {
    kind: 'input',
    field: 'note',
    says: (_c, e) => `say why the task is not needed: ${assessNote(field(e, 'note')).problem ?? ''}`.trim(),
    holds: (_c, e) => assessNote(field(e, 'note')).substantive,
  },
  // Seed 000, principle 1: returning a solved ticket needs a journal note describing the solution.
  solutionNote: {
    kind: 'input',
    field: 'note',
    says: (_c, e) => `describe the solution: ${assessNote(field(e, 'note')).problem ?? ''}`.trim(),
    holds: (_c, e) => assessNote(field(e, 'note')).substantive,
  },
  vendorGiven: {
    kind: 'input',
    field: 'vendorTicketId',
    says: 'the vendor and its ticket id are required',
    holds: (_c, e) => present(field(e, 'vendor')) && present(field(e, 'vendorTicketId')),
  },
  answersGiven: {
    kind: 'input',
    field: 'answers',
    says: 'answers are required, as { questionKey: "answer" }',
    holds: (_c, e) => {
      const answers = field(e, 'answers');
      return !!answers && typeof answers === 'object' && Object.values(answers).length > 0 && Object.values(answers).every(present);
    },
  },
  categoryGiven: { kind: 'input', field: 'categoryId', says: 'a category is required', holds: (_c, e) => present(field(e, 'categoryId')) },
  agentGiven: { kind: 'input', field: 'agentId', says: 'an agent is required', holds: (_c, e) => present(field(e, 'agentId')) },
  textGiven: { kind: 'input', field: 'text', says: 'a text is required', holds: (_c, e) => present(field(e, 'text')) },
  // A worked ticket always has a team (seed 000, principle 3): who answers a New ticket takes it with theirs.
  answererHasTeam: {
    kind: 'input',
    field: 'teamId',
    says: 'you are in no team: dispatch the ticket to a team before answering the user',
    holds: (_c, e) => present(field(e, 'teamId')) && present(field(e, 'teamName')),
  },
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
  // REQUIREMENTS 10, seed 003: time registration.
  timeGiven: {
    kind: 'input',
    field: 'minutes',
    says: `the minutes worked are required, a whole number from 1 to 1440 (${TIME_RULE})`,
    holds: (_c, e) => validWorkedMinutes(field(e, 'minutes')),
  },
  timeActivityGiven: {
    kind: 'input',
    field: 'activity',
    says: `the activity must be one of ${TIME_ACTIVITIES.join(', ')}`,
    holds: (_c, e) => isTimeActivity(field(e, 'activity')),
  },
  // Work is registered for a day it was done: not a day to come.
  workedOnValid: {
    kind: 'input',
    field: 'workedOn',
    says: 'the work day must be a date (YYYY-MM-DD) no later than today',
    holds: (_c, e) => field(e, 'workedOn') === undefined || (isCalendarDay(field(e, 'workedOn')) && (field(e, 'workedOn') as string) <= e.at.slice(0, 10)),
  },
  // Offered only while there is something to correct.
  timeToCorrect: {
    kind: 'state',
    says: 'the ticket has no time entry to correct',
    holds: (c) => (c.timeEntries ?? []).some((e) => e.corrects === null && !e.corrected),
  },
  timeEntryCorrectable: {
    kind: 'input',
    field: 'entry',
    says: 'no such time entry on this ticket, or it is a correction or already corrected',
    holds: (c, e) => {
      const entry = c.timeEntries?.[(field(e, 'entry') as number) - 1];
      return Number.isInteger(field(e, 'entry')) && !!entry && entry.corrects === null && !entry.corrected;
    },
  },
  correctionNote: { kind: 'input', field: 'note', says: 'say why the entry is corrected', holds: (_c, e) => present(field(e, 'note')) },
} satisfies Record<string, TicketRule>;

export type RuleName = keyof typeof TICKET_RULES;

