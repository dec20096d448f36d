// The questions a workflow and the API ask a process machine, answered from the machine's own
// transitions and their rule guards (there is no second table of allowed commands): what happens
// on this command, is it allowed for this actor now, and if not, why. One law for every process
// (ticket, major incident, problem, change, CSI proposal); a process supplies its machine, its
// rule book, its commands and which of its actions are effects the workflow carries out.
import { ActorScope, AnyStateMachine, ContextFrom, createActor, EventFromLogic, initialTransition, InputFrom, SnapshotFrom } from 'xstate';
import type { Actor } from '../actor';
import { firstBrokenRule, RuleBook, RuleKind, ruleSays } from './rules';

/** notAllowedNow: the state forbids it (409); forbidden: the actor may not (403); ruleBroken: the input breaks a rule (422). */
export type RefusalCode = 'notAllowedNow' | 'forbidden' | 'ruleBroken';

export interface Refusal<N extends string = string, Cmd extends string = string> {
  allowed: false;
  code: RefusalCode;
  rule?: N;
  field?: string;
  /** On a 422 of a law that lists them: every field that is missing or wrong, not only the first. */
  missing?: string[];
  message: string;
  allowedCommands: Cmd[];
}

export type Verdict<N extends string = string, Cmd extends string = string> = { allowed: true } | Refusal<N, Cmd>;

/** A machine's side effect as the workflow receives it: the action's type and its resolved params. */
export interface Effect {
  type: string;
  params: unknown;
}

/** What survives a continue-as-new or sits in the read model: enough to restore the machine. */
export type Persisted<K extends string, S extends string, C> = { [P in K]: S } & { context: C };

export interface LawSpec<M extends AnyStateMachine, N extends string, Cmd extends string, K extends string> {
  machine: M;
  rules: RuleBook<ContextFrom<M>, EventFromLogic<M>, N>;
  /** Commands people give (each an Update of the same name); the rest are the workflow's own events. */
  commands: readonly Cmd[];
  /** The actions that are effects for the workflow (journal, notify, …). */
  effects: readonly string[];
  /** The persisted name of the machine's state: `status` for tickets, `stage` for the others. */
  stateKey: K;
  /** The process as a refusal names it: "… while the <noun> is <state>". */
  noun: string;
  /** The probe event for "may this actor give this command now" (input aside). */
  probe?: (type: Cmd, actor: Actor) => EventFromLogic<M>;
  /** Name every missing input field in a 422, not only the first (the change's assessment). */
  listMissing?: boolean;
  /** What a refusal adds once the process is final (a Closed ticket: open a new one). */
  finalHint?: string;
}

export interface Law<M extends AnyStateMachine, N extends string, Cmd extends string, K extends string, S extends string, E extends Effect> {
  machine: M;
  rules: RuleBook<ContextFrom<M>, EventFromLogic<M>, N>;
  commands: readonly Cmd[];
  open(input: InputFrom<M>): [SnapshotFrom<M>, E[]];
  /** The transition for an event the machine has accepted; a final state changes no more. */
  apply(snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): [SnapshotFrom<M>, E[]];
  restore(state: Persisted<K, S, ContextFrom<M>>): SnapshotFrom<M>;
  persist(snapshot: SnapshotFrom<M>): Persisted<K, S, ContextFrom<M>>;
  stateOf(snapshot: SnapshotFrom<M>): S;
  isFinal(snapshot: SnapshotFrom<M>): boolean;
  /** Commands this actor may give now: the state and the actor's role allow them (input aside). */
  allowedCommands(snapshot: SnapshotFrom<M>, actor: Actor): Cmd[];
  /** Whether the machine takes this event now, and if not, the most precise reason. */
  judge(snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): Verdict<N, Cmd>;
}

/**
 * The machine's pure step: the next snapshot and the actions it asks for, as xstate's
 * `transition()` answers, without its cost. That function builds a throwaway actor for every step,
 * and the actor's constructor computes the machine's whole initial state: 60 % of a step (ticket
 * machine: ~150 µs against ~60 µs). A law's machines spawn no children and take no delayed
 * events, and their actions are collected here, never run, so one inert scope (the one
 * `transition()` builds, with the same no-op hooks) serves every step.
 */
function stepperOf<M extends AnyStateMachine>(machine: M) {
  // Without input the actor's own initial state is an error snapshot; it is never read or started.
  const self = createActor(machine);
  let collected: Array<{ type: string; params?: unknown }> = [];
  const scope: ActorScope<SnapshotFrom<M>, EventFromLogic<M>> = {
    self,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: () => {},
    emit: () => {},
    system: self.system,
    stopChild: () => {},
    actionExecutor: (action) => {
      collected.push(action as { type: string; params?: unknown });
    },
  };
  return (snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): [SnapshotFrom<M>, Array<{ type: string; params?: unknown }>] => {
    collected = [];
    const next = machine.transition(snapshot, event, scope) as SnapshotFrom<M>;
    return [next, collected];
  };
}

interface Candidate<N> {
  rules: readonly N[];
}

/**
 * `defineLaw<ProcessEffect, ProcessState>()({ machine, rules, commands, effects, stateKey, noun })`.
 * Curried so a process names its effect and state types and the rest is inferred from the spec.
 */
export const defineLaw =
  <E extends Effect, S extends string>() =>
  <M extends AnyStateMachine, N extends string, Cmd extends string, K extends string>(
    spec: LawSpec<M, N, Cmd, K>,
  ): Law<M, N, Cmd, K, S, E> => {
    type Snap = SnapshotFrom<M>;
    type Ev = EventFromLogic<M>;
    const { machine, rules, commands, stateKey } = spec;
    const effectTypes = new Set(spec.effects);
    const probe = spec.probe ?? ((type: Cmd, actor: Actor) => ({ type, actor, at: '' }) as unknown as Ev);
    const step = stepperOf(machine);

    const effectsOf = (actions: ReadonlyArray<{ type: string; params?: unknown }>): E[] =>
      actions.filter((a) => effectTypes.has(a.type)).map((a) => ({ type: a.type, params: a.params }) as E);
    const stateOf = (snapshot: Snap): S => (snapshot as { value: unknown }).value as S;
    const isFinal = (snapshot: Snap): boolean => (snapshot as { status: string }).status !== 'active';
    const contextOf = (snapshot: Snap) => (snapshot as { context: ContextFrom<M> }).context;
    const broken = (candidate: Candidate<N>, snapshot: Snap, event: Ev, kinds?: readonly RuleKind[]) =>
      firstBrokenRule(rules, candidate.rules, contextOf(snapshot), event, kinds);

    /** The transitions the current state (and the machine's root) declare for an event type. */
    function candidatesFor(snapshot: Snap, type: string): Candidate<N>[] {
      if (isFinal(snapshot)) return [];
      const root = machine.root;
      const nodes = [root.states[stateOf(snapshot)], root];
      return nodes.flatMap((node) =>
        (node.on[type] ?? []).map((definition) => {
          const guard = definition.guard as { params?: { rules?: N[] } } | undefined;
          return { rules: guard?.params?.rules ?? [] };
        }),
      );
    }

    function allowedCommands(snapshot: Snap, actor: Actor): Cmd[] {
      return commands.filter((type) =>
        candidatesFor(snapshot, type).some((candidate) => broken(candidate, snapshot, probe(type, actor), ['actor', 'state']) === undefined),
      );
    }

    function judge(snapshot: Snap, event: Ev): Verdict<N, Cmd> {
      const candidates = candidatesFor(snapshot, event.type);
      if (candidates.some((c) => broken(c, snapshot, event) === undefined)) return { allowed: true };
      const refuse = (code: RefusalCode, rule?: N, missing?: string[]): Refusal<N, Cmd> => {
        const described = rule ? rules[rule] : undefined;
        const message = described
          ? ruleSays(described, contextOf(snapshot), event)
          : `${event.type} is not possible while the ${spec.noun} is ${stateOf(snapshot)}${isFinal(snapshot) && spec.finalHint ? `: ${spec.finalHint}` : ''}`;
        return {
          allowed: false,
          code,
          rule,
          field: described?.field,
          ...(missing ? { missing } : {}),
          message,
          allowedCommands: allowedCommands(snapshot, (event as { actor: Actor }).actor),
        };
      };
      // Explain by the first candidate whose state rules hold: that is the transition the user meant.
      const meant = candidates.find((c) => broken(c, snapshot, event, ['state']) === undefined);
      if (!meant) return refuse('notAllowedNow', candidates.length ? broken(candidates[0], snapshot, event, ['state']) : undefined);
      const actorRule = broken(meant, snapshot, event, ['actor']);
      if (actorRule) return refuse('forbidden', actorRule);
      if (!spec.listMissing) return refuse('ruleBroken', broken(meant, snapshot, event, ['input']));
      const inputs = meant.rules.filter((name) => rules[name].kind === 'input' && !rules[name].holds(contextOf(snapshot), event));
      const missing = inputs.map((name) => rules[name].field).filter((f): f is string => !!f);
      const verdict = refuse('ruleBroken', inputs[0], missing);
      if (missing.length > 1) verdict.message = `${verdict.message}; missing or invalid: ${missing.join(', ')}`;
      return verdict;
    }

    return {
      machine,
      rules,
      commands,
      open(input) {
        const [snapshot, actions] = initialTransition(machine, input);
        return [snapshot as Snap, effectsOf(actions)];
      },
      apply(snapshot, event) {
        // A final state is immutable. XState's pure `transition` still runs root-level handlers on
        // a machine that is done, so the law stops here rather than trusting every caller to judge.
        if (isFinal(snapshot)) return [snapshot, []];
        const [next, actions] = step(snapshot, event);
        return [next, effectsOf(actions)];
      },
      restore: (state) => machine.resolveState({ value: state[stateKey], context: state.context }) as Snap,
      persist: (snapshot) => ({ [stateKey]: stateOf(snapshot), context: contextOf(snapshot) }) as Persisted<K, S, ContextFrom<M>>,
      stateOf,
      isFinal,
      allowedCommands,
      judge,
    };
  };
