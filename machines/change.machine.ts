// Change management (issue 6, part 3; seed 003): standard changes come from pre-approved templates
// and skip authorisation; normal changes go submitted -> assessed (risk, impact, implementation and
// backout plan) -> authorised by the CAB named on the change (at least `quorum` approvals, no
// rejection, one vote each) -> scheduled (a window) -> ready to implement (the window's start, a
// timer) -> implementing (the window's end passed: an overrun, a timer) -> review -> closed;
// emergency changes are authorised by an emergency CAB of one and are reviewed before they close.
// Pure like the CSI proposal machine: timers are events the workflow raises, side effects are
// named actions (`record`, `notify`) the workflow carries out.
import { assign, setup } from 'xstate';
import { ChangeRuleName, CHANGE_RULES } from './change.rules';
import { ruleGuard, rulesHold, trimmed as trim } from './process/rules';
import { governedSteps, recordLine } from './process/steps';
import type {
  ChangeContext,
  ChangeEvent,
  ChangeEventType,
  ChangeInput,
  ChangeJournalEffect,
  ChangeNotifyEffect,
  ChangeStage,
  ReviewOutcome,
} from './change.types';

type Args = { context: ChangeContext; event: ChangeEvent };
type EventOf<T extends ChangeEventType> = Extract<ChangeEvent, { type: T }>;
const as = <T extends ChangeEventType>(event: ChangeEvent) => event as EventOf<T>;

const set = (update: (args: Args) => Partial<ChangeContext>) =>
  assign<ChangeContext, ChangeEvent, undefined, ChangeEvent, never>(update as never);

const rules = ruleGuard<ChangeRuleName>();

const record = recordLine<ChangeContext, ChangeEvent>;

const reasonOf = (event: ChangeEvent): string | null => {
  const e = event as unknown as Record<string, unknown>;
  return trim(e.rationale) ?? trim(e.note) ?? trim(e.text);
};
const withReason = (what: string, { event }: Args) => (reasonOf(event) ? `${what}: ${reasonOf(event)}` : what);

/** One step: who may take it and what it needs (rules), what it changes, its trail and journal line. */
const step = governedSteps<ChangeContext, ChangeEvent, ChangeStage, ChangeRuleName>({ reasonOf });

const vote = (kind: 'approve' | 'reject') => ({ context, event }: Args): Partial<ChangeContext> => ({
  votes: [
    ...context.votes,
    { approverId: event.actor.id, approverName: event.actor.name ?? null, vote: kind, rationale: reasonOf(event), at: event.at },
  ],
});

const reviewOf = ({ event }: Args) => {
  const e = event as unknown as { outcome: ReviewOutcome; text?: string; note?: string; backout?: string };
  return { review: { outcome: e.outcome, text: (e.text ?? e.note ?? '').trim(), backout: trim(e.backout), by: event.actor.id, at: event.at } };
};
const outcomeText = ({ event }: Args) => {
  const e = event as unknown as { outcome: string; backout?: string };
  return e.outcome === 'failed' ? `failed, backed out: ${trim(e.backout)}` : 'successful';
};

const link = {
  linkProblem: {
    guard: rules('staff', 'problemNumberGiven'),
    actions: [
      set(({ context, event }) => ({ problemNumbers: [...new Set([...context.problemNumbers, as<'linkProblem'>(event).problemNumber])] })),
      record(({ event }) => `Linked to problem ${as<'linkProblem'>(event).problemNumber}`),
    ],
  },
  linkIncident: {
    guard: rules('staff', 'incidentNumberGiven'),
    actions: [
      set(({ context, event }) => ({ incidentNumbers: [...new Set([...context.incidentNumbers, as<'linkIncident'>(event).incidentNumber])] })),
      record(({ event }) => `Linked to incident ${as<'linkIncident'>(event).incidentNumber}`),
    ],
  },
};

export const changeMachine = setup({
  types: {
    context: {} as ChangeContext,
    events: {} as ChangeEvent,
    input: {} as ChangeInput,
  },
  guards: {
    rules: rulesHold(CHANGE_RULES),
  },
  actions: {
    record: (_args, _params: ChangeJournalEffect) => undefined,
    notify: (_args, _params: ChangeNotifyEffect) => undefined,
  },
}).createMachine({
  id: 'change',
  context: ({ input }) => ({
    changeType: input.changeType,
    requesterId: input.requesterId,
    templateId: input.templateId,
    authority: input.authority,
    votes: [],
    assessment: input.assessment,
    windowStart: null,
    windowEnd: null,
    implementationStartedAt: null,
    overrunAt: null,
    review: null,
    problemNumbers: input.problemNumbers,
    incidentNumbers: input.incidentNumbers,
    stageSince: input.at,
    decisions: [],
  }),
  entry: {
    type: 'record',
    params: ({ context }) => ({ text: `${context.changeType[0].toUpperCase()}${context.changeType.slice(1)} change submitted`, authorId: context.requesterId }),
  },
  on: link,
  states: {
    submitted: {
      description: 'A normal change waits for its assessment, an emergency change for the emergency CAB',
      always: {
        target: 'authorised',
        guard: rules('standardChange'),
        actions: { type: 'record', params: ({ context }: Args) => ({ text: 'Standard change from a pre-approved template: authorised without the CAB', authorId: context.requesterId }) },
      },
      on: {
        assess: step('submitted', 'assessed', ['changeManager', 'normalChange', 'riskGiven', 'impactGiven', 'planGiven', 'backoutPlanGiven'], ({ event }) => {
          const a = as<'assess'>(event);
          return `Assessed: risk ${a.risk.trim()}; impact ${a.impact.trim()}`;
        }, ({ event }) => {
          const a = as<'assess'>(event);
          return {
            assessment: { risk: a.risk.trim(), impact: a.impact.trim(), implementationPlan: a.implementationPlan.trim(), backoutPlan: a.backoutPlan.trim(), by: event.actor.id, at: event.at },
          };
        }),
        approve: step('submitted', 'authorised', ['namedApprover', 'emergencyChange', 'notVotedYet'], (args) => withReason('Authorised by the emergency CAB', args), vote('approve')),
        reject: step('submitted', 'refused', ['namedApprover', 'emergencyChange', 'notVotedYet', 'rationaleGiven'], (args) => withReason('Refused by the emergency CAB', args), vote('reject')),
      },
    },
    assessed: {
      description: 'The CAB votes: at least the quorum of approvals and no rejection authorise it',
      on: {
        approve: [
          step('assessed', 'authorised', ['namedApprover', 'notVotedYet', 'quorumReached'], (args) =>
            withReason(`Approved by ${args.event.actor.name ?? args.event.actor.id}; quorum reached: authorised by the CAB`, args), vote('approve')),
          step('assessed', 'assessed', ['namedApprover', 'notVotedYet', 'quorumNotReached'], (args) =>
            withReason(`Approved by ${args.event.actor.name ?? args.event.actor.id}`, args), vote('approve')),
        ],
        reject: step('assessed', 'refused', ['namedApprover', 'notVotedYet', 'rationaleGiven'], (args) =>
          withReason(`Rejected by ${args.event.actor.name ?? args.event.actor.id}: refused by the CAB`, args), vote('reject')),
      },
    },
    authorised: {
      description: 'Authorised: waits for its window (an emergency change may start at once)',
      on: {
        schedule: step('authorised', 'scheduled', ['changeManager', 'windowGiven'], ({ event }) =>
          `Scheduled for ${as<'schedule'>(event).windowStart} – ${as<'schedule'>(event).windowEnd}`,
        ({ event }) => ({ windowStart: new Date(as<'schedule'>(event).windowStart).toISOString(), windowEnd: new Date(as<'schedule'>(event).windowEnd).toISOString() })),
        startImplementation: step('authorised', 'implementing', ['staff', 'emergencyChange'], (args) => withReason('Emergency implementation started', args),
          ({ event }) => ({ implementationStartedAt: event.at })),
      },
    },
    scheduled: {
      description: 'Waits for the window’s start (a durable timer)',
      on: {
        windowStarted: step('scheduled', 'readyToImplement', ['system'], ({ context }) => `The change window opened (${context.windowStart}): ready to implement`),
      },
    },
    readyToImplement: {
      description: 'The window is open',
      on: {
        startImplementation: step('readyToImplement', 'implementing', ['staff'], (args) => withReason('Implementation started', args),
          ({ event }) => ({ implementationStartedAt: event.at })),
      },
    },
    implementing: {
      description: 'Being implemented; the window’s end passing is an overrun (a durable timer)',
      on: {
        windowOverrun: {
          guard: rules('system', 'notOverrun', 'windowOver'),
          actions: [
            set(({ event }) => ({ overrunAt: event.at })),
            record(({ event }) => as<'windowOverrun'>(event).text),
            { type: 'notify', params: ({ event }: Args): ChangeNotifyEffect => ({ subject: 'Change window overrun', text: as<'windowOverrun'>(event).text }) },
          ],
        },
        complete: [
          step('implementing', 'closed', ['staff', 'standardChange', 'outcomeGiven', 'noteGiven', 'backoutIfFailed'], (args) =>
            `Implemented, ${outcomeText(args)}: ${as<'complete'>(args.event).note.trim()}; closed`, reviewOf),
          step('implementing', 'review', ['staff', 'reviewedChange', 'noteGiven'], (args) => withReason('Implementation finished; to review', args)),
        ],
      },
    },
    review: {
      description: 'Post-implementation review: successful, or failed with backout; closes once reviewed',
      on: {
        recordReview: step('review', 'review', ['changeManager', 'notReviewed', 'outcomeGiven', 'textGiven', 'backoutIfFailed'], (args) =>
          `Reviewed, ${outcomeText(args)}: ${as<'recordReview'>(args.event).text.trim()}`, reviewOf),
        close: step('review', 'closed', ['changeManager', 'reviewed'], (args) => withReason('Closed', args)),
      },
    },
    closed: { description: 'Final: implemented and reviewed', type: 'final' },
    refused: { description: 'Final: refused by the change authority', type: 'final' },
  },
  initial: 'submitted',
});

export type ChangeMachine = typeof changeMachine;
