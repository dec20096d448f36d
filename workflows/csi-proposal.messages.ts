// What the CSI proposal workflow and its clients share: the Updates (one per command), the query,
// the search attribute and the activity interface. Deterministic code only.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { Actor } from '../machines/actor';
import type { BusinessCalendar } from '../machines/calendar/business-calendar';
import type { PersistedCsiState } from '../machines/csi-proposal.law';
import { CSI_COMMANDS, CsiCommandOf, CsiCommandType, CsiOwner, CsiStage } from '../machines/csi-proposal.types';
import { CommandMessage, defineProcess, type ProjectedMove } from './runtime/messages';
import type { CarriedRuntime } from './runtime/process-runtime';
import type { StartedWith } from './runtime/patches';

/** The descriptive part of a proposal: what the proposer wrote. */
export interface CsiRecord {
  number: string;
  title: string;
  description: string;
  /** The process or tool part the proposal concerns. */
  concerns: string;
  expectedBenefit: string;
  categoryId: string | null;
  createdAt: string;
}

export interface CsiPolicy {
  /** A stage that waits longer than this (business time in `calendar`) reminds its owner; default 10 × 8 h. */
  reminderAfterMs: number;
  calendar: BusinessCalendar;
  maxCommandsPerRun: number;
}

export interface CsiJournalEntry {
  seq: number;
  authorId: string;
  text: string;
  at: string;
}

export interface CsiNotificationIntent {
  seq: number;
  owner: CsiOwner;
  /** The proposer's id when the owner is the proposer; otherwise every user of the owner role (expanded by the activity). */
  recipientId: string | null;
  subject: string;
  text: string;
  at: string;
}

export interface CsiWorkflowInput extends StartedWith {
  proposerId: string;
  record: CsiRecord;
  policy: CsiPolicy;
  createdBy: Actor;
  carried?: CarriedRuntime<PersistedCsiState, CsiSummary>;
}

export interface CsiSummary {
  number: string;
  stage: CsiStage;
  version: number;
  /** When the current stage's owner is reminded (null: no reminder pending). */
  remindsAt: string | null;
}

export interface CsiProjection extends ProjectedMove {
  record: CsiRecord;
  state: PersistedCsiState;
  version: number;
  updatedAt: string;
  newEntries: CsiJournalEntry[];
  notifications: CsiNotificationIntent[];
}

export interface CsiActivities {
  projectCsiProposal(projection: CsiProjection): Promise<void>;
}

export type CsiCommandMessage<T extends CsiCommandType = CsiCommandType> = CommandMessage<CsiCommandOf<T>>;


export const CsiSearchAttributes = {
  stage: defineSearchAttributeKey('CsiStage', SearchAttributeType.KEYWORD),
} as const;

export const csiProcess = defineProcess<CsiCommandType, CsiSummary, CsiCommandMessage, CsiWorkflowInput>({
  workflowType: 'csiProposalWorkflow',
  commands: CSI_COMMANDS,
  searchAttributes: CsiSearchAttributes,
  initialSearchAttributes: () => [{ key: CsiSearchAttributes.stage, value: 'submitted' }],
});

export const { commandUpdates: csiCommandUpdates, openedUpdate: csiOpenedUpdate, viewQuery: csiViewQuery } = csiProcess;

