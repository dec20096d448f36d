// The ticket process for incidents and service requests (REQUIREMENTS 1-3, seed 000).
// Pure: no I/O, no timers, no clock. Deadlines (auto-close) are events the workflow raises;
// side effects are named actions (`record`, `notifyRequester`, `pin`) the workflow carries out.
import { assign, setup } from 'xstate';
import { firstBrokenRule, RuleName } from './ticket.rules';
import type {
  JournalEffect,
  JournalKind,
  NotificationTemplate,
  NotifyEffect,
  PinEffect,
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

/** A guard made of named rules, so a refusal can say which rule failed (see ticket.rules.ts). */
const rules = (...names: RuleName[]) => ({ type: 'rules', params: { rules: names } }) as const;

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

const assignTeam = set(({ event }) => ({ teamId: as<'assignToTeam'>(event).teamId, assigneeId: null }));
const dispatchToTeam = (target: 'Assigned' | 'InProgress' | 'Pending') => ({
  target,
  guard: rules('staff', 'teamGiven', 'otherTeam'),
  actions: [
    assignTeam,
    record('event', 'public', ({ event }) => `Dispatched to team ${as<'assignToTeam'>(event).teamName}`),
    notify('assignedToTeam', ({ event }) => as<'assignToTeam'>(event).teamName),
  ],
});

const assignAgent = {
  guard: rules('dispatcherOrSelf', 'hasTeam', 'agentGiven'),
  actions: [
    set(({ event }) => ({ assigneeId: as<'assignToAgent'>(event).agentId })),
    record('event', 'internal', ({ event }) => `Assigned to ${as<'assignToAgent'>(event).agentName}`),
  ],
};

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
  guard: rules('staff', 'resolutionGiven'),
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
    rules: ({ context, event }, params: { rules: readonly RuleName[] }) =>
      firstBrokenRule(params.rules, context, event) === undefined,
  },
  actions: {
    // Carried out by the workflow (activities); empty here so the machine stays pure.
    record: (_args, _params: JournalEffect) => undefined,
    notifyRequester: (_args, _params: NotifyEffect) => undefined,
    notifyTeam: (_args, _params: NotifyEffect) => undefined,
    pin: (_args, _params: PinEffect) => undefined,
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
  }),
  entry: [
    {
      type: 'record',
      params: ({ event }) => {
        const { input } = event as unknown as { input: TicketInput };
        return { kind: 'event', visibility: 'public', text: 'Ticket created', authorId: input.createdBy.id };
      },
    },
    { type: 'notifyRequester', params: { template: 'ticketCreated', audience: 'requester', text: null } },
  ],
  // In every open status. Closed is final: the machine is done and accepts nothing.
  on: {
    addJournalNote: { guard: rules('staff', 'textGiven'), actions: record('note', 'internal', eventText) },
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
      // No agent answer while New: a ticket is dispatched to a team before anyone works it
      // (seed 000, principle 3), so an answer can put it In Progress with a team to own it.
      on: {
        assignToTeam: dispatchToTeam('Assigned'),
        reply: userAddsSomething,
        reclassify,
      },
    },
    Assigned: {
      description: 'Dispatched to a team and, by its dispatcher, to an agent',
      on: {
        assignToTeam: dispatchToTeam('Assigned'),
        assignToAgent: assignAgent,
        beginWork: {
          target: 'InProgress',
          guard: rules('staff', 'assigneeOrUnassigned'),
          actions: [takeIfUnassigned, record('event', 'public', () => 'Work begun')],
        },
        addComment: answerUser('InProgress'),
        reply: userAddsSomething,
        reclassify,
      },
    },
    InProgress: {
      description: 'An agent pressed "Begin work"',
      on: {
        // Seed 000, principle 1: a ticket handed over after work began is handed over In Progress.
        assignToTeam: dispatchToTeam('InProgress'),
        assignToAgent: assignAgent,
        setPending: {
          target: 'Pending',
          guard: rules('staff', 'pendingReasonGiven', 'textGiven'),
          actions: [
            set(({ event }) => ({
              pendingReason: as<'setPending'>(event).reason,
              pendingText: as<'setPending'>(event).text.trim(),
            })),
            record('event', 'public', ({ event }) => `Pending (${as<'setPending'>(event).reason}): ${as<'setPending'>(event).text.trim()}`),
            notify('pending', ({ event }) => as<'setPending'>(event).text.trim()),
          ],
        },
        addComment: answerUser('InProgress'),
        reply: userAddsSomething,
        reclassify,
        resolve,
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
