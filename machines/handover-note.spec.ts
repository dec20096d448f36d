import { assessNote, isSubstantiveNote } from './handover-note';

describe('the handover note rule (seed 000, principle 1)', () => {
  it.each([
    'done',
    'Done.',
    'DONE!!!',
    'see above',
    'Se ovenfor',
    'løst',
    'as discussed',
    'fyi',
    '',
    '   ',
    'printer broken',
    'done done done done done done',
    'see above see journal see notes ok',
  ])('refuses %j', (note) => {
    expect(isSubstantiveNote(note)).toBe(false);
    expect(assessNote(note).problem).toBeTruthy();
  });

  it.each([
    'Printer on 3rd floor prints nothing; restarted spooler and reinstalled driver, no change.',
    'Brugeren kan ikke printe fra Word. Genstartet PC og printer, kablet er i orden.',
    'VPN drops every 10 minutes on eduroam; tried wired, same; logs attached.',
  ])('accepts %j', (note) => {
    expect(assessNote(note)).toEqual({ substantive: true });
  });

  it('says what is missing in words an agent understands', () => {
    expect(assessNote('done').problem).toBe('"done" says nothing: summarise the problem and what was tried');
    expect(assessNote('printer broken').problem).toMatch(/at least 4 words and 25 characters/);
  });

  it('is not fooled by anything but text', () => {
    expect(isSubstantiveNote(undefined)).toBe(false);
    expect(isSubstantiveNote(42)).toBe(false);
  });
});
