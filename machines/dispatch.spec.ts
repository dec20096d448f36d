// The dispatch, escalation and handover rules of issue 4 (REQUIREMENTS 3-4; seed 000, principles
// 1-3), through the same questions the workflow and the API ask as ticket.machine.spec.ts:
// judge, applyTicketEvent, allowedCommands. Each rule has a test here that fails without it.
// Tickets carry rulesVersion 2 (the rules new tickets get) unless a test says otherwise: a
// context without rulesVersion is a ticket opened before these rules, which keeps the old ones.
import { Actor, SYSTEM_ACTOR } from './actor';
import { assessNote } from './handover-note';
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
import { URGENT_PRIORITIES } from './ticket.rules';
import {
  EscalationStep,
  JournalKind,
  NotificationTemplate,
  TicketCommand,
  TicketContext,
  TicketEvent,
  TicketStatus,
  Visibility,
} from './ticket.types';

// --- teams and people -----------------------------------------------------------------------

const SERVICE_DESK = { teamId: 't-1', teamName: 'Service Desk', teamLine: 1 };
const HEALTH_IT = { teamId: 't-5', teamName: 'Health IT', teamLine: 1 };
const SERVERS = { teamId: 't-3', teamName: '2nd line Servers', teamLine: 2 };
const NETWORK = { teamId: 't-2', teamName: '2nd line Network', teamLine: 2 };
const STORAGE = { teamId: 't-4', teamName: '3rd line Storage', teamLine: 3 };
type Team = typeof SERVICE_DESK;

const requester: Actor = { id: 'u-req', role: 'endUser', name: 'Rita Requester' };
const otherUser: Actor = { id: 'u-other', role: 'endUser', name: 'Otto Other' };
const agent: Actor = { id: 'a-1', role: 'agent', name: 'Anna Agent', teamIds: ['t-1'] };
const colleague: Actor = { id: 'a-2', role: 'agent', name: 'Bo Agent', teamIds: ['t-1'] };
const serversAgent: Actor = { id: 'a-3', role: 'agent', name: 'Sam Servers', teamIds: ['t-3'] };
const storageAgent: Actor = { id: 'a-4', role: 'agent', name: 'Stella Storage', teamIds: ['t-4'] };
const deskDispatcher: Actor = { id: 'd-1', role: 'dispatcher', name: 'Dana Dispatcher', teamIds: ['t-1'] };
const healthDispatcher: Actor = { id: 'd-5', role: 'dispatcher', name: 'Hugo Health', teamIds: ['t-5'] };
const serversDispatcher: Actor = { id: 'd-3', role: 'dispatcher', name: 'Sigrid Servers', teamIds: ['t-3'] };
const incidentManager: Actor = { id: 'im-1', role: 'incidentManager', name: 'Ivan Incident' };
const admin: Actor = { id: 'adm-1', role: 'admin', name: 'Ada Admin' };
const processManager: Actor = { id: 'pm-1', role: 'processManager' };
const system: Actor = SYSTEM_ACTOR;
/** Issue 5: a monitoring system, requester of the incidents it raises. */
const monitor: Actor = { id: 'mon-1', role: 'monitor', name: 'Zabbix' };

const OPENED_AT = '2025-03-03T08:00:00.000Z';
const NOW = '2025-03-05T09:30:00.000Z';
const LATER = '2025-03-06T14:00:00.000Z';

/** Notes the rule of handover-note.ts accepts: a summary of the problem and what was tried, a solution. */
const HANDOVER = 'Printer on 3rd floor prints nothing; restarted spooler and reinstalled driver, no change.';
const SOLUTION = 'Replaced the corrupt driver package on the print server; a test page printed fine.';
const STORAGE_HANDOVER = 'Print server disk is failing: SMART errors on volume D, spooler files corrupt again after repair.';
const STORAGE_SOLUTION = 'Moved the print server to a new datastore and restored the spool folder from backup.';

// --- factories ------------------------------------------------------------------------------

/** A ticket's context; the base has no rulesVersion (old rules), the helpers below add version 2. */
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

const atTeam = (team: Team): Partial<TicketContext> => ({ teamId: team.teamId, teamName: team.teamName, teamLine: team.teamLine });

/** The rules new tickets get, with the ticket at the 1st-line Service Desk. */
const V2: Partial<TicketContext> = { rulesVersion: 2, ...atTeam(SERVICE_DESK) };
/** A category with its Additional Questions, all answered: ready for escalation. */
const CATEGORISED: Partial<TicketContext> = {
  categoryId: 'c-printer',
  requiredQuestions: ['room', 'model'],
  answers: { room: '1.23', model: 'HP M404' },
};
const READY: Partial<TicketContext> = { ...V2, ...CATEGORISED };
/** A category without questions: enough for a transfer to another team. */
const CATEGORY: Partial<TicketContext> = { categoryId: 'c-general' };

const TYPICAL: Record<TicketStatus, Partial<TicketContext>> = {
  New: { teamId: null, teamName: null, teamLine: null },
  Assigned: {},
  InProgress: { assigneeId: agent.id },
  Pending: { assigneeId: agent.id, pendingReason: 'awaitingUser', pendingText: 'Which room is the printer in?' },
  Resolved: { assigneeId: agent.id, resolution: 'Replaced the toner cartridge', resolvedAt: NOW },
  Closed: { assigneeId: agent.id, resolution: 'Replaced the toner cartridge', resolvedAt: NOW, closedAt: LATER },
};

/** A rules-version-2 ticket at the Service Desk in `status`, with `overrides`. */
function ticketIn(status: TicketStatus, overrides: Partial<TicketContext> = {}): TicketSnapshot {
  return restoreTicket({ status, context: openContext({ ...V2, ...TYPICAL[status], ...overrides }) });
}

/** A ticket opened before the dispatch rules: no rulesVersion, no line, no team name. */
function oldTicketIn(status: TicketStatus, overrides: Partial<TicketContext> = {}): TicketSnapshot {
  return restoreTicket({ status, context: openContext({ teamId: status === 'New' ? null : SERVICE_DESK.teamId, ...TYPICAL[status], ...overrides }) });
}

const step = (from: Team, to: Team, by: Actor, at = NOW, returnedAt: string | null = null): EscalationStep => ({
  fromTeamId: from.teamId,
  fromTeamName: from.teamName,
  fromLine: from.teamLine,
  toTeamId: to.teamId,
  toTeamName: to.teamName,
  toLine: to.teamLine,
  at,
  by: by.id,
  returnedAt,
});

/** Escalated from the Service Desk to 2nd line Servers, where a 2nd-line agent works it. */
const ESCALATED: Partial<TicketContext> = {
  ...READY,
  ...atTeam(SERVERS),
  assigneeId: serversAgent.id,
  escalations: [step(SERVICE_DESK, SERVERS, agent)],
};

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
  return { status: statusOf(next), context: next.context, effects: kept(effects), snapshot: next };
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
  expect(next.context).toEqual(snapshot.context);
  return verdict;
}

/** The effects the workflow carries out: it skips a record with nothing to say (no handover note on a first dispatch). */
function kept(effects: TicketEffect[]): TicketEffect[] {
  return effects.filter((effect) => effect.type !== 'record' || effect.params.text.trim() !== '');
}

const recorded = (kind: JournalKind, visibility: Visibility, text: string, authorId: string): TicketEffect => ({
  type: 'record',
  params: { kind, visibility, text, authorId },
});
const notified = (template: NotificationTemplate, text: string | null = null): TicketEffect => ({
  type: 'notifyRequester',
  params: { template, audience: 'requester', text },
});
const handoverAlert = (priority: string, team: Team): TicketEffect => ({
  type: 'notifyTeam',
  params: { template: 'handoverAlert', audience: 'team', text: `A ${priority} ticket was handed to ${team.teamName}.` },
});
const escalation = (to: Team, note = HANDOVER): TicketCommand => ({ type: 'escalate', ...to, note });
const journalOf = (effects: TicketEffect[]): string[] =>
  effects.flatMap((effect) => (effect.type === 'record' ? [`${effect.params.visibility} ${effect.params.kind}: ${effect.params.text}`] : []));

// --- escalation -----------------------------------------------------------------------------

describe('escalating a ticket to a higher line (REQUIREMENTS 3-4; seed 000, principles 1-2)', () => {
  describe.each<TicketStatus>(['Assigned', 'InProgress'])('from %s', (status) => {
    it(`is handed over ${status === 'InProgress' ? 'In Progress' : 'Assigned'}: new team, line and name, no agent, no lock, the step kept`, () => {
      const before = ticketIn(status, { ...READY, assigneeId: agent.id, lockedBy: agent.id });
      const out = give(before, agent, escalation(SERVERS, `  ${HANDOVER}  `));

      expect(out.status).toBe(status);
      expect(out.context).toEqual({
        ...before.context,
        ...atTeam(SERVERS),
        assigneeId: null,
        lockedBy: null,
        escalations: [step(SERVICE_DESK, SERVERS, agent)],
      });
    });

    it('journals the handover note internally, tells the user publicly and by mail which team has it', () => {
      const out = give(ticketIn(status, READY), agent, escalation(SERVERS));
      expect(out.effects).toEqual([
        recorded('note', 'internal', `Handover to 2nd line Servers: ${HANDOVER}`, agent.id),
        recorded('event', 'public', 'Escalated to 2nd line Servers', agent.id),
        notified('escalated', '2nd line Servers'),
      ]);
    });

    it.each(URGENT_PRIORITIES)('alerts the receiving team’s dispatcher and lead for a %s ticket', (priority) => {
      const out = give(ticketIn(status, { ...READY, priority }), agent, escalation(SERVERS));
      expect(out.effects).toEqual([
        recorded('note', 'internal', `Handover to 2nd line Servers: ${HANDOVER}`, agent.id),
        recorded('event', 'public', 'Escalated to 2nd line Servers', agent.id),
        notified('escalated', '2nd line Servers'),
        handoverAlert(priority, SERVERS),
      ]);
    });

    it.each(['P3', 'P4', 'C'])('alerts no team for a %s ticket', (priority) => {
      const out = give(ticketIn(status, { ...READY, priority }), agent, escalation(SERVERS));
      expect(out.effects.filter((effect) => effect.type === 'notifyTeam')).toEqual([]);
      expect(out.effects).toContainEqual(notified('escalated', '2nd line Servers'));
    });
  });

  it('goes straight from the 1st to the 3rd line, and from the 2nd to the 3rd', () => {
    expect(give(ticketIn('InProgress', READY), agent, escalation(STORAGE)).context).toMatchObject({ ...atTeam(STORAGE) });
    const second = ticketIn('InProgress', ESCALATED);
    const out = give(second, serversAgent, escalation(STORAGE, STORAGE_HANDOVER));
    expect(out.context.escalations).toEqual([step(SERVICE_DESK, SERVERS, agent), step(SERVERS, STORAGE, serversAgent)]);
  });

  it('is refused without a category (422 on categoryId): a missing category must be added first', () => {
    for (const categoryId of [null, undefined]) {
      expect(refuse(ticketIn('InProgress', { ...READY, categoryId }), agent, escalation(SERVERS))).toMatchObject({
        code: 'ruleBroken',
        rule: 'categorySet',
        field: 'categoryId',
        message: 'the ticket needs a category that matches its description before it is escalated',
      });
    }
  });

  it('is refused while Additional Questions are unanswered (422 on answers), naming each missing one', () => {
    const ticket = ticketIn('InProgress', {
      ...READY,
      requiredQuestions: ['room', 'model', 'os'],
      answers: { room: '1.23', model: '   ' },
    });
    expect(refuse(ticket, agent, escalation(SERVERS))).toMatchObject({
      code: 'ruleBroken',
      rule: 'questionsAnswered',
      field: 'answers',
      message: 'the category’s Additional Questions must be answered first: model, os',
    });
    const none = ticketIn('InProgress', { ...READY, answers: {} });
    expect(refuse(none, agent, escalation(SERVERS)).message).toBe('the category’s Additional Questions must be answered first: room, model');
  });

  it('needs no answers when the category asks no questions', () => {
    const out = give(ticketIn('InProgress', { ...READY, requiredQuestions: [], answers: {} }), agent, escalation(SERVERS));
    expect(out.context.teamId).toBe(SERVERS.teamId);
  });

  it.each(['done', 'Done.', 'see above', 'Se ovenfor', 'fyi', 'printer broken', '', '   ', 'see above see journal see notes ok'])(
    'is refused with the handover note %j (422 on note, the message says why)',
    (note) => {
      const verdict = refuse(ticketIn('InProgress', READY), agent, escalation(SERVERS, note));
      expect(verdict).toMatchObject({ code: 'ruleBroken', rule: 'handoverNote', field: 'note' });
      expect(verdict.message).toBe(assessNote(note).problem);
    },
  );

  it('says "done" says nothing, and a short note is too short', () => {
    expect(refuse(ticketIn('InProgress', READY), agent, escalation(SERVERS, 'done')).message).toBe(
      '"done" says nothing: summarise the problem and what was tried',
    );
    expect(refuse(ticketIn('InProgress', READY), agent, escalation(SERVERS, 'printer broken')).message).toMatch(/at least 4 words and 25 characters/);
  });

  it.each<[string, Team, Team]>([
    ['1st to 1st', SERVICE_DESK, HEALTH_IT],
    ['2nd to 2nd', SERVERS, NETWORK],
    ['3rd to 2nd', STORAGE, SERVERS],
    ['2nd to 1st', SERVERS, SERVICE_DESK],
  ])('is refused from a team to one of the same or a lower line (%s): 422 on teamId, rule higherLine', (_lines, from, to) => {
    expect(refuse(ticketIn('InProgress', { ...READY, ...atTeam(from) }), agent, escalation(to))).toMatchObject({
      code: 'ruleBroken',
      rule: 'higherLine',
      field: 'teamId',
      message: 'escalation goes to a 2nd or 3rd line team above the current one',
    });
  });

  it('is refused without a target team (rule teamGiven)', () => {
    expect(refuse(ticketIn('InProgress', READY), agent, { type: 'escalate', teamId: ' ', teamName: '', teamLine: 2, note: HANDOVER })).toMatchObject({
      code: 'ruleBroken',
      rule: 'teamGiven',
      field: 'teamId',
    });
  });

  it('is refused to the end user and to roles that do not work tickets (403, rule staff)', () => {
    for (const actor of [requester, otherUser, processManager, monitor]) {
      expect(refuse(ticketIn('InProgress', READY), actor, escalation(SERVERS))).toMatchObject({ code: 'forbidden', rule: 'staff' });
    }
  });

  it('is refused before the ticket is dispatched to a team (409)', () => {
    expect(refuse(ticketIn('New', CATEGORISED), agent, escalation(SERVERS))).toMatchObject({
      code: 'notAllowedNow',
      message: 'escalate is not possible while the ticket is New',
    });
    // A ticket restored without a team (the machine no longer lets one get there) says why.
    const teamless = ticketIn('Assigned', { ...READY, teamId: null, teamName: null, teamLine: null });
    expect(refuse(teamless, agent, escalation(SERVERS))).toMatchObject({
      code: 'notAllowedNow',
      rule: 'hasTeam',
      message: 'the ticket must first be dispatched to a team',
    });
    expect(allowedCommands(teamless, agent)).not.toContain('escalate');
  });

  it('is refused while Pending (resume first) and once Resolved', () => {
    expect(refuse(ticketIn('Pending', READY), agent, escalation(SERVERS)).code).toBe('notAllowedNow');
    expect(refuse(ticketIn('Resolved', READY), agent, escalation(SERVERS)).code).toBe('notAllowedNow');
  });

  it('is refused to another agent while the ticket is locked, and allowed to a dispatcher', () => {
    const locked = ticketIn('InProgress', { ...READY, lockedBy: colleague.id });
    expect(refuse(locked, agent, escalation(SERVERS))).toMatchObject({ code: 'forbidden', rule: 'notLockedByOther' });
    expect(give(locked, deskDispatcher, escalation(SERVERS)).context.lockedBy).toBeNull();
  });

  it('holds for tickets under the old rules too: escalation is new, so is everything it needs', () => {
    const old = oldTicketIn('InProgress');
    expect(refuse(old, agent, escalation(SERVERS))).toMatchObject({ rule: 'categorySet' });
    const out = give(oldTicketIn('InProgress', CATEGORISED), agent, escalation(SERVERS));
    // The old ticket's team has no name nor line on record: its id stands in, 1st line assumed.
    expect(out.context.escalations).toEqual([
      { ...step(SERVICE_DESK, SERVERS, agent), fromTeamName: SERVICE_DESK.teamId, fromLine: 1 },
    ]);
  });
});

// --- return to origin -----------------------------------------------------------------------

describe('returning an escalated ticket to the team it came from (REQUIREMENTS 4; seed 000, principle 3)', () => {
  it('goes back In Progress to the primary team with its line and name, unassigned, the step closed', () => {
    const before = ticketIn('InProgress', { ...ESCALATED, lockedBy: serversAgent.id });
    const out = give(before, serversAgent, { type: 'returnToOrigin', note: ` ${SOLUTION} ` }, LATER);

    expect(out.status).toBe('InProgress');
    expect(out.context).toEqual({
      ...before.context,
      ...atTeam(SERVICE_DESK),
      assigneeId: null,
      lockedBy: null,
      escalations: [step(SERVICE_DESK, SERVERS, agent, NOW, LATER)],
    });
  });

  it('journals the solution internally and the return publicly', () => {
    const out = give(ticketIn('InProgress', ESCALATED), serversAgent, { type: 'returnToOrigin', note: SOLUTION });
    expect(out.effects).toEqual([
      recorded('note', 'internal', `Solution: ${SOLUTION}`, serversAgent.id),
      recorded('event', 'public', 'Returned to Service Desk', serversAgent.id),
    ]);
  });

  it('keeps an Assigned ticket Assigned', () => {
    expect(give(ticketIn('Assigned', ESCALATED), serversDispatcher, { type: 'returnToOrigin', note: SOLUTION }).status).toBe('Assigned');
  });

  it('is refused when the ticket was not escalated (409, rule escalated), and once it has been returned', () => {
    const notEscalated = ticketIn('InProgress', READY);
    expect(refuse(notEscalated, agent, { type: 'returnToOrigin', note: SOLUTION })).toMatchObject({
      code: 'notAllowedNow',
      rule: 'escalated',
      message: 'the ticket was not escalated to this team: there is no team to return it to',
    });
    const returned = give(ticketIn('InProgress', ESCALATED), serversAgent, { type: 'returnToOrigin', note: SOLUTION }).snapshot;
    expect(refuse(returned, agent, { type: 'returnToOrigin', note: SOLUTION })).toMatchObject({ code: 'notAllowedNow', rule: 'escalated' });
    expect(allowedCommands(returned, agent)).not.toContain('returnToOrigin');
  });

  it.each(['done', 'fixed', 'Løst', 'see above', 'ok', 'works now'])('is refused with the solution note %j (422 on note)', (note) => {
    const verdict = refuse(ticketIn('InProgress', ESCALATED), serversAgent, { type: 'returnToOrigin', note });
    expect(verdict).toMatchObject({ code: 'ruleBroken', rule: 'solutionNote', field: 'note' });
    expect(verdict.message).toBe(`describe the solution: ${assessNote(note).problem}`);
  });

  it('is refused to the end user (403) and to another agent while locked', () => {
    expect(refuse(ticketIn('InProgress', ESCALATED), requester, { type: 'returnToOrigin', note: SOLUTION })).toMatchObject({
      code: 'forbidden',
      rule: 'staff',
    });
    const locked = ticketIn('InProgress', { ...ESCALATED, lockedBy: serversAgent.id });
    expect(refuse(locked, storageAgent, { type: 'returnToOrigin', note: SOLUTION })).toMatchObject({
      code: 'forbidden',
      rule: 'notLockedByOther',
    });
  });

  it('unwinds a two-level chain one step at a time: 3rd line back to 2nd, 2nd back to 1st', () => {
    let ticket = ticketIn('InProgress', READY);
    ticket = give(ticket, agent, escalation(SERVERS), '2025-03-05T10:00:00.000Z').snapshot;
    ticket = give(ticket, serversAgent, escalation(STORAGE, STORAGE_HANDOVER), '2025-03-05T11:00:00.000Z').snapshot;
    expect(ticket.context).toMatchObject(atTeam(STORAGE));

    const toSecond = give(ticket, storageAgent, { type: 'returnToOrigin', note: STORAGE_SOLUTION }, '2025-03-05T12:00:00.000Z');
    expect(toSecond.status).toBe('InProgress');
    expect(toSecond.context).toMatchObject({ ...atTeam(SERVERS), assigneeId: null });
    expect(toSecond.context.escalations).toEqual([
      step(SERVICE_DESK, SERVERS, agent, '2025-03-05T10:00:00.000Z'),
      step(SERVERS, STORAGE, serversAgent, '2025-03-05T11:00:00.000Z', '2025-03-05T12:00:00.000Z'),
    ]);
    expect(toSecond.effects[1]).toEqual(recorded('event', 'public', 'Returned to 2nd line Servers', storageAgent.id));

    const toFirst = give(toSecond.snapshot, serversAgent, { type: 'returnToOrigin', note: SOLUTION }, '2025-03-05T13:00:00.000Z');
    expect(toFirst.status).toBe('InProgress');
    expect(toFirst.context).toMatchObject({ ...atTeam(SERVICE_DESK), assigneeId: null });
    // The chain stays on the ticket, every step closed.
    expect(toFirst.context.escalations).toEqual([
      step(SERVICE_DESK, SERVERS, agent, '2025-03-05T10:00:00.000Z', '2025-03-05T13:00:00.000Z'),
      step(SERVERS, STORAGE, serversAgent, '2025-03-05T11:00:00.000Z', '2025-03-05T12:00:00.000Z'),
    ]);
    expect(toFirst.effects[0]).toEqual(recorded('note', 'internal', `Solution: ${SOLUTION}`, serversAgent.id));
    expect(refuse(toFirst.snapshot, agent, { type: 'returnToOrigin', note: SOLUTION }).rule).toBe('escalated');
  });

  // KNOWN BUG, reported to the machine's owner: the public "Returned to …" entry names the origin
  // of the last step in the array that has returnedAt set, which after the second return of a
  // chain is the 3rd-line step (2nd line), not the step just closed (1st line). The user reads the
  // The public entry names the team the ticket went back to, also on the second return of a chain.
  it('journals the second return of a chain as a return to the team it went back to', () => {
    let ticket = ticketIn('InProgress', READY);
    ticket = give(ticket, agent, escalation(SERVERS)).snapshot;
    ticket = give(ticket, serversAgent, escalation(STORAGE, STORAGE_HANDOVER)).snapshot;
    ticket = give(ticket, storageAgent, { type: 'returnToOrigin', note: STORAGE_SOLUTION }).snapshot;
    const toFirst = give(ticket, serversAgent, { type: 'returnToOrigin', note: SOLUTION });
    expect(toFirst.context.teamName).toBe('Service Desk');
    expect(toFirst.effects[1]).toEqual(recorded('event', 'public', 'Returned to Service Desk', serversAgent.id));
  });
});

// --- dispatch to a team ---------------------------------------------------------------------

describe('dispatching to a team under the new rules (seed 000, principles 1 and 3)', () => {
  it('needs no handover note for the first dispatch, and keeps the team’s name and line', () => {
    const out = give(ticketIn('New'), deskDispatcher, { type: 'assignToTeam', ...SERVICE_DESK });
    expect(out.status).toBe('Assigned');
    expect(out.context).toMatchObject({ ...atTeam(SERVICE_DESK), assigneeId: null });
    expect(out.effects).toEqual([
      recorded('event', 'public', 'Dispatched to team Service Desk', deskDispatcher.id),
      notified('assignedToTeam', 'Service Desk'),
    ]);
  });

  it('lets the workflow itself dispatch a new ticket to the requester’s primary team', () => {
    expect(give(ticketIn('New'), system, { type: 'assignToTeam', ...SERVICE_DESK }).context.teamId).toBe(SERVICE_DESK.teamId);
  });

  it.each<TicketStatus>(['Assigned', 'InProgress', 'Pending'])('refuses a transfer from %s without a handover note (422 on note)', (status) => {
    const verdict = refuse(ticketIn(status), agent, { type: 'assignToTeam', ...HEALTH_IT });
    expect(verdict).toMatchObject({ code: 'ruleBroken', rule: 'handoverNoteIfTransfer', field: 'note' });
    expect(verdict.message).toBe(assessNote(undefined).problem);
  });

  it.each(['done', 'see above', 'please handle', 'printer broken', '  '])('refuses a transfer with the note %j', (note) => {
    const verdict = refuse(ticketIn('InProgress'), agent, { type: 'assignToTeam', ...HEALTH_IT, note });
    expect(verdict).toMatchObject({ code: 'ruleBroken', rule: 'handoverNoteIfTransfer', field: 'note', message: assessNote(note).problem });
  });

  it('journals the handover note first, while the ticket is still with the old team, then the dispatch', () => {
    const out = give(ticketIn('InProgress', { lockedBy: agent.id, ...CATEGORY }), agent, { type: 'assignToTeam', ...HEALTH_IT, note: ` ${HANDOVER} ` });
    expect(out.status).toBe('InProgress');
    expect(out.context).toMatchObject({ ...atTeam(HEALTH_IT), assigneeId: null, lockedBy: null });
    expect(out.effects).toEqual([
      recorded('note', 'internal', `Handover to Health IT: ${HANDOVER}`, agent.id),
      recorded('event', 'public', 'Dispatched to team Health IT', agent.id),
      notified('assignedToTeam', 'Health IT'),
    ]);
  });

  it('refuses a transfer to a higher line (422 on teamId, rule notHigherLine): that is an escalation', () => {
    for (const to of [SERVERS, STORAGE]) {
      expect(refuse(ticketIn('InProgress', READY), agent, { type: 'assignToTeam', ...to, note: HANDOVER })).toMatchObject({
        code: 'ruleBroken',
        rule: 'notHigherLine',
        field: 'teamId',
        message: 'that team is in a higher line: escalate the ticket instead',
      });
    }
  });

  it('refuses a transfer without a category that matches the description (seed 000, principle 3)', () => {
    expect(refuse(ticketIn('InProgress'), agent, { type: 'assignToTeam', ...HEALTH_IT, note: HANDOVER })).toMatchObject({
      code: 'ruleBroken',
      rule: 'categorySetIfTransfer',
      field: 'categoryId',
    });
    // The first dispatch needs none: the dispatcher of the receiving team checks it.
    expect(give(ticketIn('New'), deskDispatcher, { type: 'assignToTeam', ...SERVICE_DESK }).status).toBe('Assigned');
  });

  it('allows a transfer to the same or a lower line with a note', () => {
    expect(give(ticketIn('InProgress', { ...atTeam(SERVERS), ...CATEGORY }), serversAgent, { type: 'assignToTeam', ...NETWORK, note: HANDOVER }).context.teamLine).toBe(2);
    expect(give(ticketIn('InProgress', { ...atTeam(STORAGE), ...CATEGORY }), storageAgent, { type: 'assignToTeam', ...SERVICE_DESK, note: HANDOVER }).context.teamLine).toBe(1);
  });

  it.each(URGENT_PRIORITIES)('alerts the receiving team for a %s ticket, on a transfer and on the first dispatch', (priority) => {
    const transfer = give(ticketIn('InProgress', { priority, ...CATEGORY }), agent, { type: 'assignToTeam', ...HEALTH_IT, note: HANDOVER });
    expect(transfer.effects.at(-1)).toEqual(handoverAlert(priority, HEALTH_IT));
    const first = give(ticketIn('New', { priority }), deskDispatcher, { type: 'assignToTeam', ...SERVICE_DESK });
    expect(first.effects.at(-1)).toEqual(handoverAlert(priority, SERVICE_DESK));
  });

  it('alerts no team for a P3 or P4 ticket', () => {
    for (const priority of ['P3', 'P4']) {
      const out = give(ticketIn('InProgress', { priority, ...CATEGORY }), agent, { type: 'assignToTeam', ...HEALTH_IT, note: HANDOVER });
      expect(out.effects.filter((effect) => effect.type === 'notifyTeam')).toEqual([]);
    }
  });

  it('refuses another agent while the ticket is locked, and lets a dispatcher move it', () => {
    const locked = ticketIn('InProgress', { lockedBy: agent.id, ...CATEGORY });
    expect(refuse(locked, colleague, { type: 'assignToTeam', ...HEALTH_IT, note: HANDOVER })).toMatchObject({
      code: 'forbidden',
      rule: 'notLockedByOther',
    });
    expect(give(locked, deskDispatcher, { type: 'assignToTeam', ...HEALTH_IT, note: HANDOVER }).context.teamId).toBe(HEALTH_IT.teamId);
  });

  describe('for a ticket opened before these rules (no rulesVersion: it keeps its rules)', () => {
    it('transfers without a handover note, as it always did', () => {
      const out = give(oldTicketIn('InProgress'), agent, { type: 'assignToTeam', ...HEALTH_IT });
      expect(out.status).toBe('InProgress');
      expect(out.effects).toEqual([
        recorded('event', 'public', 'Dispatched to team Health IT', agent.id),
        notified('assignedToTeam', 'Health IT'),
      ]);
    });

    it('transfers to a higher-line team without escalating', () => {
      const old = oldTicketIn('InProgress', { teamLine: 1 });
      expect(give(old, agent, { type: 'assignToTeam', ...SERVERS }).context.teamId).toBe(SERVERS.teamId);
    });

    it('still journals a handover note when one is given', () => {
      const out = give(oldTicketIn('Assigned'), agent, { type: 'assignToTeam', ...HEALTH_IT, note: HANDOVER });
      expect(out.effects[0]).toEqual(recorded('note', 'internal', `Handover to Health IT: ${HANDOVER}`, agent.id));
    });
  });
});

// --- assignment to an agent -----------------------------------------------------------------

describe('assigning a ticket to an agent under the new rules (seed 000, principle 3)', () => {
  const toColleague: TicketCommand = { type: 'assignToAgent', agentId: colleague.id, agentName: 'Bo Agent', agentTeamIds: ['t-1'] };
  const toServers: TicketCommand = { type: 'assignToAgent', agentId: serversAgent.id, agentName: 'Sam Servers', agentTeamIds: ['t-3'] };

  it('is done by a dispatcher of the ticket’s team, within the team', () => {
    const out = give(ticketIn('Assigned'), deskDispatcher, toColleague);
    expect(out.context.assigneeId).toBe(colleague.id);
    expect(out.effects).toEqual([recorded('event', 'internal', 'Assigned to Bo Agent', deskDispatcher.id)]);
  });

  it('is refused to a dispatcher of another team (403, rule dispatcherOrSelf)', () => {
    const verdict = refuse(ticketIn('Assigned'), healthDispatcher, toColleague);
    expect(verdict).toMatchObject({
      code: 'forbidden',
      rule: 'dispatcherOrSelf',
      message: 'only a dispatcher of the ticket’s team assigns it to another agent, unless it was agreed with that agent',
    });
    expect(verdict.allowedCommands).not.toContain('assignToAgent');
  });

  it('lets a dispatcher of another team assign on a ticket under the old rules', () => {
    expect(give(oldTicketIn('Assigned'), healthDispatcher, toColleague).context.assigneeId).toBe(colleague.id);
  });

  it('refuses an agent outside the ticket’s team without an "agreed with" (422 on agreedWith)', () => {
    for (const agreedWith of [undefined, '', '   ']) {
      expect(refuse(ticketIn('Assigned'), deskDispatcher, { ...toServers, agreedWith })).toMatchObject({
        code: 'ruleBroken',
        rule: 'agentInTeamOrAgreed',
        field: 'agreedWith',
        message: 'the agent is not in the ticket’s team: assign within the team, or say with whom it was agreed',
      });
    }
  });

  it('assigns an agent outside the team when it was agreed, and journals with whom', () => {
    const out = give(ticketIn('InProgress'), deskDispatcher, { ...toServers, agreedWith: '  Sam Servers, phone call 5 March ' });
    expect(out.status).toBe('InProgress');
    expect(out.context.assigneeId).toBe(serversAgent.id);
    expect(out.effects).toEqual([
      recorded('event', 'internal', 'Assigned to Sam Servers (agreed with: Sam Servers, phone call 5 March)', deskDispatcher.id),
    ]);
  });

  it('assigns an agent outside the team on a ticket under the old rules without asking', () => {
    expect(give(oldTicketIn('Assigned'), deskDispatcher, toServers).context.assigneeId).toBe(serversAgent.id);
  });

  it('lets an agent hand the ticket to a colleague when it was agreed with them, not otherwise', () => {
    const out = give(ticketIn('InProgress'), agent, { ...toColleague, agreedWith: 'Bo, at the stand-up' });
    expect(out.context.assigneeId).toBe(colleague.id);
    expect(out.effects).toEqual([recorded('event', 'internal', 'Assigned to Bo Agent (agreed with: Bo, at the stand-up)', agent.id)]);
    expect(refuse(ticketIn('InProgress'), agent, toColleague)).toMatchObject({ code: 'forbidden', rule: 'dispatcherOrSelf' });
    expect(refuse(ticketIn('InProgress'), agent, { ...toColleague, agreedWith: '  ' })).toMatchObject({ code: 'forbidden', rule: 'dispatcherOrSelf' });
    // Under the old rules only a dispatcher hands a ticket to another agent.
    expect(refuse(oldTicketIn('InProgress'), agent, { ...toColleague, agreedWith: 'Bo' })).toMatchObject({ code: 'forbidden', rule: 'dispatcherOrSelf' });
  });

  it('lets an agent of the team take the ticket, and an agent of another team only by agreement', () => {
    expect(give(ticketIn('Assigned'), colleague, { ...toColleague }).context.assigneeId).toBe(colleague.id);
    const self: TicketCommand = { type: 'assignToAgent', agentId: serversAgent.id, agentName: 'Sam Servers', agentTeamIds: ['t-3'] };
    expect(refuse(ticketIn('Assigned'), serversAgent, self)).toMatchObject({ code: 'ruleBroken', rule: 'agentInTeamOrAgreed' });
    expect(give(ticketIn('Assigned'), serversAgent, { ...self, agreedWith: 'Dana Dispatcher' }).context.assigneeId).toBe(serversAgent.id);
  });

  it('lets incident managers and admins assign whatever team the ticket is in', () => {
    for (const actor of [incidentManager, admin]) expect(give(ticketIn('Assigned'), actor, toColleague).context.assigneeId).toBe(colleague.id);
  });

  it('is refused to an agent while another agent has locked the ticket, not to a dispatcher', () => {
    const locked = ticketIn('Assigned', { lockedBy: agent.id });
    expect(refuse(locked, colleague, toColleague)).toMatchObject({ code: 'forbidden', rule: 'notLockedByOther' });
    expect(give(locked, deskDispatcher, toColleague).context.assigneeId).toBe(colleague.id);
    expect(give(locked, agent, { type: 'assignToAgent', agentId: agent.id, agentName: 'Anna Agent', agentTeamIds: ['t-1'] }).context.assigneeId).toBe(agent.id);
  });
});

// --- lock -----------------------------------------------------------------------------------

describe('locking a ticket (issue 4, item 2: others may read, not act)', () => {
  const LOCKED = { lockedBy: agent.id };

  it('is locked by an agent, journalled internally, status kept', () => {
    for (const status of ['New', 'Assigned', 'InProgress', 'Pending', 'Resolved'] as const) {
      const out = give(ticketIn(status), agent, { type: 'lock' });
      expect(out.status).toBe(status);
      expect(out.context.lockedBy).toBe(agent.id);
      expect(out.effects).toEqual([recorded('event', 'internal', 'Locked by Anna Agent', agent.id)]);
    }
  });

  it('cannot be locked twice (409, rule unlocked), neither by its owner nor by another agent', () => {
    for (const actor of [agent, colleague]) {
      expect(refuse(ticketIn('InProgress', LOCKED), actor, { type: 'lock' })).toMatchObject({
        code: 'notAllowedNow',
        rule: 'unlocked',
        message: 'the ticket is already locked',
      });
    }
  });

  it.each<TicketCommand>([
    { type: 'addJournalNote', text: 'Tried a new driver' },
    { type: 'addComment', text: 'We are on it' },
    { type: 'setPending', reason: 'awaitingUser', text: 'Which room?' },
    { type: 'resolve', resolution: 'New toner' },
    { type: 'assignToTeam', ...HEALTH_IT, note: HANDOVER },
    { type: 'assignToAgent', agentId: colleague.id, agentName: 'Bo Agent', agentTeamIds: ['t-1'] },
    { type: 'escalate', ...SERVERS, note: HANDOVER },
    { type: 'setCategory', categoryId: 'c-mail', categoryName: 'Mail', requiredQuestions: [] },
    { type: 'answerQuestions', answers: { room: '2.34' } },
    { type: 'recordVendorTicket', vendor: 'HP', vendorTicketId: '4711' },
    { type: 'vendorAnswer', text: 'HP says: firmware 2.1' },
    { type: 'setAttention' },
    { type: 'pinNote', seq: 2 },
    { type: 'reclassify', ticketType: 'request' },
    { type: 'overridePriority', priority: 'P2', text: 'Whole floor' },
  ])('refuses another agent’s $type (403, rule notLockedByOther)', (command) => {
    expect(refuse(ticketIn('InProgress', { ...READY, ...LOCKED }), colleague, command)).toMatchObject({
      code: 'forbidden',
      rule: 'notLockedByOther',
      message: 'another agent has locked this ticket: ask them or the team’s dispatcher',
    });
  });

  it('lets its owner, a dispatcher, an incident manager and an admin act', () => {
    for (const actor of [agent, deskDispatcher, incidentManager, admin]) {
      expect(give(ticketIn('InProgress', LOCKED), actor, { type: 'addJournalNote', text: 'Checked the logs' }).effects).toHaveLength(1);
      expect(give(ticketIn('InProgress', LOCKED), actor, { type: 'resolve', resolution: 'New toner' }).status).toBe('Resolved');
    }
  });

  it('does not stop the requester from writing', () => {
    const out = give(ticketIn('InProgress', LOCKED), requester, { type: 'reply', text: 'Any news?' });
    expect(out.context).toMatchObject({ updateFlag: true, lockedBy: agent.id });
  });

  // Issue 5: the lock keeps other agents out, not the monitor that raised the incident.
  it('does not stop the monitor that raised the incident from noting or clearing its alert', () => {
    const monitored = { ...LOCKED, requesterId: monitor.id };
    expect(give(ticketIn('InProgress', monitored), monitor, { type: 'monitorNote', text: 'Load at 97 %' }).effects).toEqual([
      recorded('note', 'internal', 'Monitor: Load at 97 %', monitor.id),
    ]);
    const cleared = give(ticketIn('InProgress', monitored), monitor, { type: 'monitorCleared', text: 'Load normal' });
    expect(cleared.context).toMatchObject({ updateFlag: true, lockedBy: agent.id });
    expect(give(ticketIn('Assigned', { ...monitored, assigneeId: null }), monitor, { type: 'monitorCleared', text: 'Load normal' }).status).toBe('Resolved');
  });

  it('is unlocked by its owner or a dispatcher, journalled internally', () => {
    for (const actor of [agent, deskDispatcher, incidentManager, admin]) {
      const out = give(ticketIn('InProgress', LOCKED), actor, { type: 'unlock' });
      expect(out.context.lockedBy).toBeNull();
      expect(out.effects).toEqual([recorded('event', 'internal', `Unlocked by ${actor.name}`, actor.id)]);
    }
  });

  it('is not unlocked by another agent nor by the end user (403, rule lockOwnerOrDispatcher)', () => {
    for (const actor of [colleague, requester]) {
      expect(refuse(ticketIn('InProgress', LOCKED), actor, { type: 'unlock' })).toMatchObject({
        code: 'forbidden',
        rule: 'lockOwnerOrDispatcher',
        message: 'only the agent who locked the ticket, or a dispatcher, unlocks it',
      });
    }
  });

  it('cannot be unlocked when it is not locked (409, rule locked)', () => {
    expect(refuse(ticketIn('InProgress'), agent, { type: 'unlock' })).toMatchObject({ code: 'notAllowedNow', rule: 'locked' });
  });

  it('lets the other agent act again once unlocked', () => {
    const unlocked = give(ticketIn('InProgress', LOCKED), agent, { type: 'unlock' }).snapshot;
    expect(give(unlocked, colleague, { type: 'addJournalNote', text: 'Took a look' }).effects).toHaveLength(1);
  });
});

// --- vendors --------------------------------------------------------------------------------

describe('vendors (REQUIREMENTS 3; issue 4, item 6)', () => {
  const VENDOR_WAIT: Partial<TicketContext> = {
    pendingReason: 'awaitingVendor',
    pendingText: 'HP case 4711',
    vendor: { name: 'HP', ticketId: '4711' },
  };

  it('records the vendor’s ticket id, trimmed, journalled internally, status kept', () => {
    const out = give(ticketIn('Pending'), agent, { type: 'recordVendorTicket', vendor: ' HP ', vendorTicketId: ' 4711 ' });
    expect(out.status).toBe('Pending');
    expect(out.context.vendor).toEqual({ name: 'HP', ticketId: '4711' });
    expect(out.effects).toEqual([recorded('event', 'internal', 'Vendor ticket HP #4711', agent.id)]);
  });

  it('needs the vendor and its ticket id (422 on vendorTicketId)', () => {
    for (const [vendor, vendorTicketId] of [['HP', ''], ['', '4711'], [' ', ' ']]) {
      expect(refuse(ticketIn('InProgress'), agent, { type: 'recordVendorTicket', vendor, vendorTicketId })).toMatchObject({
        code: 'ruleBroken',
        rule: 'vendorGiven',
        field: 'vendorTicketId',
        message: 'the vendor and its ticket id are required',
      });
    }
    expect(refuse(ticketIn('InProgress'), requester, { type: 'recordVendorTicket', vendor: 'HP', vendorTicketId: '4711' })).toMatchObject({
      code: 'forbidden',
      rule: 'staff',
    });
  });

  it('takes the vendor’s answer on a ticket waiting for it: In Progress, Update flag set, journalled', () => {
    const out = give(ticketIn('Pending', VENDOR_WAIT), agent, { type: 'vendorAnswer', text: ' Firmware 2.1 fixes the jam ' });
    expect(out.status).toBe('InProgress');
    expect(out.context).toMatchObject({ pendingReason: null, pendingText: null, updateFlag: true, assigneeId: agent.id });
    expect(out.effects).toEqual([recorded('note', 'internal', 'Answer from HP: Firmware 2.1 fixes the jam', agent.id)]);
  });

  it('keeps a ticket waiting for the user Pending, with its reason, and sets the Update flag', () => {
    const out = give(ticketIn('Pending', { vendor: { name: 'HP', ticketId: '4711' } }), agent, { type: 'vendorAnswer', text: 'Part shipped' });
    expect(out.status).toBe('Pending');
    expect(out.context).toMatchObject({ pendingReason: 'awaitingUser', pendingText: 'Which room is the printer in?', updateFlag: true });
    expect(out.effects).toEqual([recorded('note', 'internal', 'Answer from HP: Part shipped', agent.id)]);
  });

  it('sets the Update flag in other statuses too, naming "the vendor" when none was recorded', () => {
    const out = give(ticketIn('InProgress'), agent, { type: 'vendorAnswer', text: 'Part shipped' });
    expect(out.status).toBe('InProgress');
    expect(out.context.updateFlag).toBe(true);
    expect(out.effects).toEqual([recorded('note', 'internal', 'Answer from the vendor: Part shipped', agent.id)]);
  });

  it('takes no empty answer and none from the end user', () => {
    expect(refuse(ticketIn('Pending', VENDOR_WAIT), agent, { type: 'vendorAnswer', text: '  ' })).toMatchObject({ code: 'ruleBroken', field: 'text' });
    expect(refuse(ticketIn('Pending', VENDOR_WAIT), requester, { type: 'vendorAnswer', text: 'HP called me' })).toMatchObject({
      code: 'forbidden',
      rule: 'staffOrSystem',
    });
  });
});

// --- category and Additional Questions ------------------------------------------------------

describe('the category and its Additional Questions (REQUIREMENTS 3; seed 000, principles 1 and 3)', () => {
  it('sets the category and its required questions, journalled internally, answers kept', () => {
    const before = ticketIn('InProgress', { answers: { room: '1.23' } });
    const out = give(before, agent, { type: 'setCategory', categoryId: 'c-printer', categoryName: 'Printer', requiredQuestions: ['room', 'model'] });
    expect(out.status).toBe('InProgress');
    expect(out.context).toEqual({ ...before.context, categoryId: 'c-printer', requiredQuestions: ['room', 'model'], answers: { room: '1.23' } });
    expect(out.effects).toEqual([recorded('event', 'internal', 'Category set to Printer', agent.id)]);
  });

  it('needs a category (422 on categoryId), set by staff only', () => {
    expect(refuse(ticketIn('InProgress'), agent, { type: 'setCategory', categoryId: ' ', categoryName: '', requiredQuestions: [] })).toMatchObject({
      code: 'ruleBroken',
      rule: 'categoryGiven',
      field: 'categoryId',
    });
    expect(refuse(ticketIn('InProgress'), requester, { type: 'setCategory', categoryId: 'c-1', categoryName: 'X', requiredQuestions: [] })).toMatchObject({
      code: 'forbidden',
      rule: 'staff',
    });
  });

  it('merges answers into those already given and journals them', () => {
    const before = ticketIn('InProgress', { ...CATEGORISED, answers: { room: '1.23', model: 'HP' } });
    const out = give(before, agent, { type: 'answerQuestions', answers: { model: ' HP M404 ', os: 'Windows 11' } });
    expect(out.context.answers).toEqual({ room: '1.23', model: ' HP M404 ', os: 'Windows 11' });
    expect(out.effects).toEqual([recorded('note', 'internal', 'Additional Questions: model: HP M404; os: Windows 11', agent.id)]);
  });

  it('takes no empty answers (422 on answers), from staff only', () => {
    for (const answers of [{}, { room: '  ' }, { room: '1.23', model: '' }] as Record<string, string>[]) {
      expect(refuse(ticketIn('InProgress', CATEGORISED), agent, { type: 'answerQuestions', answers })).toMatchObject({
        code: 'ruleBroken',
        rule: 'answersGiven',
        field: 'answers',
      });
    }
    expect(refuse(ticketIn('InProgress', CATEGORISED), requester, { type: 'answerQuestions', answers: { room: '1' } })).toMatchObject({
      code: 'forbidden',
      rule: 'staff',
    });
  });

  it('makes a refused escalation possible: category set, questions answered, then escalated', () => {
    let ticket = ticketIn('InProgress');
    expect(refuse(ticket, agent, escalation(SERVERS)).rule).toBe('categorySet');
    ticket = give(ticket, agent, { type: 'setCategory', categoryId: 'c-printer', categoryName: 'Printer', requiredQuestions: ['room', 'model'] }).snapshot;
    expect(refuse(ticket, agent, escalation(SERVERS)).message).toBe('the category’s Additional Questions must be answered first: room, model');
    ticket = give(ticket, agent, { type: 'answerQuestions', answers: { room: '1.23' } }).snapshot;
    expect(refuse(ticket, agent, escalation(SERVERS)).message).toBe('the category’s Additional Questions must be answered first: model');
    ticket = give(ticket, agent, { type: 'answerQuestions', answers: { model: 'HP M404' } }).snapshot;
    expect(refuse(ticket, agent, escalation(SERVERS, 'see above')).rule).toBe('handoverNote');
    expect(give(ticket, agent, escalation(SERVERS)).context.teamId).toBe(SERVERS.teamId);
  });
});

// --- the whole flow -------------------------------------------------------------------------

describe('the escalation flow of seed 000 on a new ticket', () => {
  it('goes user -> 1st line -> escalation -> 2nd line -> solution -> back to the primary team -> resolved -> closed', () => {
    const escalatedAt9 = step(SERVICE_DESK, SERVERS, agent, '2025-03-03T09:00:00.000Z');
    let [ticket] = openTicket({ type: 'incident', priority: 'P2', rulesVersion: 2, requesterId: requester.id, requiresApproval: false, createdBy: requester, at: OPENED_AT });
    const journal: string[] = [];
    const alerts: TicketEffect[] = [];
    const act = (actor: Actor, command: TicketCommand, at: string, expected: TicketStatus) => {
      const out = give(ticket, actor, command, at);
      expect({ command: command.type, status: out.status }).toEqual({ command: command.type, status: expected });
      journal.push(...journalOf(out.effects));
      alerts.push(...out.effects.filter((effect) => effect.type !== 'record'));
      ticket = out.snapshot;
    };

    act(system, { type: 'assignToTeam', ...SERVICE_DESK }, '2025-03-03T08:00:01.000Z', 'Assigned');
    act(deskDispatcher, { type: 'assignToAgent', agentId: agent.id, agentName: 'Anna Agent', agentTeamIds: ['t-1'] }, '2025-03-03T08:10:00.000Z', 'Assigned');
    act(agent, { type: 'beginWork' }, '2025-03-03T08:20:00.000Z', 'InProgress');
    act(agent, { type: 'setCategory', categoryId: 'c-printer', categoryName: 'Printer', requiredQuestions: ['room', 'model'] }, '2025-03-03T08:25:00.000Z', 'InProgress');
    act(agent, { type: 'answerQuestions', answers: { room: '1.23', model: 'HP M404' } }, '2025-03-03T08:30:00.000Z', 'InProgress');
    act(agent, escalation(SERVERS), '2025-03-03T09:00:00.000Z', 'InProgress');

    // Continue-as-new in the middle: the escalation chain survives the round trip through JSON.
    ticket = restoreTicket(JSON.parse(JSON.stringify(persistTicket(ticket))));
    expect(ticket.context.escalations).toEqual([escalatedAt9]);

    act(serversDispatcher, { type: 'assignToAgent', agentId: serversAgent.id, agentName: 'Sam Servers', agentTeamIds: ['t-3'] }, '2025-03-03T09:10:00.000Z', 'InProgress');
    act(serversAgent, { type: 'returnToOrigin', note: SOLUTION }, '2025-03-04T10:00:00.000Z', 'InProgress');
    act(deskDispatcher, { type: 'assignToAgent', agentId: agent.id, agentName: 'Anna Agent', agentTeamIds: ['t-1'] }, '2025-03-04T10:05:00.000Z', 'InProgress');
    act(agent, { type: 'resolve', resolution: 'The print server driver was replaced; please print again.' }, '2025-03-04T10:30:00.000Z', 'Resolved');
    act(system, { type: 'autoClose' }, '2025-04-03T10:30:00.000Z', 'Closed');

    expect(journal).toEqual([
      'public event: Dispatched to team Service Desk',
      'internal event: Assigned to Anna Agent',
      'public event: Work begun',
      'internal event: Category set to Printer',
      'internal note: Additional Questions: room: 1.23; model: HP M404',
      `internal note: Handover to 2nd line Servers: ${HANDOVER}`,
      'public event: Escalated to 2nd line Servers',
      'internal event: Assigned to Sam Servers',
      `internal note: Solution: ${SOLUTION}`,
      'public event: Returned to Service Desk',
      'internal event: Assigned to Anna Agent',
      'public event: Resolved: The print server driver was replaced; please print again.',
      'public event: Closed automatically after the resolution period',
    ]);
    expect(alerts).toEqual([
      notified('assignedToTeam', 'Service Desk'),
      handoverAlert('P2', SERVICE_DESK),
      notified('escalated', '2nd line Servers'),
      handoverAlert('P2', SERVERS),
      notified('resolved', 'The print server driver was replaced; please print again.'),
      notified('closed'),
    ]);
    expect(ticket.context).toMatchObject({
      ...atTeam(SERVICE_DESK),
      assigneeId: agent.id,
      escalations: [{ ...escalatedAt9, returnedAt: '2025-03-04T10:00:00.000Z' }],
    });
  });
});

describe('the follow-up rules (lock on reassignment, transfers of escalated tickets, who may lock)', () => {
  it('clears a lock when the ticket is given to another agent, and keeps it when given to the locker', () => {
    const locked = ticketIn('InProgress', { lockedBy: agent.id, ...CATEGORY });
    const [toColleague] = applyTicketEvent(locked, stamp(deskDispatcher, { type: 'assignToAgent', agentId: colleague.id, agentName: 'Bo Agent', agentTeamIds: ['t-1'] }));
    expect(toColleague.context).toMatchObject({ assigneeId: colleague.id, lockedBy: null });
    const [toLocker] = applyTicketEvent(locked, stamp(deskDispatcher, { type: 'assignToAgent', agentId: agent.id, agentName: 'Anna Agent', agentTeamIds: ['t-1'] }));
    expect(toLocker.context).toMatchObject({ assigneeId: agent.id, lockedBy: agent.id });
  });

  it('refuses to transfer an escalated ticket down the lines: it goes back with return-to-origin', () => {
    const escalated = ticketIn('InProgress', ESCALATED);
    const down = judge(escalated, stamp(serversDispatcher, { type: 'assignToTeam', ...HEALTH_IT, note: HANDOVER }));
    expect(down).toMatchObject({ allowed: false, code: 'ruleBroken', rule: 'notAroundEscalation', field: 'teamId' });
    // Sideways to another 2nd-line team is a transfer like any other.
    expect(judge(escalated, stamp(serversDispatcher, { type: 'assignToTeam', ...NETWORK, note: HANDOVER }))).toEqual({ allowed: true });
  });

  it('lets only the assignee, a member of the ticket’s team or a dispatcher lock it', () => {
    const atServers = ticketIn('InProgress', ESCALATED);
    expect(judge(atServers, stamp(agent, { type: 'lock' }))).toMatchObject({ allowed: false, code: 'forbidden', rule: 'mayLock' });
    expect(judge(atServers, stamp(serversAgent, { type: 'lock' }))).toEqual({ allowed: true });
    expect(judge(atServers, stamp(deskDispatcher, { type: 'lock' }))).toEqual({ allowed: true });
  });
});

describe('split into tasks, and absences (issue 4, items 5 and 7)', () => {
  const TASKS = [
    { number: 'TSK-000001', teamId: SERVERS.teamId, teamName: SERVERS.teamName, title: 'Reinstall the print server driver' },
    { number: 'TSK-000002', teamId: NETWORK.teamId, teamName: NETWORK.teamName, title: 'Check the VLAN of the desk port' },
  ];

  it('splits into tasks, one per team, and resolves only when they are done', () => {
    const working = ticketIn('InProgress');
    expect(judge(working, stamp(agent, { type: 'split', tasks: [] }))).toMatchObject({ allowed: false, rule: 'tasksGiven', field: 'tasks' });
    const [split, effects] = applyTicketEvent(working, stamp(agent, { type: 'split', tasks: TASKS }));
    expect(split.context.tasks).toEqual([
      { number: 'TSK-000001', teamName: '2nd line Servers', status: 'New' },
      { number: 'TSK-000002', teamName: '2nd line Network', status: 'New' },
    ]);
    expect(effects).toEqual([expect.objectContaining({ type: 'record', params: expect.objectContaining({ visibility: 'internal', text: expect.stringMatching(/^Split into TSK-000001 \(2nd line Servers: /) }) })]);
    const early = judge(split, stamp(agent, { type: 'resolve', resolution: 'Printer works again' }));
    expect(early).toMatchObject({ allowed: false, code: 'notAllowedNow', rule: 'noOpenTasks', message: 'tasks still open: TSK-000001, TSK-000002' });

    const [oneDone] = applyTicketEvent(split, stamp(system, { type: 'taskStatusChanged', number: 'TSK-000001', status: 'Resolved' }));
    const [bothDone] = applyTicketEvent(oneDone, stamp(system, { type: 'taskStatusChanged', number: 'TSK-000002', status: 'Closed' }));
    expect(judge(oneDone, stamp(agent, { type: 'resolve', resolution: 'Printer works again' }))).toMatchObject({ allowed: false, rule: 'noOpenTasks' });
    expect(judge(bothDone, stamp(agent, { type: 'resolve', resolution: 'Printer works again' }))).toEqual({ allowed: true });
    expect(judge(split, stamp(system, { type: 'taskStatusChanged', number: 'TSK-999999', status: 'Resolved' }))).toMatchObject({ allowed: false, rule: 'knownTask' });
    expect(judge(split, stamp(agent, { type: 'taskStatusChanged', number: 'TSK-000001', status: 'Resolved' }))).toMatchObject({ allowed: false, rule: 'system' });
  });

  it('closes a task as not needed only with a note, and only a task', () => {
    const task = ticketIn('Assigned', { parentNumber: 'INC-000001' });
    expect(judge(task, stamp(agent, { type: 'closeAsNotNeeded', note: 'done' }))).toMatchObject({ allowed: false, rule: 'notNeededNote', field: 'note' });
    const [closed] = applyTicketEvent(task, stamp(agent, { type: 'closeAsNotNeeded', note: 'The port was on the right VLAN; nothing to change here.' }));
    expect(closed.status).toBe('done');
    expect(judge(ticketIn('Assigned'), stamp(agent, { type: 'closeAsNotNeeded', note: 'The port was on the right VLAN; nothing to change here.' })))
      .toMatchObject({ allowed: false, rule: 'isTask' });
  });

  it('alerts the team when an absent agent meets the ticket, and sends the auto-reply only on the user’s update', () => {
    const assigned = ticketIn('InProgress');
    const noticed = { type: 'absenceNoticed', agentId: agent.id, agentName: 'Anna Agent', until: LATER, autoReply: 'Back on Thursday' } as const;
    const [, onAssign] = applyTicketEvent(assigned, stamp(system, { ...noticed, cause: 'assigned' }));
    expect(onAssign.map((e) => (e.type === 'record' ? 'record' : `${e.type}:${(e.params as { template: string }).template}`))).toEqual(['record', 'notifyTeam:absenceAlert']);
    const [, onReply] = applyTicketEvent(assigned, stamp(system, { ...noticed, cause: 'userUpdate' }));
    expect(onReply.map((e) => (e.type === 'record' ? 'record' : `${e.type}:${(e.params as { template: string }).template}`))).toEqual([
      'record',
      'notifyTeam:absenceAlert',
      'notifyRequester:autoReply',
    ]);
    expect(judge(assigned, stamp(agent, { ...noticed, cause: 'assigned' }))).toMatchObject({ allowed: false, rule: 'system' });
  });
});
