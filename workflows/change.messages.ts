// What the change workflow and its clients share: the Updates (one per command), the query, the
// search attribute and the activity interface. Deterministic code only.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { Actor } from '../machines/actor';
import type { PersistedChangeState } from '../machines/change.law';
import { CHANGE_COMMANDS, ChangeCommandOf, ChangeCommandType, ChangeStage, ChangeType } from '../machines/change.types';
import { CommandMessage, defineProcess, type ProjectedMove } from './runtime/messages';
import type { CarriedRuntime } from './runtime/process-runtime';
import type { StartedWith } from './runtime/patches';

/** The descriptive part of a change. */
export interface ChangeRecord {
  number: string;
  changeType: ChangeType;
  title: string;
  description: string;
  templateId: string | null;
  createdAt: string;
}

export interface ChangePolicy {
  maxCommandsPerRun: number;
}

export interface ChangeJournalEntry {
  seq: number;
  authorId: string;
  text: string;
  at: string;
}

export interface ChangeNotificationIntent {
  seq: number;
  /** The requester, and every approver named on the change. */
  recipientIds: string[];
  subject: string;
  text: string;
  at: string;
}

export interface ChangeWorkflowInput extends StartedWith {
  record: ChangeRecord;
  /** The machine's input without the record's parts. */
  requesterId: string;
  authority: { approverIds: string[]; quorum: number };
  assessment: PersistedChangeState['context']['assessment'];
  problemNumbers: string[];
  incidentNumbers: string[];
  policy: ChangePolicy;
  createdBy: Actor;
  carried?: CarriedRuntime<PersistedChangeState, ChangeSummary>;
}

export interface ChangeSummary {
  number: string;
  stage: ChangeStage;
  version: number;
}

export interface ChangeProjection extends ProjectedMove {
  record: ChangeRecord;
  state: PersistedChangeState;
  version: number;
  updatedAt: string;
  newEntries: ChangeJournalEntry[];
  notifications: ChangeNotificationIntent[];
}

export interface ChangeActivities {
  projectChange(projection: ChangeProjection): Promise<void>;
}

export type ChangeCommandMessage<T extends ChangeCommandType = ChangeCommandType> = CommandMessage<ChangeCommandOf<T>>;


export const ChangeSearchAttributes = {
  stage: defineSearchAttributeKey('ChangeStage', SearchAttributeType.KEYWORD),
} as const;

export const changeProcess = defineProcess<ChangeCommandType, ChangeSummary, ChangeCommandMessage, ChangeWorkflowInput>({
  workflowType: 'changeWorkflow',
  commands: CHANGE_COMMANDS,
  searchAttributes: ChangeSearchAttributes,
  initialSearchAttributes: () => [{ key: ChangeSearchAttributes.stage, value: 'submitted' }],
});

export const { commandUpdates: changeCommandUpdates, openedUpdate: changeOpenedUpdate, viewQuery: changeViewQuery } = changeProcess;

