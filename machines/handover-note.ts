// When is a handover or solution note a real note? Seed 000, principle 1: "a ticket is not handed
// over to a team or an agent by just writing 'done'"; the note summarises the problem and what
// was tried, or describes the solution. The rule, so that it can be stated and tested:
//   - at least 25 characters and at least 4 words once trimmed;
//   - at least 3 different words that are not filler ("see", "above", "done", "ok", …);
//   - not one of the empty phrases below, whatever the punctuation or case.
// Pure: the machine's rules call it.

/** Notes that say nothing, in the languages the desk writes in (English and Danish). */
export const EMPTY_NOTE_PHRASES: readonly string[] = [
  'done', 'fixed', 'ok', 'okay', 'solved', 'resolved', 'see above', 'see below', 'see journal', 'see notes',
  'see previous note', 'see ticket', 'as discussed', 'as agreed', 'please handle', 'please fix', 'please look',
  'escalated', 'escalating', 'for your information', 'fyi', 'n a', 'na', 'tbd', 'todo',
  'se ovenfor', 'se journal', 'se note', 'løst', 'klaret', 'færdig', 'udført', 'afsluttet', 'som aftalt', 'vær venlig',
];

const FILLER = new Set([
  'see', 'above', 'below', 'done', 'ok', 'okay', 'the', 'a', 'an', 'and', 'or', 'to', 'it', 'is', 'pls', 'please',
  'fixed', 'solved', 'journal', 'note', 'notes', 'ticket', 'se', 'ovenfor', 'og', 'det', 'er', 'til', 'løst',
]);

export const MIN_NOTE_CHARACTERS = 25;
export const MIN_NOTE_WORDS = 4;
const MIN_DISTINCT_WORDS = 3;

export interface NoteAssessment {
  substantive: boolean;
  /** Why not, in words the agent reads in the 422 answer. */
  problem?: string;
}

const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

export function assessNote(text: unknown): NoteAssessment {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  const words = wordsOf(trimmed);
  if (EMPTY_NOTE_PHRASES.includes(words.join(' '))) {
    return { substantive: false, problem: `"${trimmed}" says nothing: summarise the problem and what was tried` };
  }
  if (trimmed.length < MIN_NOTE_CHARACTERS || words.length < MIN_NOTE_WORDS) {
    return { substantive: false, problem: `the note needs at least ${MIN_NOTE_WORDS} words and ${MIN_NOTE_CHARACTERS} characters: summarise the problem and what was tried` };
  }
  const meaningful = new Set(words.filter((w) => !FILLER.has(w)));
  if (meaningful.size < MIN_DISTINCT_WORDS) {
    return { substantive: false, problem: 'the note repeats filler words: summarise the problem and what was tried' };
  }
  return { substantive: true };
}

export const isSubstantiveNote = (text: unknown): boolean => assessNote(text).substantive;
