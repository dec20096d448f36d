// The shape of a governed process step (CSI proposal, problem, change): who may take it and what
// it needs (named rules), what it changes, its line in the decision trail and in the journal. A
// step to another stage restarts the stage clock. Written once; a process names its reasons.
import { assign, type EventObject, type MachineContext } from 'xstate';
import type { Actor, Role } from '../actor';
import { ruleGuard } from './rules';

/** One decision of a trail: who moved the process, from where to where, and why. */
export interface Decision<T extends string = string, S extends string = string> {
  command: T;
  from: S;
  to: S;
  actorId: string;
  actorName: string | null;
  role: Role;
  rationale: string | null;
  at: string;
}

/** A journal line as the machine names it; the workflow numbers and stamps it. */
export interface JournalLine {
  text: string;
  authorId: string;
}

interface Stamped {
  type: string;
  actor: Actor;
  at: string;
}

interface Governed<S extends string> {
  stageSince: string;
  decisions: Decision<string, S>[];
}

export interface StepOptions<C, E> {
  /** The words that go with a command (its rationale, note, …): the trail's rationale. */
  reasonOf: (event: E) => string | null;
  /** What else changes when the step enters another stage. */
  entering?: (args: { context: C; event: E }) => Partial<C>;
}

/** The `record` action: a journal line written by whoever gave the command. */
export const recordLine = <C, E extends Stamped>(text: (args: { context: C; event: E }) => string) =>
  ({ type: 'record', params: (args: { context: C; event: E }): JournalLine => ({ text: text(args), authorId: args.event.actor.id }) }) as const;

/** `step(from, to, rules, text, update?)` for a process with a decision trail. */
export function governedSteps<C extends Governed<S> & MachineContext, E extends Stamped & EventObject, S extends string, N extends string>(options: StepOptions<C, E>) {
  type Args = { context: C; event: E };
  const rules = ruleGuard<N>();
  const set = (update: (args: Args) => Partial<C>) => assign<C, E, undefined, E, never>(update as never);
  return function step(from: S, to: S, guard: N[], text: (args: Args) => string, update: (args: Args) => Partial<C> = () => ({})) {
    return {
      ...(to === from ? {} : { target: to }),
      guard: rules(...guard),
      actions: [
        set((args) => {
          const { event, context } = args;
          const decision: Decision<string, S> = {
            command: event.type,
            from,
            to,
            actorId: event.actor.id,
            actorName: event.actor.name ?? null,
            role: event.actor.role,
            rationale: options.reasonOf(event),
            at: event.at,
          };
          return {
            ...update(args),
            ...(to === from ? {} : { stageSince: event.at, ...options.entering?.(args) }),
            decisions: [...context.decisions, decision],
          } as Partial<C>;
        }),
        recordLine<C, E>(text),
      ],
    };
  };
}
