// What the problem workflow and its clients share: the Updates (one per command), the query, the
// search attribute and the activity interface. Deterministic code only.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../machines/actor';
import type { PersistedProblemState } from '../machines/problem.law';
import { KnowledgeEntryEffect, PROBLEM_COMMANDS, ProblemCommandOf, ProblemCommandType, ProblemStage } from '../machines/problem.types';

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

export interface ProblemWorkflowInput {
  incidents: string[];
  record: ProblemRecord;
  policy: ProblemPolicy;
  createdBy: Actor;
  carried?: {
    state: PersistedProblemState;
    journal: ProblemJournalEntry[];
    version: number;
  };
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

export type ProblemCommandMessage<T extends ProblemCommandType = ProblemCommandType> = ProblemCommandOf<T> & { actor: Actor };

export const problemCommandUpdates = Object.fromEntries(
  PROBLEM_COMMANDS.map((type) => [type, defineUpdate<ProblemSummary, [ProblemCommandMessage]>(type)]),
) as { [T in ProblemCommandType]: ReturnType<typeof defineUpdate<ProblemSummary, [ProblemCommandMessage<T>]>> };

/** Waits until the problem's first projection is in PostgreSQL; used with update-with-start. */
export const problemOpenedUpdate = defineUpdate<ProblemSummary, []>('opened');
export const problemViewQuery = defineQuery<{ summary: ProblemSummary; journal: ProblemJournalEntry[] }>('view');

export const ProblemSearchAttributes = {
  stage: defineSearchAttributeKey('ProblemStage', SearchAttributeType.KEYWORD),
} as const;

/** For `temporal server start-dev --search-attribute`. */
export const PROBLEM_SEARCH_ATTRIBUTE_REGISTRATIONS = Object.values(ProblemSearchAttributes).map((key) => `${key.name}=Keyword`);
