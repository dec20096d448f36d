// What the problem workflow and its clients share: the Updates (one per command), the query, the
// search attribute and the activity interface. Deterministic code only.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { Actor } from '../machines/actor';
import type { PersistedProblemState } from '../machines/problem.law';
import { KnowledgeEntryEffect, PROBLEM_COMMANDS, ProblemCommandOf, ProblemCommandType, ProblemStage } from '../machines/problem.types';
import { CommandMessage, defineProcess } from './runtime/messages';
import type { CarriedRuntime } from './runtime/process-runtime';
import type { StartedWith } from './runtime/patches';

/** The descriptive part of a problem: what its creator wrote. */
export interface ProblemRecord {
  number: string;
  title: string;
  description: string;
  createdAt: string;
}

export interface ProblemPolicy {
  maxCommandsPerRun: number;
}

export interface ProblemJournalEntry {
  seq: number;
  authorId: string;
  text: string;
  at: string;
}

export interface ProblemWorkflowInput extends StartedWith {
  incidents: string[];
  record: ProblemRecord;
  policy: ProblemPolicy;
  createdBy: Actor;
  carried?: CarriedRuntime<PersistedProblemState, ProblemSummary>;
}

export interface ProblemSummary {
  number: string;
  stage: ProblemStage;
  version: number;
  incidents: string[];
}

export interface ProblemProjection {
  record: ProblemRecord;
  state: PersistedProblemState;
  version: number;
  updatedAt: string;
  newEntries: ProblemJournalEntry[];
  knowledge: KnowledgeEntryEffect[];
}

export interface ProblemActivities {
  projectProblem(projection: ProblemProjection): Promise<void>;
}

export type ProblemCommandMessage<T extends ProblemCommandType = ProblemCommandType> = CommandMessage<ProblemCommandOf<T>>;


export const ProblemSearchAttributes = {
  stage: defineSearchAttributeKey('ProblemStage', SearchAttributeType.KEYWORD),
} as const;

export const problemProcess = defineProcess<ProblemCommandType, ProblemSummary, ProblemCommandMessage, ProblemWorkflowInput>({
  workflowType: 'problemWorkflow',
  commands: PROBLEM_COMMANDS,
  searchAttributes: ProblemSearchAttributes,
  initialSearchAttributes: () => [{ key: ProblemSearchAttributes.stage, value: 'new' }],
});

export const { commandUpdates: problemCommandUpdates, openedUpdate: problemOpenedUpdate, viewQuery: problemViewQuery } = problemProcess;

