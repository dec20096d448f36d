// The questions the MI workflow and the API ask the major-incident machine, as
// machines/csi-proposal.law.ts does for proposals: what happens, is it allowed now, and why not.
import { initialTransition, transition } from 'xstate';
import type { Actor } from './actor';
import { majorIncidentMachine } from './major-incident.machine';
import { firstBrokenMiRule, MI_RULES, MiRuleName } from './major-incident.rules';
import {
  MI_COMMANDS,
  MiCommandType,
  MiContext,
  MiEvent,
  MiEventType,
  MiInput,
  MiJournalEffect,
  MiNotifyEffect,
  MiStage,
} from './major-incident.types';

export type MiSnapshot = ReturnType<typeof majorIncidentMachine.resolveState>;

export interface PersistedMiState {
  stage: MiStage;
  context: MiContext;
}

export type MiEffect = { type: 'record'; params: MiJournalEffect } | { type: 'notify'; params: MiNotifyEffect };

export type MiVerdict =
  | { allowed: true }
  | {
      allowed: false;
      code: 'notAllowedNow' | 'forbidden' | 'ruleBroken';
      rule?: MiRuleName;
      field?: string;
      message: string;
      allowedCommands: MiCommandType[];
    };

const EFFECT_TYPES = new Set(['record', 'notify']);
const effectsOf = (actions: ReadonlyArray<{ type: string; params?: unknown }>): MiEffect[] =>
  actions.filter((a) => EFFECT_TYPES.has(a.type)).map((a) => ({ type: a.type, params: a.params }) as MiEffect);

export function proposeMajorIncident(input: MiInput): [MiSnapshot, MiEffect[]] {
  const [snapshot, actions] = initialTransition(majorIncidentMachine, input);
  return [snapshot, effectsOf(actions)];
}

export function applyMiEvent(snapshot: MiSnapshot, event: MiEvent): [MiSnapshot, MiEffect[]] {
  if (snapshot.status !== 'active') return [snapshot, []];
  const [next, actions] = transition(majorIncidentMachine, snapshot, event);
  return [next, effectsOf(actions)];
}

export const restoreMi = (state: PersistedMiState): MiSnapshot => majorIncidentMachine.resolveState({ value: state.stage, context: state.context });
export const persistMi = (snapshot: MiSnapshot): PersistedMiState => ({ stage: snapshot.value as MiStage, context: snapshot.context });
export const miStageOf = (snapshot: MiSnapshot): MiStage => snapshot.value as MiStage;

function candidatesFor(snapshot: MiSnapshot, type: MiEventType): Array<{ rules: readonly MiRuleName[] }> {
  if (snapshot.status !== 'active') return [];
  const nodes = [majorIncidentMachine.root.states[miStageOf(snapshot)], majorIncidentMachine.root];
  return nodes.flatMap((node) =>
    (node.on[type] ?? []).map((definition) => {
      const guard = definition.guard as { params?: { rules?: MiRuleName[] } } | undefined;
      return { rules: guard?.params?.rules ?? [] };
    }),
  );
}

/** Commands this actor may give now: the stage and the actor's role allow them (input aside). */
export function allowedMiCommands(snapshot: MiSnapshot, actor: Actor): MiCommandType[] {
  return MI_COMMANDS.filter((type) => {
    const probe = { type, actor, at: '' } as unknown as MiEvent;
    return candidatesFor(snapshot, type).some((c) => firstBrokenMiRule(c.rules, snapshot.context, probe, ['actor', 'state']) === undefined);
  });
}

/** Whether the machine takes this event now, and if not, the most precise reason. */
export function judgeMi(snapshot: MiSnapshot, event: MiEvent): MiVerdict {
  const candidates = candidatesFor(snapshot, event.type);
  if (candidates.some((c) => firstBrokenMiRule(c.rules, snapshot.context, event) === undefined)) return { allowed: true };
  const allowed = allowedMiCommands(snapshot, event.actor);
  const refuse = (code: 'notAllowedNow' | 'forbidden' | 'ruleBroken', rule?: MiRuleName): MiVerdict => {
    const described = rule ? MI_RULES[rule] : undefined;
    const message = described?.says ?? `${event.type} is not possible while the major incident is ${miStageOf(snapshot)}`;
    return { allowed: false, code, rule, field: described && 'field' in described ? described.field : undefined, message, allowedCommands: allowed };
  };
  const meant = candidates.find((c) => firstBrokenMiRule(c.rules, snapshot.context, event, ['state']) === undefined);
  if (!meant) return refuse('notAllowedNow', candidates.length ? firstBrokenMiRule(candidates[0].rules, snapshot.context, event, ['state']) : undefined);
  const actorRule = firstBrokenMiRule(meant.rules, snapshot.context, event, ['actor']);
  if (actorRule) return refuse('forbidden', actorRule);
  return refuse('ruleBroken', firstBrokenMiRule(meant.rules, snapshot.context, event, ['input']));
}
