// A service-catalog request item's form: its Additional Questions (REQUIREMENTS 10, seed 002).
// An admin writes the form as data (validateForm checks it when saved); a user's answers are
// checked on the server (validateAnswers) and stored on the ticket as text (answersAsQuestions).
// Pure: no clock, no I/O. Whether a `user` answer names an existing user is the caller's check.

export const FIELD_TYPES = ['text', 'choice', 'date', 'number', 'user', 'yesNo'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Show the field only when the answer to `field` (an earlier field) equals `equals`. */
export interface FormCondition {
  field: string;
  equals: string | number | boolean;
}

export interface FormField {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  /** choice only */
  options?: string[];
  showWhen?: FormCondition;
  /** number only */
  min?: number;
  /** number only */
  max?: number;
}

export type Form = FormField[];
export type FormAnswers = Record<string, unknown>;

/** One thing wrong, where (`form[2].options`, `answers.printerName`), by which rule, in words. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

// Keys become JSON keys and Mermaid/URL-safe names: a letter, then letters, digits and `_`.
const KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const problem = (field: string, rule: string, message: string): FieldProblem => ({ field, rule, message });
const own = (answers: FormAnswers, key: string): boolean => Object.hasOwn(answers, key);
const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

// Counted by hand rather than with Date, which reads two-digit years as 19xx and rolls Feb 30 over.
function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** The rule a (non-blank) value breaks for this field, or null: shared by answers and by conditions' `equals`. */
function valueProblem(field: FormField, value: unknown): { rule: string; message: string } | null {
  const name = `"${field.label}"`;
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? null : { rule: 'type', message: `${name} must be text` };
    case 'choice':
      return typeof value === 'string' && (field.options ?? []).includes(value)
        ? null
        : { rule: 'option', message: `${name} must be one of: ${(field.options ?? []).join(', ')}` };
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : { rule: 'type', message: `${name} must be a calendar date written YYYY-MM-DD` };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { rule: 'type', message: `${name} must be a number` };
      if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
        return { rule: 'range', message: `${name} must be between ${field.min ?? '-∞'} and ${field.max ?? '∞'}` };
      }
      return null;
    case 'user':
      return typeof value === 'string' && value.trim() !== '' ? null : { rule: 'type', message: `${name} must name a user` };
    case 'yesNo':
      return typeof value === 'boolean' ? null : { rule: 'type', message: `${name} must be yes or no (true or false)` };
  }
}

function keyProblems(field: FormField, at: string, earlier: Set<string>): FieldProblem[] {
  if (typeof field.key !== 'string' || !KEY.test(field.key)) {
    return [problem(`${at}.key`, 'keyFormat', 'A key starts with a letter and has only letters, digits and _')];
  }
  return earlier.has(field.key) ? [problem(`${at}.key`, 'duplicateKey', `Another field already has the key ${field.key}`)] : [];
}

function optionProblems(field: FormField, at: string): FieldProblem[] {
  if (field.type !== 'choice') {
    return field.options === undefined ? [] : [problem(`${at}.options`, 'optionsNotAllowed', 'Only a choice field has options')];
  }
  if (!field.options?.length) return [problem(`${at}.options`, 'noOptions', 'A choice field needs at least one option')];
  return field.options.flatMap((option, j) => {
    if (typeof option !== 'string' || option.trim() === '') return [problem(`${at}.options[${j}]`, 'emptyOption', 'An option cannot be empty')];
    return field.options!.indexOf(option) < j ? [problem(`${at}.options[${j}]`, 'duplicateOption', `The option ${option} is listed twice`)] : [];
  });
}

// A condition may only look back: that rules out cycles and lets a form be filled top to bottom.
function conditionProblems(field: FormField, at: string, earlier: Form): FieldProblem[] {
  if (field.showWhen === undefined) return [];
  const target = earlier.find((f) => f.key === field.showWhen!.field);
  if (!target) {
    return [problem(`${at}.showWhen.field`, 'conditionNotEarlier', `${field.showWhen.field} is not a field asked before this one`)];
  }
  const wrong = valueProblem(target, field.showWhen.equals);
  return wrong ? [problem(`${at}.showWhen.equals`, 'conditionValue', `Can never be met: ${wrong.message}`)] : [];
}

function rangeProblems(field: FormField, at: string): FieldProblem[] {
  const bounds = (['min', 'max'] as const).filter((bound) => field[bound] !== undefined);
  if (field.type !== 'number') return bounds.map((bound) => problem(`${at}.${bound}`, 'rangeNotAllowed', `Only a number field has a ${bound}`));
  const notNumbers = bounds.filter((bound) => typeof field[bound] !== 'number' || !Number.isFinite(field[bound]));
  if (notNumbers.length) return notNumbers.map((bound) => problem(`${at}.${bound}`, 'notANumber', `${bound} must be a number`));
  return field.min !== undefined && field.max !== undefined && field.min > field.max
    ? [problem(`${at}.max`, 'minAboveMax', `max (${field.max}) is below min (${field.min})`)]
    : [];
}

/** What is wrong with a form an admin saves; empty when it can be used. */
export function validateForm(form: Form): FieldProblem[] {
  return form.flatMap((field, i) => {
    const at = `form[${i}]`;
    const earlier = form.slice(0, i);
    const typeKnown = (FIELD_TYPES as readonly string[]).includes(field.type);
    return [
      ...keyProblems(field, at, new Set(earlier.map((f) => f.key))),
      ...(typeof field.label === 'string' && field.label.trim() !== '' ? [] : [problem(`${at}.label`, 'labelMissing', 'A field needs a label')]),
      ...(typeKnown ? [] : [problem(`${at}.type`, 'unknownType', `The type must be one of: ${FIELD_TYPES.join(', ')}`)]),
      ...(typeKnown ? [...optionProblems(field, at), ...rangeProblems(field, at)] : []),
      ...conditionProblems(field, at, earlier),
    ];
  });
}

/**
 * The keys of the fields the user is asked, given the answers. In form order, so a condition
 * on a hidden field is not met either (its answer is refused as `hidden`).
 */
function shownKeys(form: Form, answers: FormAnswers): Set<string> {
  const shown = new Set<string>();
  for (const { key, showWhen } of form) {
    if (!showWhen || (shown.has(showWhen.field) && own(answers, showWhen.field) && answers[showWhen.field] === showWhen.equals)) shown.add(key);
  }
  return shown;
}

function answerProblems(field: FormField, answers: FormAnswers, shown: boolean): FieldProblem[] {
  const at = `answers.${field.key}`;
  // A hidden field's answer is refused, not dropped: stored answers never hold ghost fields.
  if (!shown) return own(answers, field.key) && answers[field.key] !== undefined ? [problem(at, 'hidden', `"${field.label}" is not asked with these answers`)] : [];
  const value = own(answers, field.key) ? answers[field.key] : undefined;
  if (isBlank(value)) return field.required ? [problem(at, 'required', `"${field.label}" is required`)] : [];
  const wrong = valueProblem(field, value);
  return wrong ? [problem(at, wrong.rule, wrong.message)] : [];
}

/** Every problem with a user's answers, in form order, then answers the form does not ask for. */
export function validateAnswers(form: Form, answers: FormAnswers): FieldProblem[] {
  const shown = shownKeys(form, answers);
  const keys = new Set(form.map((f) => f.key));
  const unknown = Object.keys(answers)
    .filter((key) => !keys.has(key))
    .map((key) => problem(`answers.${key}`, 'unknownField', `The form has no field ${key}`));
  return [...form.flatMap((field) => answerProblems(field, answers, shown.has(field.key))), ...unknown];
}

/** The answers as the ticket's Additional Questions: question and answer as text, in form order. */
export function answersAsQuestions(form: Form, answers: FormAnswers): { key: string; question: string; answer: string }[] {
  const shown = shownKeys(form, answers);
  return form
    .filter((field) => shown.has(field.key) && own(answers, field.key) && !isBlank(answers[field.key]))
    .map((field) => {
      const value = answers[field.key];
      return { key: field.key, question: field.label, answer: field.type === 'yesNo' ? (value ? 'yes' : 'no') : String(value) };
    });
}
