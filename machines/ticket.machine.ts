// The ticket process for incidents and service requests (REQUIREMENTS 1-3, seed 000).
// Pure: no I/O, no timers, no clock. Deadlines (auto-close) are events the workflow raises;
// side effects are named actions (`record`, `notifyRequester`, `pin`) the workflow carries out.
import { assign, setup } from 'xstate';
import { RuleName, TICKET_RULES } from './ticket.rules';
import { rulesHold } from './process/rules';
import { registeredMinutes, timeEntryText } from './time/time-units';
import type {
  EscalationStep,
  JournalEffect,
  JournalKind,
  NotificationTemplate,
  NotifyEffect,
  PinEffect,
  TimeEntryEffect,
  TicketContext,
  TicketEvent,
  TicketEventType,
  TicketInput,
  Visibility,
} from './ticket.types';

type Args = { context: TicketContext; event: TicketEvent };
type EventOf<T extends TicketEventType> = Extract<TicketEvent, { type: T }>;
const as = <T extends TicketEventType>(event: TicketEvent) => event as EventOf<T>;

/** `assign` typed for any ticket event, so one helper serves transitions of several events. */
const set = (update: Partial<TicketContext> | ((args: Args) => Partial<TicketContext>)) =>
  assign<TicketContext, TicketEvent, undefined, TicketEvent, never>(update as never);

/**
 * A guard made of named rules, so a refusal can say which rule failed (see ticket.rules.ts).
 * Whatever staff may do, a locked ticket lets only its owner (or a dispatcher) do.
 */
const rules = (...names: RuleName[]) =>
  ({ type: 'rules', params: { rules: [...new Set<RuleName>(names.includes('staff') ? [...names, 'notLockedByOther'] : names)] } }) as const;

const record = (kind: JournalKind, visibility: Visibility, text: (args: Args) => string) =>
  ({
    type: 'record',
    params: (args: Args): JournalEffect => ({ kind, visibility, text: text(args), authorId: args.event.actor.id }),
  }) as const;

const notify = (template: NotificationTemplate, text: (args: Args) => string | null = () => null) =>
  ({ type: 'notifyRequester', params: (args: Args): NotifyEffect => ({ template, audience: 'requester', text: text(args) }) }) as const;

const eventText = ({ event }: Args) => (event as { text?: string }).text ?? '';
const withReason = (what: string, args: Args) => (eventText(args).trim() ? `${what}: ${eventText(args).trim()}` : what);

// --- reusable transitions -------------------------------------------------------------------

const assignTeam = set(({ event }) => {
  const dispatch = as<'assignToTeam'>(event);
  return { teamId: dispatch.teamId, teamName: dispatch.teamName, teamLine: dispatch.teamLine ?? null, assigneeId: null, lockedBy: null };
});

/** Seed 000, principle 1: a P1/P2 ticket handed to a team alerts its dispatcher and lead. */
const alertReceivingTeam = (teamName: (args: Args) => string) =>
  ({
    type: 'notifyTeam',
    params: (args: Args): NotifyEffect => ({
      template: 'handoverAlert',
      audience: 'team',
      text: `A ${args.context.priority} ticket was handed to ${teamName(args)}.`,
    }),
  }) as const;

/** Offers `transition` twice: with the P1/P2 alert for urgent tickets, and without. */
const urgentOrNot = <T extends { guard: ReturnType<typeof rules>; actions: readonly unknown[] }>(
  transition: T,
  teamName: (args: Args) => string,
) => [
  {
    ...transition,
    guard: rules(...(transition.guard.params.rules as RuleName[]), 'urgentPriority'),
    actions: [...transition.actions, alertReceivingTeam(teamName)],
  },
  transition,
];

const dispatchedTeam = ({ event }: Args) => as<'assignToTeam'>(event).teamName;

const dispatchToTeam = (target: 'Assigned' | 'InProgress' | 'Pending') =>
  urgentOrNot(
    {
      target,
      guard: rules('staffOrSystem', 'notLockedByOther', 'teamGiven', 'otherTeam', 'notHigherLine', 'notAroundEscalation', 'handoverNoteIfTransfer', 'categorySetIfTransfer'),
      actions: [
        // The handover note first: it is written while the ticket is still with the old team.
        record('note', 'internal', ({ context, event }) => {
          const note = as<'assignToTeam'>(event).note?.trim();
          return context.teamId && note ? `Handover to ${as<'assignToTeam'>(event).teamName}: ${note}` : '';
        }),
        assignTeam,
        record('event', 'public', ({ event }) => `Dispatched to team ${as<'assignToTeam'>(event).teamName}`),
        notify('assignedToTeam', ({ event }) => as<'assignToTeam'>(event).teamName),
      ],
    },
    dispatchedTeam,
  );

const assignAgent = {
  guard: rules('dispatcherOrSelf', 'notLockedByOther', 'hasTeam', 'agentGiven', 'agentInTeamOrAgreed'),
  actions: [
    // A lock belongs to the agent who has the ticket: a new assignee is not locked out.
    set(({ context, event }) => {
      const agentId = as<'assignToAgent'>(event).agentId;
      return { assigneeId: agentId, lockedBy: context.lockedBy === agentId ? agentId : null };
    }),
    record('event', 'internal', ({ event }) => {
      const { agentName, agreedWith } = as<'assignToAgent'>(event);
      return agreedWith?.trim() ? `Assigned to ${agentName} (agreed with: ${agreedWith.trim()})` : `Assigned to ${agentName}`;
    }),
  ],
};

// Seed 000, flow steps 7-8 and principle 1-2: to a higher line, with category, answers and a
// handover note; the user is told; the receiving dispatcher alerted for P1/P2.
const escalate = urgentOrNot(
  {
    guard: rules('staff', 'hasTeam', 'teamGiven', 'higherLine', 'categorySet', 'questionsAnswered', 'handoverNote'),
    actions: [
      record('note', 'internal', ({ event }) => `Handover to ${as<'escalate'>(event).teamName}: ${as<'escalate'>(event).note.trim()}`),
      set(({ context, event }) => {
        const to = as<'escalate'>(event);
        const step: EscalationStep = {
          fromTeamId: context.teamId!,
          fromTeamName: escalationOrigin(context),
          fromLine: context.teamLine ?? 1,
          toTeamId: to.teamId,
          toTeamName: to.teamName,
          toLine: to.teamLine,
          at: event.at,
          by: event.actor.id,
          returnedAt: null,
        };
        return {
          escalations: [...(context.escalations ?? []), step],
          teamId: to.teamId,
          teamName: to.teamName,
          teamLine: to.teamLine,
          assigneeId: null,
          lockedBy: null,
        };
      }),
      record('event', 'public', ({ event }) => `Escalated to ${as<'escalate'>(event).teamName}`),
      notify('escalated', ({ event }) => as<'escalate'>(event).teamName),
    ],
  },
  ({ event }) => as<'escalate'>(event).teamName,
);

/** The name of the team that has the ticket (kept since the dispatch rules; older tickets show the id). */
const escalationOrigin = (context: TicketContext): string => context.teamName ?? context.teamId ?? 'the team';

// Seed 000, flow steps 12-14 and principle 3: the solution is described in a journal note and the
// ticket goes back, In Progress, to the primary team it was escalated from.
const returnToOrigin = {
  guard: rules('staff', 'escalated', 'solutionNote'),
  actions: [
    record('note', 'internal', ({ event }) => `Solution: ${as<'returnToOrigin'>(event).note.trim()}`),
    set(({ context, event }) => {
      const steps = [...(context.escalations ?? [])];
      const index = steps.map((s) => s.returnedAt).lastIndexOf(null);
      const open = steps[index];
      steps[index] = { ...open, returnedAt: event.at };
      return { escalations: steps, teamId: open.fromTeamId, teamName: open.fromTeamName, teamLine: open.fromLine, assigneeId: null, lockedBy: null };
    }),
    record('event', 'public', ({ context }) => `Returned to ${context.teamName ?? 'the primary team'}`),
  ],
};

const absenceActions = [
  record('event', 'internal', ({ event }) => {
    const { agentName, until, cause } = as<'absenceNoticed'>(event);
    return `${agentName} is away until ${until}${cause === 'userUpdate' ? ' and the user wrote' : ''}: the dispatcher is alerted`;
  }),
  {
    type: 'notifyTeam',
    params: ({ event }: Args): NotifyEffect => {
      const { agentName, until, cause } = as<'absenceNoticed'>(event);
      const what = cause === 'assigned' ? 'was assigned this ticket' : 'has an update from the user on this ticket';
      return { template: 'absenceAlert', audience: 'team', text: `${agentName} ${what} but is away until ${until}.` };
    },
  } as const,
];

// REQUIREMENTS 3 / seed 000, principle 3: a ticket covering problems for several teams is split
// into linked tasks, one per team; the workflow starts each task's own workflow.
const split = {
  guard: rules('staff', 'tasksGiven'),
  actions: [
    set(({ context, event }) => ({
      tasks: [
        ...(context.tasks ?? []),
        ...as<'split'>(event).tasks.map((t) => ({ number: t.number, teamName: t.teamName, status: 'New' as const })),
      ],
    })),
    record('event', 'internal', ({ event }) => `Split into ${as<'split'>(event).tasks.map((t) => `${t.number} (${t.teamName}: ${t.title})`).join(', ')}`),
  ],
};

const closeAsNotNeeded = {
  target: 'Closed',
  guard: rules('staff', 'isTask', 'notNeededNote'),
  actions: [
    set(({ event }) => ({ closedAt: event.at })),
    record('event', 'internal', ({ event }) => `Closed as not needed: ${as<'closeAsNotNeeded'>(event).note.trim()}`),
  ],
};

// Issue 15, item 3: the same fault reported twice is closed as a duplicate of the ticket that is
// worked; its user is told which one to follow.
const duplicateText = ({ event }: Args) => `Closed as a duplicate of ${as<'closeAsDuplicate'>(event).duplicateOf}: follow that ticket`;
const closeAsDuplicate = {
  target: 'Closed',
  guard: rules('staff', 'duplicateOfGiven'),
  actions: [set(({ event }) => ({ closedAt: event.at })), record('event', 'public', duplicateText), notify('closed', duplicateText)],
};

// Issue 5: a cleared alert resolves the incident while nobody has worked it; otherwise the agent
// who has it is told and decides.
const monitorClears = {
  target: 'Resolved',
  guard: rules('monitor', 'notWorked', 'textGiven'),
  actions: [
    set(({ event }) => ({ resolution: eventText({ event } as Args).trim(), resolvedAt: event.at, updateFlag: false })),
    record('event', 'public', (args) => `Resolved by the monitor: ${eventText(args).trim()}`),
  ],
} as const;

const vendorAnswerActions = [
  set({ updateFlag: true }),
  record('note', 'internal', ({ context, event }) => `Answer from ${context.vendor?.name ?? 'the vendor'}: ${eventText({ context, event }).trim()}`),
];

const takeIfUnassigned = set(({ context, event }) => ({ assigneeId: context.assigneeId ?? event.actor.id }));

// Seed 000, principle 4: "the status is set automatically when a mail was sent to the user".
const answerUser = (target: 'InProgress' | 'Pending' | 'Resolved') => ({
  target,
  guard: rules('staff', 'textGiven'),
  actions: [
    ...(target === 'InProgress' ? [takeIfUnassigned] : []),
    set({ updateFlag: false }),
    record('comment', 'public', eventText),
    notify('agentComment', eventText),
  ],
});

// REQUIREMENTS 2: answering the user while New puts the ticket In Progress. A worked ticket has a
// team (seed 000, principle 3): the agent who answers takes it, with their team.
const answerNewTicket = {
  target: 'InProgress',
  guard: rules('staff', 'textGiven', 'answererHasTeam'),
  actions: [
    set(({ event }) => {
      const { teamId, teamName, teamLine } = as<'addComment'>(event);
      return { teamId: teamId!, teamName: teamName!, teamLine: teamLine ?? null, assigneeId: event.actor.id };
    }),
    record('event', 'internal', ({ event }) => `Taken by ${event.actor.name ?? event.actor.id} (${as<'addComment'>(event).teamName}) on answering the user`),
    ...answerUser('InProgress').actions,
  ],
} as const;

const userAddsSomething = {
  guard: rules('requester', 'textGiven'),
  actions: [set({ updateFlag: true }), record('comment', 'public', eventText)],
};

const reclassify = {
  guard: rules('staff', 'otherType'),
  actions: [
    // Recorded first: the journal names the type the ticket had before the change.
    record('event', 'internal', (args) =>
      withReason(`Reclassified from ${args.context.type} to ${as<'reclassify'>(args.event).ticketType}`, args),
    ),
    set(({ event }) => ({ type: as<'reclassify'>(event).ticketType })),
  ],
};

const resolve = {
  target: 'Resolved',
  guard: rules('staff', 'noOpenTasks', 'resolutionGiven'),
  actions: [
    set(({ event }) => ({
      resolution: as<'resolve'>(event).resolution.trim(),
      resolvedAt: event.at,
      updateFlag: false,
      pendingReason: null,
      pendingText: null,
    })),
    record('event', 'public', ({ event }) => `Resolved: ${as<'resolve'>(event).resolution.trim()}`),
    // REQUIREMENTS 2: no ticket is Resolved without telling the user ("Dear user" template).
    notify('resolved', ({ event }) => as<'resolve'>(event).resolution.trim()),
  ],
} as const;

/**
 * Issue 15, item 3: a major incident's resolution reaches each linked incident from the cascade
 * workflow, in one step from any open status (the old cascade took up to three commands per
 * child, each a chance to die half-way). A child without a team takes the resolving team, so its
 * reports name who solved it. The child's own rules still hold: open tasks refuse it.
 */
const miResolution = (event: TicketEvent): string => {
  const e = as<'resolveWithMajorIncident'>(event);
  return `${e.resolution.trim()} (resolved with major incident ${e.miNumber})`;
};
const resolveWithMajorIncident = {
  target: 'Resolved',
  guard: rules('staff', 'noOpenTasks', 'resolutionGiven'),
  actions: [
    set(({ context, event }) => {
      const e = as<'resolveWithMajorIncident'>(event);
      return {
        resolution: miResolution(event),
        resolvedAt: event.at,
        updateFlag: false,
        pendingReason: null,
        pendingText: null,
        teamId: context.teamId ?? e.teamId ?? null,
        teamName: context.teamId ? context.teamName : (e.teamName ?? null),
      };
    }),
    record('event', 'public', ({ event }) => `Resolved: ${miResolution(event)}`),
    // The user hears it once, as for any resolution; the major incident's own mail goes to its stakeholders.
    notify('resolved', ({ event }) => miResolution(event)),
  ],
} as const;

// --- time registration (REQUIREMENTS 10, seed 003) --------------------------------------------

/** The entry a logTime or correctTime command makes: the next number on the ticket. */
function timeEntryOf({ context, event }: Args): TimeEntryEffect {
  const entries = context.timeEntries ?? [];
  const by = { entry: entries.length + 1, agentId: event.actor.id, agentName: event.actor.name ?? event.actor.id };
  if (event.type === 'correctTime') {
    const cancelled = entries[event.entry - 1];
    return {
      ...by,
      workedMinutes: -cancelled.workedMinutes,
      minutes: -cancelled.minutes,
      activity: cancelled.activity,
      billable: cancelled.billable,
      workedOn: event.at.slice(0, 10),
      note: event.note.trim(),
      corrects: event.entry,
    };
  }
  const work = as<'logTime'>(event);
  return {
    ...by,
    workedMinutes: work.minutes,
    minutes: registeredMinutes(work.minutes, work.activity),
    activity: work.activity,
    billable: work.billable ?? true,
    workedOn: work.workedOn ?? event.at.slice(0, 10),
    note: work.note?.trim() || null,
    corrects: null,
  };
}

/** Journal, effect, then the mark the machine keeps (in this order: the first two read the entries before it). */
const registerTime = (text: (entry: TimeEntryEffect) => string) => [
  record('event', 'internal', (args) => text(timeEntryOf(args))),
  { type: 'logTime', params: timeEntryOf } as const,
  set((args) => {
    const { workedMinutes, minutes, activity, billable, corrects } = timeEntryOf(args);
    const entries = (args.context.timeEntries ?? []).map((e, i) => (i + 1 === corrects ? { ...e, corrected: true } : e));
    return { timeEntries: [...entries, { workedMinutes, minutes, activity, billable, corrects, corrected: false }] };
  }),
];

const clearPending = set({ pendingReason: null, pendingText: null });

const close = (why: string) => ({
  target: 'Closed',
  actions: [
    set(({ event }) => ({ closedAt: event.at })),
    record('event', 'public', (args) => withReason(why, args)),
    notify('closed'),
  ],
});

export const ticketMachine = setup({
  types: {
    context: {} as TicketContext,
    events: {} as TicketEvent,
    input: {} as TicketInput,
  },
  guards: {
    rules: rulesHold(TICKET_RULES),
  },
  actions: {
    // Carried out by the workflow (activities); empty here so the machine stays pure.
    record: (_args, _params: JournalEffect) => undefined,
    notifyRequester: (_args, _params: NotifyEffect) => undefined,
    notifyTeam: (_args, _params: NotifyEffect) => undefined,
    pin: (_args, _params: PinEffect) => undefined,
    logTime: (_args, _params: TimeEntryEffect) => undefined,
  },
}).createMachine({
  id: 'ticket',
  context: ({ input }) => ({
    type: input.type,
    priority: input.priority,
    requesterId: input.requesterId,
    teamId: null,
    assigneeId: null,
    updateFlag: false,
    attentionFlag: false,
    pendingReason: null,
    pendingText: null,
    resolution: null,
    resolvedAt: null,
    closedAt: null,
    requiresApproval: input.requiresApproval,
    rulesVersion: input.rulesVersion ?? 1,
    teamLine: null,
    teamName: null,
    categoryId: input.categoryId ?? null,
    requiredQuestions: input.requiredQuestions ?? [],
    answers: input.intake?.answers ?? {},
    escalations: [],
    lockedBy: null,
    vendor: null,
    parentNumber: input.parentNumber ?? null,
    tasks: [],
  }),
  entry: [
    {
      type: 'record',
      params: ({ event }) => {
        const { input } = event as unknown as { input: TicketInput };
        // A ticket from a request item says what was asked for and answered, in the same entry.
        const text = input.intake ? `Ticket created\n${input.intake.text}` : 'Ticket created';
        return { kind: 'event', visibility: 'public', text, authorId: input.createdBy.id };
      },
    },
    { type: 'notifyRequester', params: { template: 'ticketCreated', audience: 'requester', text: null } },
  ],
  // In every open status. Closed is final: the machine is done and accepts nothing.
  on: {
    addJournalNote: { guard: rules('staff', 'textGiven'), actions: record('note', 'internal', eventText) },
    logTime: { guard: rules('staff', 'timeGiven', 'timeActivityGiven', 'workedOnValid'), actions: registerTime(timeEntryText) },
    correctTime: {
      guard: rules('staff', 'timeToCorrect', 'timeEntryCorrectable', 'correctionNote'),
      actions: registerTime((e) => `Time correction: ${e.minutes} min ${e.activity}, cancelling entry ${e.corrects}: ${e.note}`),
    },
    pinNote: {
      guard: rules('staff'),
      actions: { type: 'pin', params: ({ event }) => ({ seq: as<'pinNote'>(event).seq, pinned: true }) },
    },
    unpinNote: {
      guard: rules('staff'),
      actions: { type: 'pin', params: ({ event }) => ({ seq: as<'unpinNote'>(event).seq, pinned: false }) },
    },
    setAttention: {
      guard: rules('staff', 'attentionOff'),
      actions: [set({ attentionFlag: true }), record('event', 'internal', () => 'Marked as demanding attention')],
    },
    clearAttention: {
      guard: rules('staff', 'attentionOn'),
      actions: [set({ attentionFlag: false }), record('event', 'internal', () => 'Attention flag cleared')],
    },
    clearUpdateFlag: {
      guard: rules('staff', 'updateFlagOn'),
      actions: [set({ updateFlag: false }), record('event', 'internal', () => 'Update flag cleared')],
    },
    setCategory: {
      guard: rules('staff', 'categoryGiven'),
      actions: [
        set(({ event }) => {
          const category = as<'setCategory'>(event);
          return { categoryId: category.categoryId, requiredQuestions: category.requiredQuestions };
        }),
        record('event', 'internal', ({ event }) => `Category set to ${as<'setCategory'>(event).categoryName}`),
      ],
    },
    answerQuestions: {
      guard: rules('staff', 'answersGiven'),
      actions: [
        set(({ context, event }) => ({ answers: { ...(context.answers ?? {}), ...as<'answerQuestions'>(event).answers } })),
        record('note', 'internal', ({ event }) =>
          `Additional Questions: ${Object.entries(as<'answerQuestions'>(event).answers).map(([k, v]) => `${k}: ${v.trim()}`).join('; ')}`,
        ),
      ],
    },
    lock: {
      guard: rules('staff', 'mayLock', 'unlocked'),
      actions: [set(({ event }) => ({ lockedBy: event.actor.id })), record('event', 'internal', ({ event }) => `Locked by ${event.actor.name ?? event.actor.id}`)],
    },
    unlock: {
      guard: rules('lockOwnerOrDispatcher', 'locked'),
      actions: [set({ lockedBy: null }), record('event', 'internal', ({ event }) => `Unlocked by ${event.actor.name ?? event.actor.id}`)],
    },
    // REQUIREMENTS 3: all communication stays in the system, also with vendors.
    recordVendorTicket: {
      guard: rules('staff', 'vendorGiven'),
      actions: [
        set(({ event }) => {
          const { vendor, vendorTicketId, vendorAddress } = as<'recordVendorTicket'>(event);
          return { vendor: { name: vendor.trim(), ticketId: vendorTicketId.trim(), ...(vendorAddress?.trim() ? { address: vendorAddress.trim().toLowerCase() } : {}) } };
        }),
        record('event', 'internal', ({ event }) => `Vendor ticket ${as<'recordVendorTicket'>(event).vendor.trim()} #${as<'recordVendorTicket'>(event).vendorTicketId.trim()}`),
      ],
    },
    // Issue 4: a vendor's answer sets the Update flag, like a user's message. An agent enters it, or
    // the mail intake does when the recorded vendor address writes (REQUIREMENTS 3, 9).
    vendorAnswer: { guard: rules('staffOrSystem', 'textGiven', 'notLockedByOther'), actions: vendorAnswerActions },
    monitorCleared: {
      guard: rules('monitor', 'textGiven'),
      actions: [set({ updateFlag: true }), record('note', 'internal', (args) => `Monitor: the alert has cleared (${eventText(args).trim()})`)],
    },
    monitorNote: { guard: rules('monitor', 'textGiven'), actions: record('note', 'internal', (args) => `Monitor: ${eventText(args).trim()}`) },
    taskStatusChanged: {
      guard: rules('system', 'knownTask'),
      actions: [
        set(({ context, event }) => {
          const change = as<'taskStatusChanged'>(event);
          return { tasks: (context.tasks ?? []).map((t) => (t.number === change.number ? { ...t, status: change.status } : t)) };
        }),
        record('event', 'internal', ({ event }) => `Task ${as<'taskStatusChanged'>(event).number} is ${as<'taskStatusChanged'>(event).status}`),
      ],
    },
    // Issue 4, item 7: the dispatcher watches absences; a user writing to an absent agent gets
    // the agent's auto-reply.
    absenceNoticed: [
      {
        guard: rules('system', 'autoReplyDue'),
        actions: [...absenceActions, notify('autoReply', ({ event }) => as<'absenceNoticed'>(event).autoReply)],
      },
      { guard: rules('system'), actions: absenceActions },
    ],
    // REQUIREMENTS 9: a mail that could not be delivered is visible on its ticket; the agent must
    // know the user never heard (internal note, Attention flag).
    notificationUndelivered: {
      guard: rules('system'),
      actions: [
        set({ attentionFlag: true }),
        record('note', 'internal', ({ event }) => {
          const { recipient, subject, reason } = as<'notificationUndelivered'>(event);
          return `Mail not delivered to ${recipient}: "${subject}" (${reason}). They have not been told; the ticket demands attention`;
        }),
      ],
    },
    // A CC's message adds something (Update flag); auto-generated mail is only recorded.
    mailNote: {
      guard: rules('system', 'textGiven'),
      actions: [
        set(({ context, event }) => ({ updateFlag: context.updateFlag || as<'mailNote'>(event).update })),
        record('note', 'internal', ({ event }) => `Mail from ${as<'mailNote'>(event).from}: ${as<'mailNote'>(event).text.trim()}`),
      ],
    },
    overridePriority: {
      guard: rules('staff', 'otherPriority', 'textGiven'),
      actions: [
        record('event', 'internal', (args) =>
          withReason(`Priority changed from ${args.context.priority} to ${as<'overridePriority'>(args.event).priority}`, args),
        ),
        set(({ event }) => ({ priority: as<'overridePriority'>(event).priority })),
      ],
    },
    // The workflow composes the text (old and new deadlines); the machine decides who may ask.
    recalculateSla: { guard: rules('admin'), actions: record('event', 'internal', eventText) },
    // Issue "SLA engine": a breach is journaled, the team's dispatcher and lead are told, and the
    // policy may raise the priority.
    slaAlert: {
      guard: rules('system'),
      actions: [
        set(({ context, event }) => ({ priority: as<'slaAlert'>(event).raiseTo ?? context.priority })),
        record('event', 'internal', eventText),
        {
          type: 'notifyTeam',
          params: ({ event }: Args): NotifyEffect => {
            const alert = as<'slaAlert'>(event);
            const template = alert.kind === 'warning' ? 'slaWarning' : alert.kind === 'breach' ? 'slaBreach' : 'onCallAlert';
            return { template, audience: alert.kind === 'onCall' ? 'onCall' : 'team', text: alert.text };
          },
        },
      ],
    },
  },
  states: {
    New: {
      description: 'Created via portal, mail, API or monitor; not yet worked',
      on: {
        assignToTeam: dispatchToTeam('Assigned'),
        addComment: answerNewTicket,
        reply: userAddsSomething,
        reclassify,
        closeAsNotNeeded,
        monitorCleared: monitorClears,
        resolveWithMajorIncident,
        closeAsDuplicate,
      },
    },
    Assigned: {
      description: 'Dispatched to a team and, by its dispatcher, to an agent',
      on: {
        assignToTeam: dispatchToTeam('Assigned'),
        assignToAgent: assignAgent,
        escalate,
        returnToOrigin,
        split,
        closeAsNotNeeded,
        monitorCleared: monitorClears,
        beginWork: {
          target: 'InProgress',
          guard: rules('staff', 'assigneeOrUnassigned'),
          actions: [takeIfUnassigned, record('event', 'public', () => 'Work begun')],
        },
        addComment: answerUser('InProgress'),
        reply: userAddsSomething,
        reclassify,
        resolveWithMajorIncident,
        closeAsDuplicate,
      },
    },
    InProgress: {
      description: 'An agent pressed "Begin work"',
      on: {
        // Seed 000, principle 1: a ticket handed over after work began is handed over In Progress.
        assignToTeam: dispatchToTeam('InProgress'),
        escalate,
        returnToOrigin,
        split,
        closeAsNotNeeded,
        assignToAgent: assignAgent,
        setPending: {
          target: 'Pending',
          guard: rules('staff', 'pendingReasonGiven', 'textGiven'),
          actions: [
            set(({ event }) => ({
              pendingReason: as<'setPending'>(event).reason,
              pendingText: as<'setPending'>(event).text.trim(),
              pendingSince: event.at,
              pendingRemindedAt: null,
            })),
            record('event', 'public', ({ event }) => `Pending (${as<'setPending'>(event).reason}): ${as<'setPending'>(event).text.trim()}`),
            notify('pending', ({ event }) => as<'setPending'>(event).text.trim()),
          ],
        },
        addComment: answerUser('InProgress'),
        reply: userAddsSomething,
        reclassify,
        resolve,
        resolveWithMajorIncident,
        closeAsDuplicate,
      },
    },
    Pending: {
      description: 'Waiting for the end user or a vendor; the reason is visible to the user',
      on: {
        resume: {
          target: 'InProgress',
          guard: rules('staff'),
          actions: [clearPending, record('event', 'public', () => 'Resumed')],
        },
        // A ticket waiting on a vendor can change hands and keep waiting.
        assignToTeam: dispatchToTeam('Pending'),
        closeAsNotNeeded,
        // The vendor's answer is what a vendor wait waited for.
        vendorAnswer: [
          { target: 'InProgress', guard: rules('staffOrSystem', 'textGiven', 'awaitingVendor', 'notLockedByOther'), actions: [clearPending, ...vendorAnswerActions] },
        ],
        assignToAgent: assignAgent,
        addComment: answerUser('Pending'),
        // The user's answer is what the ticket waited for; a vendor wait goes on regardless.
        reply: [
          {
            target: 'InProgress',
            guard: rules('requester', 'textGiven', 'awaitingUser'),
            actions: [clearPending, ...userAddsSomething.actions],
          },
          userAddsSomething,
        ],
        reclassify,
        resolve,
        resolveWithMajorIncident,
        closeAsDuplicate,
        // The pending policy (REQUIREMENTS 2, seed 002): the workflow's timers remind the user once,
        // then close a ticket the user never answered.
        pendingReminder: {
          guard: rules('system', 'awaitingUser', 'notReminded'),
          actions: [
            set(({ event }) => ({ pendingRemindedAt: event.at })),
            record('event', 'public', ({ context }) => `Reminder sent: we are still waiting for your answer (${context.pendingText})`),
            notify('pendingReminder', ({ context }) => context.pendingText),
          ],
        },
        pendingExpired: { ...close('Closed without an answer from the user'), guard: rules('system', 'awaitingUser') },
      },
    },
    Resolved: {
      description: 'Solution sent to the user; closes itself after the auto-close period',
      on: {
        reopen: {
          target: 'InProgress',
          guard: rules('requesterOrStaff'),
          actions: [
            set(({ context, event }) => ({
              resolution: null,
              resolvedAt: null,
              updateFlag: context.updateFlag || event.actor.id === context.requesterId,
            })),
            record('event', 'public', (args) => withReason('Reopened', args)),
            notify('reopened'),
          ],
        },
        // REQUIREMENTS 2: a reply reopens the ticket to In Progress with the Update flag set.
        reply: {
          target: 'InProgress',
          guard: rules('requester', 'textGiven'),
          actions: [
            set({ resolution: null, resolvedAt: null, updateFlag: true }),
            record('comment', 'public', eventText),
            notify('reopened'),
          ],
        },
        addComment: answerUser('Resolved'),
        approve: { ...close('Approved by the customer and closed'), guard: rules('requester', 'approvalRequired') },
        autoClose: { ...close('Closed automatically after the resolution period'), guard: rules('system') },
      },
    },
    Closed: {
      description: 'Final: cannot be reopened; the user opens a new ticket',
      type: 'final',
    },
  },
  initial: 'New',
});

export type TicketMachine = typeof ticketMachine;
