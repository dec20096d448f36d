// What the bulk-action workflow and its clients share (issue 15, item 3): one command applied to
// many tickets from a workflow, so a process that dies half-way loses nothing and nothing is
// applied twice. A major incident's cascade is one (its id `MI-000001-cascade`), a dispatcher's
// action on a selection of the queue another (`BLK-000001`). Deterministic code only.
import { defineQuery } from '@temporalio/workflow';
import type { Actor } from '../machines/actor';

/** The commands a bulk action may carry: a major incident's resolution, what a dispatcher does to a selection, a policy change's recalculation. */
export const BULK_COMMANDS = ['resolveWithMajorIncident', 'assignToTeam', 'assignToAgent', 'setCategory', 'closeAsDuplicate', 'recalculateSla'] as const;
export type BulkCommandType = (typeof BULK_COMMANDS)[number];

/** A selection is one screen of a queue at most a few times over; a cascade is every linked incident. */
export const MAX_BULK_ITEMS = 1000;

export interface BulkActionInput {
  id: string;
  /** The command and its fields, as its sender gave them (the API checked them). */
  command: { type: BulkCommandType } & Record<string, unknown>;
  /** Who asked: each ticket judges the command as theirs. */
  actor: Actor;
  numbers: string[];
  /** The major incident whose resolution this is: it gets the report. */
  majorIncident?: string | null;
  /** Where a continued run goes on. */
  carried?: BulkProgress;
}

export type BulkItemOutcome =
  | { number: string; outcome: 'done' }
  | { number: string; outcome: 'skipped'; reason: string }
  | { number: string; outcome: 'refused'; reason: string };

export interface BulkProgress {
  next: number;
  done: string[];
  skipped: string[];
  refused: Array<{ number: string; reason: string }>;
}

export interface BulkActivities {
  /** The action's row and, per ticket, the version it is planned on (one read, right at the start). */
  openBulkAction(input: BulkActionInput): Promise<void>;
  /** Applies the command to one ticket once (an outcome recorded before is answered again). */
  applyBulkItem(id: string, number: string): Promise<BulkItemOutcome>;
  finishBulkAction(id: string): Promise<void>;
}

export const bulkProgressQuery = defineQuery<{ total: number; handled: number }>('progress');
