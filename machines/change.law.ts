// The questions the change workflow and the API ask the change machine, as
// machines/csi-proposal.law.ts does for proposals: what happens on this command, is it allowed for
// this actor now, and if not, why.
import { initialTransition, transition } from 'xstate';
import type { Actor } from './actor';
import { changeMachine } from './change.machine';
import { CHANGE_RULES, ChangeRule, ChangeRuleName, firstBrokenChangeRule } from './change.rules';
import {
  CHANGE_COMMANDS,
  ChangeCommandType,
  ChangeContext,
  ChangeEvent,
  ChangeEventType,
  ChangeInput,
  ChangeJournalEffect,
  ChangeNotifyEffect,
  ChangeStage,
} from './change.types';

export type ChangeSnapshot = ReturnType<typeof changeMachine.resolveState>;

export interface PersistedChangeState {
  stage: ChangeStage;
  context: ChangeContext;
}

export type ChangeEffect = { type: 'record'; params: ChangeJournalEffect } | { type: 'notify'; params: ChangeNotifyEffect };

export type ChangeVerdict =
  | { allowed: true }
  | {
      allowed: false;
      /** notAllowedNow: 409; forbidden: 403; ruleBroken: 422. */
      code: 'notAllowedNow' | 'forbidden' | 'ruleBroken';
      rule?: ChangeRuleName;
      field?: string;
      /** On a 422: every field that is missing or wrong, not only the first. */
      missing?: string[];
      message: string;
      allowedCommands: ChangeCommandType[];
    };

const EFFECT_TYPES = new Set(['record', 'notify']);

function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): ChangeEffect[] {
  return actions.filter((a) => EFFECT_TYPES.has(a.type)).map((a) => ({ type: a.type, params: a.params }) as ChangeEffect);
}

export function submitChange(input: ChangeInput): [ChangeSnapshot, ChangeEffect[]] {
  const [snapshot, actions] = initialTransition(changeMachine, input);
  return [snapshot, effectsOf(actions)];
}

export function applyChangeEvent(snapshot: ChangeSnapshot, event: ChangeEvent): [ChangeSnapshot, ChangeEffect[]] {
  if (snapshot.status !== 'active') return [snapshot, []];
  const [next, actions] = transition(changeMachine, snapshot, event);
  return [next, effectsOf(actions)];
}

export function restoreChange(state: PersistedChangeState): ChangeSnapshot {
  return changeMachine.resolveState({ value: state.stage, context: state.context });
}

export function persistChange(snapshot: ChangeSnapshot): PersistedChangeState {
  return { stage: snapshot.value as ChangeStage, context: snapshot.context };
}

export const changeStageOf = (snapshot: ChangeSnapshot): ChangeStage => snapshot.value as ChangeStage;

function candidatesFor(snapshot: ChangeSnapshot, type: ChangeEventType): Array<{ rules: readonly ChangeRuleName[] }> {
  if (snapshot.status !== 'active') return [];
  const nodes = [changeMachine.root.states[changeStageOf(snapshot)], changeMachine.root];
  return nodes.flatMap((node) =>
    (node.on[type] ?? []).map((definition) => {
      const guard = definition.guard as { params?: { rules?: ChangeRuleName[] } } | undefined;
      return { rules: guard?.params?.rules ?? [] };
    }),
  );
}

/** Commands this actor may give now: the stage and the actor allow them (input aside). */
export function allowedChangeCommands(snapshot: ChangeSnapshot, actor: Actor): ChangeCommandType[] {
  return CHANGE_COMMANDS.filter((type) => {
    const probe = { type, actor, at: new Date(0).toISOString() } as unknown as ChangeEvent;
    return candidatesFor(snapshot, type).some((c) => firstBrokenChangeRule(c.rules, snapshot.context, probe, ['actor', 'state']) === undefined);
  });
}

/** Whether the machine takes this event now, and if not, the most precise reason. */
export function judgeChange(snapshot: ChangeSnapshot, event: ChangeEvent): ChangeVerdict {
  const candidates = candidatesFor(snapshot, event.type);
  if (candidates.some((c) => firstBrokenChangeRule(c.rules, snapshot.context, event) === undefined)) return { allowed: true };
  const allowed = allowedChangeCommands(snapshot, event.actor);
  const refuse = (code: 'notAllowedNow' | 'forbidden' | 'ruleBroken', rule?: ChangeRuleName, missing?: string[]): ChangeVerdict => {
    const described: ChangeRule | undefined = rule ? CHANGE_RULES[rule] : undefined;
    const says = typeof described?.says === 'function' ? described.says(snapshot.context, event) : described?.says;
    const message = says ?? `${event.type} is not possible while the change is ${changeStageOf(snapshot)}`;
    return { allowed: false, code, rule, field: described?.field, ...(missing ? { missing } : {}), message, allowedCommands: allowed };
  };
  const meant = candidates.find((c) => firstBrokenChangeRule(c.rules, snapshot.context, event, ['state']) === undefined);
  if (!meant) return refuse('notAllowedNow', candidates.length ? firstBrokenChangeRule(candidates[0].rules, snapshot.context, event, ['state']) : undefined);
  const actorRule = firstBrokenChangeRule(meant.rules, snapshot.context, event, ['actor']);
  if (actorRule) return refuse('forbidden', actorRule);
  const broken = meant.rules.filter((name) => CHANGE_RULES[name].kind === 'input' && !(CHANGE_RULES[name] as ChangeRule).holds(snapshot.context, event));
  const missing = broken.map((name) => (CHANGE_RULES[name] as ChangeRule).field).filter((f): f is string => !!f);
  const verdict = refuse('ruleBroken', broken[0], missing);
  if (!verdict.allowed && missing.length > 1) verdict.message = `${verdict.message}; missing or invalid: ${missing.join(', ')}`;
  return verdict;
}
