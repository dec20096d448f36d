// The questions the CSI workflow and the API ask the proposal machine, answered from its own
// transitions and rule guards as machines/ticket.law.ts does for tickets (a parallel small law,
// so the ticket's stays untouched): what happens on this command, is it allowed for this actor
// now, and if not, why.
import { initialTransition, transition } from 'xstate';
import type { Actor } from './actor';
import { csiProposalMachine } from './csi-proposal.machine';
import { CSI_RULES, CsiRule, CsiRuleName, firstBrokenCsiRule } from './csi-proposal.rules';
import {
  CSI_COMMANDS,
  CsiCommandType,
  CsiContext,
  CsiEvent,
  CsiEventType,
  CsiInput,
  CsiJournalEffect,
  CsiNotifyEffect,
  CsiStage,
} from './csi-proposal.types';

export type CsiSnapshot = ReturnType<typeof csiProposalMachine.resolveState>;

export interface PersistedCsiState {
  stage: CsiStage;
  context: CsiContext;
}

export type CsiEffect = { type: 'record'; params: CsiJournalEffect } | { type: 'notifyOwner'; params: CsiNotifyEffect };

export type CsiVerdict =
  | { allowed: true }
  | {
      allowed: false;
      /** notAllowedNow: the stage forbids it (409); forbidden: the actor may not (403); ruleBroken: the input breaks a rule (422). */
      code: 'notAllowedNow' | 'forbidden' | 'ruleBroken';
      rule?: CsiRuleName;
      field?: string;
      message: string;
      allowedCommands: CsiCommandType[];
    };

const EFFECT_TYPES = new Set(['record', 'notifyOwner']);

function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): CsiEffect[] {
  return actions.filter((a) => EFFECT_TYPES.has(a.type)).map((a) => ({ type: a.type, params: a.params }) as CsiEffect);
}

export function submitProposal(input: CsiInput): [CsiSnapshot, CsiEffect[]] {
  const [snapshot, actions] = initialTransition(csiProposalMachine, input);
  return [snapshot, effectsOf(actions)];
}

export function applyCsiEvent(snapshot: CsiSnapshot, event: CsiEvent): [CsiSnapshot, CsiEffect[]] {
  // Done and rejected are final: nothing changes them, whatever a caller forgot to judge.
  if (snapshot.status !== 'active') return [snapshot, []];
  const [next, actions] = transition(csiProposalMachine, snapshot, event);
  return [next, effectsOf(actions)];
}

export function restoreCsi(state: PersistedCsiState): CsiSnapshot {
  return csiProposalMachine.resolveState({ value: state.stage, context: state.context });
}

export function persistCsi(snapshot: CsiSnapshot): PersistedCsiState {
  return { stage: snapshot.value as CsiStage, context: snapshot.context };
}

export const stageOf = (snapshot: CsiSnapshot): CsiStage => snapshot.value as CsiStage;

function candidatesFor(snapshot: CsiSnapshot, type: CsiEventType): Array<{ rules: readonly CsiRuleName[] }> {
  if (snapshot.status !== 'active') return [];
  const nodes = [csiProposalMachine.root.states[stageOf(snapshot)], csiProposalMachine.root];
  return nodes.flatMap((node) =>
    (node.on[type] ?? []).map((definition) => {
      const guard = definition.guard as { params?: { rules?: CsiRuleName[] } } | undefined;
      return { rules: guard?.params?.rules ?? [] };
    }),
  );
}

/** Commands this actor may give now: the stage and the actor's role allow them (input aside). */
export function allowedCsiCommands(snapshot: CsiSnapshot, actor: Actor): CsiCommandType[] {
  return CSI_COMMANDS.filter((type) => {
    const probe = { type, actor, at: '' } as unknown as CsiEvent;
    return candidatesFor(snapshot, type).some((c) => firstBrokenCsiRule(c.rules, snapshot.context, probe, ['actor', 'state']) === undefined);
  });
}

/** Whether the machine takes this event now, and if not, the most precise reason. */
export function judgeCsi(snapshot: CsiSnapshot, event: CsiEvent): CsiVerdict {
  const candidates = candidatesFor(snapshot, event.type);
  if (candidates.some((c) => firstBrokenCsiRule(c.rules, snapshot.context, event) === undefined)) return { allowed: true };
  const allowed = allowedCsiCommands(snapshot, event.actor);
  const refuse = (code: 'notAllowedNow' | 'forbidden' | 'ruleBroken', rule?: CsiRuleName): CsiVerdict => {
    const described: CsiRule | undefined = rule ? CSI_RULES[rule] : undefined;
    const says = typeof described?.says === 'function' ? described.says(snapshot.context, event) : described?.says;
    const message = says ?? `${event.type} is not possible while the proposal is ${stageOf(snapshot)}`;
    return { allowed: false, code, rule, field: described?.field, message, allowedCommands: allowed };
  };
  const meant = candidates.find((c) => firstBrokenCsiRule(c.rules, snapshot.context, event, ['state']) === undefined);
  if (!meant) return refuse('notAllowedNow', candidates.length ? firstBrokenCsiRule(candidates[0].rules, snapshot.context, event, ['state']) : undefined);
  const actorRule = firstBrokenCsiRule(meant.rules, snapshot.context, event, ['actor']);
  if (actorRule) return refuse('forbidden', actorRule);
  return refuse('ruleBroken', firstBrokenCsiRule(meant.rules, snapshot.context, event, ['input']));
}
