// What every process workflow and its clients share: one Update per command (named after the
// command, so the Temporal UI reads as the process's story), the `opened` Update that intake waits
// on (update-with-start), the `view` query, and the failure type of a refused command.
// Deterministic code only: the workflow bundle imports this file.
import type { SearchAttributePair, SearchAttributeType, UpdateDefinition } from '@temporalio/common';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../machines/actor';

/** Temporal's failure type for a refused command; the API maps its details to 403/409/422/404. */
export const COMMAND_REFUSED = 'CommandRefused';

/** A command as it travels: the payload plus who gives it. The workflow stamps the time. */
export type CommandMessage<C> = C & { actor: Actor };

/** What every projection carries besides its own: the change's move (webhooks read it). */
export interface ProjectedMove {
  /**
   * The status (ticket) or stage the process had at its previous projection; null for the opening
   * projection; absent in projections recorded before it was carried.
   */
  stateBefore?: string | null;
}

/** What the `view` query answers: the process as it is now (journals live in the read model). */
export interface ProcessView<S> {
  summary: S;
}

export interface ProcessMessages<Cmd extends string, S, M> {
  commands: readonly Cmd[];
  commandUpdates: { [T in Cmd]: UpdateDefinition<S, [M]> };
  openedUpdate: UpdateDefinition<S, []>;
  viewQuery: ReturnType<typeof defineQuery<ProcessView<S>>>;
}

/** A process as the API's client and the worker know it: its workflow type, its messages, how it starts. */
export interface ProcessDefinition<Cmd extends string, S, M, I> extends ProcessMessages<Cmd, S, M> {
  workflowType: string;
  /** The search attributes a new workflow starts with, so the Temporal UI lists it at once. */
  initialSearchAttributes(input: I): SearchAttributePair[];
}

/** The Updates and query of a process: `updateName` maps a command to its Update's name. */
export function processMessages<Cmd extends string, S, M>(
  commands: readonly Cmd[],
  updateName: (command: Cmd) => string = (command) => command,
): ProcessMessages<Cmd, S, M> {
  return {
    commands,
    commandUpdates: Object.fromEntries(commands.map((type) => [type, defineUpdate<S, [M]>(updateName(type))])) as ProcessMessages<Cmd, S, M>['commandUpdates'],
    // Waits until the first projection is in PostgreSQL; used with update-with-start.
    openedUpdate: defineUpdate<S, []>('opened'),
    viewQuery: defineQuery<ProcessView<S>>('view'),
  };
}

/** Every process's custom search attributes, registered as each process is defined. */
const SEARCH_ATTRIBUTES = new Map<string, SearchAttributeKey<SearchAttributeType>>();

export function defineProcess<Cmd extends string, S, M, I>(spec: {
  workflowType: string;
  commands: readonly Cmd[];
  updateName?: (command: Cmd) => string;
  /** The process's custom search attributes (the Temporal server must know them). */
  searchAttributes: Record<string, SearchAttributeKey<SearchAttributeType>>;
  initialSearchAttributes(input: I): SearchAttributePair[];
}): ProcessDefinition<Cmd, S, M, I> {
  for (const key of Object.values(spec.searchAttributes)) SEARCH_ATTRIBUTES.set(key.name, key);
  return {
    ...processMessages<Cmd, S, M>(spec.commands, spec.updateName),
    workflowType: spec.workflowType,
    initialSearchAttributes: spec.initialSearchAttributes,
  };
}

const REGISTERED_TYPE: Record<string, string> = { KEYWORD: 'Keyword', BOOL: 'Bool', DATETIME: 'Datetime' };

/** The search attributes of the processes defined so far (workflows/search-attributes.ts loads them all). */
export const definedSearchAttributes = (): SearchAttributeKey<SearchAttributeType>[] => [...SEARCH_ATTRIBUTES.values()];

/** For `temporal server start-dev --search-attribute` and `temporal operator search-attribute create`: `Name=Type`. */
export const registrationOf = (key: SearchAttributeKey<SearchAttributeType>): string => `${key.name}=${REGISTERED_TYPE[key.type]}`;
