// Guided creation (REQUIREMENTS 10, seed 002): a guide is data an admin edits; these specs check
// what may be saved, that the machine built from it leads a user to each outcome, that bad
// answers are refused with the answer's position, and the diagram an admin reviews.
import {
  GuideDefinition,
  GuideQuestion,
  guideMachine,
  guideToMermaid,
  PRINTER_GUIDE,
  runGuide,
  validateGuide,
} from './guide';

/** The printer guide with one change: each validation rule is shown by breaking it once. */
function edited(change: (def: GuideDefinition) => void): GuideDefinition {
  const def = structuredClone(PRINTER_GUIDE);
  change(def);
  return def;
}
const question = (def: GuideDefinition, index: number) => def.steps[index] as GuideQuestion;
const rulesOf = (def: GuideDefinition) => validateGuide(def).map((p) => [p.field, p.rule]);

describe('validateGuide: what an admin may save', () => {
  it('accepts the printer guide', () => {
    expect(validateGuide(PRINTER_GUIDE)).toEqual([]);
  });

  it.each<[string, (def: GuideDefinition) => void, string, string]>([
    ['a start that is no step', (def) => (def.start = 'nope'), 'guide.start', 'startMissing'],
    ['two steps with one id', (def) => def.steps.push({ id: 'switchOn', kind: 'outcome', outcome: 'solved', text: 'Again' }), 'guide.steps[7].id', 'duplicateStep'],
    ['an id with a space', (def) => ((def.steps[6].id = 'printer ticket'), (question(def, 4).options[1].next = 'printer ticket')), 'guide.steps[6].id', 'idFormat'],
    ['an answer leading to no step', (def) => question(def, 2).options.push({ value: 'unsure', label: 'Not sure', next: 'nowhere' }), 'guide.steps[2].options[2].next', 'unknownNext'],
    ['two answers with one value', (def) => question(def, 2).options.push({ value: 'no', label: 'Nope', next: 'plugIn' }), 'guide.steps[2].options[2].value', 'duplicateOption'],
    ['an answer without a value', (def) => (question(def, 0).options[0].value = ''), 'guide.steps[0].options[0].value', 'valueMissing'],
    ['an answer without a label', (def) => (question(def, 0).options[0].label = ' '), 'guide.steps[0].options[0].label', 'labelMissing'],
    ['a step without a text', (def) => (def.steps[0].text = ''), 'guide.steps[0].text', 'textMissing'],
    ['an unknown kind of step', (def) => ((def.steps[1] as { kind: string }).kind = 'info'), 'guide.steps[1].kind', 'unknownKind'],
    ['an unknown outcome', (def) => ((def.steps[1] as { outcome: string }).outcome = 'fixed'), 'guide.steps[1].outcome', 'unknownOutcome'],
    ['a redirect on a solved outcome', (def) => ((def.steps[1] as { redirect?: string }).redirect = 'the shop'), 'guide.steps[1].redirect', 'redirectNotAllowed'],
    ['an empty redirect', (def) => ((def.steps[5] as { redirect?: string }).redirect = ' '), 'guide.steps[5].redirect', 'textMissing'],
    ['a step no answer leads to', (def) => def.steps.push({ id: 'orphan', kind: 'outcome', outcome: 'create', text: 'Never shown' }), 'guide.steps[7]', 'unreachable'],
    [
      'a question without answers',
      (def) => {
        question(def, 2).options.push({ value: 'unsure', label: 'Not sure', next: 'ask' });
        def.steps.push({ id: 'ask', kind: 'question', text: 'Ask whom?', options: [] });
      },
      'guide.steps[7].options',
      'noOptions',
    ],
  ])('refuses %s', (_name, change, path, rule) => {
    expect(rulesOf(edited(change))).toEqual([[path, rule]]);
  });

  it('refuses two questions that lead only to each other: the user could neither finish nor raise a ticket', () => {
    const def = edited((d) => {
      question(d, 2).options.push({ value: 'unsure', label: 'Not sure', next: 'blinking' });
      d.steps.push(
        { id: 'blinking', kind: 'question', text: 'Is a light blinking?', options: [{ value: 'any', label: 'Either', next: 'paper' }] },
        { id: 'paper', kind: 'question', text: 'Is there paper?', options: [{ value: 'any', label: 'Either', next: 'blinking' }] },
      );
    });
    expect(validateGuide(def)).toEqual([
      { field: 'guide.steps[7]', rule: 'deadEnd', message: 'No outcome can be reached from blinking' },
      { field: 'guide.steps[8]', rule: 'deadEnd', message: 'No outcome can be reached from paper' },
    ]);
  });

  it('does not require a create outcome: a guide may only solve or refuse', () => {
    const def: GuideDefinition = {
      start: 'on',
      steps: [
        { id: 'on', kind: 'question', text: 'Is the screen on?', options: [{ value: 'no', label: 'No', next: 'switchOn' }] },
        { id: 'switchOn', kind: 'outcome', outcome: 'solved', text: 'Switch it on' },
      ],
    };
    expect(validateGuide(def)).toEqual([]);
  });
});

describe('the guide machine', () => {
  it('has one state per step; outcomes are final', () => {
    const machine = guideMachine(PRINTER_GUIDE);
    expect(machine.id).toBe('guide');
    const states = Object.values(machine.root.states).map((s) => [s.key, s.type]);
    expect(states).toEqual([
      ['printerOn', 'atomic'],
      ['switchOn', 'final'],
      ['connected', 'atomic'],
      ['plugIn', 'final'],
      ['private', 'atomic'],
      ['privateEquipment', 'final'],
      ['printerTicket', 'final'],
    ]);
  });

  it('refuses to build from an invalid guide', () => {
    expect(() => guideMachine(edited((def) => (def.start = 'nope')))).toThrow('Invalid guide: guide.start startMissing');
  });
});

describe('runGuide: replaying a user’s answers', () => {
  const answered = (...pairs: [string, string][]) => pairs.map(([step, value]) => ({ step, value }));

  it('asks the first question before any answer', () => {
    expect(runGuide(PRINTER_GUIDE, [])).toEqual({
      status: 'question',
      step: { id: 'printerOn', text: 'Is the printer switched on?', options: [{ value: 'no', label: 'No' }, { value: 'yes', label: 'Yes' }] },
      path: [],
    });
  });

  it('asks the next question and records the path so far', () => {
    expect(runGuide(PRINTER_GUIDE, answered(['printerOn', 'yes']))).toMatchObject({
      status: 'question',
      step: { id: 'connected', text: 'Is the cable / network connected?' },
      path: [{ step: 'printerOn', question: 'Is the printer switched on?', value: 'yes', label: 'Yes' }],
    });
  });

  it.each<[string, [string, string][], string, string]>([
    ['a printer that is off is solved', [['printerOn', 'no']], 'solved', 'switchOn'],
    ['an unplugged printer is solved', [['printerOn', 'yes'], ['connected', 'no']], 'solved', 'plugIn'],
    ['a private printer is not covered', [['printerOn', 'yes'], ['connected', 'yes'], ['private', 'yes']], 'notCovered', 'privateEquipment'],
    ['an office printer gets a ticket', [['printerOn', 'yes'], ['connected', 'yes'], ['private', 'no']], 'create', 'printerTicket'],
  ])('%s', (_name, pairs, status, outcome) => {
    const result = runGuide(PRINTER_GUIDE, answered(...pairs));
    expect(result).toMatchObject({ status, outcome: { id: outcome } });
    expect('path' in result && result.path.map((p) => [p.step, p.value])).toEqual(pairs);
  });

  it('tells a user who is not covered where to go instead', () => {
    const result = runGuide(PRINTER_GUIDE, answered(['printerOn', 'yes'], ['connected', 'yes'], ['private', 'yes']));
    expect(result).toMatchObject({
      status: 'notCovered',
      outcome: { id: 'privateEquipment', text: 'Private equipment is not covered by the service catalog or the SLA', redirect: "the shop's support" },
    });
  });

  it('refuses an answer to a question that is not the one asked', () => {
    expect(runGuide(PRINTER_GUIDE, answered(['printerOn', 'yes'], ['private', 'no']))).toEqual({
      status: 'invalid',
      problem: { field: 'answers[1]', rule: 'wrongStep', message: 'The question asked is connected, not private' },
    });
  });

  it('refuses an answer the question does not offer, naming those it does', () => {
    expect(runGuide(PRINTER_GUIDE, answered(['printerOn', 'maybe']))).toEqual({
      status: 'invalid',
      problem: { field: 'answers[0]', rule: 'unknownOption', message: 'printerOn is answered with one of: no, yes' },
    });
  });

  it('refuses answers after the guide has ended', () => {
    expect(runGuide(PRINTER_GUIDE, answered(['printerOn', 'no'], ['connected', 'yes']))).toEqual({
      status: 'invalid',
      problem: { field: 'answers[1]', rule: 'tooManyAnswers', message: 'The guide already ended at switchOn' },
    });
  });
});

describe('the guide in Mermaid', () => {
  it('draws every step with its text, every answer as a labelled edge, and the outcomes by kind', () => {
    expect(guideToMermaid(PRINTER_GUIDE).split('\n')).toEqual([
      'stateDiagram-v2',
      '  state "Is the printer switched on?" as printerOn',
      '  state "Switch it on and try printing again. If it still does not print, start the guide again." as switchOn',
      '  state "Is the cable / network connected?" as connected',
      '  state "Plug it in (or connect it to the network) and try printing again." as plugIn',
      '  state "Is it a private printer at home?" as private',
      '  state "Private equipment is not covered by the service catalog or the SLA (instead, the shop\'s support)" as privateEquipment',
      '  state "We create a ticket for the printer team" as printerTicket',
      '  [*] --> printerOn',
      '  printerOn --> switchOn : No',
      '  printerOn --> connected : Yes',
      '  switchOn --> [*]',
      '  connected --> plugIn : No',
      '  connected --> private : Yes',
      '  plugIn --> [*]',
      '  private --> privateEquipment : Yes',
      '  private --> printerTicket : No',
      '  privateEquipment --> [*]',
      '  printerTicket --> [*]',
      '  classDef solved fill:#d4edda',
      '  class switchOn,plugIn solved',
      '  classDef notCovered fill:#f8d7da',
      '  class privateEquipment notCovered',
      '  classDef create fill:#d1ecf1',
      '  class printerTicket create',
    ]);
  });

  it('keeps ids and texts Mermaid can read: no `-` in ids, no `:` `;` `"` or newlines in texts', () => {
    const def: GuideDefinition = {
      start: 'screen-on',
      steps: [
        { id: 'screen-on', kind: 'question', text: 'Screen: is it "on"?\nLook at the LED', options: [{ value: 'no', label: 'No: off; dark', next: 'note' }] },
        { id: 'note', kind: 'outcome', outcome: 'solved', text: 'Switch it on' },
      ],
    };
    expect(guideToMermaid(def).split('\n').slice(1, 6)).toEqual([
      `  state "Screen, is it 'on'? Look at the LED" as _0`,
      '  state "Switch it on" as _1',
      '  [*] --> _0',
      '  _0 --> _1 : No, off, dark',
      '  _1 --> [*]',
    ]);
  });
});
