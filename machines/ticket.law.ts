// The questions the workflow and the API ask the ticket machine: what happens on this command,
// is it allowed for this actor now, and if not, why. All answers come from the machine's own
// transitions and their rule guards: there is no second table of allowed commands.
import { initialTransition, transition } from 'xstate';
import type { Actor } from './actor';
import { ticketMachine } from './ticket.machine';
import { firstBrokenRule, Rule, RuleName, TICKET_RULES } from './ticket.rules';
import {
  JournalEffect,
  NotifyEffect,
  PinEffect,
  TICKET_COMMANDS,
  TicketCommandType,
  TicketContext,
  TicketEvent,
  TicketEventType,
  TicketInput,
  TicketStatus,
} from './ticket.types';

export type TicketSnapshot = ReturnType<typeof ticketMachine.resolveState>;

/** What survives a continue-as-new or sits in the read model: enough to restore the machine. */
export interface PersistedTicketState {
  status: TicketStatus;
  context: TicketContext;
}

export type TicketEffect =
  | { type: 'record'; params: JournalEffect }
  | { type: 'notifyRequester'; params: NotifyEffect }
  | { type: 'notifyTeam'; params: NotifyEffect }
  | { type: 'pin'; params: PinEffect };

export type Verdict =
  | { allowed: true }
  | {
      allowed: false;
      /** notAllowedNow: the state forbids it (409); forbidden: the actor may not (403); ruleBroken: the input breaks a rule (422). */
      code: 'notAllowedNow' | 'forbidden' | 'ruleBroken';
      rule?: RuleName;
      field?: string;
      message: string;
      allowedCommands: TicketCommandType[];
    };

const EFFECT_TYPES = new Set(['record', 'notifyRequester', 'notifyTeam', 'pin']);

function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): TicketEffect[] {
  return actions
    .filter((action) => EFFECT_TYPES.has(action.type))
    .map((action) => ({ type: action.type, params: action.params }) as TicketEffect);
}

export function openTicket(input: TicketInput): [TicketSnapshot, TicketEffect[]] {
  const [snapshot, actions] = initialTransition(ticketMachine, input);
  return [snapshot, effectsOf(actions)];
}

export function applyTicketEvent(snapshot: TicketSnapshot, event: TicketEvent): [TicketSnapshot, TicketEffect[]] {
  // A Closed ticket is immutable. XState's pure `transition` still runs root-level handlers on a
  // machine that is done, so the law stops here rather than trusting every caller to judge first.
  if (snapshot.status !== 'active') return [snapshot, []];
  const [next, actions] = transition(ticketMachine, snapshot, event);
  return [next, effectsOf(actions)];
}

export function restoreTicket(state: PersistedTicketState): TicketSnapshot {
  return ticketMachine.resolveState({ value: state.status, context: state.context });
}

export function persistTicket(snapshot: TicketSnapshot): PersistedTicketState {
  return { status: snapshot.value as TicketStatus, context: snapshot.context };
}

export const statusOf = (snapshot: TicketSnapshot): TicketStatus => snapshot.value as TicketStatus;

interface Candidate {
  rules: readonly RuleName[];
}

/** The transitions the current status (and the machine's root) declare for an event type. */
function candidatesFor(snapshot: TicketSnapshot, type: TicketEventType): Candidate[] {
  if (snapshot.status !== 'active') return [];
  const nodes = [ticketMachine.root.states[statusOf(snapshot)], ticketMachine.root];
  return nodes.flatMap((node) =>
    (node.on[type] ?? []).map((definition) => {
      const guard = definition.guard as { params?: { rules?: RuleName[] } } | undefined;
      return { rules: guard?.params?.rules ?? [] };
    }),
  );
}

/** Commands this actor may give now: the state and the actor's role allow them (input aside). */
export function allowedCommands(snapshot: TicketSnapshot, actor: Actor): TicketCommandType[] {
  return TICKET_COMMANDS.filter((type) => {
    const probe = { type, actor, at: '', agentId: actor.id } as unknown as TicketEvent;
    return candidatesFor(snapshot, type).some(
      (candidate) => firstBrokenRule(candidate.rules, snapshot.context, probe, ['actor', 'state']) === undefined,
    );
  });
}

/** Whether the machine takes this event now, and if not, the most precise reason. */
export function judge(snapshot: TicketSnapshot, event: TicketEvent): Verdict {
  const candidates = candidatesFor(snapshot, event.type);
  if (candidates.some((c) => firstBrokenRule(c.rules, snapshot.context, event) === undefined)) {
    return { allowed: true };
  }
  const allowed = allowedCommands(snapshot, event.actor);
  const refuse = (code: 'notAllowedNow' | 'forbidden' | 'ruleBroken', rule?: RuleName): Verdict => {
    const described: Rule | undefined = rule ? TICKET_RULES[rule] : undefined;
    const says = typeof described?.says === 'function' ? described.says(snapshot.context, event) : described?.says;
    const message =
      says ??
      `${event.type} is not possible while the ticket is ${snapshot.status === 'done' ? 'Closed' : statusOf(snapshot)}`;
    return { allowed: false, code, rule, field: described?.field, message, allowedCommands: allowed };
  };
  // Explain by the first candidate whose state rules hold: that is the transition the user meant.
  const meant = candidates.find((c) => firstBrokenRule(c.rules, snapshot.context, event, ['state']) === undefined);
  if (!meant) return refuse('notAllowedNow', candidates.length ? firstBrokenRule(candidates[0].rules, snapshot.context, event, ['state']) : undefined);
  const actorRule = firstBrokenRule(meant.rules, snapshot.context, event, ['actor']);
  if (actorRule) return refuse('forbidden', actorRule);
  return refuse('ruleBroken', firstBrokenRule(meant.rules, snapshot.context, event, ['input']));
}
