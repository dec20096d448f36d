// The questions the problem workflow and the API ask the problem machine, answered from its own
// transitions and rule guards as machines/csi-proposal.law.ts does for CSI proposals: what happens
// on this command, is it allowed for this actor now, and if not, why.
import { initialTransition, transition } from 'xstate';
import type { Actor } from './actor';
import { problemMachine } from './problem.machine';
import { firstBrokenProblemRule, PROBLEM_RULES, ProblemRule, ProblemRuleName } from './problem.rules';
import {
  KnowledgeEntryEffect,
  PROBLEM_COMMANDS,
  ProblemCommandType,
  ProblemContext,
  ProblemEvent,
  ProblemEventType,
  ProblemInput,
  ProblemJournalEffect,
  ProblemStage,
} from './problem.types';

export type ProblemSnapshot = ReturnType<typeof problemMachine.resolveState>;

export interface PersistedProblemState {
  stage: ProblemStage;
  context: ProblemContext;
}

export type ProblemEffect = { type: 'record'; params: ProblemJournalEffect } | { type: 'publishKnowledge'; params: KnowledgeEntryEffect };

export type ProblemVerdict =
  | { allowed: true }
  | {
      allowed: false;
      /** notAllowedNow: the stage forbids it (409); forbidden: the actor may not (403); ruleBroken: the input breaks a rule (422). */
      code: 'notAllowedNow' | 'forbidden' | 'ruleBroken';
      rule?: ProblemRuleName;
      field?: string;
      message: string;
      allowedCommands: ProblemCommandType[];
    };

const EFFECT_TYPES = new Set(['record', 'publishKnowledge']);

function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): ProblemEffect[] {
  return actions.filter((a) => EFFECT_TYPES.has(a.type)).map((a) => ({ type: a.type, params: a.params }) as ProblemEffect);
}

export function createProblem(input: ProblemInput): [ProblemSnapshot, ProblemEffect[]] {
  const [snapshot, actions] = initialTransition(problemMachine, input);
  return [snapshot, effectsOf(actions)];
}

export function applyProblemEvent(snapshot: ProblemSnapshot, event: ProblemEvent): [ProblemSnapshot, ProblemEffect[]] {
  // Closed is final: nothing changes it, whatever a caller forgot to judge.
  if (snapshot.status !== 'active') return [snapshot, []];
  const [next, actions] = transition(problemMachine, snapshot, event);
  return [next, effectsOf(actions)];
}

export function restoreProblem(state: PersistedProblemState): ProblemSnapshot {
  return problemMachine.resolveState({ value: state.stage, context: state.context });
}

export function persistProblem(snapshot: ProblemSnapshot): PersistedProblemState {
  return { stage: snapshot.value as ProblemStage, context: snapshot.context };
}

export const problemStageOf = (snapshot: ProblemSnapshot): ProblemStage => snapshot.value as ProblemStage;

function candidatesFor(snapshot: ProblemSnapshot, type: ProblemEventType): Array<{ rules: readonly ProblemRuleName[] }> {
  if (snapshot.status !== 'active') return [];
  const nodes = [problemMachine.root.states[problemStageOf(snapshot)], problemMachine.root];
  return nodes.flatMap((node) =>
    (node.on[type] ?? []).map((definition) => {
      const guard = definition.guard as { params?: { rules?: ProblemRuleName[] } } | undefined;
      return { rules: guard?.params?.rules ?? [] };
    }),
  );
}

/** Commands this actor may give now: the stage and the actor's role allow them (input aside). */
export function allowedProblemCommands(snapshot: ProblemSnapshot, actor: Actor): ProblemCommandType[] {
  return PROBLEM_COMMANDS.filter((type) => {
    const probe = { type, actor, at: '' } as unknown as ProblemEvent;
    return candidatesFor(snapshot, type).some((c) => firstBrokenProblemRule(c.rules, snapshot.context, probe, ['actor', 'state']) === undefined);
  });
}

/** Whether the machine takes this event now, and if not, the most precise reason. */
export function judgeProblem(snapshot: ProblemSnapshot, event: ProblemEvent): ProblemVerdict {
  const candidates = candidatesFor(snapshot, event.type);
  if (candidates.some((c) => firstBrokenProblemRule(c.rules, snapshot.context, event) === undefined)) return { allowed: true };
  const allowed = allowedProblemCommands(snapshot, event.actor);
  const refuse = (code: 'notAllowedNow' | 'forbidden' | 'ruleBroken', rule?: ProblemRuleName): ProblemVerdict => {
    const described: ProblemRule | undefined = rule ? PROBLEM_RULES[rule] : undefined;
    const says = typeof described?.says === 'function' ? described.says(snapshot.context, event) : described?.says;
    const message = says ?? `${event.type} is not possible while the problem is ${problemStageOf(snapshot)}`;
    return { allowed: false, code, rule, field: described?.field, message, allowedCommands: allowed };
  };
  const meant = candidates.find((c) => firstBrokenProblemRule(c.rules, snapshot.context, event, ['state']) === undefined);
  if (!meant) return refuse('notAllowedNow', candidates.length ? firstBrokenProblemRule(candidates[0].rules, snapshot.context, event, ['state']) : undefined);
  const actorRule = firstBrokenProblemRule(meant.rules, snapshot.context, event, ['actor']);
  if (actorRule) return refuse('forbidden', actorRule);
  return refuse('ruleBroken', firstBrokenProblemRule(meant.rules, snapshot.context, event, ['input']));
}
