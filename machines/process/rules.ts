// The rules every process machine's guards are made of. Each rule says what kind it is, so a
// refusal is answered precisely: an `actor` rule is about who asks (403), a `state` rule is about
// the process as it is now (409, and it decides which commands are offered), an `input` rule is
// about what the command carries (422, naming the field). A process keeps its own rule book
// (machines/<process>.rules.ts); how a book is read lives here, once.
import type { Actor } from '../actor';

export type RuleKind = 'actor' | 'state' | 'input';
export const ALL_RULE_KINDS: readonly RuleKind[] = ['actor', 'state', 'input'];

export interface Rule<C, E> {
  kind: RuleKind;
  /** The command field an `input` rule checks. */
  field?: string;
  /** What must be true, in words a user reads in the error (or a function of the process and command). */
  says: string | ((context: C, event: E) => string);
  holds: (context: C, event: E) => boolean;
}

export type RuleBook<C, E, N extends string = string> = Record<N, Rule<C, E>>;

/** The first rule among `names` that does not hold, or undefined when all hold. */
export function firstBrokenRule<C, E, N extends string>(
  book: RuleBook<C, E, N>,
  names: readonly N[],
  context: C,
  event: E,
  kinds: readonly RuleKind[] = ALL_RULE_KINDS,
): N | undefined {
  return names.find((name) => {
    const rule = book[name];
    return kinds.includes(rule.kind) && !rule.holds(context, event);
  });
}

/** What a rule says about this process and command, as the user reads it. */
export function ruleSays<C, E>(rule: Rule<C, E>, context: C, event: E): string {
  return typeof rule.says === 'function' ? rule.says(context, event) : rule.says;
}

/** A machine guard made of named rules (`{ type: 'rules', params: { rules } }`), so a refusal can name the rule. */
export const ruleGuard = <N extends string>() => (...names: N[]) => ({ type: 'rules', params: { rules: names } }) as const;

/** The `rules` guard implementation for `setup({ guards })`: every named rule holds. */
export const rulesHold =
  <C, E, N extends string>(book: RuleBook<C, E, N>) =>
  ({ context, event }: { context: C; event: E }, params: { rules: readonly N[] }): boolean =>
    firstBrokenRule(book, params.rules, context, event) === undefined;

// Small readers the rule books share.
export const present = (text: unknown): boolean => typeof text === 'string' && text.trim().length > 0;
export const fieldOf = (event: unknown, name: string): unknown => (event as Record<string, unknown>)[name];
export const trimmed = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
export const actorOf = (event: { actor: Actor }): Actor => event.actor;
