// Request item forms (REQUIREMENTS 10): what an admin may save, what a user may answer, and how
// the answers are stored as the ticket's Additional Questions. Expected problems are written out.
import { answersAsQuestions, Form, FormField, validateAnswers, validateForm } from './form';

// A printer request in seed 002's flavour: a shared printer asks for its name, a private one is refused.
const PRINTER_FORM: Form = [
  { key: 'printerName', label: 'Printer name', type: 'text', required: true },
  { key: 'location', label: 'Location', type: 'choice', required: true, options: ['Office', 'Home'] },
  { key: 'neededBy', label: 'Needed by', type: 'date' },
  { key: 'copies', label: 'Copies per day', type: 'number', min: 1, max: 500 },
  { key: 'manager', label: 'Approving manager', type: 'user' },
  { key: 'shared', label: 'Shared printer?', type: 'yesNo', required: true },
  { key: 'queueName', label: 'Queue name', type: 'text', required: true, showWhen: { field: 'shared', equals: true } },
];

const VALID_ANSWERS = { printerName: 'HP LaserJet 3rd floor', location: 'Office', neededBy: '2026-03-02', copies: 40, manager: 'u-dorthe', shared: true, queueName: 'PRN-3' };

describe('validateForm: what an admin may save', () => {
  const field = (extra: Partial<FormField>): FormField => ({ key: 'f', label: 'F', type: 'text', ...extra });

  it('accepts the printer form', () => {
    expect(validateForm(PRINTER_FORM)).toEqual([]);
  });

  it.each<[string, Form, string, string]>([
    ['an empty key', [field({ key: '' })], 'form[0].key', 'keyFormat'],
    ['a key with a space', [field({ key: 'printer name' })], 'form[0].key', 'keyFormat'],
    ['a key starting with a digit', [field({ key: '2nd' })], 'form[0].key', 'keyFormat'],
    ['a key used twice', [field({ key: 'a' }), field({ key: 'a' })], 'form[1].key', 'duplicateKey'],
    ['an empty label', [field({ label: ' ' })], 'form[0].label', 'labelMissing'],
    ['an unknown type', [field({ type: 'colour' as never })], 'form[0].type', 'unknownType'],
    ['a choice without options', [field({ type: 'choice' })], 'form[0].options', 'noOptions'],
    ['a choice with an empty list', [field({ type: 'choice', options: [] })], 'form[0].options', 'noOptions'],
    ['an empty option', [field({ type: 'choice', options: ['Office', ''] })], 'form[0].options[1]', 'emptyOption'],
    ['an option listed twice', [field({ type: 'choice', options: ['Office', 'Home', 'Office'] })], 'form[0].options[2]', 'duplicateOption'],
    ['options on a text field', [field({ options: ['a'] })], 'form[0].options', 'optionsNotAllowed'],
    ['a condition on a later field', [field({ key: 'a', showWhen: { field: 'b', equals: 'x' } }), field({ key: 'b' })], 'form[0].showWhen.field', 'conditionNotEarlier'],
    ['a condition on itself', [field({ key: 'a', showWhen: { field: 'a', equals: 'x' } })], 'form[0].showWhen.field', 'conditionNotEarlier'],
    ['a condition on no field', [field({ key: 'a', showWhen: { field: 'nope', equals: 'x' } })], 'form[0].showWhen.field', 'conditionNotEarlier'],
    ['a condition on a choice that is not an option', [field({ key: 'a', type: 'choice', options: ['x'] }), field({ key: 'b', showWhen: { field: 'a', equals: 'y' } })], 'form[1].showWhen.equals', 'conditionValue'],
    ['a condition on yes/no that is not a boolean', [field({ key: 'a', type: 'yesNo' }), field({ key: 'b', showWhen: { field: 'a', equals: 'yes' } })], 'form[1].showWhen.equals', 'conditionValue'],
    ['a condition on a number that is text', [field({ key: 'a', type: 'number' }), field({ key: 'b', showWhen: { field: 'a', equals: '3' } })], 'form[1].showWhen.equals', 'conditionValue'],
    ['min above max', [field({ type: 'number', min: 10, max: 5 })], 'form[0].max', 'minAboveMax'],
    ['min on a text field', [field({ min: 1 })], 'form[0].min', 'rangeNotAllowed'],
    ['max on a date field', [field({ type: 'date', max: 1 })], 'form[0].max', 'rangeNotAllowed'],
    ['a min that is not a number', [field({ type: 'number', min: '1' as never })], 'form[0].min', 'notANumber'],
  ])('refuses %s', (_name, form, path, rule) => {
    expect(validateForm(form).map((p) => [p.field, p.rule])).toEqual([[path, rule]]);
  });

  it('says what is wrong in words an admin understands', () => {
    const [problem] = validateForm([field({ key: 'a', type: 'choice', options: ['x', 'y'] }), field({ key: 'b', showWhen: { field: 'a', equals: 'z' } })]);
    expect(problem).toEqual({ field: 'form[1].showWhen.equals', rule: 'conditionValue', message: 'Can never be met: "F" must be one of: x, y' });
  });

  it('reports every problem, field by field', () => {
    const form: Form = [field({ key: '', label: '' }), field({ key: 'n', type: 'number', options: ['1'], min: 3, max: 2 })];
    expect(validateForm(form).map((p) => `${p.field} ${p.rule}`)).toEqual([
      'form[0].key keyFormat',
      'form[0].label labelMissing',
      'form[1].options optionsNotAllowed',
      'form[1].max minAboveMax',
    ]);
  });
});

describe('validateAnswers: a user’s answers, checked on the server', () => {
  const problemsOf = (answers: Record<string, unknown>) => validateAnswers(PRINTER_FORM, answers).map((p) => [p.field, p.rule]);

  it('accepts complete answers, and leaves optional fields out', () => {
    expect(validateAnswers(PRINTER_FORM, VALID_ANSWERS)).toEqual([]);
    expect(validateAnswers(PRINTER_FORM, { printerName: 'HP', location: 'Home', shared: false })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a missing required text', { printerName: undefined }, 'answers.printerName', 'required'],
    ['a blank required text', { printerName: '   ' }, 'answers.printerName', 'required'],
    ['a number where text is asked', { printerName: 42 }, 'answers.printerName', 'type'],
    ['a choice that is not an option', { location: 'Garden' }, 'answers.location', 'option'],
    ['a date in another format', { neededBy: '02/03/2026' }, 'answers.neededBy', 'type'],
    ['February 30th', { neededBy: '2026-02-30' }, 'answers.neededBy', 'type'],
    ['February 29th in a common year', { neededBy: '2026-02-29' }, 'answers.neededBy', 'type'],
    ['month 13', { neededBy: '2026-13-01' }, 'answers.neededBy', 'type'],
    ['a number as text', { copies: '40' }, 'answers.copies', 'type'],
    ['an infinite number', { copies: Infinity }, 'answers.copies', 'type'],
    ['a number below min', { copies: 0 }, 'answers.copies', 'range'],
    ['a number above max', { copies: 501 }, 'answers.copies', 'range'],
    ['a user that is not an id', { manager: 7 }, 'answers.manager', 'type'],
    // Not `true`, so the queue is not asked either.
    ['yes as text', { shared: 'yes', queueName: undefined }, 'answers.shared', 'type'],
    ['a field the form does not have', { colour: 'red' }, 'answers.colour', 'unknownField'],
  ])('refuses %s', (_name, change, path, rule) => {
    expect(problemsOf({ ...VALID_ANSWERS, ...change })).toEqual([[path, rule]]);
  });

  it('accepts February 29th in a leap year', () => {
    expect(problemsOf({ ...VALID_ANSWERS, neededBy: '2028-02-29' })).toEqual([]);
  });

  it('asks a conditional field only when its condition is met', () => {
    // A private printer has no queue: the field is not asked, so not required...
    expect(problemsOf({ printerName: 'HP', location: 'Home', shared: false })).toEqual([]);
    // ...and an answer to it is refused, so stored answers never hold a field the user was not asked.
    expect(validateAnswers(PRINTER_FORM, { printerName: 'HP', location: 'Home', shared: false, queueName: 'PRN-3' })).toEqual([
      { field: 'answers.queueName', rule: 'hidden', message: '"Queue name" is not asked with these answers' },
    ]);
    // A shared printer needs its queue.
    expect(problemsOf({ printerName: 'HP', location: 'Office', shared: true })).toEqual([['answers.queueName', 'required']]);
  });

  it('hides a field whose condition depends on a hidden field', () => {
    const form: Form = [
      { key: 'shared', label: 'Shared?', type: 'yesNo' },
      { key: 'floor', label: 'Floor', type: 'choice', options: ['1', '2'], showWhen: { field: 'shared', equals: true } },
      { key: 'room', label: 'Room', type: 'text', required: true, showWhen: { field: 'floor', equals: '2' } },
    ];
    expect(validateAnswers(form, { shared: false, floor: '2', room: 'B2' }).map((p) => [p.field, p.rule])).toEqual([
      ['answers.floor', 'hidden'],
      ['answers.room', 'hidden'],
    ]);
    expect(validateAnswers(form, { shared: true, floor: '2' }).map((p) => [p.field, p.rule])).toEqual([['answers.room', 'required']]);
  });

  it('reports every problem at once, in form order, then unknown fields', () => {
    expect(validateAnswers(PRINTER_FORM, { colour: 'red', location: 'Garden', neededBy: '2026-02-30', copies: 0, shared: false, queueName: 'x' })).toEqual([
      { field: 'answers.printerName', rule: 'required', message: '"Printer name" is required' },
      { field: 'answers.location', rule: 'option', message: '"Location" must be one of: Office, Home' },
      { field: 'answers.neededBy', rule: 'type', message: '"Needed by" must be a calendar date written YYYY-MM-DD' },
      { field: 'answers.copies', rule: 'range', message: '"Copies per day" must be between 1 and 500' },
      { field: 'answers.queueName', rule: 'hidden', message: '"Queue name" is not asked with these answers' },
      { field: 'answers.colour', rule: 'unknownField', message: 'The form has no field colour' },
    ]);
  });
});

describe('answersAsQuestions: the answers stored as the ticket’s Additional Questions', () => {
  it('writes each answer as text, in form order, yes/no as words', () => {
    expect(answersAsQuestions(PRINTER_FORM, VALID_ANSWERS)).toEqual([
      { key: 'printerName', question: 'Printer name', answer: 'HP LaserJet 3rd floor' },
      { key: 'location', question: 'Location', answer: 'Office' },
      { key: 'neededBy', question: 'Needed by', answer: '2026-03-02' },
      { key: 'copies', question: 'Copies per day', answer: '40' },
      { key: 'manager', question: 'Approving manager', answer: 'u-dorthe' },
      { key: 'shared', question: 'Shared printer?', answer: 'yes' },
      { key: 'queueName', question: 'Queue name', answer: 'PRN-3' },
    ]);
  });

  it('skips unanswered and hidden fields', () => {
    expect(answersAsQuestions(PRINTER_FORM, { location: 'Home', neededBy: '', shared: false, queueName: 'ghost' })).toEqual([
      { key: 'location', question: 'Location', answer: 'Home' },
      { key: 'shared', question: 'Shared printer?', answer: 'no' },
    ]);
  });
});
