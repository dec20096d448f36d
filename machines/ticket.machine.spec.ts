// The ticket process (REQUIREMENTS 1-2, seed 000, seed 004) through the questions the workflow
// and the API ask: openTicket, applyTicketEvent, judge, allowedCommands, restoreTicket,
// persistTicket, statusOf. Every transition and every guard of ticket.machine.ts is exercised;
// the dispatch, escalation, lock and vendor rules of issue 4 (REQUIREMENTS 3-4) in detail in
// dispatch.spec.ts. Contexts here carry no rulesVersion: they are tickets under the first rules.
import { Actor, SYSTEM_ACTOR } from './actor';
import { timeEntryText } from './time/time-units';
import {
  allowedCommands,
  applyTicketEvent,
  judge,
  openTicket,
  persistTicket,
  restoreTicket,
  statusOf,
  TicketEffect,
  TicketSnapshot,
  Verdict,
} from './ticket.law';
import {
  Audience,
  JournalKind,
  NOTIFICATION_TEMPLATES,
  NotificationTemplate,
  TICKET_COMMANDS,
  TICKET_STATUSES,
  TicketCommand,
  TicketCommandType,
  TicketContext,
  TicketEvent,
  TicketEventType,
  TicketStatus,
  Visibility,
} from './ticket.types';

// --- actors ---------------------------------------------------------------------------------

const requester: Actor = { id: 'u-req', role: 'endUser', name: 'Rita Requester' };
const otherUser: Actor = { id: 'u-other', role: 'endUser', name: 'Otto Other' };
const agent: Actor = { id: 'a-1', role: 'agent', name: 'Anna Agent' };
const otherAgent: Actor = { id: 'a-2', role: 'agent', name: 'Bo Agent' };
const dispatcher: Actor = { id: 'd-1', role: 'dispatcher', name: 'Dana Dispatcher' };
const incidentManager: Actor = { id: 'im-1', role: 'incidentManager' };
const admin: Actor = { id: 'adm-1', role: 'admin' };
const processManager: Actor = { id: 'pm-1', role: 'processManager' };
const system: Actor = SYSTEM_ACTOR;
/** Issue 5: a monitoring system raises incidents as their requester; another monitor raised none of these. */
const monitor: Actor = { id: 'mon-1', role: 'monitor', name: 'Zabbix' };
const otherMonitor: Actor = { id: 'mon-2', role: 'monitor', name: 'Nagios' };

const OPENED_AT = '2025-03-03T08:00:00.000Z';
const RESOLVED_AT = '2025-03-04T12:00:00.000Z';
const CLOSED_AT = '2025-04-03T12:00:00.000Z';
const NOW = '2025-03-05T09:30:00.000Z';

const SERVICE_DESK = { teamId: 't-1', teamName: 'Service Desk' };
const NETWORK_TEAM = { teamId: 't-2', teamName: '2nd line Network' };

// --- factories ------------------------------------------------------------------------------

const openContext = (overrides: Partial<TicketContext> = {}): TicketContext => ({
  type: 'incident',
  priority: 'P3',
  requesterId: requester.id,
  teamId: null,
  assigneeId: null,
  updateFlag: false,
  attentionFlag: false,
  pendingReason: null,
  pendingText: null,
  resolution: null,
  resolvedAt: null,
  closedAt: null,
  requiresApproval: false,
  ...overrides,
});

/** What the machine adds to a ticket it opens since issue 4 (dispatch, escalation, lock, vendor, split). */
const ISSUE_4_FIELDS: Partial<TicketContext> = {
  rulesVersion: 1,
  teamLine: null,
  teamName: null,
  categoryId: null,
  requiredQuestions: [],
  answers: {},
  escalations: [],
  lockedBy: null,
  vendor: null,
  parentNumber: null,
  tasks: [],
};

/** What a dispatch to a team leaves on the ticket besides the team id: its name, its line, no lock. */
const dispatchedTo = (team: { teamId: string; teamName: string; teamLine?: number }): Partial<TicketContext> => ({
  teamId: team.teamId,
  teamName: team.teamName,
  teamLine: team.teamLine ?? null,
  assigneeId: null,
  lockedBy: null,
});

/** A handover note the rule of handover-note.ts accepts (seed 000, principle 1). */
const HANDOVER_NOTE = 'Printer on 3rd floor prints nothing; restarted spooler and reinstalled driver, no change.';

/** What a ticket typically carries in each status, as the machine leaves it there. */
const TYPICAL: Record<TicketStatus, Partial<TicketContext>> = {
  New: {},
  Assigned: { teamId: SERVICE_DESK.teamId },
  InProgress: { teamId: SERVICE_DESK.teamId, assigneeId: agent.id },
  Pending: {
    teamId: SERVICE_DESK.teamId,
    assigneeId: agent.id,
    pendingReason: 'awaitingUser',
    pendingText: 'Which room is the printer in?',
  },
  Resolved: {
    teamId: SERVICE_DESK.teamId,
    assigneeId: agent.id,
    resolution: 'Replaced the toner cartridge',
    resolvedAt: RESOLVED_AT,
  },
  Closed: {
    teamId: SERVICE_DESK.teamId,
    assigneeId: agent.id,
    resolution: 'Replaced the toner cartridge',
    resolvedAt: RESOLVED_AT,
    closedAt: CLOSED_AT,
  },
};

const OPEN_STATUSES = TICKET_STATUSES.filter((s) => s !== 'Closed');

function ticketIn(status: TicketStatus, overrides: Partial<TicketContext> = {}): TicketSnapshot {
  return restoreTicket({ status, context: openContext({ ...TYPICAL[status], ...overrides }) });
}

/** An incident the monitor raised (issue 5): the monitor is its requester. */
const MONITORED: Partial<TicketContext> = { requesterId: monitor.id };
const monitoredIn = (status: TicketStatus, overrides: Partial<TicketContext> = {}): TicketSnapshot =>
  ticketIn(status, { ...MONITORED, ...overrides });

const stamp = (actor: Actor, command: TicketCommand, at = NOW): TicketEvent => ({ ...command, actor, at }) as TicketEvent;

interface Outcome {
  status: TicketStatus;
  context: TicketContext;
  effects: TicketEffect[];
  snapshot: TicketSnapshot;
}

/** Gives a command the machine must accept: judge says yes, then the transition is applied. */
function give(snapshot: TicketSnapshot, actor: Actor, command: TicketCommand, at = NOW): Outcome {
  const event = stamp(actor, command, at);
  expect(judge(snapshot, event)).toEqual({ allowed: true });
  const [next, effects] = applyTicketEvent(snapshot, event);
  return { status: statusOf(next), context: next.context, effects, snapshot: next };
}

type Refusal = Extract<Verdict, { allowed: false }>;

/** Gives a command the machine must refuse: judge explains, and the machine changes nothing. */
function refuse(snapshot: TicketSnapshot, actor: Actor, command: TicketCommand): Refusal {
  const event = stamp(actor, command);
  const verdict = judge(snapshot, event);
  if (verdict.allowed) throw new Error(`expected ${command.type} by ${actor.id} to be refused in ${statusOf(snapshot)}`);
  const [next, effects] = applyTicketEvent(snapshot, event);
  expect(effects).toEqual([]);
  expect(statusOf(next)).toBe(statusOf(snapshot));
  expect(next.status).toBe(snapshot.status);
  expect(next.context).toEqual(snapshot.context);
  // A Closed ticket is not even run through the machine: the law hands back the very snapshot.
  if (snapshot.status === 'done') expect(next).toBe(snapshot);
  return verdict;
}

const recorded = (kind: JournalKind, visibility: Visibility, text: string, authorId: string): TicketEffect => ({
  type: 'record',
  params: { kind, visibility, text, authorId },
});
const notified = (template: NotificationTemplate, text: string | null = null): TicketEffect => ({
  type: 'notifyRequester',
  params: { template, audience: 'requester', text },
});
const teamNotified = (template: NotificationTemplate, audience: Audience, text: string): TicketEffect => ({
  type: 'notifyTeam',
  params: { template, audience, text },
});

/**
 * The effects the workflow carries out: a record with nothing to say (the handover note of a
 * first dispatch, which has none) is skipped by the workflow, so the tests skip it too.
 */
const kept = (effects: TicketEffect[]): TicketEffect[] =>
  effects.filter((effect) => effect.type !== 'record' || effect.params.text.trim() !== '');

/**
 * A command every rule of ticket.rules.ts is content with (input-wise) for this actor and ticket,
 * as far as the command can say: an escalation also needs a category on the ticket.
 */
function wellFormed(type: TicketEventType, actor: Actor, context: TicketContext): TicketCommand {
  switch (type) {
    case 'assignToTeam':
      return { type, ...NETWORK_TEAM, note: HANDOVER_NOTE };
    case 'assignToAgent':
      return { type, agentId: actor.role === 'agent' ? actor.id : otherAgent.id, agentName: 'Someone' };
    case 'setCategory':
      return { type, categoryId: 'c-printer', categoryName: 'Printer', requiredQuestions: [] };
    case 'answerQuestions':
      return { type, answers: { room: '1.23' } };
    case 'escalate':
      return { type, teamId: 't-3', teamName: '2nd line Servers', teamLine: 2, note: HANDOVER_NOTE };
    case 'returnToOrigin':
      return { type, note: 'Replaced the corrupt driver package on the print server; test page fine.' };
    case 'recordVendorTicket':
      return { type, vendor: 'HP', vendorTicketId: '4711' };
    case 'vendorAnswer':
      return { type, text: 'HP: firmware 2.1 fixes the jam' };
    case 'monitorCleared':
      return { type, text: 'CPU load on srv-42 back under 80 %' };
    case 'monitorNote':
      return { type, text: 'CPU load on srv-42 at 97 %' };
    case 'split':
      return { type, tasks: [{ number: 'T-2', teamId: 't-2', teamName: '2nd line Network', title: 'Replace the network switch' }] };
    case 'closeAsDuplicate':
      return { type, duplicateOf: 'INC-000042' };
    case 'closeAsNotNeeded':
      return { type, note: 'The user replaced the cable herself; the network team need not come on site.' };
    case 'taskStatusChanged':
      return { type, number: 'T-2', status: 'Resolved' };
    case 'absenceNoticed':
      return { type, agentId: otherAgent.id, agentName: 'Bo Agent', until: '2025-03-10', autoReply: 'I am away', cause: 'userUpdate' };
    case 'notificationUndelivered':
      return { type, notificationId: 'INC-1#2', recipient: 'Rita Requester', subject: '[INC-1] Resolved', reason: '550 mailbox unavailable' };
    case 'mailNote':
      return { type, from: 'cc@example.edu', text: 'Same problem here', update: true };
    case 'setPending':
      return { type, reason: 'awaitingUser', text: 'Please tell us the room number' };
    case 'addComment':
      return { type, text: 'Some words', ...SERVICE_DESK, teamLine: 1 };
    case 'addJournalNote':
    case 'reply':
      return { type, text: 'Some words' };
    case 'pinNote':
    case 'unpinNote':
      return { type, seq: 3 };
    case 'logTime':
      return { type, minutes: 20, activity: 'remote' };
    case 'correctTime':
      return { type, entry: 1, note: 'Registered on the wrong ticket' };
    case 'reclassify':
      return { type, ticketType: context.type === 'incident' ? 'request' : 'incident' };
    case 'resolve':
      return { type, resolution: 'Restarted the print spooler' };
    case 'resolveWithMajorIncident':
      return { type, miNumber: 'MI-000001', resolution: 'The core switch was replaced', teamId: 't-2', teamName: '2nd line Network' };
    case 'reopen':
    case 'approve':
      return { type, text: 'Some words' };
    case 'overridePriority':
      return { type, priority: context.priority === 'P2' ? 'P3' : 'P2', text: 'The whole floor is affected' };
    case 'recalculateSla':
      return { type, text: 'SLA recalculated under standard v2' };
    case 'slaAlert':
      return { type, kind: 'warning', clock: 'resolution', text: 'SLA warning: 75 % of the resolution target used' };
    case 'pendingExpired':
      return { type, text: 'no answer 7 business days after it was set Pending' };
    case 'pendingReminder':
    case 'beginWork':
    case 'resume':
    case 'setAttention':
    case 'clearAttention':
    case 'clearUpdateFlag':
    case 'lock':
    case 'unlock':
    case 'autoClose':
      return { type } as TicketCommand;
  }
}

/** The workflow's own events (timers, SLA and absence alerts) and the admin's recalculation: never offered as commands. */
const NOT_OFFERED: TicketEventType[] = [
  'autoClose',
  'recalculateSla',
  'slaAlert',
  'absenceNoticed',
  'taskStatusChanged',
  'notificationUndelivered',
  'mailNote',
  'pendingReminder',
  'pendingExpired',
  'resolveWithMajorIncident',
];
const ALL_EVENT_TYPES: TicketEventType[] = [...TICKET_COMMANDS, ...NOT_OFFERED];
const isCommand = (type: TicketEventType): type is TicketCommandType => (TICKET_COMMANDS as readonly string[]).includes(type);
/** What staff may do on a New ticket: dispatch it, or answer the user and take it with their team (REQUIREMENTS 2). */
const NEW_FOR_STAFF: TicketCommandType[] = [
  'assignToTeam',
  'addJournalNote',
  'addComment',
  'logTime',
  'pinNote',
  'unpinNote',
  'setAttention',
  'reclassify',
  'overridePriority',
  'setCategory',
  'answerQuestions',
  'lock',
  'recordVendorTicket',
  'vendorAnswer',
  'closeAsDuplicate',
];
const EVERYONE = [requester, otherUser, agent, otherAgent, dispatcher, incidentManager, admin, processManager, monitor, otherMonitor, system];

// --- opening --------------------------------------------------------------------------------

describe('opening a ticket', () => {
  it('starts New with empty flags and journals a public "Ticket created" and notifies the requester', () => {
    const [snapshot, effects] = openTicket({
      type: 'request',
      priority: 'P3',
      requesterId: requester.id,
      requiresApproval: false,
      createdBy: requester,
      at: OPENED_AT,
    });

    expect(statusOf(snapshot)).toBe('New');
    expect(snapshot.status).toBe('active');
    // Opened without a rulesVersion, a ticket lives by the first rules (the workflow passes 2).
    expect(snapshot.context).toEqual(openContext({ type: 'request', ...ISSUE_4_FIELDS }));
    expect(effects).toEqual([recorded('event', 'public', 'Ticket created', requester.id), notified('ticketCreated')]);
  });

  it('attributes "Ticket created" to whoever opened it on the requester’s behalf and keeps the approval policy', () => {
    const [snapshot, effects] = openTicket({
      type: 'incident',
      priority: 'P1',
      requesterId: requester.id,
      requiresApproval: true,
      createdBy: agent,
      at: OPENED_AT,
    });

    expect(snapshot.context.requesterId).toBe(requester.id);
    expect(snapshot.context.requiresApproval).toBe(true);
    expect(snapshot.context.priority).toBe('P1');
    expect(effects[0]).toEqual(recorded('event', 'public', 'Ticket created', agent.id));
  });

  it('keeps the rules version, the category and its Additional Questions it is opened with (issue 4)', () => {
    const [snapshot] = openTicket({
      type: 'incident',
      priority: 'P3',
      rulesVersion: 2,
      categoryId: 'c-printer',
      requiredQuestions: ['room', 'model'],
      requesterId: requester.id,
      requiresApproval: false,
      createdBy: requester,
      at: OPENED_AT,
    });
    expect(snapshot.context).toEqual(
      openContext({ ...ISSUE_4_FIELDS, rulesVersion: 2, categoryId: 'c-printer', requiredQuestions: ['room', 'model'] }),
    );
  });

  it('opened from a request item, starts with the form’s answers as Additional Questions and journals them in "Ticket created" (issue 13)', () => {
    const [snapshot, effects] = openTicket({
      type: 'incident',
      priority: 'P3',
      rulesVersion: 2,
      categoryId: 'c-printer',
      requiredQuestions: ['room', 'model'],
      intake: { answers: { room: '1430-212' }, text: 'Request item: Printer problem\nBuilding and room 1430-212' },
      requesterId: requester.id,
      requiresApproval: false,
      createdBy: requester,
      at: OPENED_AT,
    });
    expect(snapshot.context.answers).toEqual({ room: '1430-212' });
    expect(effects[0]).toEqual(recorded('event', 'public', 'Ticket created\nRequest item: Printer problem\nBuilding and room 1430-212', requester.id));
  });
});

// --- New ------------------------------------------------------------------------------------

describe('a New ticket', () => {
  it('is dispatched to a team by a dispatcher: Assigned, public journal entry, requester told', () => {
    const out = give(ticketIn('New'), dispatcher, { type: 'assignToTeam', ...SERVICE_DESK });

    expect(out.status).toBe('Assigned');
    expect(out.context.teamId).toBe('t-1');
    expect(out.context.teamName).toBe('Service Desk');
    expect(out.context.assigneeId).toBeNull();
    expect(kept(out.effects)).toEqual([
      recorded('event', 'public', 'Dispatched to team Service Desk', dispatcher.id),
      notified('assignedToTeam', 'Service Desk'),
    ]);
  });

  it('may be dispatched by any staff role (agent, incident manager, admin)', () => {
    for (const staff of [agent, incidentManager, admin]) {
      expect(give(ticketIn('New'), staff, { type: 'assignToTeam', ...SERVICE_DESK }).status).toBe('Assigned');
    }
  });

  it('is not dispatched without a team', () => {
    const verdict = refuse(ticketIn('New'), dispatcher, { type: 'assignToTeam', teamId: '  ', teamName: '' });
    expect(verdict).toMatchObject({ code: 'ruleBroken', rule: 'teamGiven', field: 'teamId' });
  });

  it('is not dispatched by the end user', () => {
    const verdict = refuse(ticketIn('New'), requester, { type: 'assignToTeam', ...SERVICE_DESK });
    // The workflow itself (system) may dispatch: it routes a new ticket to the primary team.
    expect(verdict).toMatchObject({ code: 'forbidden', rule: 'staffOrSystem', allowedCommands: ['reply'] });
  });

  it('takes an answer to the user while New: In Progress, the answering agent takes it with their team (REQUIREMENTS 2)', () => {
    const out = give(ticketIn('New', { updateFlag: true }), agent, { type: 'addComment', text: 'Is it the 3rd floor printer?', ...SERVICE_DESK, teamLine: 1 });

    expect(out.status).toBe('InProgress');
    expect(out.context).toEqual(openContext({ ...SERVICE_DESK, teamLine: 1, assigneeId: agent.id, updateFlag: false }));
    expect(out.effects).toEqual([
      recorded('event', 'internal', 'Taken by Anna Agent (Service Desk) on answering the user', agent.id),
      recorded('comment', 'public', 'Is it the 3rd floor printer?', agent.id),
      notified('agentComment', 'Is it the 3rd floor printer?'),
    ]);
  });

  it('takes no answer while New from staff in no team: a worked ticket has a team (seed 000, principle 3)', () => {
    for (const staff of [agent, dispatcher, incidentManager, admin]) {
      const verdict = refuse(ticketIn('New', { updateFlag: true }), staff, { type: 'addComment', text: 'Is it the 3rd floor printer?' });
      expect(verdict).toMatchObject({
        allowed: false,
        code: 'ruleBroken',
        rule: 'answererHasTeam',
        field: 'teamId',
        message: 'you are in no team: dispatch the ticket to a team before answering the user',
      });
      // The Update flag stays set (nobody answered), so clearing it is still offered.
      expect(verdict.allowedCommands).toEqual(expect.arrayContaining(['assignToTeam', 'addComment', 'clearUpdateFlag']));
    }
  });

  it('takes the same answer once dispatched: In Progress, with a team, the agent takes it', () => {
    const dispatched = give(ticketIn('New', { updateFlag: true }), dispatcher, { type: 'assignToTeam', ...SERVICE_DESK });
    const out = give(dispatched.snapshot, agent, { type: 'addComment', text: 'Is it the 3rd floor printer?' });

    expect(out.status).toBe('InProgress');
    expect(out.context).toEqual(openContext({ ...dispatchedTo(SERVICE_DESK), assigneeId: agent.id, updateFlag: false }));
    expect(out.effects).toEqual([
      recorded('comment', 'public', 'Is it the 3rd floor printer?', agent.id),
      notified('agentComment', 'Is it the 3rd floor printer?'),
    ]);
  });

  it('stays New and raises the Update flag when the requester replies', () => {
    const out = give(ticketIn('New'), requester, { type: 'reply', text: 'It also smells of smoke' });

    expect(out.status).toBe('New');
    expect(out.context.updateFlag).toBe(true);
    expect(out.effects).toEqual([recorded('comment', 'public', 'It also smells of smoke', requester.id)]);
  });

  it('takes no reply from a user who is not the requester, nor an empty reply', () => {
    expect(refuse(ticketIn('New'), otherUser, { type: 'reply', text: 'me too' })).toMatchObject({
      code: 'forbidden',
      rule: 'requester',
      allowedCommands: [],
    });
    expect(refuse(ticketIn('New'), requester, { type: 'reply', text: '   ' })).toMatchObject({
      code: 'ruleBroken',
      rule: 'textGiven',
      field: 'text',
    });
  });

  it('is reclassified by an agent from incident to request, with an internal journal entry', () => {
    const out = give(ticketIn('New'), agent, { type: 'reclassify', ticketType: 'request', text: ' asks for new software ' });

    expect(out.status).toBe('New');
    expect(out.context.type).toBe('request');
    expect(out.effects).toHaveLength(1);
    expect(out.effects[0]).toMatchObject({ type: 'record', params: { kind: 'event', visibility: 'internal', authorId: agent.id } });
  });

  it('is reclassified back from request to incident', () => {
    const out = give(ticketIn('New', { type: 'request' }), agent, { type: 'reclassify', ticketType: 'incident' });
    expect(out.context.type).toBe('incident');
    expect(out.effects).toHaveLength(1);
  });

  // The journal entry is recorded before the type changes, so it names the type the ticket had.
  it('journals the type the ticket had and the type it gets, with the reason', () => {
    const out = give(ticketIn('New'), agent, { type: 'reclassify', ticketType: 'request', text: ' asks for new software ' });
    expect(out.effects).toEqual([
      recorded('event', 'internal', 'Reclassified from incident to request: asks for new software', agent.id),
    ]);
  });

  it('journals a reclassification from request to incident without a reason', () => {
    const out = give(ticketIn('New', { type: 'request' }), agent, { type: 'reclassify', ticketType: 'incident' });
    expect(out.effects).toEqual([recorded('event', 'internal', 'Reclassified from request to incident', agent.id)]);
  });

  it('is not reclassified to the type it already has, nor by the end user (REQUIREMENTS 1: the agent decides)', () => {
    expect(refuse(ticketIn('New'), agent, { type: 'reclassify', ticketType: 'incident' })).toMatchObject({
      code: 'ruleBroken',
      rule: 'otherType',
      field: 'ticketType',
    });
    expect(refuse(ticketIn('New'), requester, { type: 'reclassify', ticketType: 'request' })).toMatchObject({
      code: 'forbidden',
      rule: 'staff',
    });
  });

  it('cannot begin work before it is dispatched', () => {
    const verdict = refuse(ticketIn('New'), agent, { type: 'beginWork' });
    expect(verdict).toEqual({
      allowed: false,
      code: 'notAllowedNow',
      rule: undefined,
      field: undefined,
      message: 'beginWork is not possible while the ticket is New',
      allowedCommands: NEW_FOR_STAFF,
    });
  });

  it.each<[TicketCommand]>([
    [{ type: 'assignToAgent', agentId: 'a-1', agentName: 'Anna Agent' }],
    [{ type: 'setPending', reason: 'awaitingUser', text: 'room?' }],
    [{ type: 'resume' }],
    [{ type: 'resolve', resolution: 'fixed' }],
    [{ type: 'reopen' }],
    [{ type: 'approve' }],
  ])('refuses %o as not possible now', (command) => {
    expect(refuse(ticketIn('New'), dispatcher, command).code).toBe('notAllowedNow');
  });
});

// --- Assigned -------------------------------------------------------------------------------

describe('an Assigned ticket', () => {
  it('is given to an agent by the dispatcher, with an internal journal entry and no mail', () => {
    const out = give(ticketIn('Assigned'), dispatcher, { type: 'assignToAgent', agentId: otherAgent.id, agentName: 'Bo Agent' });

    expect(out.status).toBe('Assigned');
    expect(out.context.assigneeId).toBe(otherAgent.id);
    expect(out.context.teamId).toBe('t-1');
    expect(out.effects).toEqual([recorded('event', 'internal', 'Assigned to Bo Agent', dispatcher.id)]);
  });

  it('is taken by an agent for themselves', () => {
    const out = give(ticketIn('Assigned'), agent, { type: 'assignToAgent', agentId: agent.id, agentName: 'Anna Agent' });
    expect(out.context.assigneeId).toBe(agent.id);
  });

  it('is not given by an agent to another agent (seed 000, principle 3: the dispatcher assigns)', () => {
    const verdict = refuse(ticketIn('Assigned'), agent, { type: 'assignToAgent', agentId: otherAgent.id, agentName: 'Bo Agent' });
    expect(verdict).toMatchObject({ code: 'forbidden', rule: 'dispatcherOrSelf' });
    expect(verdict.allowedCommands).toContain('assignToAgent');
  });

  it('is not given to nobody', () => {
    expect(refuse(ticketIn('Assigned'), dispatcher, { type: 'assignToAgent', agentId: '', agentName: '' })).toMatchObject({
      code: 'ruleBroken',
      rule: 'agentGiven',
      field: 'agentId',
    });
  });

  it('is not given to an agent by the end user', () => {
    expect(refuse(ticketIn('Assigned'), requester, { type: 'assignToAgent', agentId: requester.id, agentName: 'me' })).toMatchObject({
      code: 'forbidden',
      rule: 'dispatcherOrSelf',
    });
  });

  it('is re-dispatched to another team, losing its agent and telling the requester', () => {
    const out = give(ticketIn('Assigned', { assigneeId: otherAgent.id }), dispatcher, { type: 'assignToTeam', ...NETWORK_TEAM });

    expect(out.status).toBe('Assigned');
    expect(out.context.teamId).toBe('t-2');
    expect(out.context.assigneeId).toBeNull();
    expect(kept(out.effects)).toEqual([
      recorded('event', 'public', 'Dispatched to team 2nd line Network', dispatcher.id),
      notified('assignedToTeam', '2nd line Network'),
    ]);
  });

  it('is not re-dispatched to the team it already has: the rule names the team field, the agent stays', () => {
    const withAgent = ticketIn('Assigned', { assigneeId: otherAgent.id });
    const verdict = refuse(withAgent, dispatcher, { type: 'assignToTeam', ...SERVICE_DESK });
    expect(verdict).toEqual({
      allowed: false,
      code: 'ruleBroken',
      rule: 'otherTeam',
      field: 'teamId',
      message: 'the ticket is already with this team',
      allowedCommands: [
        'assignToTeam',
        'assignToAgent',
        'beginWork',
        'addJournalNote',
        'addComment',
        'logTime',
        'pinNote',
        'unpinNote',
        'setAttention',
        'reclassify',
        'overridePriority',
        'setCategory',
        'answerQuestions',
        'escalate',
        'lock',
        'recordVendorTicket',
        'vendorAnswer',
        'split',
        'closeAsDuplicate',
      ],
    });
  });

  it('asks for a team before it checks the team is another one, and refuses the end user first of all', () => {
    expect(refuse(ticketIn('Assigned'), dispatcher, { type: 'assignToTeam', teamId: '', teamName: '' })).toMatchObject({
      code: 'ruleBroken',
      rule: 'teamGiven',
      field: 'teamId',
    });
    expect(refuse(ticketIn('Assigned'), requester, { type: 'assignToTeam', ...SERVICE_DESK })).toMatchObject({
      code: 'forbidden',
      rule: 'staffOrSystem',
    });
  });

  it('goes In Progress when its agent begins work, journalled publicly', () => {
    const out = give(ticketIn('Assigned', { assigneeId: agent.id }), agent, { type: 'beginWork' });

    expect(out.status).toBe('InProgress');
    expect(out.context.assigneeId).toBe(agent.id);
    expect(out.effects).toEqual([recorded('event', 'public', 'Work begun', agent.id)]);
  });

  it('is taken by the agent who begins work when nobody has it', () => {
    const out = give(ticketIn('Assigned'), agent, { type: 'beginWork' });
    expect(out.status).toBe('InProgress');
    expect(out.context.assigneeId).toBe(agent.id);
  });

  it('cannot be begun by an agent while another agent has it', () => {
    const verdict = refuse(ticketIn('Assigned', { assigneeId: otherAgent.id }), agent, { type: 'beginWork' });
    expect(verdict).toMatchObject({
      code: 'forbidden',
      rule: 'assigneeOrUnassigned',
      message: 'the ticket is assigned to another agent',
    });
    expect(verdict.allowedCommands).not.toContain('beginWork');
  });

  it('may be begun by the dispatcher on behalf of the agent who has it, who keeps it', () => {
    const out = give(ticketIn('Assigned', { assigneeId: otherAgent.id }), dispatcher, { type: 'beginWork' });
    expect(out.status).toBe('InProgress');
    expect(out.context.assigneeId).toBe(otherAgent.id);
  });

  it('cannot be begun by the end user', () => {
    expect(refuse(ticketIn('Assigned'), requester, { type: 'beginWork' })).toMatchObject({ code: 'forbidden', rule: 'staff' });
  });

  it('goes In Progress when an agent writes to the user, keeping the agent who already has it', () => {
    const out = give(ticketIn('Assigned', { assigneeId: otherAgent.id, updateFlag: true }), agent, {
      type: 'addComment',
      text: 'We are on it',
    });

    expect(out.status).toBe('InProgress');
    expect(out.context.assigneeId).toBe(otherAgent.id);
    expect(out.context.updateFlag).toBe(false);
    expect(out.effects).toEqual([recorded('comment', 'public', 'We are on it', agent.id), notified('agentComment', 'We are on it')]);
  });

  it('stays Assigned with the Update flag when the requester replies', () => {
    const out = give(ticketIn('Assigned'), requester, { type: 'reply', text: 'Any news?' });
    expect(out.status).toBe('Assigned');
    expect(out.context.updateFlag).toBe(true);
    expect(out.effects).toEqual([recorded('comment', 'public', 'Any news?', requester.id)]);
  });

  it('is reclassified without changing status', () => {
    const out = give(ticketIn('Assigned'), dispatcher, { type: 'reclassify', ticketType: 'request' });
    expect(out.status).toBe('Assigned');
    expect(out.context.type).toBe('request');
  });

  it('cannot be set Pending or resolved before work begins', () => {
    expect(refuse(ticketIn('Assigned'), agent, { type: 'setPending', reason: 'awaitingUser', text: 'room?' }).code).toBe('notAllowedNow');
    expect(refuse(ticketIn('Assigned'), agent, { type: 'resolve', resolution: 'fixed' }).code).toBe('notAllowedNow');
  });
});

// --- In Progress ----------------------------------------------------------------------------

describe('an In Progress ticket', () => {
  it('handed over to another team stays In Progress and loses its agent (seed 000, principle 1)', () => {
    const out = give(ticketIn('InProgress'), agent, { type: 'assignToTeam', ...NETWORK_TEAM });

    expect(out.status).toBe('InProgress');
    expect(out.context.teamId).toBe('t-2');
    expect(out.context.assigneeId).toBeNull();
    expect(kept(out.effects)).toEqual([
      recorded('event', 'public', 'Dispatched to team 2nd line Network', agent.id),
      notified('assignedToTeam', '2nd line Network'),
    ]);
  });

  it('is given to another agent by the dispatcher and stays In Progress', () => {
    const out = give(ticketIn('InProgress'), dispatcher, { type: 'assignToAgent', agentId: otherAgent.id, agentName: 'Bo Agent' });
    expect(out.status).toBe('InProgress');
    expect(out.context.assigneeId).toBe(otherAgent.id);
    expect(out.effects).toEqual([recorded('event', 'internal', 'Assigned to Bo Agent', dispatcher.id)]);
  });

  it('is not handed over to the team it already has', () => {
    expect(refuse(ticketIn('InProgress'), agent, { type: 'assignToTeam', ...SERVICE_DESK })).toMatchObject({
      code: 'ruleBroken',
      rule: 'otherTeam',
      field: 'teamId',
      message: 'the ticket is already with this team',
    });
  });

  // The machine no longer lets a ticket reach In Progress without a team (an answer while New is
  // refused, see ticket.paths.spec.ts); the hasTeam rule still guards one restored without a team.
  it('cannot be given to an agent while it has no team (restored without one)', () => {
    const teamless = ticketIn('InProgress', { teamId: null, assigneeId: null });
    const verdict = refuse(teamless, dispatcher, { type: 'assignToAgent', agentId: otherAgent.id, agentName: 'Bo Agent' });
    expect(verdict).toMatchObject({ code: 'notAllowedNow', rule: 'hasTeam', message: 'the ticket must first be dispatched to a team' });
    expect(verdict.allowedCommands).not.toContain('assignToAgent');
    expect(verdict.allowedCommands).toContain('assignToTeam');
  });

  it('goes Pending awaiting the user, showing the user why', () => {
    const out = give(ticketIn('InProgress'), agent, { type: 'setPending', reason: 'awaitingUser', text: '  Which room?  ' });

    expect(out.status).toBe('Pending');
    expect(out.context.pendingReason).toBe('awaitingUser');
    expect(out.context.pendingText).toBe('Which room?');
    expect(out.effects).toEqual([
      recorded('event', 'public', 'Pending (awaitingUser): Which room?', agent.id),
      notified('pending', 'Which room?'),
    ]);
  });

  it('goes Pending awaiting a vendor', () => {
    const out = give(ticketIn('InProgress'), agent, { type: 'setPending', reason: 'awaitingVendor', text: 'HP case 4711' });
    expect(out.status).toBe('Pending');
    expect(out.context.pendingReason).toBe('awaitingVendor');
    expect(out.effects[0]).toEqual(recorded('event', 'public', 'Pending (awaitingVendor): HP case 4711', agent.id));
  });

  it('does not go Pending for an unknown reason or without telling the user why', () => {
    const badReason = { type: 'setPending', reason: 'awaitingGodot', text: 'soon' } as unknown as TicketCommand;
    expect(refuse(ticketIn('InProgress'), agent, badReason)).toMatchObject({
      code: 'ruleBroken',
      rule: 'pendingReasonGiven',
      field: 'reason',
    });
    expect(refuse(ticketIn('InProgress'), agent, { type: 'setPending', reason: 'awaitingUser', text: ' ' })).toMatchObject({
      code: 'ruleBroken',
      field: 'text',
    });
    expect(refuse(ticketIn('InProgress'), requester, { type: 'setPending', reason: 'awaitingUser', text: 'x' })).toMatchObject({
      code: 'forbidden',
      rule: 'staff',
    });
  });

  it('clears the Update flag when an agent answers the user, staying In Progress', () => {
    const out = give(ticketIn('InProgress', { updateFlag: true }), otherAgent, { type: 'addComment', text: 'Try now' });

    expect(out.status).toBe('InProgress');
    expect(out.context.updateFlag).toBe(false);
    expect(out.context.assigneeId).toBe(agent.id);
    expect(out.effects).toEqual([recorded('comment', 'public', 'Try now', otherAgent.id), notified('agentComment', 'Try now')]);
  });

  it('sets the Update flag when the requester replies', () => {
    const out = give(ticketIn('InProgress'), requester, { type: 'reply', text: 'Still broken' });
    expect(out.status).toBe('InProgress');
    expect(out.context.updateFlag).toBe(true);
    expect(out.effects).toEqual([recorded('comment', 'public', 'Still broken', requester.id)]);
  });

  it('is reclassified without changing status', () => {
    expect(give(ticketIn('InProgress'), agent, { type: 'reclassify', ticketType: 'request' }).context.type).toBe('request');
  });

  it('is resolved with a resolution text that is sent to the user (REQUIREMENTS 2, "Dear user")', () => {
    const out = give(ticketIn('InProgress', { updateFlag: true }), agent, { type: 'resolve', resolution: ' Restarted the spooler ' }, RESOLVED_AT);

    expect(out.status).toBe('Resolved');
    expect(out.context.resolution).toBe('Restarted the spooler');
    expect(out.context.resolvedAt).toBe(RESOLVED_AT);
    expect(out.context.updateFlag).toBe(false);
    expect(out.effects).toEqual([
      recorded('event', 'public', 'Resolved: Restarted the spooler', agent.id),
      notified('resolved', 'Restarted the spooler'),
    ]);
  });

  it('is not resolved without a resolution text', () => {
    const verdict = refuse(ticketIn('InProgress'), agent, { type: 'resolve', resolution: '   ' });
    expect(verdict).toMatchObject({
      code: 'ruleBroken',
      rule: 'resolutionGiven',
      field: 'resolution',
      message: 'a resolution text is required; it is sent to the user',
    });
  });

  it('is not resolved by the end user', () => {
    expect(refuse(ticketIn('InProgress'), requester, { type: 'resolve', resolution: 'fixed it myself' })).toMatchObject({
      code: 'forbidden',
      rule: 'staff',
      allowedCommands: ['reply'],
    });
  });

  it('cannot be resumed, begun, reopened or approved', () => {
    for (const command of [{ type: 'resume' }, { type: 'beginWork' }, { type: 'reopen' }, { type: 'approve' }] as TicketCommand[]) {
      expect(refuse(ticketIn('InProgress', { requiresApproval: true }), dispatcher, command).code).toBe('notAllowedNow');
    }
  });
});

// --- Pending --------------------------------------------------------------------------------

describe('a Pending ticket', () => {
  it('is resumed by an agent: In Progress, the pending reason is gone', () => {
    const out = give(ticketIn('Pending'), agent, { type: 'resume' });

    expect(out.status).toBe('InProgress');
    expect(out.context.pendingReason).toBeNull();
    expect(out.context.pendingText).toBeNull();
    expect(out.effects).toEqual([recorded('event', 'public', 'Resumed', agent.id)]);
  });

  it('is not resumed by the end user', () => {
    expect(refuse(ticketIn('Pending'), requester, { type: 'resume' })).toMatchObject({ code: 'forbidden', rule: 'staff' });
  });

  it('resumes In Progress when the requester answers what it waited for, with the Update flag set', () => {
    const out = give(ticketIn('Pending'), requester, { type: 'reply', text: 'Room 1.23' });

    expect(out.status).toBe('InProgress');
    expect(out.context.pendingReason).toBeNull();
    expect(out.context.pendingText).toBeNull();
    expect(out.context.updateFlag).toBe(true);
    expect(out.effects).toEqual([recorded('comment', 'public', 'Room 1.23', requester.id)]);
  });

  it('keeps waiting for the vendor when the requester replies, with the Update flag set', () => {
    const waiting = ticketIn('Pending', { pendingReason: 'awaitingVendor', pendingText: 'HP case 4711' });
    const out = give(waiting, requester, { type: 'reply', text: 'Any news from HP?' });

    expect(out.status).toBe('Pending');
    expect(out.context.pendingReason).toBe('awaitingVendor');
    expect(out.context.pendingText).toBe('HP case 4711');
    expect(out.context.updateFlag).toBe(true);
    expect(out.effects).toEqual([recorded('comment', 'public', 'Any news from HP?', requester.id)]);
  });

  it('takes no empty reply, and none from another user, whatever it waits for', () => {
    expect(refuse(ticketIn('Pending'), requester, { type: 'reply', text: '' })).toMatchObject({ code: 'ruleBroken', field: 'text' });
    expect(refuse(ticketIn('Pending'), otherUser, { type: 'reply', text: 'hi' })).toMatchObject({ code: 'forbidden', rule: 'requester' });
    const vendorWait = ticketIn('Pending', { pendingReason: 'awaitingVendor' });
    expect(refuse(vendorWait, otherUser, { type: 'reply', text: 'hi' })).toMatchObject({ code: 'forbidden', rule: 'requester' });
  });

  it('stays Pending when an agent writes to the user, clearing the Update flag', () => {
    const out = give(ticketIn('Pending', { updateFlag: true }), agent, { type: 'addComment', text: 'Reminder: which room?' });

    expect(out.status).toBe('Pending');
    expect(out.context.updateFlag).toBe(false);
    expect(out.context.pendingReason).toBe('awaitingUser');
    expect(out.effects).toEqual([
      recorded('comment', 'public', 'Reminder: which room?', agent.id),
      notified('agentComment', 'Reminder: which room?'),
    ]);
  });

  it('is given to another agent by the dispatcher and stays Pending', () => {
    const out = give(ticketIn('Pending'), dispatcher, { type: 'assignToAgent', agentId: otherAgent.id, agentName: 'Bo Agent' });
    expect(out.status).toBe('Pending');
    expect(out.context.assigneeId).toBe(otherAgent.id);
  });

  it('is dispatched to another team and keeps waiting for the vendor, losing its agent and telling the requester', () => {
    const waiting = ticketIn('Pending', { pendingReason: 'awaitingVendor', pendingText: 'HP case 4711', updateFlag: true });
    const out = give(waiting, dispatcher, { type: 'assignToTeam', ...NETWORK_TEAM });

    expect(out.status).toBe('Pending');
    expect(out.context).toEqual({ ...waiting.context, ...dispatchedTo(NETWORK_TEAM) });
    expect(out.context).toMatchObject({ pendingReason: 'awaitingVendor', pendingText: 'HP case 4711', updateFlag: true });
    expect(kept(out.effects)).toEqual([
      recorded('event', 'public', 'Dispatched to team 2nd line Network', dispatcher.id),
      notified('assignedToTeam', '2nd line Network'),
    ]);
  });

  it('dispatched while awaiting the user, still resumes when the requester answers', () => {
    const moved = give(ticketIn('Pending'), agent, { type: 'assignToTeam', ...NETWORK_TEAM });
    expect(moved.status).toBe('Pending');
    expect(moved.context).toMatchObject({ teamId: 't-2', assigneeId: null, pendingReason: 'awaitingUser', pendingText: 'Which room is the printer in?' });

    const taken = give(moved.snapshot, dispatcher, { type: 'assignToAgent', agentId: otherAgent.id, agentName: 'Bo Agent' });
    expect(taken.status).toBe('Pending');
    const answered = give(taken.snapshot, requester, { type: 'reply', text: 'Room 1.23' });
    expect(answered.status).toBe('InProgress');
    expect(answered.context).toMatchObject({ teamId: 't-2', assigneeId: otherAgent.id, pendingReason: null, updateFlag: true });
  });

  it('is not dispatched to the team it already has, nor by the end user', () => {
    const waiting = ticketIn('Pending', { pendingReason: 'awaitingVendor', pendingText: 'HP case 4711' });
    expect(refuse(waiting, dispatcher, { type: 'assignToTeam', ...SERVICE_DESK })).toMatchObject({
      code: 'ruleBroken',
      rule: 'otherTeam',
      field: 'teamId',
    });
    expect(refuse(waiting, requester, { type: 'assignToTeam', ...NETWORK_TEAM })).toMatchObject({
      code: 'forbidden',
      rule: 'staffOrSystem',
      allowedCommands: ['reply'],
    });
  });

  it('is reclassified and stays Pending', () => {
    const out = give(ticketIn('Pending'), agent, { type: 'reclassify', ticketType: 'request' });
    expect(out.status).toBe('Pending');
    expect(out.context.type).toBe('request');
  });

  it('is resolved straight from Pending, forgetting the pending reason', () => {
    const out = give(ticketIn('Pending', { updateFlag: true }), agent, { type: 'resolve', resolution: 'Vendor shipped a new unit' }, RESOLVED_AT);

    expect(out.status).toBe('Resolved');
    expect(out.context).toMatchObject({
      resolution: 'Vendor shipped a new unit',
      resolvedAt: RESOLVED_AT,
      pendingReason: null,
      pendingText: null,
      updateFlag: false,
    });
    expect(out.effects).toEqual([
      recorded('event', 'public', 'Resolved: Vendor shipped a new unit', agent.id),
      notified('resolved', 'Vendor shipped a new unit'),
    ]);
  });

  it('cannot be set Pending again nor begun', () => {
    expect(refuse(ticketIn('Pending'), agent, { type: 'setPending', reason: 'awaitingVendor', text: 'x' }).code).toBe('notAllowedNow');
    expect(refuse(ticketIn('Pending'), agent, { type: 'beginWork' }).code).toBe('notAllowedNow');
  });
});

// --- Resolved -------------------------------------------------------------------------------

describe('a Resolved ticket', () => {
  it('is reopened by the requester: In Progress, Update flag set, the user is told', () => {
    const out = give(ticketIn('Resolved'), requester, { type: 'reopen', text: ' still jams ' });

    expect(out.status).toBe('InProgress');
    expect(out.context.resolvedAt).toBeNull();
    expect(out.context.resolution).toBeNull();
    expect(out.context.updateFlag).toBe(true);
    expect(out.effects).toEqual([recorded('event', 'public', 'Reopened: still jams', requester.id), notified('reopened')]);
  });

  it('is reopened by an agent without raising the Update flag', () => {
    const out = give(ticketIn('Resolved'), agent, { type: 'reopen' });

    expect(out.status).toBe('InProgress');
    expect(out.context.resolvedAt).toBeNull();
    expect(out.context.resolution).toBeNull();
    expect(out.context.updateFlag).toBe(false);
    expect(out.effects).toEqual([recorded('event', 'public', 'Reopened', agent.id), notified('reopened')]);
  });

  it('keeps an Update flag that was already set when an agent reopens it', () => {
    expect(give(ticketIn('Resolved', { updateFlag: true }), agent, { type: 'reopen' }).context.updateFlag).toBe(true);
  });

  it('is not reopened by a user who is not the requester', () => {
    expect(refuse(ticketIn('Resolved'), otherUser, { type: 'reopen' })).toMatchObject({
      code: 'forbidden',
      rule: 'requesterOrStaff',
      allowedCommands: [],
    });
  });

  it('goes back In Progress with the Update flag when the requester replies (REQUIREMENTS 2)', () => {
    const out = give(ticketIn('Resolved'), requester, { type: 'reply', text: 'It jammed again' });

    expect(out.status).toBe('InProgress');
    expect(out.context.updateFlag).toBe(true);
    expect(out.context.resolvedAt).toBeNull();
    expect(out.context.resolution).toBeNull();
    expect(out.effects).toEqual([recorded('comment', 'public', 'It jammed again', requester.id), notified('reopened')]);
  });

  it.each<[string, Actor, TicketCommand, boolean]>([
    ['reopened by the requester', requester, { type: 'reopen', text: 'still jams' }, true],
    ['reopened by an agent', agent, { type: 'reopen' }, false],
    ['replied to by the requester', requester, { type: 'reply', text: 'It jammed again' }, true],
  ])('forgets its resolution when %s: back to the In Progress ticket it was, team and agent kept', (_how, actor, command, updateFlag) => {
    const out = give(ticketIn('Resolved'), actor, command);
    expect(out.context).toEqual(openContext({ ...TYPICAL.InProgress, resolution: null, resolvedAt: null, updateFlag }));
  });

  it('sends the new resolution, not the old one, when resolved again after a reopen', () => {
    const reopened = give(ticketIn('Resolved'), requester, { type: 'reopen', text: 'still jams' });
    const again = give(reopened.snapshot, agent, { type: 'resolve', resolution: 'Replaced the fuser unit' }, CLOSED_AT);
    expect(again.context).toMatchObject({ resolution: 'Replaced the fuser unit', resolvedAt: CLOSED_AT });
    expect(again.effects).toEqual([
      recorded('event', 'public', 'Resolved: Replaced the fuser unit', agent.id),
      notified('resolved', 'Replaced the fuser unit'),
    ]);
  });

  it('stays Resolved when an agent writes to the user, clearing the Update flag', () => {
    const out = give(ticketIn('Resolved', { updateFlag: true }), agent, { type: 'addComment', text: 'Glad it works' });

    expect(out.status).toBe('Resolved');
    expect(out.context.updateFlag).toBe(false);
    expect(out.context.resolvedAt).toBe(RESOLVED_AT);
    expect(out.effects).toEqual([recorded('comment', 'public', 'Glad it works', agent.id), notified('agentComment', 'Glad it works')]);
  });

  it('is closed by the requester’s approval when its service requires approval (seed 004)', () => {
    const out = give(ticketIn('Resolved', { requiresApproval: true }), requester, { type: 'approve', text: 'tested, works' }, CLOSED_AT);

    expect(out.status).toBe('Closed');
    expect(out.snapshot.status).toBe('done');
    expect(out.context.closedAt).toBe(CLOSED_AT);
    expect(out.effects).toEqual([
      recorded('event', 'public', 'Approved by the customer and closed: tested, works', requester.id),
      notified('closed'),
    ]);
  });

  it('cannot be approved when its service closes without approval', () => {
    const verdict = refuse(ticketIn('Resolved'), requester, { type: 'approve' });
    expect(verdict).toMatchObject({
      code: 'notAllowedNow',
      rule: 'approvalRequired',
      message: 'this ticket’s service closes without customer approval',
      allowedCommands: ['reopen', 'reply'],
    });
  });

  it('is approved by nobody but the requester', () => {
    const needsApproval = ticketIn('Resolved', { requiresApproval: true });
    expect(refuse(needsApproval, agent, { type: 'approve' })).toMatchObject({ code: 'forbidden', rule: 'requester' });
    expect(refuse(needsApproval, otherUser, { type: 'approve' })).toMatchObject({ code: 'forbidden', rule: 'requester' });
  });

  it('closes itself after the resolution period: the system’s autoClose', () => {
    const out = give(ticketIn('Resolved'), system, { type: 'autoClose' }, CLOSED_AT);

    expect(out.status).toBe('Closed');
    expect(out.snapshot.status).toBe('done');
    expect(out.context.closedAt).toBe(CLOSED_AT);
    expect(out.effects).toEqual([
      recorded('event', 'public', 'Closed automatically after the resolution period', 'system'),
      notified('closed'),
    ]);
  });

  it('also closes itself when it awaited an approval that never came', () => {
    expect(give(ticketIn('Resolved', { requiresApproval: true }), system, { type: 'autoClose' }).status).toBe('Closed');
  });

  it('is not auto-closed by a person, however senior', () => {
    for (const person of [requester, agent, admin]) {
      expect(refuse(ticketIn('Resolved'), person, { type: 'autoClose' })).toMatchObject({
        code: 'forbidden',
        rule: 'system',
        message: 'only the ticket’s own timers may do this',
      });
    }
  });

  it('cannot be resolved again, set Pending or handed over', () => {
    expect(refuse(ticketIn('Resolved'), agent, { type: 'resolve', resolution: 'again' }).code).toBe('notAllowedNow');
    expect(refuse(ticketIn('Resolved'), agent, { type: 'setPending', reason: 'awaitingUser', text: 'x' }).code).toBe('notAllowedNow');
    expect(refuse(ticketIn('Resolved'), dispatcher, { type: 'assignToTeam', ...NETWORK_TEAM }).code).toBe('notAllowedNow');
  });
});

// --- Closed ---------------------------------------------------------------------------------

describe('a Closed ticket', () => {
  it('is final: the machine is done', () => {
    const closed = ticketIn('Closed');
    expect(statusOf(closed)).toBe('Closed');
    expect(closed.status).toBe('done');
  });

  it('refuses every command from everyone as not possible now', () => {
    for (const closed of [
      ticketIn('Closed', { requiresApproval: true, updateFlag: true, attentionFlag: true }),
      // Issue 5: an incident its monitor raised takes nothing from the monitor either.
      monitoredIn('Closed', { updateFlag: true }),
    ]) {
      for (const actor of EVERYONE) {
        for (const type of ALL_EVENT_TYPES) {
          const verdict = refuse(closed, actor, wellFormed(type, actor, closed.context));
          expect(verdict).toEqual({
            allowed: false,
            code: 'notAllowedNow',
            rule: undefined,
            field: undefined,
            message: `${type} is not possible while the ticket is Closed: a Closed ticket cannot change; open a new ticket and mention this one`,
            allowedCommands: [],
          });
        }
      }
    }
  });

  it('offers no command to anyone', () => {
    const closed = ticketIn('Closed', { requiresApproval: true, updateFlag: true, attentionFlag: true });
    for (const actor of EVERYONE) expect(allowedCommands(closed, actor)).toEqual([]);
    for (const actor of EVERYONE) expect(allowedCommands(monitoredIn('Closed'), actor)).toEqual([]);
  });

  it('keeps Closed and done whatever event reaches the machine, asking for no effect', () => {
    const closed = ticketIn('Closed', { requiresApproval: true });
    for (const actor of EVERYONE) {
      for (const type of ALL_EVENT_TYPES) {
        const [next, effects] = applyTicketEvent(closed, stamp(actor, wellFormed(type, actor, closed.context)));
        expect(statusOf(next)).toBe('Closed');
        expect(next.status).toBe('done');
        expect(next).toBe(closed);
        expect(effects).toEqual([]);
      }
    }
  });

  // XState's pure `transition` still runs the root-level "in every open status" handlers on a done
  // snapshot; applyTicketEvent stops before the machine, so a Closed ticket takes none of them.
  it('is immutable: applying a staff command to a Closed ticket changes nothing and asks for no effect', () => {
    const closed = ticketIn('Closed', { attentionFlag: true, updateFlag: true });
    for (const type of [
      'addJournalNote',
      'pinNote',
      'unpinNote',
      'setAttention',
      'clearAttention',
      'clearUpdateFlag',
      'overridePriority',
      'recalculateSla',
    ] as const) {
      for (const staff of [agent, dispatcher, admin]) {
        const [next, effects] = applyTicketEvent(closed, stamp(staff, wellFormed(type, staff, closed.context)));
        expect({ type, effects }).toEqual({ type, effects: [] });
        expect(next).toBe(closed);
        expect(next.context).toEqual(openContext({ ...TYPICAL.Closed, attentionFlag: true, updateFlag: true }));
      }
    }
  });
});

// --- in every open status -------------------------------------------------------------------

describe.each(OPEN_STATUSES)('in every open status: %s', (status) => {
  it('takes an internal journal note from staff, without changing status', () => {
    const out = give(ticketIn(status), dispatcher, { type: 'addJournalNote', text: 'Called the user, no answer' });
    expect(out.status).toBe(status);
    expect(out.context).toEqual(ticketIn(status).context);
    expect(out.effects).toEqual([recorded('note', 'internal', 'Called the user, no answer', dispatcher.id)]);
  });

  it('takes no journal note from the end user, nor an empty one', () => {
    expect(refuse(ticketIn(status), requester, { type: 'addJournalNote', text: 'note' })).toMatchObject({ code: 'forbidden', rule: 'staff' });
    expect(refuse(ticketIn(status), agent, { type: 'addJournalNote', text: ' ' })).toMatchObject({
      code: 'ruleBroken',
      field: 'text',
    });
  });

  it('pins and unpins a journal entry for staff', () => {
    expect(give(ticketIn(status), agent, { type: 'pinNote', seq: 7 }).effects).toEqual([{ type: 'pin', params: { seq: 7, pinned: true } }]);
    expect(give(ticketIn(status), agent, { type: 'unpinNote', seq: 7 }).effects).toEqual([{ type: 'pin', params: { seq: 7, pinned: false } }]);
    expect(refuse(ticketIn(status), requester, { type: 'pinNote', seq: 7 })).toMatchObject({ code: 'forbidden', rule: 'staff' });
    expect(refuse(ticketIn(status), requester, { type: 'unpinNote', seq: 7 })).toMatchObject({ code: 'forbidden', rule: 'staff' });
  });

  it('marks and unmarks the ticket as demanding attention', () => {
    const marked = give(ticketIn(status), agent, { type: 'setAttention' });
    expect(marked.status).toBe(status);
    expect(marked.context.attentionFlag).toBe(true);
    expect(marked.effects).toEqual([recorded('event', 'internal', 'Marked as demanding attention', agent.id)]);

    const cleared = give(marked.snapshot, agent, { type: 'clearAttention' });
    expect(cleared.context.attentionFlag).toBe(false);
    expect(cleared.effects).toEqual([recorded('event', 'internal', 'Attention flag cleared', agent.id)]);
  });

  it('does not mark attention twice nor clear it when unset, and not for the end user', () => {
    expect(refuse(ticketIn(status, { attentionFlag: true }), agent, { type: 'setAttention' })).toMatchObject({
      code: 'notAllowedNow',
      rule: 'attentionOff',
    });
    expect(refuse(ticketIn(status), agent, { type: 'clearAttention' })).toMatchObject({ code: 'notAllowedNow', rule: 'attentionOn' });
    expect(refuse(ticketIn(status), requester, { type: 'setAttention' })).toMatchObject({ code: 'forbidden', rule: 'staff' });
  });

  it('lets staff clear the Update flag only when it is set', () => {
    const out = give(ticketIn(status, { updateFlag: true }), agent, { type: 'clearUpdateFlag' });
    expect(out.status).toBe(status);
    expect(out.context.updateFlag).toBe(false);
    expect(out.effects).toEqual([recorded('event', 'internal', 'Update flag cleared', agent.id)]);

    expect(refuse(ticketIn(status), agent, { type: 'clearUpdateFlag' })).toMatchObject({ code: 'notAllowedNow', rule: 'updateFlagOn' });
    expect(refuse(ticketIn(status, { updateFlag: true }), requester, { type: 'clearUpdateFlag' })).toMatchObject({
      code: 'forbidden',
      rule: 'staff',
    });
  });
});

// --- priority and SLA (issue "SLA engine") ---------------------------------------------------

describe.each(OPEN_STATUSES)('overriding the priority in %s', (status) => {
  it.each([agent, dispatcher, incidentManager, admin])('is done by staff ($role) with a reason, journalled internally, status kept', (staff) => {
    const before = ticketIn(status);
    const out = give(before, staff, { type: 'overridePriority', priority: 'P2', text: '  The whole floor is affected  ' });

    expect(out.status).toBe(status);
    expect(out.context).toEqual({ ...before.context, priority: 'P2' });
    // Recorded before the change: the entry names the priority the ticket had; the reason is trimmed.
    expect(out.effects).toEqual([
      recorded('event', 'internal', 'Priority changed from P3 to P2: The whole floor is affected', staff.id),
    ]);
  });

  it('may also lower it, and the next override starts from the new priority', () => {
    const lowered = give(ticketIn(status), agent, { type: 'overridePriority', priority: 'P4', text: 'Only one user' });
    expect(lowered.context.priority).toBe('P4');
    const raised = give(lowered.snapshot, dispatcher, { type: 'overridePriority', priority: 'P1', text: 'Production down' });
    expect(raised.context.priority).toBe('P1');
    expect(raised.effects).toEqual([recorded('event', 'internal', 'Priority changed from P4 to P1: Production down', dispatcher.id)]);
  });

  it('is refused to the end user (forbidden), to the requester as much as to anyone else', () => {
    for (const user of [requester, otherUser, processManager]) {
      expect(refuse(ticketIn(status), user, { type: 'overridePriority', priority: 'P2', text: 'urgent!' })).toMatchObject({
        code: 'forbidden',
        rule: 'staff',
      });
    }
  });

  it('is refused for the priority the ticket already has, naming the priority field', () => {
    expect(refuse(ticketIn(status), agent, { type: 'overridePriority', priority: 'P3', text: 'same again' })).toEqual({
      allowed: false,
      code: 'ruleBroken',
      rule: 'otherPriority',
      field: 'priority',
      message: 'a priority other than the current one is required',
      allowedCommands: allowedCommands(ticketIn(status), agent),
    });
    expect(refuse(ticketIn(status), agent, { type: 'overridePriority', priority: '  ', text: 'blank' })).toMatchObject({
      code: 'ruleBroken',
      rule: 'otherPriority',
      field: 'priority',
    });
  });

  it('is refused without a reason, naming the text field', () => {
    for (const text of ['', '   ']) {
      expect(refuse(ticketIn(status), agent, { type: 'overridePriority', priority: 'P1', text })).toMatchObject({
        code: 'ruleBroken',
        rule: 'textGiven',
        field: 'text',
        message: 'a text is required',
      });
    }
  });

  it('is offered to staff and to nobody else', () => {
    for (const staff of [agent, otherAgent, dispatcher, incidentManager, admin]) {
      expect(allowedCommands(ticketIn(status), staff)).toContain('overridePriority');
    }
    for (const actor of [requester, otherUser, processManager, system]) {
      expect(allowedCommands(ticketIn(status), actor)).not.toContain('overridePriority');
    }
  });
});

describe.each(OPEN_STATUSES)('recalculating the SLA in %s', (status) => {
  const TEXT = 'SLA recalculated (standard v1 -> v2): resolution due 2026-11-24T10:00:00.000Z, was 2026-11-24T11:00:00.000Z';

  it('is done by an admin: the workflow’s text is journalled internally, nothing else changes', () => {
    const before = ticketIn(status);
    const out = give(before, admin, { type: 'recalculateSla', text: TEXT });
    expect(out.status).toBe(status);
    expect(out.context).toEqual(before.context);
    expect(out.effects).toEqual([recorded('event', 'internal', TEXT, admin.id)]);
  });

  it('is refused to every other role, agents included (forbidden, rule admin)', () => {
    for (const actor of [agent, dispatcher, incidentManager, requester, processManager, system]) {
      expect(refuse(ticketIn(status), actor, { type: 'recalculateSla', text: TEXT })).toMatchObject({
        code: 'forbidden',
        rule: 'admin',
        message: 'only an admin may do this',
      });
    }
  });
});

describe.each(OPEN_STATUSES)('an SLA alert in %s', (status) => {
  const WARNING = 'SLA warning: 75 % of the resolution target (12 business hours) used; deadline 2026-11-24T10:00:00.000Z';
  const BREACH = 'SLA breached: resolution target of 12 business hours passed at 2026-11-24T10:00:00.000Z';
  const ON_CALL = 'Out-of-hours P1 fault: on-call consultant alerted';

  it('warns the team: an internal journal entry and a slaWarning to the team, priority kept', () => {
    const before = ticketIn(status);
    const out = give(before, system, { type: 'slaAlert', kind: 'warning', clock: 'resolution', text: WARNING });

    expect(out.status).toBe(status);
    expect(out.context).toEqual(before.context);
    expect(out.effects).toEqual([recorded('event', 'internal', WARNING, 'system'), teamNotified('slaWarning', 'team', WARNING)]);
  });

  it('reports a breach to the team and raises the priority when the policy gives raiseTo', () => {
    const before = ticketIn(status);
    const out = give(before, system, { type: 'slaAlert', kind: 'breach', clock: 'resolution', text: BREACH, raiseTo: 'P2' });

    expect(out.status).toBe(status);
    expect(out.context).toEqual({ ...before.context, priority: 'P2' });
    expect(out.effects).toEqual([recorded('event', 'internal', BREACH, 'system'), teamNotified('slaBreach', 'team', BREACH)]);
  });

  it('keeps the priority on a breach without raiseTo', () => {
    const out = give(ticketIn(status, { priority: 'P4' }), system, { type: 'slaAlert', kind: 'breach', clock: 'escalation', text: BREACH });
    expect(out.context.priority).toBe('P4');
    expect(out.effects).toEqual([recorded('event', 'internal', BREACH, 'system'), teamNotified('slaBreach', 'team', BREACH)]);
  });

  it('alerts the on-call contact, not the team, for kind onCall', () => {
    const out = give(ticketIn(status, { priority: 'P1' }), system, { type: 'slaAlert', kind: 'onCall', clock: 'firstResponse', text: ON_CALL });
    expect(out.context.priority).toBe('P1');
    expect(out.effects).toEqual([recorded('event', 'internal', ON_CALL, 'system'), teamNotified('onCallAlert', 'onCall', ON_CALL)]);
  });

  it('is raised by the system only: people are forbidden (rule system)', () => {
    for (const actor of [requester, agent, dispatcher, incidentManager, admin, processManager]) {
      expect(refuse(ticketIn(status), actor, { type: 'slaAlert', kind: 'breach', clock: 'resolution', text: BREACH, raiseTo: 'P1' })).toMatchObject({
        code: 'forbidden',
        rule: 'system',
        message: 'only the ticket’s own timers may do this',
      });
    }
  });
});

describe('an SLA alert on a Closed ticket', () => {
  it('is refused as not possible now and changes nothing (no journal, no mail, no new priority)', () => {
    const closed = ticketIn('Closed');
    for (const kind of ['warning', 'breach', 'onCall'] as const) {
      const verdict = refuse(closed, system, { type: 'slaAlert', kind, clock: 'resolution', text: 'late', raiseTo: 'P1' });
      expect(verdict).toEqual({
        allowed: false,
        code: 'notAllowedNow',
        rule: undefined,
        field: undefined,
        message: 'slaAlert is not possible while the ticket is Closed: a Closed ticket cannot change; open a new ticket and mention this one',
        allowedCommands: [],
      });
    }
    const [next, effects] = applyTicketEvent(closed, stamp(system, { type: 'slaAlert', kind: 'breach', clock: 'resolution', text: 'late', raiseTo: 'P1' }));
    expect(next).toBe(closed);
    expect(next.context.priority).toBe('P3');
    expect(effects).toEqual([]);
  });
});

// --- monitors (issue 5; REQUIREMENTS 9) -----------------------------------------------------

describe('a monitor’s cleared alert', () => {
  const CLEARED = 'CPU load on srv-42 back under 80 %';
  const RESOLVED_BY_MONITOR = `Resolved by the monitor: ${CLEARED}`;
  const NOTED = `Monitor: the alert has cleared (${CLEARED})`;

  it.each(['New', 'Assigned'] as const)('resolves an unworked %s incident: Resolved, its text the resolution, journalled publicly', (status) => {
    const before = monitoredIn(status, { updateFlag: true });
    const out = give(before, monitor, { type: 'monitorCleared', text: `  ${CLEARED}  ` });

    expect(out.status).toBe('Resolved');
    expect(out.context).toEqual({ ...before.context, resolution: CLEARED, resolvedAt: NOW, updateFlag: false });
    expect(out.context.assigneeId).toBeNull();
    // Nobody to mail: the requester is the monitor itself.
    expect(out.effects).toEqual([recorded('event', 'public', RESOLVED_BY_MONITOR, monitor.id)]);
  });

  it('leaves the resolved incident to the usual end: auto-close by the system, or a reopen by staff', () => {
    const resolved = give(monitoredIn('Assigned'), monitor, { type: 'monitorCleared', text: CLEARED }).snapshot;
    expect(give(resolved, system, { type: 'autoClose' }).status).toBe('Closed');
    expect(give(resolved, agent, { type: 'reopen' }).status).toBe('InProgress');
  });

  it.each<[string, TicketStatus, Partial<TicketContext>]>([
    ['an Assigned incident an agent has', 'Assigned', { assigneeId: agent.id }],
    ['a New incident with an agent on it', 'New', { assigneeId: agent.id }],
    ['an In Progress incident', 'InProgress', {}],
    ['a Pending incident', 'Pending', {}],
    ['a Resolved incident', 'Resolved', {}],
    ['an In Progress incident nobody has (restored without an agent)', 'InProgress', { assigneeId: null }],
  ])('only notes on %s, internally, and sets the Update flag for whoever works it', (_name, status, overrides) => {
    const before = monitoredIn(status, overrides);
    const out = give(before, monitor, { type: 'monitorCleared', text: CLEARED });

    expect(out.status).toBe(status);
    expect(out.context).toEqual({ ...before.context, updateFlag: true });
    expect(out.effects).toEqual([recorded('note', 'internal', NOTED, monitor.id)]);
  });

  it('keeps an Update flag that was already set when it only notes', () => {
    const before = monitoredIn('InProgress', { updateFlag: true });
    const out = give(before, monitor, { type: 'monitorCleared', text: CLEARED });
    expect(out.context).toEqual(before.context);
    expect(out.effects).toEqual([recorded('note', 'internal', NOTED, monitor.id)]);
  });

  it.each(OPEN_STATUSES)('is forbidden in %s to an agent, to staff and to a monitor that did not raise the incident (rule monitor)', (status) => {
    const ticket = monitoredIn(status);
    for (const actor of [agent, dispatcher, admin, requester, system, otherMonitor]) {
      expect(refuse(ticket, actor, { type: 'monitorCleared', text: CLEARED })).toMatchObject({
        code: 'forbidden',
        rule: 'monitor',
        message: 'only the monitor that raised this incident may do this',
      });
    }
    // A monitor is no requester of a ticket a person raised.
    expect(refuse(ticketIn(status), monitor, { type: 'monitorCleared', text: CLEARED })).toMatchObject({ code: 'forbidden', rule: 'monitor' });
  });

  it('is not forbidden to the agent because the agent raised the ticket: the role must be monitor too', () => {
    const raisedByAgent = ticketIn('New', { requesterId: agent.id });
    expect(refuse(raisedByAgent, agent, { type: 'monitorCleared', text: CLEARED })).toMatchObject({ code: 'forbidden', rule: 'monitor' });
  });

  it.each(['New', 'Assigned', 'InProgress'] as const)('needs a text in %s (rule textGiven, field text)', (status) => {
    for (const text of ['', '   ']) {
      expect(refuse(monitoredIn(status), monitor, { type: 'monitorCleared', text })).toMatchObject({
        code: 'ruleBroken',
        rule: 'textGiven',
        field: 'text',
      });
    }
  });

  it('is refused on a Closed incident as not possible now', () => {
    expect(refuse(monitoredIn('Closed'), monitor, { type: 'monitorCleared', text: CLEARED })).toEqual({
      allowed: false,
      code: 'notAllowedNow',
      rule: undefined,
      field: undefined,
      message: 'monitorCleared is not possible while the ticket is Closed: a Closed ticket cannot change; open a new ticket and mention this one',
      allowedCommands: [],
    });
  });
});

describe('a monitor’s note', () => {
  const NOTE = 'CPU load on srv-42 at 97 % for 10 minutes';

  it.each(OPEN_STATUSES)('is journalled internally in %s, changing nothing else (not even the Update flag)', (status) => {
    const before = monitoredIn(status);
    const out = give(before, monitor, { type: 'monitorNote', text: `${NOTE}\n` });
    expect(out.status).toBe(status);
    expect(out.context).toEqual(before.context);
    expect(out.effects).toEqual([recorded('note', 'internal', `Monitor: ${NOTE}`, monitor.id)]);
  });

  it('is forbidden to an agent and to a monitor that did not raise the incident (rule monitor), and needs a text', () => {
    for (const actor of [agent, dispatcher, requester, otherMonitor]) {
      expect(refuse(monitoredIn('InProgress'), actor, { type: 'monitorNote', text: NOTE })).toMatchObject({ code: 'forbidden', rule: 'monitor' });
    }
    expect(refuse(monitoredIn('InProgress'), monitor, { type: 'monitorNote', text: ' ' })).toMatchObject({
      code: 'ruleBroken',
      rule: 'textGiven',
      field: 'text',
    });
  });

  it('is refused on a Closed incident as not possible now', () => {
    expect(refuse(monitoredIn('Closed'), monitor, { type: 'monitorNote', text: NOTE })).toMatchObject({
      code: 'notAllowedNow',
      message: 'monitorNote is not possible while the ticket is Closed: a Closed ticket cannot change; open a new ticket and mention this one',
      allowedCommands: [],
    });
  });

  it.each(OPEN_STATUSES)('is offered in %s, with the clearing, to the monitor that raised the incident and to nobody else', (status) => {
    const offered = allowedCommands(monitoredIn(status), monitor);
    expect(offered).toContain('monitorCleared');
    expect(offered).toContain('monitorNote');
    for (const actor of EVERYONE.filter((a) => a !== monitor)) {
      const others = allowedCommands(monitoredIn(status), actor) as string[];
      expect({ actor: actor.id, others: others.filter((type) => type.startsWith('monitor')) }).toEqual({ actor: actor.id, others: [] });
    }
  });
});

describe('who the notifications go to', () => {
  it('sends every notifyRequester effect to the requester and every notifyTeam effect to the team or on-call, in every open status', () => {
    const [, opening] = openTicket({ type: 'incident', priority: 'P3', requesterId: requester.id, requiresApproval: false, createdBy: requester, at: OPENED_AT });
    expect(opening).toContainEqual(notified('ticketCreated'));
    const effects: TicketEffect[] = [...opening];
    for (const status of OPEN_STATUSES) {
      for (const overrides of [
        {},
        { updateFlag: true },
        { requiresApproval: true },
        { pendingReason: 'awaitingVendor' as const },
        // Issue 4: an escalation needs a category; a P1/P2 handover alerts the receiving team.
        { categoryId: 'c-printer', priority: 'P2' },
        // Issue 5: an incident its monitor raised, which the monitor may clear.
        MONITORED,
      ]) {
        const ticket = ticketIn(status, overrides);
        for (const actor of EVERYONE) {
          for (const type of ALL_EVENT_TYPES) effects.push(...applyTicketEvent(ticket, stamp(actor, wellFormed(type, actor, ticket.context)))[1]);
        }
        for (const kind of ['warning', 'breach', 'onCall'] as const) {
          effects.push(...applyTicketEvent(ticket, stamp(system, { type: 'slaAlert', kind, clock: 'resolution', text: kind }))[1]);
        }
      }
    }
    const toRequester = effects.filter((effect) => effect.type === 'notifyRequester');
    const toTeam = effects.filter((effect) => effect.type === 'notifyTeam');
    // Every requester template is sent somewhere along the way: the sweep is not empty.
    expect(new Set(toRequester.map((effect) => effect.params.template))).toEqual(
      new Set(['ticketCreated', 'assignedToTeam', 'pending', 'agentComment', 'resolved', 'reopened', 'closed', 'escalated', 'autoReply', 'pendingReminder']),
    );
    for (const effect of toRequester) expect(effect.params.audience).toBe('requester');
    expect(new Set(toTeam.map((effect) => `${effect.params.template}->${effect.params.audience}`))).toEqual(
      new Set(['slaWarning->team', 'slaBreach->team', 'onCallAlert->onCall', 'handoverAlert->team', 'absenceAlert->team']),
    );
    // Between them, the two audiences use every template there is.
    expect(new Set([...toRequester, ...toTeam].map((effect) => effect.params.template))).toEqual(new Set(NOTIFICATION_TEMPLATES));
  });
});

// --- allowed commands -----------------------------------------------------------------------

describe('the commands offered to each actor', () => {
  const staffCommon = ['addJournalNote', 'addComment', 'logTime', 'pinNote', 'unpinNote', 'setAttention'] as const;
  // Issue 4, in every open status: category, Additional Questions, lock, vendor.
  const category = ['setCategory', 'answerQuestions'] as const;
  const lockAndVendor = ['lock', 'recordVendorTicket', 'vendorAnswer'] as const;

  it.each<[TicketStatus, TicketCommandType[]]>([
    ['New', ['assignToTeam', 'addJournalNote', 'addComment', 'logTime', 'pinNote', 'unpinNote', 'setAttention', 'reclassify', 'overridePriority', ...category, ...lockAndVendor, 'closeAsDuplicate']],
    ['Assigned', ['assignToTeam', 'assignToAgent', 'beginWork', ...staffCommon, 'reclassify', 'overridePriority', ...category, 'escalate', ...lockAndVendor, 'split', 'closeAsDuplicate']],
    ['InProgress', ['assignToTeam', 'assignToAgent', 'setPending', ...staffCommon, 'reclassify', 'resolve', 'overridePriority', ...category, 'escalate', ...lockAndVendor, 'split', 'closeAsDuplicate']],
    ['Pending', ['assignToTeam', 'assignToAgent', 'resume', ...staffCommon, 'reclassify', 'resolve', 'overridePriority', ...category, ...lockAndVendor, 'closeAsDuplicate']],
    ['Resolved', [...staffCommon, 'reopen', 'overridePriority', ...category, ...lockAndVendor]],
  ])('an agent in %s is offered %j', (status, expected) => {
    expect(allowedCommands(ticketIn(status), agent)).toEqual(expected);
  });

  // Offers are about who asks and the ticket's state: the category, the answers and the note an
  // escalation needs are input, judged (422) when it is given; an open escalation is state.
  it('offers escalation in Assigned and In Progress only, and the return to origin only while escalated', () => {
    for (const status of OPEN_STATUSES) {
      const offered = allowedCommands(ticketIn(status), agent);
      expect({ status, escalate: offered.includes('escalate') }).toEqual({ status, escalate: status === 'Assigned' || status === 'InProgress' });
      expect(offered).not.toContain('returnToOrigin');
    }
    const escalated = ticketIn('InProgress', {
      teamId: 't-3',
      teamName: '2nd line Servers',
      teamLine: 2,
      escalations: [
        { fromTeamId: 't-1', fromTeamName: 'Service Desk', fromLine: 1, toTeamId: 't-3', toTeamName: '2nd line Servers', toLine: 2, at: NOW, by: agent.id, returnedAt: null },
      ],
    });
    expect(allowedCommands(escalated, otherAgent)).toContain('returnToOrigin');
    expect(allowedCommands(escalated, requester)).toEqual(['reply']);
  });

  it('offers nothing to another agent on a ticket locked by an agent, and unlocking to its owner and a dispatcher', () => {
    const locked = ticketIn('InProgress', { lockedBy: agent.id });
    expect(allowedCommands(locked, otherAgent)).toEqual([]);
    expect(allowedCommands(locked, agent)).toContain('unlock');
    expect(allowedCommands(locked, agent)).not.toContain('lock');
    expect(allowedCommands(locked, dispatcher)).toEqual(allowedCommands(locked, agent));
    expect(allowedCommands(locked, requester)).toEqual(['reply']);
  });

  it.each<[TicketStatus, TicketCommandType[]]>([
    ['New', ['reply']],
    ['Assigned', ['reply']],
    ['InProgress', ['reply']],
    ['Pending', ['reply']],
    ['Resolved', ['reopen', 'reply']],
  ])('the requester in %s is offered %j', (status, expected) => {
    expect(allowedCommands(ticketIn(status), requester)).toEqual(expected);
  });

  it('offers the requester approval on a Resolved ticket whose service requires it', () => {
    expect(allowedCommands(ticketIn('Resolved', { requiresApproval: true }), requester)).toEqual(['reopen', 'reply', 'approve']);
  });

  it('offers nothing to an end user who is not the requester, nor to a process manager, nor to a monitor that did not raise it', () => {
    for (const status of OPEN_STATUSES) {
      expect(allowedCommands(ticketIn(status, { requiresApproval: true }), otherUser)).toEqual([]);
      expect(allowedCommands(ticketIn(status, { requiresApproval: true }), processManager)).toEqual([]);
      expect(allowedCommands(ticketIn(status, { requiresApproval: true }), monitor)).toEqual([]);
      expect(allowedCommands(monitoredIn(status, { requiresApproval: true }), otherMonitor)).toEqual([]);
    }
  });

  it('never offers autoClose to anyone: it is the workflow’s own event', () => {
    for (const actor of EVERYONE) {
      expect(allowedCommands(ticketIn('Resolved'), actor) as string[]).not.toContain('autoClose');
    }
  });

  // slaAlert is raised by the workflow's timers; recalculateSla has its own Update (it carries a policy).
  it('never offers slaAlert nor recalculateSla, not even to the system or an admin who may give them', () => {
    for (const status of OPEN_STATUSES) {
      for (const actor of EVERYONE) {
        const offered = allowedCommands(ticketIn(status), actor) as string[];
        expect(offered).not.toContain('slaAlert');
        expect(offered).not.toContain('recalculateSla');
      }
    }
    expect(TICKET_COMMANDS as readonly string[]).toContain('overridePriority');
    expect(TICKET_COMMANDS as readonly string[]).not.toContain('recalculateSla');
    expect(TICKET_COMMANDS as readonly string[]).not.toContain('slaAlert');
  });

  it('offers clearing flags instead of setting them once they are set', () => {
    const flagged = ticketIn('InProgress', { updateFlag: true, attentionFlag: true });
    const offered = allowedCommands(flagged, agent);
    expect(offered).toContain('clearAttention');
    expect(offered).toContain('clearUpdateFlag');
    expect(offered).not.toContain('setAttention');
  });

  it('offers beginWork to the dispatcher but not to an agent while another agent has the ticket', () => {
    const hisTicket = ticketIn('Assigned', { assigneeId: otherAgent.id });
    expect(allowedCommands(hisTicket, dispatcher)).toContain('beginWork');
    expect(allowedCommands(hisTicket, agent)).not.toContain('beginWork');
    expect(allowedCommands(hisTicket, otherAgent)).toContain('beginWork');
  });

  it('offers staff an answer to the user on a New ticket, whatever their role (their team is judged on giving)', () => {
    for (const staff of [agent, otherAgent, dispatcher, incidentManager, admin]) {
      expect(allowedCommands(ticketIn('New'), staff)).toEqual(NEW_FOR_STAFF);
      expect(allowedCommands(ticketIn('New', { updateFlag: true, attentionFlag: true }), staff)).toContain('addComment');
    }
  });

  // Offers are about who asks and the ticket's state; which team is named is input, judged on giving.
  it.each(['Assigned', 'InProgress', 'Pending'] as const)(
    'in %s, offers a dispatch but refuses one to the team the ticket already has',
    (status) => {
      const ticket = ticketIn(status);
      expect(allowedCommands(ticket, dispatcher)).toContain('assignToTeam');
      expect(refuse(ticket, dispatcher, { type: 'assignToTeam', ...SERVICE_DESK })).toMatchObject({
        code: 'ruleBroken',
        rule: 'otherTeam',
        field: 'teamId',
      });
      const moved = give(ticket, dispatcher, { type: 'assignToTeam', ...NETWORK_TEAM });
      expect(moved.status).toBe(status);
      expect(moved.context).toEqual({ ...ticket.context, ...dispatchedTo(NETWORK_TEAM) });
    },
  );

  it('offers the same as an agent to a dispatcher, incident manager and admin in Pending', () => {
    const expected = allowedCommands(ticketIn('Pending'), agent);
    for (const staff of [dispatcher, incidentManager, admin]) expect(allowedCommands(ticketIn('Pending'), staff)).toEqual(expected);
  });

  // judge, allowedCommands and the machine must agree: there is no second table.
  // Under both rule versions, urgent or not, locked or not, with an open escalation to return
  // from; always with a category, which an escalation needs and no command can carry (see wellFormed).
  const VARIANTS: Partial<TicketContext>[] = [
    { categoryId: 'c-printer' },
    // Issue 5: raised by the monitor, unworked or with an agent on it.
    { ...MONITORED, categoryId: 'c-printer' },
    { ...MONITORED, categoryId: 'c-printer', assigneeId: agent.id },
    { categoryId: 'c-printer', requiresApproval: true },
    { rulesVersion: 2, teamLine: 1, categoryId: 'c-printer', priority: 'P2' },
    { rulesVersion: 2, lockedBy: otherAgent.id, categoryId: 'c-printer' },
    {
      categoryId: 'c-printer',
      rulesVersion: 2,
      teamLine: 1,
      escalations: [
        { fromTeamId: 't-0', fromTeamName: 'Health IT', fromLine: 1, toTeamId: 't-1', toTeamName: 'Service Desk', toLine: 1, at: NOW, by: agent.id, returnedAt: null },
      ],
    },
  ];

  it.each(OPEN_STATUSES)('in %s, judge, allowedCommands and the machine agree for every actor and command', (status) => {
    for (const variant of VARIANTS) {
      const ticket = ticketIn(status, variant);
      for (const actor of EVERYONE) {
        const offered = allowedCommands(ticket, actor);
        for (const type of ALL_EVENT_TYPES) {
          const event = stamp(actor, wellFormed(type, actor, ticket.context));
          const verdict = judge(ticket, event);
          const [, effects] = applyTicketEvent(ticket, event);
          // Every declared transition asks for at least one effect, so "took it" = "asked for effects".
          expect({ type, actor: actor.id, took: effects.length > 0 }).toEqual({ type, actor: actor.id, took: verdict.allowed });
          if (isCommand(type)) {
            expect({ type, actor: actor.id, offered: offered.includes(type) }).toEqual({ type, actor: actor.id, offered: verdict.allowed });
          }
        }
      }
    }
  });
});

// --- persistence ----------------------------------------------------------------------------

describe('persisting and restoring a ticket', () => {
  it.each(TICKET_STATUSES)('keeps status and context of a %s ticket', (status) => {
    const ticket = ticketIn(status, { attentionFlag: true, updateFlag: true, requiresApproval: true, type: 'request' });
    const persisted = persistTicket(ticket);

    expect(persisted).toEqual({ status, context: openContext({ ...TYPICAL[status], attentionFlag: true, updateFlag: true, requiresApproval: true, type: 'request' }) });
    const restored = restoreTicket(JSON.parse(JSON.stringify(persisted)));
    expect(statusOf(restored)).toBe(status);
    expect(restored.status).toBe(status === 'Closed' ? 'done' : 'active');
    expect(restored.context).toEqual(ticket.context);
  });

  it('continues where it left off after a round trip through JSON (continue-as-new)', () => {
    let [ticket] = openTicket({ type: 'incident', priority: 'P3', requesterId: requester.id, requiresApproval: true, createdBy: requester, at: OPENED_AT });
    ticket = give(ticket, dispatcher, { type: 'assignToTeam', ...SERVICE_DESK }).snapshot;
    ticket = give(ticket, agent, { type: 'beginWork' }).snapshot;
    ticket = give(ticket, agent, { type: 'setPending', reason: 'awaitingUser', text: 'Which room?' }).snapshot;

    const carried = JSON.parse(JSON.stringify(persistTicket(ticket)));
    expect(carried).toEqual({
      status: 'Pending',
      context: openContext({
        ...ISSUE_4_FIELDS,
        ...dispatchedTo(SERVICE_DESK),
        assigneeId: agent.id,
        pendingReason: 'awaitingUser',
        pendingText: 'Which room?',
        pendingSince: NOW,
        pendingRemindedAt: null,
        requiresApproval: true,
      }),
    });

    const restored = restoreTicket(carried);
    expect(allowedCommands(restored, requester)).toEqual(['reply']);
    const replied = give(restored, requester, { type: 'reply', text: 'Room 1.23' });
    expect(replied.status).toBe('InProgress');
    const resolved = give(replied.snapshot, agent, { type: 'resolve', resolution: 'New toner' }, RESOLVED_AT);
    const approved = give(resolved.snapshot, requester, { type: 'approve' }, CLOSED_AT);
    expect(approved.status).toBe('Closed');
    expect(approved.context).toMatchObject({ resolution: 'New toner', resolvedAt: RESOLVED_AT, closedAt: CLOSED_AT });
  });
});

// REQUIREMENTS 9: a mail that could not be delivered is visible on its ticket, and the agent must
// know the user never heard.
describe.each(OPEN_STATUSES)('an undelivered notification in %s', (status) => {
  const UNDELIVERED = {
    type: 'notificationUndelivered',
    notificationId: 'INC-000123#4',
    recipient: 'Rita Requester <rita@example.edu>',
    subject: '[INC-000123] Resolved: Printer jams',
    reason: '550 5.1.1 mailbox unavailable',
  } as const;

  it('sets the Attention flag and journals an internal note naming recipient, subject and reason; no mail', () => {
    const before = ticketIn(status);
    const out = give(before, system, UNDELIVERED);

    expect(out.status).toBe(status);
    expect(out.context).toEqual({ ...before.context, attentionFlag: true });
    expect(out.effects).toEqual([
      recorded(
        'note',
        'internal',
        'Mail not delivered to Rita Requester <rita@example.edu>: "[INC-000123] Resolved: Printer jams" (550 5.1.1 mailbox unavailable). They have not been told; the ticket demands attention',
        'system',
      ),
    ]);
  });

  it('keeps the flag set when it is set already, and journals again', () => {
    const out = give(ticketIn(status, { attentionFlag: true }), system, UNDELIVERED);
    expect(out.context.attentionFlag).toBe(true);
    expect(out.effects).toHaveLength(1);
  });

  it('is given by the system only: people are forbidden (rule system)', () => {
    for (const actor of [requester, agent, dispatcher, admin]) {
      expect(refuse(ticketIn(status), actor, UNDELIVERED)).toMatchObject({ code: 'forbidden', rule: 'system' });
    }
  });
});

describe('an undelivered notification on a Closed ticket', () => {
  it('is refused as not possible now', () => {
    const verdict = refuse(ticketIn('Closed'), system, {
      type: 'notificationUndelivered',
      notificationId: 'INC-1#9',
      recipient: 'r',
      subject: 's',
      reason: '550',
    });
    expect(verdict).toMatchObject({ code: 'notAllowedNow', allowedCommands: [] });
  });
});

// REQUIREMENTS 9: mail from a recorded CC adds to the ticket; auto-generated mail that threads onto
// it is only recorded (never a reply, never answered).
describe.each(OPEN_STATUSES)('a mail note in %s', (status) => {
  it('from a CC: an internal note with the sender, and the Update flag', () => {
    const before = ticketIn(status, { updateFlag: false });
    const out = give(before, system, { type: 'mailNote', from: 'cc@example.edu', text: ' Same here on floor 2 ', update: true });
    expect(out.status).toBe(status);
    expect(out.context).toEqual({ ...before.context, updateFlag: true });
    expect(out.effects).toEqual([recorded('note', 'internal', 'Mail from cc@example.edu: Same here on floor 2', 'system')]);
  });

  it('auto-generated: recorded, status and Update flag unchanged', () => {
    const before = ticketIn(status, { updateFlag: false });
    const out = give(before, system, { type: 'mailNote', from: 'mailer-daemon@example.edu', text: 'Out of office', update: false });
    expect(out.status).toBe(status);
    expect(out.context).toEqual(before.context);
    expect(out.effects).toEqual([recorded('note', 'internal', 'Mail from mailer-daemon@example.edu: Out of office', 'system')]);
  });

  it('takes no empty text (422 on text) and no person (403)', () => {
    expect(refuse(ticketIn(status), system, { type: 'mailNote', from: 'x@example.edu', text: '  ', update: true })).toMatchObject({ code: 'ruleBroken', field: 'text' });
    expect(refuse(ticketIn(status), agent, { type: 'mailNote', from: 'x@example.edu', text: 'hi', update: true })).toMatchObject({ code: 'forbidden', rule: 'system' });
  });
});

describe('a vendor answer by mail (the system enters it for the recorded vendor address)', () => {
  it('ends a vendor wait: Pending to In Progress with the Update flag', () => {
    const before = ticketIn('Pending', { pendingReason: 'awaitingVendor', pendingText: 'Waiting for HP', vendor: { name: 'HP', ticketId: '4711', address: 'support@hp.example' } });
    const out = give(before, system, { type: 'vendorAnswer', text: 'Firmware 2.1 fixes it' });
    expect(out.status).toBe('InProgress');
    expect(out.context.updateFlag).toBe(true);
    expect(out.effects).toEqual([recorded('note', 'internal', 'Answer from HP: Firmware 2.1 fixes it', 'system')]);
  });

  it('records the vendor address given with the vendor ticket, lower-cased', () => {
    const out = give(ticketIn('InProgress'), agent, { type: 'recordVendorTicket', vendor: 'HP', vendorTicketId: '4711', vendorAddress: ' Support@HP.example ' });
    expect(out.context.vendor).toEqual({ name: 'HP', ticketId: '4711', address: 'support@hp.example' });
  });

  it('is still refused to the end user', () => {
    expect(refuse(ticketIn('InProgress'), requester, { type: 'vendorAnswer', text: 'hi' })).toMatchObject({ code: 'forbidden', rule: 'staffOrSystem' });
  });
});

describe('time registration (REQUIREMENTS 10, seed 003)', () => {
  it('journals the time registered by the rule and hands the entry to the workflow: 20 min remote is 30', () => {
    const out = give(ticketIn('InProgress'), agent, { type: 'logTime', minutes: 20, activity: 'remote', note: 'Reinstalled the driver' });
    expect(out.status).toBe('InProgress');
    expect(out.effects).toEqual([
      recorded('event', 'internal', timeEntryText({ workedMinutes: 20, minutes: 30, activity: 'remote', billable: true, workedOn: '2025-03-05', note: 'Reinstalled the driver' }), agent.id),
      {
        type: 'logTime',
        params: { entry: 1, workedMinutes: 20, minutes: 30, activity: 'remote', billable: true, workedOn: '2025-03-05', note: 'Reinstalled the driver', corrects: null, agentId: agent.id, agentName: 'Anna Agent' },
      },
    ]);
    expect(out.context.timeEntries).toEqual([{ workedMinutes: 20, minutes: 30, activity: 'remote', billable: true, corrects: null, corrected: false }]);
  });

  it('registers on-site work at least 60 minutes and numbers the entries', () => {
    const first = give(ticketIn('Assigned'), agent, { type: 'logTime', minutes: 20, activity: 'remote' });
    const second = give(first.snapshot, agent, { type: 'logTime', minutes: 45, activity: 'onSite', billable: false, workedOn: '2025-03-04' });
    expect(second.effects[1]).toMatchObject({ type: 'logTime', params: { entry: 2, minutes: 60, workedMinutes: 45, billable: false, workedOn: '2025-03-04' } });
  });

  it('corrects an entry by a counter-entry dated today, and only once', () => {
    const logged = give(ticketIn('InProgress'), agent, { type: 'logTime', minutes: 45, activity: 'onSite', workedOn: '2025-03-01' });
    const corrected = give(logged.snapshot, dispatcher, { type: 'correctTime', entry: 1, note: 'Was remote, not on site' });
    expect(corrected.effects).toEqual([
      recorded('event', 'internal', 'Time correction: -60 min onSite, cancelling entry 1: Was remote, not on site', dispatcher.id),
      {
        type: 'logTime',
        params: { entry: 2, workedMinutes: -45, minutes: -60, activity: 'onSite', billable: true, workedOn: '2025-03-05', note: 'Was remote, not on site', corrects: 1, agentId: dispatcher.id, agentName: 'Dana Dispatcher' },
      },
    ]);
    expect(refuse(corrected.snapshot, agent, { type: 'correctTime', entry: 1, note: 'again' })).toMatchObject({ code: 'notAllowedNow', rule: 'timeToCorrect' });
    const another = give(corrected.snapshot, agent, { type: 'logTime', minutes: 30, activity: 'remote' });
    expect(refuse(another.snapshot, agent, { type: 'correctTime', entry: 2, note: 'a correction is final' })).toMatchObject({ code: 'ruleBroken', rule: 'timeEntryCorrectable', field: 'entry' });
  });

  it('refuses time from end users, bad minutes and activities, and a work day to come', () => {
    const ticket = ticketIn('InProgress');
    expect(refuse(ticket, requester, { type: 'logTime', minutes: 20, activity: 'remote' })).toMatchObject({ code: 'forbidden', rule: 'staff' });
    expect(refuse(ticket, agent, { type: 'logTime', minutes: 0, activity: 'remote' })).toMatchObject({ code: 'ruleBroken', rule: 'timeGiven', field: 'minutes' });
    expect(refuse(ticket, agent, { type: 'logTime', minutes: 20, activity: 'sleeping' as never })).toMatchObject({ code: 'ruleBroken', field: 'activity' });
    expect(refuse(ticket, agent, { type: 'logTime', minutes: 20, activity: 'remote', workedOn: '2025-03-06' })).toMatchObject({ code: 'ruleBroken', field: 'workedOn' });
    expect(refuse(ticket, agent, { type: 'correctTime', entry: 1, note: 'nothing to correct' })).toMatchObject({ rule: 'timeToCorrect' });
  });
});

describe('the pending policy (REQUIREMENTS 2, seed 002)', () => {
  it('notes when the ticket was set Pending, so the workflow can count the wait', () => {
    const out = give(ticketIn('InProgress'), agent, { type: 'setPending', reason: 'awaitingUser', text: 'Which room?' });
    expect(out.context).toMatchObject({ pendingSince: NOW, pendingRemindedAt: null });
  });

  it('reminds the user once, publicly, with the question they were asked', () => {
    const waiting = ticketIn('Pending', { pendingSince: NOW });
    const out = give(waiting, system, { type: 'pendingReminder' }, '2025-03-10T07:00:00.000Z');
    expect(out.status).toBe('Pending');
    expect(out.context.pendingRemindedAt).toBe('2025-03-10T07:00:00.000Z');
    expect(out.effects).toEqual([
      recorded('event', 'public', 'Reminder sent: we are still waiting for your answer (Which room is the printer in?)', 'system'),
      notified('pendingReminder', 'Which room is the printer in?'),
    ]);
    expect(refuse(out.snapshot, system, { type: 'pendingReminder' })).toMatchObject({ rule: 'notReminded' });
  });

  it('closes a ticket the user never answered, telling them', () => {
    const out = give(ticketIn('Pending', { pendingSince: NOW }), system, { type: 'pendingExpired', text: 'no answer 7 business days after it was set Pending' });
    expect(out.status).toBe('Closed');
    expect(out.effects).toEqual([
      recorded('event', 'public', 'Closed without an answer from the user: no answer 7 business days after it was set Pending', 'system'),
      notified('closed'),
    ]);
  });

  it('leaves a wait on a vendor alone, and is the workflow’s own', () => {
    const vendorWait = ticketIn('Pending', { pendingReason: 'awaitingVendor', pendingText: 'HP is looking at it' });
    expect(refuse(vendorWait, system, { type: 'pendingExpired', text: 'x' })).toMatchObject({ rule: 'awaitingUser' });
    expect(refuse(ticketIn('Pending'), agent, { type: 'pendingReminder' })).toMatchObject({ code: 'forbidden', rule: 'system' });
  });
});

// --- a major incident's cascade (issue 15, item 3) ------------------------------------------

describe('resolved with a major incident', () => {
  const MI = { type: 'resolveWithMajorIncident', miNumber: 'MI-000007', resolution: ' The core switch was replaced ', ...NETWORK_TEAM } as const;

  it.each(['New', 'Assigned', 'InProgress', 'Pending'] as const)('resolves a %s incident in one step: the resolution, a public line naming the MI, the user told once', (status) => {
    const out = give(ticketIn(status, { updateFlag: true }), incidentManager, MI);
    expect(out.status).toBe('Resolved');
    const resolution = 'The core switch was replaced (resolved with major incident MI-000007)';
    expect(out.context).toMatchObject({ resolution, resolvedAt: NOW, updateFlag: false, pendingReason: null, pendingText: null });
    expect(out.effects).toEqual([recorded('event', 'public', `Resolved: ${resolution}`, incidentManager.id), notified('resolved', resolution)]);
  });

  it('gives a child without a team the resolving team, and leaves a team it has', () => {
    expect(give(ticketIn('New'), incidentManager, MI).context).toMatchObject({ teamId: NETWORK_TEAM.teamId, teamName: NETWORK_TEAM.teamName });
    expect(give(ticketIn('InProgress'), incidentManager, MI).context.teamId).toBe(SERVICE_DESK.teamId);
  });

  it('is refused where the child’s own rules say no: open tasks, no longer open, not staff (a lock binds agents, not an incident manager)', () => {
    expect(refuse(ticketIn('InProgress', { tasks: [{ number: 'TSK-000001', teamName: 'Network', status: 'InProgress' }] }), incidentManager, MI)).toMatchObject({ rule: 'noOpenTasks' });
    expect(refuse(ticketIn('InProgress', { lockedBy: incidentManager.id }), agent, MI)).toMatchObject({ rule: 'notLockedByOther' });
    expect(give(ticketIn('InProgress', { lockedBy: agent.id }), incidentManager, MI).status).toBe('Resolved');
    expect(refuse(ticketIn('Resolved'), incidentManager, MI)).toMatchObject({ code: 'notAllowedNow' });
    expect(refuse(ticketIn('InProgress'), requester, MI)).toMatchObject({ code: 'forbidden', rule: 'staff' });
  });

  it('is never offered as a command of its own', () => {
    for (const status of OPEN_STATUSES) expect(allowedCommands(ticketIn(status), incidentManager)).not.toContain('resolveWithMajorIncident');
  });
});

describe('closed as a duplicate (issue 15, item 3)', () => {
  it.each(['New', 'Assigned', 'InProgress', 'Pending'] as const)('closes a %s ticket, journals it publicly and tells the user which ticket to follow', (status) => {
    const out = give(ticketIn(status), agent, { type: 'closeAsDuplicate', duplicateOf: 'INC-000042' });
    const text = 'Closed as a duplicate of INC-000042: follow that ticket';
    expect(out.status).toBe('Closed');
    expect(out.context.closedAt).toBe(NOW);
    expect(out.effects).toEqual([recorded('event', 'public', text, agent.id), notified('closed', text)]);
  });

  it('needs a ticket number, staff, and an open ticket', () => {
    expect(refuse(ticketIn('New'), agent, { type: 'closeAsDuplicate', duplicateOf: 'the printer one' })).toMatchObject({ code: 'ruleBroken', field: 'duplicateOf' });
    expect(refuse(ticketIn('New'), requester, { type: 'closeAsDuplicate', duplicateOf: 'INC-000042' })).toMatchObject({ code: 'forbidden' });
    expect(refuse(ticketIn('Resolved'), agent, { type: 'closeAsDuplicate', duplicateOf: 'INC-000042' })).toMatchObject({ code: 'notAllowedNow' });
  });
});
