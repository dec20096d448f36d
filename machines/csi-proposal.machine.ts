// The CSI change proposal process (issue 6, part 1; REQUIREMENTS 7; seed 000, CSI governance):
// submitted -> process-management review (information from the proposer pauses it) ->
// assessment by ITSM system administration -> prioritisation -> CSI forum decision (approve,
// reject, defer to a later forum) -> implementation -> done. Pure, like the ticket machine: no
// I/O, no clock; reminders and forum dates are events the workflow raises, side effects are named
// actions (`record`, `notifyOwner`) the workflow carries out.
import { assign, setup } from 'xstate';
import { CsiRuleName, CSI_RULES } from './csi-proposal.rules';
import { ruleGuard, rulesHold, trimmed as trim } from './process/rules';
import { governedSteps, recordLine } from './process/steps';
import {
  csiPriorityOf,
  type CsiContext,
  type CsiEvent,
  type CsiEventType,
  type CsiInput,
  type CsiJournalEffect,
  type CsiNotifyEffect,
  type CsiStage,
} from './csi-proposal.types';

type Args = { context: CsiContext; event: CsiEvent };
type EventOf<T extends CsiEventType> = Extract<CsiEvent, { type: T }>;
const as = <T extends CsiEventType>(event: CsiEvent) => event as EventOf<T>;

const set = (update: (args: Args) => Partial<CsiContext>) =>
  assign<CsiContext, CsiEvent, undefined, CsiEvent, never>(update as never);

/** A guard made of named rules, so a refusal can say which rule failed (see csi-proposal.rules.ts). */
const rules = ruleGuard<CsiRuleName>();

const record = recordLine<CsiContext, CsiEvent>;

/** The words that go with a command: its rationale, note, question or answer. */
const reasonOf = (event: CsiEvent): string | null => {
  const e = event as unknown as Record<string, unknown>;
  return trim(e.rationale) ?? trim(e.note) ?? trim(e.question) ?? trim(e.text);
};
const withReason = (what: string, { event }: Args) => (reasonOf(event) ? `${what}: ${reasonOf(event)}` : what);

/**
 * One step of the process: who may take it and what it needs (rules), what it changes, and its
 * line in the decision trail and the journal. A step to another stage restarts the stage clock.
 */
const step = governedSteps<CsiContext, CsiEvent, CsiStage, CsiRuleName>({
  reasonOf,
  entering: ({ context }) => ({ stageEntry: context.stageEntry + 1 }),
});

// --- the process manager's review (also straight from submitted) ------------------------------

const review = (from: 'submitted' | 'processReview') => ({
  requestInformation: step(from, 'awaitingInformation', ['processManager', 'questionGiven'], ({ event }) =>
    `Information requested from the proposer: ${as<'requestInformation'>(event).question.trim()}`,
  (({ event }) => ({ informationRequest: as<'requestInformation'>(event).question.trim() }))),
  reject: step(from, 'rejected', ['processManager', 'rationaleGiven'], (args) => withReason('Rejected by process management', args)),
  accept: step(from, 'assessment', ['processManager', 'rationaleGiven'], (args) =>
    withReason('Accepted by process management; to assessment by ITSM system administration', args),
  ),
});

export const csiProposalMachine = setup({
  types: {
    context: {} as CsiContext,
    events: {} as CsiEvent,
    input: {} as CsiInput,
  },
  guards: {
    rules: rulesHold(CSI_RULES),
  },
  actions: {
    // Carried out by the workflow (activities); empty here so the machine stays pure.
    record: (_args, _params: CsiJournalEffect) => undefined,
    notifyOwner: (_args, _params: CsiNotifyEffect) => undefined,
  },
}).createMachine({
  id: 'csiProposal',
  context: ({ input }) => ({
    proposerId: input.proposerId,
    stageSince: input.at,
    stageEntry: 1,
    remindedFor: null,
    informationRequest: null,
    assessment: null,
    priorityProposed: null,
    priorityFinal: null,
    forumDate: null,
    implementationStartedAt: null,
    completedAt: null,
    decisions: [],
  }),
  entry: { type: 'record', params: ({ context }) => ({ text: 'Change proposal submitted', authorId: context.proposerId }) },
  // A stage that waits longer than its policy reminds its owner, once (the workflow's timer).
  on: {
    stageReminder: {
      guard: rules('system', 'notReminded'),
      actions: [
        set(({ context }) => ({ remindedFor: context.stageEntry })),
        record(({ event }) => as<'stageReminder'>(event).text),
        {
          type: 'notifyOwner',
          params: ({ event }: Args): CsiNotifyEffect => ({
            owner: as<'stageReminder'>(event).owner,
            subject: `Reminder: change proposal waiting in ${as<'stageReminder'>(event).stage}`,
            text: as<'stageReminder'>(event).text,
          }),
        },
      ],
    },
  },
  states: {
    submitted: {
      description: 'Waiting for a process manager to review it',
      on: {
        startReview: step('submitted', 'processReview', ['processManager'], (args) => withReason('Review started by process management', args)),
        ...review('submitted'),
      },
    },
    processReview: {
      description: 'The local process manager reviews: asks the proposer, rejects or accepts',
      on: review('processReview'),
    },
    awaitingInformation: {
      description: 'Paused until the proposer answers the information request',
      on: {
        provideInformation: step('awaitingInformation', 'processReview', ['proposer', 'textGiven'], ({ event }) =>
          `Information from the proposer: ${as<'provideInformation'>(event).text.trim()}`,
        () => ({ informationRequest: null })),
        reject: step('awaitingInformation', 'rejected', ['processManager', 'rationaleGiven'], (args) => withReason('Rejected by process management', args)),
      },
    },
    assessment: {
      description: 'ITSM system administration records scope and effort estimate',
      on: {
        assess: step('assessment', 'prioritisation', ['itsmAdmin', 'scopeGiven', 'effortGiven'], ({ event }) => {
          const a = as<'assess'>(event);
          return `Assessed: scope ${a.scope.trim()}; effort ${a.effortEstimate.trim()}${trim(a.note) ? `; ${trim(a.note)}` : ''}`;
        }, ({ event }) => {
          const a = as<'assess'>(event);
          return { assessment: { scope: a.scope.trim(), effortEstimate: a.effortEstimate.trim(), note: trim(a.note), by: event.actor.id, at: event.at } };
        }),
      },
    },
    prioritisation: {
      description: 'Process management proposes a priority with the assessment',
      on: {
        proposePriority: step('prioritisation', 'forumDecision', ['processManager', 'assessed', 'priorityGiven', 'rationaleGiven'], ({ event }) =>
          `Priority ${csiPriorityOf(as<'proposePriority'>(event).priority)} proposed for the CSI forum: ${as<'proposePriority'>(event).rationale.trim()}`,
        ({ event }) => ({ priorityProposed: csiPriorityOf(as<'proposePriority'>(event).priority) ?? null })),
      },
    },
    forumDecision: {
      description: 'On the CSI forum’s agenda: approve with a final priority, reject or defer',
      on: {
        approve: step('forumDecision', 'implementation', ['csiForum', 'priorityProposedBefore', 'priorityGiven', 'rationaleGiven'], ({ event }) =>
          `Approved by the CSI forum with priority ${csiPriorityOf(as<'approve'>(event).priority)}: ${as<'approve'>(event).rationale.trim()}`,
        ({ event }) => ({ priorityFinal: csiPriorityOf(as<'approve'>(event).priority) ?? null, forumDate: null })),
        reject: step('forumDecision', 'rejected', ['csiForum', 'rationaleGiven'], (args) => withReason('Rejected by the CSI forum', args)),
        defer: step('forumDecision', 'deferred', ['csiForum', 'laterForumDate', 'rationaleGiven'], ({ event }) =>
          `Deferred by the CSI forum to ${as<'defer'>(event).forumDate}: ${as<'defer'>(event).rationale.trim()}`,
        ({ event }) => ({ forumDate: new Date(as<'defer'>(event).forumDate).toISOString() })),
      },
    },
    deferred: {
      description: 'Back on the forum’s agenda at the forum date, or when reconsidered',
      on: {
        forumDateReached: step('deferred', 'forumDecision', ['system'], ({ context }) => `Forum date ${context.forumDate} reached: back on the CSI forum’s agenda`),
        reconsider: step('deferred', 'forumDecision', ['forumOrProcessManager'], (args) => withReason('Back on the CSI forum’s agenda', args)),
      },
    },
    implementation: {
      description: 'ITSM system administration implements the approved change',
      on: {
        startImplementation: step('implementation', 'implementation', ['itsmAdmin', 'implementationNotStarted', 'noteGiven'], (args) =>
          withReason('Implementation started', args),
        ({ event }) => ({ implementationStartedAt: event.at })),
        completeImplementation: step('implementation', 'done', ['itsmAdmin', 'implementationStarted', 'noteGiven'], (args) =>
          withReason('Implementation completed', args),
        ({ event }) => ({ completedAt: event.at })),
      },
    },
    done: { description: 'Final: implemented', type: 'final' },
    rejected: { description: 'Final: rejected with a rationale', type: 'final' },
  },
  initial: 'submitted',
});

export type CsiProposalMachine = typeof csiProposalMachine;
