// What the major-incident workflow and its clients share: the Updates (one per command, named
// `mi.<command>`), the query, the search attribute and the activity interface. Deterministic code only.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineSignal } from '@temporalio/workflow';
import type { Actor } from '../machines/actor';
import type { PersistedMiState } from '../machines/major-incident.law';
import { CascadeReport, MI_COMMANDS, MiAudience, MiCommandOf, MiCommandType, MiNotifyEffect, MiStage } from '../machines/major-incident.types';
import { CommandMessage, defineProcess, type ProjectedMove } from './runtime/messages';
import type { CarriedRuntime } from './runtime/process-runtime';
import type { StartedWith } from './runtime/patches';

export interface MiRecord {
  number: string;
  title: string;
  categoryId: string | null;
  /** The incidents the detector clustered (a candidate lists them); linking is a separate step. */
  candidates: string[];
  /** Set when the detector proposed it: one candidate per cluster. */
  clusterKey: string | null;
  createdAt: string;
}

export interface MiPolicy {
  /** A stakeholder update is due this long after activation or the last update (seed 001: the incident manager informs regularly). */
  updateEveryMs: number;
  maxCommandsPerRun: number;
}

export interface MiJournalEntry {
  seq: number;
  authorId: string;
  text: string;
  at: string;
}

export interface MiNotificationIntent {
  seq: number;
  audiences: MiAudience[];
  template: MiNotifyEffect['template'];
  subject: string;
  text: string;
  at: string;
}

export interface MiWorkflowInput extends StartedWith {
  record: MiRecord;
  policy: MiPolicy;
  proposedBy: Actor;
  reason: string;
  stakeholderIds?: string[];
  carried?: CarriedRuntime<PersistedMiState, MiSummary>;
}

export interface MiSummary {
  number: string;
  stage: MiStage;
  version: number;
  children: string[];
  /** When the next stakeholder update is due (null: not active). */
  updateDueAt: string | null;
}

export interface MiProjection extends ProjectedMove {
  record: MiRecord;
  state: PersistedMiState;
  version: number;
  updatedAt: string;
  newEntries: MiJournalEntry[];
  notifications: MiNotificationIntent[];
}

export interface MiActivities {
  projectMajorIncident(projection: MiProjection): Promise<void>;
}

export type MiCommandMessage<T extends MiCommandType = MiCommandType> = CommandMessage<MiCommandOf<T>>;


/** The cascade's report when it has dealt with every linked incident (workflows/bulk-action.workflow.ts). */
export const cascadeFinishedSignal = defineSignal<[CascadeReport]>('cascadeFinished');

/** The cascade of a major incident: its workflow id, beside the MI's own. */
export const cascadeIdOf = (miNumber: string): string => `${miNumber}-cascade`;

export const MiSearchAttributes = {
  stage: defineSearchAttributeKey('MiStage', SearchAttributeType.KEYWORD),
} as const;

export const miProcess = defineProcess<MiCommandType, MiSummary, MiCommandMessage, MiWorkflowInput>({
  workflowType: 'majorIncidentWorkflow',
  commands: MI_COMMANDS,
  updateName: (type) => `mi.${type}`,
  searchAttributes: MiSearchAttributes,
  initialSearchAttributes: () => [{ key: MiSearchAttributes.stage, value: 'proposed' }],
});

export const { commandUpdates: miCommandUpdates, openedUpdate: miOpenedUpdate, viewQuery: miViewQuery } = miProcess;

