// Guided creation (REQUIREMENTS 10, seed 002): "a standardised creation guide that goes through the
// most frequent problems (is the screen on, is the cable in) ... and refuses tickets not covered
// by the service catalog or the SLA". An admin writes a guide as data; validateGuide checks it
// when saved, guideMachine interprets it as an XState machine, and runGuide replays a user's
// answers through that machine, so the question asked next comes from the machine alone.
import { assign, createActor, setup, type AnyStateMachine } from 'xstate';
import type { FieldProblem } from './form';

export interface GuideAnswerOption {
  value: string;
  label: string;
  /** The id of the step this answer leads to. */
  next: string;
}

export interface GuideQuestion {
  id: string;
  kind: 'question';
  text: string;
  options: GuideAnswerOption[];
}

/** solved: no ticket needed; notCovered: refused, outside the service catalog or SLA; create: raise the ticket. */
export type GuideOutcomeKind = 'solved' | 'notCovered' | 'create';
export const GUIDE_OUTCOMES: readonly GuideOutcomeKind[] = ['solved', 'notCovered', 'create'];

export interface GuideOutcome {
  id: string;
  kind: 'outcome';
  outcome: GuideOutcomeKind;
  text: string;
  /** notCovered only: where the user goes instead. */
  redirect?: string;
}

export type GuideStep = GuideQuestion | GuideOutcome;

export interface GuideDefinition {
  start: string;
  steps: GuideStep[];
}

/** One answered question, kept in the machine's context: the path is stored with the ticket. */
export interface GuidePathEntry {
  step: string;
  question: string;
  value: string;
  label: string;
}

export interface GuideContext {
  path: GuidePathEntry[];
}

export type GuideEvent = { type: 'answer'; value: string };

/** An outcome state's output, and so the machine's output when it ends there. */
export interface GuideOutput {
  outcome: GuideOutcomeKind;
  id: string;
  text: string;
  redirect?: string;
}

export type GuideResult =
  | { status: 'question'; step: { id: string; text: string; options: { value: string; label: string }[] }; path: GuidePathEntry[] }
  | { status: GuideOutcomeKind; outcome: { id: string; text: string; redirect?: string }; path: GuidePathEntry[] }
  | { status: 'invalid'; problem: FieldProblem };

// Step ids become state keys (XState reserves `.`) and URL segments.
const STEP_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

const problem = (field: string, rule: string, message: string): FieldProblem => ({ field, rule, message });
const blank = (text: unknown): boolean => typeof text !== 'string' || text.trim() === '';
const isQuestion = (step: GuideStep): step is GuideQuestion => step.kind === 'question';
const optionsOf = (step: GuideStep): GuideAnswerOption[] => (isQuestion(step) ? (step.options ?? []) : []);

// ---------------------------------------------------------------------------------------------
// Validation

function optionProblems(step: GuideQuestion, at: string, ids: Set<string>): FieldProblem[] {
  if (!step.options?.length) return [problem(`${at}.options`, 'noOptions', 'A question without answers is a dead end')];
  return step.options.flatMap((option, j) => {
    const here = `${at}.options[${j}]`;
    const problems: FieldProblem[] = [];
    if (blank(option.value)) problems.push(problem(`${here}.value`, 'valueMissing', 'An answer needs a value'));
    else if (step.options.findIndex((o) => o.value === option.value) < j) {
      problems.push(problem(`${here}.value`, 'duplicateOption', `Another answer to this question has the value ${option.value}`));
    }
    if (blank(option.label)) problems.push(problem(`${here}.label`, 'labelMissing', 'An answer needs a label'));
    if (!ids.has(option.next)) problems.push(problem(`${here}.next`, 'unknownNext', `No step has the id ${option.next}`));
    return problems;
  });
}

function outcomeProblems(step: GuideOutcome, at: string): FieldProblem[] {
  if (!GUIDE_OUTCOMES.includes(step.outcome)) return [problem(`${at}.outcome`, 'unknownOutcome', `The outcome must be one of: ${GUIDE_OUTCOMES.join(', ')}`)];
  if (step.redirect === undefined) return [];
  if (step.outcome !== 'notCovered') return [problem(`${at}.redirect`, 'redirectNotAllowed', 'Only a notCovered outcome redirects the user')];
  return blank(step.redirect) ? [problem(`${at}.redirect`, 'textMissing', 'Say where the user goes instead, or leave the redirect out')] : [];
}

function stepProblems(step: GuideStep, i: number, steps: GuideStep[], ids: Set<string>): FieldProblem[] {
  const at = `guide.steps[${i}]`;
  const problems: FieldProblem[] = [];
  if (blank(step.id) || !STEP_ID.test(step.id)) problems.push(problem(`${at}.id`, 'idFormat', 'An id starts with a letter and has only letters, digits, _ and -'));
  else if (steps.findIndex((s) => s.id === step.id) < i) problems.push(problem(`${at}.id`, 'duplicateStep', `Another step has the id ${step.id}`));
  if (blank(step.text)) problems.push(problem(`${at}.text`, 'textMissing', 'A step needs a text'));
  if (step.kind === 'question') problems.push(...optionProblems(step, at, ids));
  else if (step.kind === 'outcome') problems.push(...outcomeProblems(step, at));
  else problems.push(problem(`${at}.kind`, 'unknownKind', 'A step is a question or an outcome'));
  return problems;
}

/** The ids reachable from `from` by following answers. */
function reachableFrom(from: string, byId: Map<string, GuideStep>): Set<string> {
  const seen = new Set<string>();
  const queue = [from];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const step = byId.get(id);
    if (!step || seen.has(id)) continue;
    seen.add(id);
    queue.push(...optionsOf(step).map((o) => o.next));
  }
  return seen;
}

/** The ids from which some outcome can be reached: grown backwards from the outcomes until it stops. */
function leadingToOutcome(byId: Map<string, GuideStep>): Set<string> {
  const good = new Set([...byId.values()].filter((s) => s.kind === 'outcome').map((s) => s.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const step of byId.values()) {
      if (good.has(step.id) || !optionsOf(step).some((o) => good.has(o.next))) continue;
      good.add(step.id);
      grew = true;
    }
  }
  return good;
}

// Unreachable steps are forgotten work; a question that cannot reach an outcome (two questions
// pointing at each other) would trap the user, who could neither finish nor raise a ticket.
function graphProblems(def: GuideDefinition, byId: Map<string, GuideStep>): FieldProblem[] {
  const reached = reachableFrom(def.start, byId);
  const good = leadingToOutcome(byId);
  return def.steps.flatMap((step, i) => {
    if (byId.get(step.id) !== step) return []; // a duplicate: reported as such
    const problems: FieldProblem[] = [];
    if (!reached.has(step.id)) problems.push(problem(`guide.steps[${i}]`, 'unreachable', `No answers lead from ${def.start} to ${step.id}`));
    if (optionsOf(step).length && !good.has(step.id)) problems.push(problem(`guide.steps[${i}]`, 'deadEnd', `No outcome can be reached from ${step.id}`));
    return problems;
  });
}

/** What is wrong with a guide an admin saves; empty when it can be run. */
export function validateGuide(def: GuideDefinition): FieldProblem[] {
  const steps = def.steps ?? [];
  const ids = new Set(steps.map((s) => s.id));
  const byId = new Map<string, GuideStep>();
  for (const step of steps) if (!byId.has(step.id)) byId.set(step.id, step);
  const start = ids.has(def.start) ? [] : [problem('guide.start', 'startMissing', `No step has the id ${def.start}`)];
  const local = steps.flatMap((step, i) => stepProblems(step, i, steps, ids));
  return [...start, ...local, ...(start.length ? [] : graphProblems({ ...def, steps }, byId))];
}

// ---------------------------------------------------------------------------------------------
// The machine

const guideSetup = setup({
  types: { context: {} as GuideContext, events: {} as GuideEvent, output: {} as GuideOutput },
  guards: {
    // `label` is not needed to decide; it rides along so the diagram can name the edge.
    chose: ({ event }, params: { value: string; label: string }) => event.value === params.value,
  },
  actions: {
    record: assign(({ context }, entry: GuidePathEntry) => ({ path: [...context.path, entry] })),
  },
});

function questionState(step: GuideQuestion) {
  return {
    description: step.text,
    on: {
      answer: step.options.map((option) => ({
        target: option.next,
        guard: { type: 'chose' as const, params: { value: option.value, label: option.label } },
        actions: { type: 'record' as const, params: { step: step.id, question: step.text, value: option.value, label: option.label } },
      })),
    },
  };
}

function outcomeState(step: GuideOutcome) {
  const output: GuideOutput = { outcome: step.outcome, id: step.id, text: step.text, ...(step.redirect !== undefined && { redirect: step.redirect }) };
  return { type: 'final' as const, description: step.text, output };
}

/** The guide as a machine: one state per step. Throws on an invalid guide: validate it when it is saved. */
export function guideMachine(def: GuideDefinition) {
  const problems = validateGuide(def);
  if (problems.length) throw new Error(`Invalid guide: ${problems.map((p) => `${p.field} ${p.rule}`).join('; ')}`);
  const states = Object.fromEntries(def.steps.map((step) => [step.id, isQuestion(step) ? questionState(step) : outcomeState(step)]));
  return guideSetup.createMachine({
    id: 'guide',
    context: { path: [] },
    initial: def.start,
    // The machine ends with the output of the outcome it reached.
    output: ({ event }) => (event as unknown as { output: GuideOutput }).output,
    states,
  });
}

// ---------------------------------------------------------------------------------------------
// Replaying a user's answers

const invalid = (i: number, rule: string, message: string): GuideResult => ({ status: 'invalid', problem: problem(`answers[${i}]`, rule, message) });

/** Where the user stands after these answers: the next question, the outcome, or the first bad answer. */
export function runGuide(def: GuideDefinition, answers: { step: string; value: string }[]): GuideResult {
  const actor = createActor(guideMachine(def)).start();
  for (const [i, answer] of answers.entries()) {
    const snapshot = actor.getSnapshot();
    const current = snapshot.value as string;
    if (snapshot.status === 'done') return invalid(i, 'tooManyAnswers', `The guide already ended at ${current}`);
    if (answer.step !== current) return invalid(i, 'wrongStep', `The question asked is ${current}, not ${answer.step}`);
    const event: GuideEvent = { type: 'answer', value: answer.value };
    if (!snapshot.can(event)) {
      const allowed = optionsOf(def.steps.find((s) => s.id === current)!).map((o) => o.value);
      return invalid(i, 'unknownOption', `${current} is answered with one of: ${allowed.join(', ')}`);
    }
    actor.send(event);
  }
  const snapshot = actor.getSnapshot();
  actor.stop();
  const path = snapshot.context.path;
  if (snapshot.status === 'done') {
    const { outcome, ...rest } = snapshot.output!;
    return { status: outcome, outcome: rest, path };
  }
  const step = def.steps.find((s) => s.id === snapshot.value) as GuideQuestion;
  return { status: 'question', step: { id: step.id, text: step.text, options: step.options.map(({ value, label }) => ({ value, label })) }, path };
}

// ---------------------------------------------------------------------------------------------
// The diagram

// Mermaid's state ids cannot hold `-` (read as an arrow) and a few words are its keywords; such a
// step is drawn as `_<index>`, which no step id can be (ids start with a letter).
const MERMAID_KEYWORDS = new Set(['state', 'note', 'end', 'direction', 'class', 'classdef', 'style', 'scale', 'hide', 'as']);
const mermaidId = (key: string, index: number): string =>
  /^[A-Za-z][A-Za-z0-9_]*$/.test(key) && !MERMAID_KEYWORDS.has(key.toLowerCase()) ? key : `_${index}`;
// `"` ends a description, `:` and `;` end a label, a newline ends a statement.
const mermaidText = (text: string): string => text.replace(/"/g, "'").replace(/[:;]/g, ',').replace(/\s+/g, ' ').trim();

/**
 * The guide as a Mermaid state diagram, drawn from its machine: each step with its text, each
 * answer an edge named by its label, outcomes coloured by kind. statechart.ts's toMermaid would
 * write `answer` on every edge and no question texts, hence this renderer.
 */
export function guideToMermaid(def: GuideDefinition): string {
  return drawGuide(guideMachine(def));
}

function drawGuide(machine: AnyStateMachine): string {
  const nodes = Object.values(machine.root.states);
  const idOf = new Map(nodes.map((node, i) => [node.key, mermaidId(node.key, i)]));
  const lines = ['stateDiagram-v2'];
  const byKind = new Map<GuideOutcomeKind, string[]>();
  for (const node of nodes) {
    const output = node.output as GuideOutput | undefined;
    const redirect = output?.redirect ? ` (instead, ${output.redirect})` : '';
    lines.push(`  state "${mermaidText(`${node.description ?? node.key}${redirect}`)}" as ${idOf.get(node.key)}`);
    if (output) byKind.set(output.outcome, [...(byKind.get(output.outcome) ?? []), idOf.get(node.key)!]);
  }
  lines.push(`  [*] --> ${idOf.get(machine.root.initial!.target[0].key)}`);
  for (const node of nodes) {
    for (const transition of node.on.answer ?? []) {
      const label = (transition.guard as { params: { label: string } }).params.label;
      lines.push(`  ${idOf.get(node.key)} --> ${idOf.get(transition.target![0].key)} : ${mermaidText(label)}`);
    }
    if (node.type === 'final') lines.push(`  ${idOf.get(node.key)} --> [*]`);
  }
  const colours: Record<GuideOutcomeKind, string> = { solved: '#d4edda', notCovered: '#f8d7da', create: '#d1ecf1' };
  for (const [kind, ids] of byKind) lines.push(`  classDef ${kind} fill:${colours[kind]}`, `  class ${ids.join(',')} ${kind}`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// A sample (seed 002's printer scenario)

export const PRINTER_GUIDE: GuideDefinition = {
  start: 'printerOn',
  steps: [
    {
      id: 'printerOn',
      kind: 'question',
      text: 'Is the printer switched on?',
      options: [
        { value: 'no', label: 'No', next: 'switchOn' },
        { value: 'yes', label: 'Yes', next: 'connected' },
      ],
    },
    { id: 'switchOn', kind: 'outcome', outcome: 'solved', text: 'Switch it on and try printing again. If it still does not print, start the guide again.' },
    {
      id: 'connected',
      kind: 'question',
      text: 'Is the cable / network connected?',
      options: [
        { value: 'no', label: 'No', next: 'plugIn' },
        { value: 'yes', label: 'Yes', next: 'private' },
      ],
    },
    { id: 'plugIn', kind: 'outcome', outcome: 'solved', text: 'Plug it in (or connect it to the network) and try printing again.' },
    {
      id: 'private',
      kind: 'question',
      text: 'Is it a private printer at home?',
      options: [
        { value: 'yes', label: 'Yes', next: 'privateEquipment' },
        { value: 'no', label: 'No', next: 'printerTicket' },
      ],
    },
    {
      id: 'privateEquipment',
      kind: 'outcome',
      outcome: 'notCovered',
      text: 'Private equipment is not covered by the service catalog or the SLA',
      redirect: "the shop's support",
    },
    { id: 'printerTicket', kind: 'outcome', outcome: 'create', text: 'We create a ticket for the printer team' },
  ],
};
