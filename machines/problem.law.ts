// The problem's law: what the problem machine takes now and why not (machines/process/law.ts).
import { defineLaw, Persisted, Verdict } from './process/law';
import { problemMachine } from './problem.machine';
import { PROBLEM_RULES, ProblemRuleName } from './problem.rules';
import { KnowledgeEntryEffect, PROBLEM_COMMANDS, ProblemCommandType, ProblemContext, ProblemJournalEffect, ProblemStage } from './problem.types';

export type ProblemSnapshot = ReturnType<typeof problemMachine.resolveState>;
export type PersistedProblemState = Persisted<'stage', ProblemStage, ProblemContext>;
export type ProblemEffect = { type: 'record'; params: ProblemJournalEffect } | { type: 'publishKnowledge'; params: KnowledgeEntryEffect };
export type ProblemVerdict = Verdict<ProblemRuleName, ProblemCommandType>;

export const problemLaw = defineLaw<ProblemEffect, ProblemStage>()({
  machine: problemMachine,
  rules: PROBLEM_RULES,
  commands: PROBLEM_COMMANDS,
  effects: ['record', 'publishKnowledge'],
  stateKey: 'stage',
  noun: 'problem',
});

export const {
  open: createProblem,
  apply: applyProblemEvent,
  restore: restoreProblem,
  persist: persistProblem,
  stateOf: problemStageOf,
  allowedCommands: allowedProblemCommands,
  judge: judgeProblem,
} = problemLaw;
