// The major-incident procedure (issue 5, part 1; seed 001, "Major Incident Management – en
// procedur"): proposed (by an agent or the detector, with a reason) -> accepted or rejected by an
// incident manager -> active once a resolving team is assigned (P1, communication schedule,
// linked incidents) -> resolved -> post-incident review -> closed. Pure like the ticket and CSI
// machines: timers are events the workflow raises, side effects are named actions it carries out.
import { assign, setup } from 'xstate';
import { MiRuleName, MI_RULES } from './major-incident.rules';
import { ruleGuard, rulesHold } from './process/rules';
import { recordLine } from './process/steps';
import type { MiContext, MiEvent, MiEventType, MiInput, MiJournalEffect, MiNotifyEffect } from './major-incident.types';

type Args = { context: MiContext; event: MiEvent };
type EventOf<T extends MiEventType> = Extract<MiEvent, { type: T }>;
const as = <T extends MiEventType>(event: MiEvent) => event as EventOf<T>;

const set = (update: (args: Args) => Partial<MiContext>) => assign<MiContext, MiEvent, undefined, MiEvent, never>(update as never);
const rules = ruleGuard<MiRuleName>();
const record = recordLine<MiContext, MiEvent>;
const notify = (effect: (args: Args) => MiNotifyEffect) => ({ type: 'notify', params: effect }) as const;
const trim = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

const assignActions = [
  set(({ context, event }) => {
    const e = as<'assign'>(event);
    return {
      incidentManagerId: trim(e.managerId) || context.incidentManagerId,
      incidentManagerName: trim(e.managerId) ? (e.managerName ?? null) : context.incidentManagerName,
      teamId: trim(e.teamId) || context.teamId,
      teamName: trim(e.teamId) ? (e.teamName ?? null) : context.teamName,
      stakeholderIds: Array.isArray(e.stakeholderIds) ? [...new Set(e.stakeholderIds)] : context.stakeholderIds,
    };
  }),
  record(({ event }) => {
    const e = as<'assign'>(event);
    const parts = [
      trim(e.managerId) ? `incident manager ${e.managerName ?? e.managerId}` : null,
      trim(e.teamId) ? `resolving team ${e.teamName ?? e.teamId}` : null,
      Array.isArray(e.stakeholderIds) ? `${e.stakeholderIds.length} stakeholder(s)` : null,
    ].filter(Boolean);
    return `Assigned: ${parts.join(', ')}`;
  }),
];

/** The cascade's report (issue 15, item 3): journaled; the incident manager is told what stays open and why. */
const cascadeText = ({ event }: Args): string => {
  const e = as<'cascadeFinished'>(event);
  const open = e.leftOpen.map((c) => `${c.number} (${c.reason})`).join('; ');
  return `Linked incidents: ${e.resolved.length} resolved with this major incident, ${e.skipped.length} resolved before it${e.leftOpen.length ? `; left open: ${open}` : ''}`;
};
const cascadeFinished = [
  {
    guard: rules('system', 'someLeftOpen'),
    actions: [
      set(() => ({ cascading: false })),
      record(cascadeText),
      notify((args) => ({ audiences: ['incidentManager'], template: 'miCascadeReport', subject: 'Major incident: linked incidents left open', text: cascadeText(args) })),
    ],
  },
  { guard: rules('system'), actions: [set(() => ({ cascading: false })), record(cascadeText)] },
];

export const majorIncidentMachine = setup({
  types: { context: {} as MiContext, events: {} as MiEvent, input: {} as MiInput },
  guards: {
    rules: rulesHold(MI_RULES),
  },
  actions: {
    record: (_args, _params: MiJournalEffect) => undefined,
    notify: (_args, _params: MiNotifyEffect) => undefined,
  },
}).createMachine({
  id: 'majorIncident',
  context: ({ input }) => ({
    proposedBy: input.proposedBy.id,
    reason: input.reason.trim(),
    priority: null,
    incidentManagerId: null,
    incidentManagerName: null,
    teamId: null,
    teamName: null,
    stakeholderIds: input.stakeholderIds ?? [],
    children: [],
    activeSince: null,
    lastUpdateAt: null,
    updates: [],
    remindedFor: null,
    resolution: null,
    resolvedAt: null,
    review: null,
    closedAt: null,
  }),
  entry: [
    { type: 'record', params: ({ context }) => ({ text: `Major incident proposed: ${context.reason}`, authorId: context.proposedBy }) },
    {
      type: 'notify',
      params: ({ context }): MiNotifyEffect => ({
        audiences: ['incidentManagers'],
        template: 'miProposed',
        subject: 'Major incident proposed',
        text: `A major incident is proposed: ${context.reason}`,
      }),
    },
  ],
  initial: 'proposed',
  states: {
    proposed: {
      description: 'Proposed by an agent or the detector, with a reason; an incident manager decides',
      on: {
        accept: {
          target: 'accepted',
          guard: rules('incidentManager'),
          actions: [
            set(({ event }) => ({ incidentManagerId: event.actor.id, incidentManagerName: event.actor.name ?? null, priority: 'P1' })),
            record(({ event }) => `Accepted as a major incident by ${event.actor.name ?? event.actor.id}${trim(as<'accept'>(event).rationale) ? `: ${trim(as<'accept'>(event).rationale)}` : ''}`),
          ],
        },
        reject: {
          target: 'rejected',
          guard: rules('incidentManager', 'rationaleGiven'),
          actions: [set(({ event }) => ({ closedAt: event.at })), record(({ event }) => `Rejected: ${trim(as<'reject'>(event).rationale)}`)],
        },
      },
    },
    accepted: {
      description: 'Accepted (P1); active as soon as a resolving team is assigned',
      always: {
        target: 'active',
        guard: rules('teamAssigned'),
        actions: [
          set(({ event }) => ({ activeSince: event.at })),
          record(() => 'Major incident active: priority P1, communication schedule started'),
        ],
      },
      on: {
        assign: { guard: rules('incidentManager', 'managerOrTeamGiven'), actions: assignActions },
      },
    },
    active: {
      description: 'P1 with an incident manager and a resolving team; stakeholder updates due every N minutes',
      on: {
        assign: { guard: rules('incidentManager', 'managerOrTeamGiven'), actions: assignActions },
        postUpdate: {
          guard: rules('incidentManager', 'textGiven'),
          actions: [
            set(({ context, event }) => ({
              lastUpdateAt: event.at,
              updates: [...context.updates, { seq: context.updates.length + 1, text: trim(as<'postUpdate'>(event).text), by: event.actor.id, at: event.at }],
            })),
            record(({ event }) => `Stakeholder update: ${trim(as<'postUpdate'>(event).text)}`),
            notify(({ event }) => ({
              audiences: ['stakeholders', 'linkedRequesters'],
              template: 'miStakeholderUpdate',
              subject: 'Major incident: status update',
              text: trim(as<'postUpdate'>(event).text),
            })),
          ],
        },
        link: {
          guard: rules('incidentManager', 'numberGiven', 'notLinked'),
          actions: [
            set(({ context, event }) => ({ children: [...context.children, as<'link'>(event).number] })),
            record(({ event }) => `Linked ${as<'link'>(event).number}`),
          ],
        },
        unlink: {
          guard: rules('incidentManager', 'numberGiven', 'linked'),
          actions: [
            set(({ context, event }) => ({ children: context.children.filter((n) => n !== as<'unlink'>(event).number) })),
            record(({ event }) => `Unlinked ${as<'unlink'>(event).number}`),
          ],
        },
        updateOverdue: {
          guard: rules('system', 'notReminded'),
          actions: [
            set(({ event }) => ({ remindedFor: as<'updateOverdue'>(event).dueAt })),
            record(({ event }) => as<'updateOverdue'>(event).text),
            notify(({ event }) => ({
              audiences: ['incidentManager'],
              template: 'miUpdateOverdue',
              subject: 'Reminder: stakeholder update overdue',
              text: as<'updateOverdue'>(event).text,
            })),
          ],
        },
        resolve: {
          target: 'resolved',
          guard: rules('incidentManager', 'resolutionGiven'),
          actions: [
            set(({ event }) => ({ resolution: trim(as<'resolve'>(event).resolution), resolvedAt: event.at })),
            record(({ context, event }) => `Resolved: ${trim(as<'resolve'>(event).resolution)}; linked incidents to resolve with it: ${context.children.join(', ') || 'none'}`),
            // The linked incidents' users hear it once each, from their own ticket's "resolved" mail
            // (the cascade), not a second time from here.
            notify(({ event }) => ({
              audiences: ['stakeholders'],
              template: 'miResolved',
              subject: 'Major incident resolved',
              text: trim(as<'resolve'>(event).resolution),
            })),
          ],
        },
      },
    },
    resolved: {
      description: 'Resolved; linked incidents resolved with its resolution; the review follows',
      on: {
        startReview: { target: 'review', guard: rules('incidentManager'), actions: record(() => 'Post-incident review started') },
        cascadeStarted: {
          guard: rules('system'),
          actions: [
            set(() => ({ cascading: true })),
            record(({ event }) => `${as<'cascadeStarted'>(event).cascadeId} started: resolving ${as<'cascadeStarted'>(event).children} linked incident(s)`),
          ],
        },
        cascadeFinished,
      },
    },
    review: {
      description: 'Post-incident review: timeline, cause, actions, perhaps a problem record request',
      on: {
        cascadeFinished,
        recordReview: {
          guard: rules('incidentManager', 'causeGiven', 'actionsGiven'),
          actions: [
            set(({ event }) => {
              const e = as<'recordReview'>(event);
              return {
                review: {
                  cause: trim(e.cause),
                  actions: trim(e.actions),
                  timeline: e.timeline ?? [],
                  timelineUpTo: e.journalCount ?? null,
                  problemRecordRequested: e.requestProblemRecord === true,
                  problemRecordNote: trim(e.problemRecordNote) || null,
                  by: event.actor.id,
                  at: event.at,
                },
              };
            }),
            record(({ event }) => {
              const e = as<'recordReview'>(event);
              return `Post-incident review recorded: cause ${trim(e.cause)}; actions ${trim(e.actions)}${e.requestProblemRecord ? '; a problem record is requested' : ''}`;
            }),
          ],
        },
        close: {
          target: 'closed',
          guard: rules('incidentManager', 'reviewRecorded', 'cascadeReported'),
          actions: [set(({ event }) => ({ closedAt: event.at })), record(() => 'Major incident closed')],
        },
      },
    },
    closed: { description: 'Final: reviewed and closed', type: 'final' },
    rejected: { description: 'Final: not a major incident, with a rationale', type: 'final' },
  },
});

export type MajorIncidentMachine = typeof majorIncidentMachine;
