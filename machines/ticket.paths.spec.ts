// Model-based checks of the ticket machine with @xstate/graph: from a fresh ticket, with a
// representative set of commands by the requester, an agent, a dispatcher and the system (and
// every staff command attempted by the requester too), every status is reachable, Closed is
// final and immutable, a ticket leaves New only by a dispatch, and no path ever takes a staff
// command from the end user. Tickets are opened under rules version 2 (issue 4), as new tickets
// are. A second model walks the dispatch and escalation rules of issue 4 (REQUIREMENTS 3-4).
import { AdjacencyMap, getAdjacencyMap, getShortestPaths, getSimplePaths, StatePath } from '@xstate/graph';
import { isDeepStrictEqual } from 'node:util';
import { transition } from 'xstate';
import { Actor, SYSTEM_ACTOR } from './actor';
import { isSubstantiveNote } from './handover-note';
import { applyTicketEvent, judge, openTicket, statusOf, TicketEffect, TicketSnapshot } from './ticket.law';
import { ticketMachine } from './ticket.machine';
import {
  NOTIFICATION_TEMPLATES,
  NotificationTemplate,
  TICKET_STATUSES,
  TicketEvent,
  TicketEventType,
  TicketInput,
  TicketStatus,
} from './ticket.types';

const requester: Actor = { id: 'u-req', role: 'endUser', name: 'Rita Requester' };
const agent: Actor = { id: 'a-1', role: 'agent', name: 'Anna Agent' };
const dispatcher: Actor = { id: 'd-1', role: 'dispatcher', name: 'Dana Dispatcher' };
const system: Actor = SYSTEM_ACTOR;
const admin: Actor = { id: 'adm-1', role: 'admin', name: 'Ada Admin' };
/** Issue 5: a monitoring system; it raised none of this model's tickets, so it may clear none. */
const monitor: Actor = { id: 'mon-1', role: 'monitor', name: 'Zabbix' };

const OPENED_AT = '2025-05-05T08:00:00.000Z';
const AT: Record<string, string> = {
  [requester.id]: '2025-05-06T09:00:00.000Z',
  [agent.id]: '2025-05-06T10:00:00.000Z',
  [dispatcher.id]: '2025-05-06T11:00:00.000Z',
  [system.id]: '2025-06-05T10:00:00.000Z',
  [admin.id]: '2025-05-06T12:00:00.000Z',
  [monitor.id]: '2025-05-06T13:00:00.000Z',
};

type Cmd = TicketEvent extends infer E ? (E extends TicketEvent ? Omit<E, 'actor' | 'at'> : never) : never;
const by = (actor: Actor, command: Cmd): TicketEvent => ({ ...command, actor, at: AT[actor.id] }) as TicketEvent;

/** What the end user may ever do on a ticket; everything else is staff (or system) work. */
const END_USER_COMMANDS: readonly TicketEventType[] = ['reply', 'reopen', 'approve'];

/** Seed 000, principle 1: a transfer to another team carries a note on the problem and what was tried. */
const HANDOVER = 'Printer on 3rd floor prints nothing; restarted spooler and reinstalled driver, no change.';
const SOLUTION = 'Replaced the corrupt driver package on the print server; a test page printed fine.';

const APPROVAL = by(requester, { type: 'approve', text: 'Tested, works' });
const TO_SERVICE_DESK = by(dispatcher, { type: 'assignToTeam', teamId: 't-1', teamName: 'Service Desk', teamLine: 1, note: HANDOVER });
const TO_NETWORK = by(dispatcher, { type: 'assignToTeam', teamId: 't-2', teamName: 'Health IT', teamLine: 1, note: HANDOVER });
/** Issue 4, item 7: the workflow notices an absent agent (journal and alerts only, no change to the ticket). */
const ABSENCES: TicketEvent[] = [
  by(system, { type: 'absenceNoticed', agentId: 'a-9', agentName: 'Ivo Away', until: '2025-05-20', autoReply: 'Back on the 20th', cause: 'userUpdate' }),
  by(system, { type: 'absenceNoticed', agentId: 'a-9', agentName: 'Ivo Away', until: '2025-05-20', autoReply: null, cause: 'assigned' }),
];

const STAFF_WORK: Cmd[] = [
  { type: 'assignToTeam', teamId: 't-1', teamName: 'Service Desk', teamLine: 1, note: HANDOVER },
  { type: 'beginWork' },
  { type: 'setPending', reason: 'awaitingUser', text: 'Which room is the printer in?' },
  { type: 'setPending', reason: 'awaitingVendor', text: 'HP case 4711' },
  { type: 'resume' },
  { type: 'addJournalNote', text: 'Called the user' },
  { type: 'addComment', text: 'Please try again now' },
  { type: 'pinNote', seq: 1 },
  { type: 'unpinNote', seq: 1 },
  { type: 'setAttention' },
  { type: 'clearAttention' },
  { type: 'clearUpdateFlag' },
  { type: 'reclassify', ticketType: 'request' },
  { type: 'reclassify', ticketType: 'incident' },
  { type: 'resolve', resolution: 'Replaced the toner cartridge' },
  { type: 'overridePriority', priority: 'P2', text: 'The whole floor is affected' },
];

/** The workflow's SLA timers: a warning, a breach that raises the priority, an out-of-hours on-call alert. */
const SLA_ALERTS: TicketEvent[] = [
  by(system, { type: 'slaAlert', kind: 'warning', clock: 'resolution', text: 'SLA warning: 75 % of the resolution target used' }),
  by(system, { type: 'slaAlert', kind: 'breach', clock: 'resolution', text: 'SLA breached: resolution', raiseTo: 'P1' }),
  by(system, { type: 'slaAlert', kind: 'onCall', clock: 'firstResponse', text: 'On-call consultant alerted' }),
];
const RECALCULATION = by(admin, { type: 'recalculateSla', text: 'SLA recalculated under standard v2' });
/** A monitor's commands (issue 5): only the monitor that raised a ticket may give them. */
const MONITOR_WORK: Cmd[] = [
  { type: 'monitorCleared', text: 'CPU load back to normal' },
  { type: 'monitorNote', text: 'CPU load at 97 %' },
];

const EVENTS: TicketEvent[] = [
  TO_SERVICE_DESK,
  TO_NETWORK,
  by(dispatcher, { type: 'assignToAgent', agentId: agent.id, agentName: 'Anna Agent' }),
  by(agent, { type: 'assignToAgent', agentId: agent.id, agentName: 'Anna Agent' }),
  ...STAFF_WORK.map((command) => by(agent, command)),
  by(agent, { type: 'reopen' }),
  by(requester, { type: 'reply', text: 'It jammed again' }),
  by(requester, { type: 'reopen', text: 'Not fixed' }),
  APPROVAL,
  by(system, { type: 'autoClose' }),
  // The pending policy's timers (REQUIREMENTS 2).
  by(system, { type: 'pendingReminder' }),
  by(system, { type: 'pendingExpired', text: 'no answer 7 business days after it was set Pending' }),
  ...SLA_ALERTS,
  RECALCULATION,
  ...ABSENCES,
  // A monitor that did not raise the ticket, and the requester, try a monitor's commands: refused.
  ...MONITOR_WORK.map((command) => by(monitor, command)),
  ...MONITOR_WORK.map((command) => by(requester, command)),
  // The requester tries the staff's, the admin's and the system's work as well: the machine must refuse it all.
  ...STAFF_WORK.map((command) => by(requester, command)),
  by(requester, { type: 'assignToAgent', agentId: requester.id, agentName: 'me' }),
  by(requester, { type: 'autoClose' }),
  by(requester, { type: 'recalculateSla', text: 'please' }),
  ...SLA_ALERTS.map((alert) => ({ ...alert, actor: requester, at: AT[requester.id] })),
  ...ABSENCES.map((event) => ({ ...event, actor: requester, at: AT[requester.id] })),
];

const inputOf = (requiresApproval: boolean): TicketInput => ({
  type: 'incident',
  priority: 'P3',
  rulesVersion: 2,
  // Opened with a category (as from the service catalog): transfers to another team need one.
  categoryId: 'c-general',
  requesterId: requester.id,
  requiresApproval,
  createdBy: requester,
  at: OPENED_AT,
});

type Path = StatePath<TicketSnapshot, TicketEvent>;
// The model follows the law: a Closed ticket takes no event (applyTicketEvent stops before the
// machine, because xstate's pure transition would still run the root-level handlers on a done
// snapshot, e.g. an SLA alert raising a Closed ticket's priority). So nothing is explored beyond Closed.
const options = (requiresApproval: boolean) => ({
  input: inputOf(requiresApproval),
  events: (state: TicketSnapshot) => (state.status === 'done' ? [] : EVENTS),
});

const statusesOf = (paths: Path[]): Set<TicketStatus> => new Set(paths.map((path) => statusOf(path.state)));
type Adjacency = AdjacencyMap<TicketSnapshot, TicketEvent>;
const transitionsOf = (node: Adjacency[keyof Adjacency]) =>
  Object.values(node.transitions) as Array<{ event: TicketEvent; state: TicketSnapshot }>;
/** The steps after the opening one (the first step of every path is xstate.init). */
const moves = (path: Path) => path.steps.slice(1);

type Notification = Extract<TicketEffect, { type: 'notifyRequester' | 'notifyTeam' }>;
/** Every notification asked for on opening and by every event in every reachable open ticket. */
function notificationsOf(adjacency: Adjacency, events: TicketEvent[], input: TicketInput): Notification[] {
  const [, opening] = openTicket(input);
  const active = Object.values(adjacency).map((node) => node.state).filter((state) => state.status === 'active');
  const effects = [...opening, ...active.flatMap((state) => events.flatMap((event) => applyTicketEvent(state, event)[1]))];
  return effects.filter((effect): effect is Notification => effect.type === 'notifyRequester' || effect.type === 'notifyTeam');
}
const templatesOf = (notifications: Notification[]): Set<NotificationTemplate> => new Set(notifications.map((effect) => effect.params.template));

describe.each([
  ['a service that closes on its own', false],
  ['a service that requires customer approval (seed 004)', true],
])('the ticket process for %s', (_name, requiresApproval) => {
  let shortest: Path[];
  let adjacency: Adjacency;

  beforeAll(() => {
    shortest = getShortestPaths(ticketMachine, options(requiresApproval));
    adjacency = getAdjacencyMap(ticketMachine, options(requiresApproval));
  });

  it('opens every path with a New ticket', () => {
    expect(shortest.length).toBeGreaterThan(20);
    for (const path of shortest) {
      expect(path.steps[0].event.type).toBe('xstate.init');
      expect(statusOf(path.steps[0].state)).toBe('New');
    }
  });

  it('reaches every one of the six statuses', () => {
    expect([...statusesOf(shortest)].sort()).toEqual([...TICKET_STATUSES].sort());
  });

  it('reaches Closed in four steps at the earliest: dispatch, work, resolve (or wait on the user in vain), close', () => {
    const toClosed = shortest.filter((path) => statusOf(path.state) === 'Closed');
    const quickest = Math.min(...toClosed.map((path) => path.weight));
    expect(quickest).toBe(4);
    for (const quick of toClosed.filter((path) => path.weight === 4)) {
      const statuses = moves(quick).map((step) => statusOf(step.state));
      expect([
        ['Assigned', 'InProgress', 'Resolved', 'Closed'],
        ['Assigned', 'InProgress', 'Pending', 'Closed'],
      ]).toContainEqual(statuses);
      expect(moves(quick)[0].event.type).toBe('assignToTeam');
      expect(['beginWork', 'addComment']).toContain(moves(quick)[1].event.type);
      expect(moves(quick)[2].event.type).toBe(statuses[2] === 'Resolved' ? 'resolve' : 'setPending');
      if (statuses[2] === 'Pending') expect(moves(quick)[3].event).toMatchObject({ type: 'pendingExpired', actor: { role: 'system' } });
    }
  });

  it('leaves New only by a dispatch to a team (seed 000, principle 3): an answer from someone in no team is refused', () => {
    const news = Object.values(adjacency).filter((node) => statusOf(node.state) === 'New');
    expect(news.length).toBeGreaterThan(0);
    const exits = news.flatMap((node) => transitionsOf(node)).filter(({ state }) => statusOf(state) !== 'New');
    expect(exits.length).toBeGreaterThan(0);
    for (const { event, state } of exits) {
      expect({ event: event.type, to: statusOf(state) }).toEqual({ event: 'assignToTeam', to: 'Assigned' });
    }
    // The staff's answer is in the events without a team, and a New ticket takes it from nobody:
    // an answer takes the ticket with the answering agent's team (REQUIREMENTS 2, ticket.machine.spec).
    for (const node of news) {
      for (const { event, state } of transitionsOf(node).filter(({ event }) => event.type === 'addComment')) {
        expect(state.context).toEqual(node.state.context);
        const verdict = judge(node.state, event);
        expect(verdict.allowed).toBe(false);
        expect(['staff', 'answererHasTeam']).toContain(!verdict.allowed && verdict.rule);
      }
    }
  });

  it('has a team on every ticket past New, and none on a New one', () => {
    for (const node of Object.values(adjacency)) {
      if (statusOf(node.state) === 'New') expect(node.state.context.teamId).toBeNull();
      else expect(['t-1', 't-2']).toContain(node.state.context.teamId);
    }
  });

  it('never dispatches a ticket to the team it already has: the same state, judged ruleBroken on teamId', () => {
    const dispatchable: TicketStatus[] = ['Assigned', 'InProgress', 'Pending'];
    const withTeam = Object.values(adjacency).filter((node) => dispatchable.includes(statusOf(node.state)));
    expect(new Set(withTeam.map((node) => statusOf(node.state)))).toEqual(new Set(dispatchable));
    for (const node of withTeam) {
      const same = node.state.context.teamId === 't-1' ? TO_SERVICE_DESK : TO_NETWORK;
      expect(judge(node.state, same)).toMatchObject({ allowed: false, code: 'ruleBroken', rule: 'otherTeam', field: 'teamId' });
      const [next, effects] = applyTicketEvent(node.state, same);
      expect(effects).toEqual([]);
      expect(next.context).toEqual(node.state.context);
    }
  });

  it('hands a Pending ticket to another team and keeps it Pending with its reason, without an agent', () => {
    const pending = Object.values(adjacency).filter((node) => statusOf(node.state) === 'Pending');
    expect(pending.length).toBeGreaterThan(0);
    const reasons = new Set<string>();
    for (const node of pending) {
      const other = node.state.context.teamId === 't-1' ? TO_NETWORK : TO_SERVICE_DESK;
      const handover = transitionsOf(node).find(({ event }) => event === other)!;
      expect(statusOf(handover.state)).toBe('Pending');
      const teamId = node.state.context.teamId === 't-1' ? 't-2' : 't-1';
      const teamName = teamId === 't-1' ? 'Service Desk' : 'Health IT';
      expect(handover.state.context).toEqual({ ...node.state.context, teamId, teamName, teamLine: 1, assigneeId: null, lockedBy: null });
      reasons.add(node.state.context.pendingReason!);
    }
    expect([...reasons].sort()).toEqual(['awaitingUser', 'awaitingVendor']);
  });

  it('asks only for notifications that have a template, and uses every template but the escalation’s', () => {
    const used = templatesOf(notificationsOf(adjacency, EVENTS, inputOf(requiresApproval)));
    // The escalation model below uses `escalated` (with a category this model never sets).
    expect([...used].sort()).toEqual(NOTIFICATION_TEMPLATES.filter((template) => template !== 'escalated').sort());
    expect(NOTIFICATION_TEMPLATES as readonly string[]).not.toContain('workStarted');
  });

  it('addresses the requester’s notifications to the requester, and the alerts to the team or the on-call contact', () => {
    const effects = notificationsOf(adjacency, EVENTS, inputOf(requiresApproval));
    const toRequester = effects.filter((effect) => effect.type === 'notifyRequester');
    const toTeam = effects.filter((effect) => effect.type === 'notifyTeam');
    expect(toRequester.length).toBeGreaterThan(100);
    for (const effect of toRequester) expect(effect.params.audience).toBe('requester');
    expect(new Set(toTeam.map((effect) => `${effect.params.template}->${effect.params.audience}`))).toEqual(
      // A P1/P2 ticket dispatched to a team alerts it (seed 000, principle 1); so does an absent agent (issue 4, item 7).
      new Set(['slaWarning->team', 'slaBreach->team', 'onCallAlert->onCall', 'handoverAlert->team', 'absenceAlert->team']),
    );
  });

  it('reaches both priorities on every open status: overridden to P2 by an agent, raised to P1 by a breach', () => {
    const open = Object.values(adjacency).map((node) => node.state).filter((state) => state.status === 'active');
    for (const status of ['New', 'Assigned', 'InProgress', 'Pending', 'Resolved'] as const) {
      const priorities = new Set(open.filter((state) => statusOf(state) === status).map((state) => state.context.priority));
      expect({ status, priorities: [...priorities].sort() }).toEqual({ status, priorities: ['P1', 'P2', 'P3'] });
    }
    // Raising to the priority a ticket already has is not a change: the SLA alert still asks for its effects.
    for (const state of open.filter((s) => s.context.priority === 'P1')) {
      const [next, effects] = applyTicketEvent(state, SLA_ALERTS[1]);
      expect(next.context).toEqual(state.context);
      expect(effects.map((effect) => effect.type)).toEqual(['record', 'notifyTeam']);
    }
  });

  it('leaves Closed for nothing: every event keeps it Closed and the machine done', () => {
    const closedStates = Object.values(adjacency).filter((node) => statusOf(node.state) === 'Closed');
    expect(closedStates.length).toBeGreaterThan(0);
    // Tens of thousands of checks: each one that fails is listed, and the list must stay empty
    // (one expect per check made this test Jest's slowest, for the same assertions).
    const broken: string[] = [];
    for (const node of closedStates) {
      if (node.state.status !== 'done') broken.push(`a Closed ticket's machine is ${node.state.status}`);
      if (transitionsOf(node).length) broken.push(`a Closed ticket has transitions: ${transitionsOf(node).map((t) => t.event.type)}`);
      for (const event of EVENTS) {
        const [next, effects] = applyTicketEvent(node.state, event);
        // Immutable: the law hands back the Closed ticket as it was and asks for nothing.
        if (next !== node.state || effects.length) broken.push(`${event.type} by ${event.actor.id} changed a Closed ticket or asked for effects`);
        const verdict = judge(node.state, event);
        if (verdict.allowed || verdict.code !== 'notAllowedNow' || verdict.allowedCommands.length) {
          broken.push(`${event.type} by ${event.actor.id} judged ${JSON.stringify(verdict)} on a Closed ticket`);
        }
        // The machine on its own stays Closed and done too, whatever it is sent.
        const [raw] = transition(ticketMachine, node.state, event);
        if (statusOf(raw) !== 'Closed' || raw.status !== 'done') broken.push(`the machine took ${event.type} by ${event.actor.id} to ${statusOf(raw)} (${raw.status})`);
      }
    }
    expect(broken).toEqual([]);
    // Only Closed is final.
    for (const node of Object.values(adjacency)) {
      expect(node.state.status).toBe(statusOf(node.state) === 'Closed' ? 'done' : 'active');
    }
  });

  it('never takes a step the end user gives with a staff command', () => {
    const userSteps = shortest.flatMap((path) => moves(path)).filter((step) => step.event.actor.role === 'endUser');
    expect(userSteps.length).toBeGreaterThan(0);
    for (const step of userSteps) expect(END_USER_COMMANDS).toContain(step.event.type);
  });

  it('refuses every staff command from the end user in every reachable ticket, changing nothing', () => {
    const reachable = Object.values(adjacency).map((node) => node.state).filter((state) => state.status === 'active');
    expect(reachable.length).toBeGreaterThan(50);
    const staffCommandsByUser = EVENTS.filter(
      (event) => event.actor.role === 'endUser' && !END_USER_COMMANDS.includes(event.type),
    );
    expect(new Set(staffCommandsByUser.map((event) => event.type))).toContain('overridePriority');
    expect(new Set(staffCommandsByUser.map((event) => event.type))).toContain('recalculateSla');
    expect(new Set(staffCommandsByUser.map((event) => event.type))).toContain('slaAlert');
    expect(new Set(staffCommandsByUser.map((event) => event.type))).toContain('monitorCleared');
    const taken: string[] = [];
    for (const state of reachable) {
      for (const event of staffCommandsByUser) {
        const [next, effects] = applyTicketEvent(state, event);
        if (judge(state, event).allowed || effects.length || statusOf(next) !== statusOf(state) || !isDeepStrictEqual(next.context, state.context)) {
          taken.push(`${event.type} by the end user on a ${statusOf(state)} ticket`);
        }
      }
    }
    expect(taken).toEqual([]);
  });

  it('never takes a monitor’s command on a ticket the monitor did not raise (rule monitor)', () => {
    const reachable = Object.values(adjacency).map((node) => node.state).filter((state) => state.status === 'active');
    const monitorEvents = EVENTS.filter((event) => event.type === 'monitorCleared' || event.type === 'monitorNote');
    expect(monitorEvents.map((event) => event.actor.id)).toEqual([monitor.id, monitor.id, requester.id, requester.id]);
    for (const state of reachable) {
      for (const event of monitorEvents) {
        expect(judge(state, event)).toMatchObject({ allowed: false, code: 'forbidden', rule: 'monitor' });
        const [next, effects] = applyTicketEvent(state, event);
        expect(effects).toEqual([]);
        expect(next.context).toEqual(state.context);
      }
    }
  });

  it('agrees with judge on every step of every path, and replays through the law to the same ticket', () => {
    const disagreements: object[] = [];
    for (const path of shortest) {
      let [ticket] = openTicket(inputOf(requiresApproval));
      for (const step of moves(path)) {
        const verdict = judge(ticket, step.event);
        if (!verdict.allowed) disagreements.push({ event: step.event.type, by: step.event.actor.id, verdict });
        [ticket] = applyTicketEvent(ticket, step.event);
        if (statusOf(ticket) !== statusOf(step.state) || !isDeepStrictEqual(ticket.context, step.state.context)) {
          disagreements.push({ event: step.event.type, by: step.event.actor.id, replayed: statusOf(ticket), path: statusOf(step.state) });
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  if (requiresApproval) {
    it('closes on the requester’s approval', () => {
      const approvals = shortest
        .flatMap((path) => moves(path))
        .filter((step) => step.event.type === 'approve');
      expect(approvals.length).toBeGreaterThan(0);
      for (const step of approvals) {
        expect(step.event.actor.id).toBe('u-req');
        expect(statusOf(step.state)).toBe('Closed');
      }
      // From every reachable Resolved ticket, the requester's approval closes it.
      const resolved = Object.values(adjacency).filter((node) => statusOf(node.state) === 'Resolved');
      expect(resolved.length).toBeGreaterThan(0);
      for (const node of resolved) {
        const approval = transitionsOf(node).find((transition) => transition.event === APPROVAL);
        expect(approval && statusOf(approval.state)).toBe('Closed');
      }
    });
  } else {
    it('never closes on an approval', () => {
      const approvals = shortest.flatMap((path) => moves(path)).filter((step) => step.event.type === 'approve');
      expect(approvals).toEqual([]);
      const closings = shortest.filter((path) => statusOf(path.state) === 'Closed').map((path) => path.steps.at(-1)!.event);
      expect(closings.length).toBeGreaterThan(0);
      // The auto-close after resolution, or the pending policy's close of a ticket the user never answered.
      for (const event of closings) {
        expect(['autoClose', 'pendingExpired']).toContain(event.type);
        expect(event.actor.role).toBe('system');
      }
    });
  }
});

describe('the main line of the process, as simple paths', () => {
  // A narrower set of commands keeps the number of simple paths small enough to enumerate.
  const MAIN_LINE: TicketEvent[] = [
    by(dispatcher, { type: 'assignToTeam', teamId: 't-1', teamName: 'Service Desk' }),
    by(agent, { type: 'beginWork' }),
    by(agent, { type: 'setPending', reason: 'awaitingUser', text: 'Which room is the printer in?' }),
    by(requester, { type: 'reply', text: 'Room 1.23' }),
    by(agent, { type: 'resume' }),
    by(agent, { type: 'resolve', resolution: 'Replaced the toner cartridge' }),
    by(requester, { type: 'reopen', text: 'Not fixed' }),
    by(requester, { type: 'approve', text: 'Tested, works' }),
    by(system, { type: 'autoClose' }),
  ];
  // The machine asks for every event type it declares; the others are given by someone who may not.
  const REFUSED: TicketEvent[] = (
    [
      'assignToAgent',
      'addJournalNote',
      'addComment',
      'pinNote',
      'unpinNote',
      'setAttention',
      'clearAttention',
      'clearUpdateFlag',
      'reclassify',
      'overridePriority',
      'recalculateSla',
      'slaAlert',
      'monitorCleared',
      'monitorNote',
    ] as const
  ).map((type) => ({ type, actor: requester, at: OPENED_AT }) as unknown as TicketEvent);

  it.each([false, true])('with requiresApproval %s, every simple path to Closed closes from Resolved and leaves Pending only for In Progress or Resolved', (requiresApproval) => {
    const paths: Path[] = getSimplePaths(ticketMachine, {
      input: inputOf(requiresApproval),
      events: [...MAIN_LINE, ...REFUSED],
      toState: (state) => statusOf(state) === 'Closed',
    });
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const statuses = path.steps.map((step) => statusOf(step.state));
      expect(statuses[0]).toBe('New');
      expect(statuses.at(-1)).toBe('Closed');
      expect(statuses.at(-2)).toBe('Resolved');
      for (let i = 1; i < statuses.length; i++) {
        if (statuses[i - 1] === 'Pending') expect(['InProgress', 'Resolved']).toContain(statuses[i]);
        if (statuses[i - 1] === 'New') expect(statuses[i]).not.toBe('Resolved');
      }
      for (const step of path.steps.slice(1)) expect(REFUSED).not.toContain(step.event);
    }
    const closers = new Set(paths.map((path) => path.steps.at(-1)!.event.type));
    expect([...closers].sort()).toEqual(requiresApproval ? ['approve', 'autoClose'] : ['autoClose']);
  });
});

describe('an incident a monitor raised, as a model (issue 5; REQUIREMENTS 9)', () => {
  // The monitor is the requester: it may clear its alert, which resolves the incident while nobody
  // works it and is only noted (Update flag) for the agent once somebody does.
  const CLEARED = by(monitor, { type: 'monitorCleared', text: 'CPU load back to normal' });
  const NOTE = by(monitor, { type: 'monitorNote', text: 'CPU load at 97 %' });
  const MONITOR_EVENTS: TicketEvent[] = [
    TO_SERVICE_DESK,
    by(dispatcher, { type: 'assignToAgent', agentId: agent.id, agentName: 'Anna Agent' }),
    by(agent, { type: 'beginWork' }),
    by(agent, { type: 'setPending', reason: 'awaitingVendor', text: 'HP case 4711' }),
    by(agent, { type: 'resolve', resolution: 'Replaced the fan' }),
    by(agent, { type: 'clearUpdateFlag' }),
    by(system, { type: 'autoClose' }),
    CLEARED,
    NOTE,
    // Not the monitor that raised it: refused.
    { ...CLEARED, actor: agent, at: AT[agent.id] },
  ];
  const monitored: TicketInput = { ...inputOf(false), requesterId: monitor.id, createdBy: monitor };
  const monitorOptions = { input: monitored, events: (state: TicketSnapshot) => (state.status === 'done' ? [] : MONITOR_EVENTS) };
  let adjacency: Adjacency;
  let shortest: Path[];

  beforeAll(() => {
    adjacency = getAdjacencyMap(ticketMachine, monitorOptions);
    shortest = getShortestPaths(ticketMachine, monitorOptions);
  });

  it('resolves from New or Assigned only while nobody has the incident; otherwise notes it and sets the Update flag', () => {
    const seen = new Set<string>();
    for (const node of Object.values(adjacency).filter((n) => n.state.status === 'active')) {
      const cleared = transitionsOf(node).find(({ event }) => event === CLEARED)!;
      const from = statusOf(node.state);
      const resolves = (from === 'New' || from === 'Assigned') && node.state.context.assigneeId === null;
      expect({ from, to: statusOf(cleared.state) }).toEqual({ from, to: resolves ? 'Resolved' : from });
      if (resolves) {
        expect(cleared.state.context).toMatchObject({ resolution: 'CPU load back to normal', resolvedAt: AT[monitor.id], updateFlag: false });
      } else {
        expect(cleared.state.context).toEqual({ ...node.state.context, updateFlag: true });
      }
      seen.add(`${from}:${resolves}`);
    }
    expect([...seen].sort()).toEqual(['Assigned:false', 'Assigned:true', 'InProgress:false', 'New:true', 'Pending:false', 'Resolved:false']);
  });

  it('takes the monitor’s note everywhere open, changing nothing but the journal, and its commands from nobody else', () => {
    for (const node of Object.values(adjacency).filter((n) => n.state.status === 'active')) {
      const [next, effects] = applyTicketEvent(node.state, NOTE);
      expect(next.context).toEqual(node.state.context);
      expect(effects).toEqual([{ type: 'record', params: { kind: 'note', visibility: 'internal', text: 'Monitor: CPU load at 97 %', authorId: monitor.id } }]);
      expect(judge(node.state, MONITOR_EVENTS.at(-1)!)).toMatchObject({ allowed: false, code: 'forbidden', rule: 'monitor' });
    }
  });

  it('closes in two steps at the earliest: the monitor clears its alert, the resolution period ends', () => {
    const toClosed = shortest.filter((path) => statusOf(path.state) === 'Closed');
    expect(Math.min(...toClosed.map((path) => path.weight))).toBe(2);
    const quickest = toClosed.find((path) => path.weight === 2)!;
    expect(moves(quickest).map((step) => `${step.event.type}->${statusOf(step.state)}`)).toEqual(['monitorCleared->Resolved', 'autoClose->Closed']);
  });

  it('agrees with judge on every step of every path', () => {
    for (const path of shortest) {
      let [ticket] = openTicket(monitored);
      for (const step of moves(path)) {
        expect({ event: step.event.type, verdict: judge(ticket, step.event) }).toEqual({ event: step.event.type, verdict: { allowed: true } });
        [ticket] = applyTicketEvent(ticket, step.event);
        expect(ticket.context).toEqual(step.state.context);
      }
    }
  });
});

describe('the dispatch and escalation rules as a model (issue 4; REQUIREMENTS 3-4)', () => {
  // A P2 ticket at the 1st-line Service Desk, worked by Anna, escalated up to two lines and
  // returned. Every command is also given in a form that breaks a rule (no note, "done", a higher
  // line by dispatch, the end user), and a colleague tries to work a ticket Anna locked: the model
  // checks that none of those is ever taken, whatever state the ticket is in.
  const colleague: Actor = { id: 'a-2', role: 'agent', name: 'Bo Agent', teamIds: ['t-1'] };
  const servers: Actor = { id: 'a-3', role: 'agent', name: 'Sam Servers', teamIds: ['t-3'] };
  const deskDispatcher: Actor = { id: 'd-1', role: 'dispatcher', name: 'Dana Dispatcher', teamIds: ['t-1'] };
  const TEAMS = {
    serviceDesk: { teamId: 't-1', teamName: 'Service Desk', teamLine: 1 },
    healthIt: { teamId: 't-5', teamName: 'Health IT', teamLine: 1 },
    servers: { teamId: 't-3', teamName: '2nd line Servers', teamLine: 2 },
    storage: { teamId: 't-4', teamName: '3rd line Storage', teamLine: 3 },
  };
  const at = (actor: Actor, command: Cmd): TicketEvent => ({ ...command, actor, at: '2025-05-06T10:00:00.000Z' }) as TicketEvent;

  const GOOD: TicketEvent[] = [
    at(deskDispatcher, { type: 'assignToTeam', ...TEAMS.serviceDesk }),
    at(deskDispatcher, { type: 'assignToAgent', agentId: agent.id, agentName: 'Anna Agent', agentTeamIds: ['t-1'] }),
    at(agent, { type: 'beginWork' }),
    at(agent, { type: 'setCategory', categoryId: 'c-printer', categoryName: 'Printer', requiredQuestions: ['room', 'model'] }),
    at(agent, { type: 'answerQuestions', answers: { room: '1.23' } }),
    at(agent, { type: 'answerQuestions', answers: { model: 'HP M404' } }),
    at(agent, { type: 'escalate', ...TEAMS.servers, note: HANDOVER }),
    at(servers, { type: 'escalate', ...TEAMS.storage, note: HANDOVER }),
    at(servers, { type: 'returnToOrigin', note: SOLUTION }),
    at(agent, { type: 'lock' }),
    at(agent, { type: 'unlock' }),
  ];
  /** Refused in every ticket that has a team (a New ticket's first dispatch may go to any line). */
  const BAD: TicketEvent[] = [
    at(agent, { type: 'escalate', ...TEAMS.servers, note: 'done' }),
    at(agent, { type: 'escalate', ...TEAMS.healthIt, note: HANDOVER }),
    at(servers, { type: 'returnToOrigin', note: 'fixed' }),
    at(agent, { type: 'assignToTeam', ...TEAMS.healthIt }),
    at(agent, { type: 'assignToTeam', ...TEAMS.healthIt, note: 'see above' }),
    at(agent, { type: 'assignToTeam', ...TEAMS.storage, note: HANDOVER }),
    at(requester, { type: 'escalate', ...TEAMS.servers, note: HANDOVER }),
    at(requester, { type: 'returnToOrigin', note: SOLUTION }),
    at(requester, { type: 'lock' }),
    at(requester, { type: 'unlock' }),
  ];
  /** Another agent of the team tries to work the ticket (and to unlock it). */
  const COLLEAGUE: TicketEvent[] = [at(colleague, { type: 'addJournalNote', text: 'Had a look' }), at(colleague, { type: 'unlock' })];
  const ALL = [...GOOD, ...BAD, ...COLLEAGUE];

  // Opened without a category: the model must set (and answer) one before it may escalate.
  const input: TicketInput = { ...inputOf(false), priority: 'P2', categoryId: null };
  // Two escalations at most keep the model finite (the chain grows with every round trip).
  const modelOptions = {
    input,
    events: (state: TicketSnapshot) =>
      ALL.filter((event) => event.type !== 'escalate' || (state.context.escalations ?? []).length < 2).filter(
        (event) => state.context.teamId !== null || !BAD.includes(event),
      ),
  };
  interface Move {
    from: TicketSnapshot;
    event: TicketEvent;
    to: TicketSnapshot;
    effects: TicketEffect[];
  }
  let adjacency: Adjacency;
  let moves: Move[];

  beforeAll(() => {
    adjacency = getAdjacencyMap(ticketMachine, modelOptions);
    moves = Object.values(adjacency).flatMap((node) =>
      transitionsOf(node).map(({ event, state }) => ({ from: node.state, event, to: state, effects: applyTicketEvent(node.state, event)[1] })),
    );
  });

  /** Every declared transition asks for at least one effect: "taken" is "asked for effects". */
  const taken = (move: Move) => move.effects.length > 0;
  const openSteps = (state: TicketSnapshot) => (state.context.escalations ?? []).filter((s) => s.returnedAt === null);
  const chainOf = (state: TicketSnapshot) =>
    (state.context.escalations ?? []).map((s) => `${s.fromLine}->${s.toLine}${s.returnedAt ? ' returned' : ''}`).join(', ');

  it('explores escalations to the 2nd and the 3rd line, the way back, and a second escalation', () => {
    expect(Object.keys(adjacency).length).toBeGreaterThan(100);
    const chains = new Set(Object.values(adjacency).map((node) => chainOf(node.state)));
    expect(chains).toContain('1->2, 2->3');
    expect(chains).toContain('1->2, 2->3 returned');
    expect(chains).toContain('1->2 returned, 2->3 returned');
    expect(chains).toContain('1->2 returned, 1->2');
  });

  it('takes none of the commands that break a rule, in any ticket with a team', () => {
    const bad = moves.filter(({ event }) => BAD.includes(event));
    expect(bad.length).toBeGreaterThan(100);
    for (const move of bad) {
      expect({ event: move.event, taken: taken(move) }).toEqual({ event: move.event, taken: false });
      expect(move.to.context).toEqual(move.from.context);
    }
  });

  it('escalates only a categorised ticket with every question answered, to a higher line, with a substantive note, status kept', () => {
    const escalations = moves.filter((move) => move.event.type === 'escalate' && taken(move));
    expect(escalations.length).toBeGreaterThan(0);
    for (const { from, event, to } of escalations) {
      const escalate = event as Extract<TicketEvent, { type: 'escalate' }>;
      expect(from.context.categoryId).toBe('c-printer');
      expect(from.context.answers).toMatchObject({ room: '1.23', model: 'HP M404' });
      expect(escalate.teamLine).toBeGreaterThan(from.context.teamLine!);
      expect(isSubstantiveNote(escalate.note)).toBe(true);
      expect(statusOf(to)).toBe(statusOf(from));
      expect(['Assigned', 'InProgress']).toContain(statusOf(to));
      expect(to.context).toMatchObject({ teamId: escalate.teamId, teamLine: escalate.teamLine, assigneeId: null, lockedBy: null });
      expect(to.context.escalations).toEqual([
        ...(from.context.escalations ?? []),
        expect.objectContaining({ fromTeamId: from.context.teamId, fromLine: from.context.teamLine, toTeamId: escalate.teamId, returnedAt: null }),
      ]);
    }
  });

  it('tells the user of every escalation and alerts the receiving team of this P2 ticket', () => {
    for (const { event, effects } of moves.filter((move) => move.event.type === 'escalate' && taken(move))) {
      const teamName = (event as Extract<TicketEvent, { type: 'escalate' }>).teamName;
      expect(effects).toContainEqual({ type: 'notifyRequester', params: { template: 'escalated', audience: 'requester', text: teamName } });
      expect(effects).toContainEqual({
        type: 'notifyTeam',
        params: { template: 'handoverAlert', audience: 'team', text: `A P2 ticket was handed to ${teamName}.` },
      });
    }
  });

  it('returns a ticket to the team its last open escalation came from, with that team’s line, status kept', () => {
    const returns = moves.filter((move) => move.event.type === 'returnToOrigin' && taken(move));
    expect(returns.length).toBeGreaterThan(0);
    for (const { from, to } of returns) {
      const open = openSteps(from).at(-1)!;
      expect(to.context).toMatchObject({ teamId: open.fromTeamId, teamName: open.fromTeamName, teamLine: open.fromLine, assigneeId: null });
      expect(openSteps(to)).toHaveLength(openSteps(from).length - 1);
      expect(to.context.escalations).toHaveLength(from.context.escalations!.length);
      expect(statusOf(to)).toBe(statusOf(from));
    }
  });

  it('leaves every escalated ticket with the team at the top of its chain, and every other one at the 1st line', () => {
    for (const node of Object.values(adjacency)) {
      const open = openSteps(node.state).at(-1);
      if (open) expect(node.state.context).toMatchObject({ teamId: open.toTeamId, teamLine: open.toLine });
      else if (node.state.context.teamId) expect(node.state.context).toMatchObject({ teamId: 't-1', teamLine: 1 });
    }
  });

  it('lets no other agent act on a ticket Anna locked, and lets them once she unlocks it', () => {
    const locked = moves.filter(({ from }) => from.context.lockedBy === agent.id);
    expect(locked.length).toBeGreaterThan(0);
    for (const move of locked.filter(({ event }) => event.actor.role === 'agent' && event.actor.id !== agent.id)) {
      expect({ event: move.event, taken: taken(move) }).toEqual({ event: move.event, taken: false });
      expect(judge(move.from, move.event).allowed).toBe(false);
      if (move.event === COLLEAGUE[0]) expect(judge(move.from, move.event)).toMatchObject({ code: 'forbidden', rule: 'notLockedByOther' });
    }
    const note = moves.filter(({ from, event }) => event === COLLEAGUE[0] && from.context.lockedBy === null && statusOf(from) !== 'Closed');
    expect(note.length).toBeGreaterThan(0);
    for (const move of note) expect(taken(move)).toBe(true);
  });

  it('agrees with judge on every transition of the model', () => {
    for (const move of moves) {
      expect({ event: move.event, allowed: judge(move.from, move.event).allowed }).toEqual({ event: move.event, allowed: taken(move) });
    }
  });
});
