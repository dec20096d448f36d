// Problem management (issue 6, part 2; REQUIREMENTS 8; seed 003, Probleembeheer): a problem made
// of one or more incidents goes new -> investigating -> known error -> resolved -> closed. The
// investigation records the root cause and a workaround; publishing the known error sets the flag
// and becomes a knowledge entry; a change request may be raised on the way. Pure, like the CSI
// proposal machine: side effects are named actions (`record`, `publishKnowledge`) the workflow
// carries out.
import { setup } from 'xstate';
import { ProblemRuleName, PROBLEM_RULES } from './problem.rules';
import { ruleGuard, rulesHold, trimmed as trim } from './process/rules';
import { governedSteps, recordLine } from './process/steps';
import {
  knowledgeEntryIdOf,
  type KnowledgeEntryEffect,
  type ProblemContext,
  type ProblemEvent,
  type ProblemEventType,
  type ProblemInput,
  type ProblemJournalEffect,
  type ProblemStage,
} from './problem.types';

type Args = { context: ProblemContext; event: ProblemEvent };
type EventOf<T extends ProblemEventType> = Extract<ProblemEvent, { type: T }>;
const as = <T extends ProblemEventType>(event: ProblemEvent) => event as EventOf<T>;

/** A guard made of named rules, so a refusal can say which rule failed (see problem.rules.ts). */
const rules = ruleGuard<ProblemRuleName>();

const record = recordLine<ProblemContext, ProblemEvent>;

/** The words that go with a command. */
const reasonOf = (event: ProblemEvent): string | null => {
  const e = event as unknown as Record<string, unknown>;
  return trim(e.resolution) ?? trim(e.rootCause) ?? trim(e.workaround) ?? trim(e.summary) ?? trim(e.symptoms) ?? trim(e.incident) ?? trim(e.note);
};
const withReason = (what: string, { event }: Args) => (reasonOf(event) ? `${what}: ${reasonOf(event)}` : what);

/** One step: who may take it and what it needs (rules), what it changes, its decision and journal line. */
const step = governedSteps<ProblemContext, ProblemEvent, ProblemStage, ProblemRuleName>({ reasonOf });

const incidentOf = (event: ProblemEvent): string => as<'linkIncident'>(event).incident.trim();

/** Linking and unlinking incidents: open until the problem is resolved. */
const links = (stage: ProblemStage) => ({
  linkIncident: step(stage, stage, ['investigator', 'incidentGiven', 'notLinked'], ({ event }) => `Incident ${incidentOf(event)} linked`, ({ context, event }) => ({
    incidents: [...context.incidents, incidentOf(event)],
  })),
  unlinkIncident: step(stage, stage, ['investigator', 'incidentGiven', 'linked', 'notLastIncident'], ({ event }) => `Incident ${incidentOf(event)} unlinked`, ({ context, event }) => ({
    incidents: context.incidents.filter((n) => n !== incidentOf(event)),
  })),
});

/** The investigation's records, the change request and the resolution: in investigating and known error. */
const investigation = (stage: 'investigating' | 'knownError') => ({
  ...links(stage),
  recordRootCause: step(stage, stage, ['investigator', 'rootCauseGiven'], (args) => withReason('Root-cause analysis recorded', args), ({ event }) => ({
    rootCause: as<'recordRootCause'>(event).rootCause.trim(),
  })),
  recordWorkaround: step(stage, stage, ['investigator', 'workaroundGiven'], (args) => withReason('Workaround recorded', args), ({ event }) => ({
    workaround: as<'recordWorkaround'>(event).workaround.trim(),
  })),
  requestChange: step(stage, stage, ['investigator', 'summaryGiven'], (args) => withReason('Change requested', args), ({ context, event }) => ({
    changeRequests: [
      ...context.changeRequests,
      { seq: context.changeRequests.length + 1, summary: as<'requestChange'>(event).summary.trim(), byId: event.actor.id, byName: event.actor.name ?? null, at: event.at },
    ],
  })),
  resolve: step(stage, 'resolved', ['investigator', 'rootCauseRecorded', 'resolutionGiven'], (args) => withReason('Problem resolved', args), ({ event }) => ({
    resolution: as<'resolve'>(event).resolution.trim(),
  })),
});

export const problemMachine = setup({
  types: {
    context: {} as ProblemContext,
    events: {} as ProblemEvent,
    input: {} as ProblemInput,
  },
  guards: {
    rules: rulesHold(PROBLEM_RULES),
  },
  actions: {
    // Carried out by the workflow (activities); empty here so the machine stays pure.
    record: (_args, _params: ProblemJournalEffect) => undefined,
    publishKnowledge: (_args, _params: KnowledgeEntryEffect) => undefined,
  },
}).createMachine({
  id: 'problem',
  context: ({ input }) => ({
    number: input.number,
    createdById: input.createdBy.id,
    incidents: [...input.incidents],
    rootCause: null,
    workaround: null,
    knownError: false,
    knowledgeEntryId: null,
    changeRequests: [],
    resolution: null,
    stageSince: input.at,
    decisions: [],
  }),
  entry: {
    type: 'record',
    params: ({ context }) => ({ text: `Problem created from ${context.incidents.join(', ')}`, authorId: context.createdById }),
  },
  initial: 'new',
  states: {
    new: {
      description: 'Recorded from its incidents; waiting for an investigator',
      on: {
        ...links('new'),
        startInvestigation: step('new', 'investigating', ['investigator'], (args) => withReason('Investigation started', args)),
      },
    },
    investigating: {
      description: 'Root-cause analysis and a workaround; a change may be requested',
      on: {
        ...investigation('investigating'),
        publishKnownError: {
          target: 'knownError',
          guard: rules('investigator', 'workaroundRecorded', 'titleGiven', 'symptomsGiven'),
          actions: [
            ...step('investigating', 'knownError', [], () => '', ({ context }) => ({
              knownError: true,
              knowledgeEntryId: knowledgeEntryIdOf(context.number),
            })).actions.slice(0, 1),
            {
              type: 'publishKnowledge',
              params: ({ context, event }: Args): KnowledgeEntryEffect => ({
                id: knowledgeEntryIdOf(context.number),
                title: as<'publishKnownError'>(event).title.trim(),
                symptoms: as<'publishKnownError'>(event).symptoms.trim(),
                workaround: context.workaround ?? '',
              }),
            },
            record(({ context, event }) => `Known error published as knowledge entry ${knowledgeEntryIdOf(context.number)}: ${as<'publishKnownError'>(event).title.trim()}`),
          ],
        },
      },
    },
    knownError: {
      description: 'A known error with a published workaround; the fix may need a change',
      on: investigation('knownError'),
    },
    resolved: {
      description: 'The root cause is removed; linked open incidents got a note',
      on: {
        close: step('resolved', 'closed', ['closer'], (args) => withReason('Problem closed', args)),
      },
    },
    closed: { description: 'Final: closed by process management', type: 'final' },
  },
});

export type ProblemMachine = typeof problemMachine;
