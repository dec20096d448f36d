// The button labels of process commands in the web client, in English and Danish, written into
// the OpenAPI document as `x-label` on each command's operation (src/bootstrap/openapi.ts). The
// client shows these and keeps no list of commands of its own; a command without a label here is
// shown by its operation's summary.
export type CommandLabel = { en: string; da: string };

const TICKET: Record<string, CommandLabel> = {
  assignToTeam: { en: 'Dispatch to a team', da: 'Send til et team' },
  assignToAgent: { en: 'Assign an agent', da: 'Tildel en medarbejder' },
  beginWork: { en: 'Begin work', da: 'Påbegynd arbejdet' },
  setPending: { en: 'Set Pending', da: 'Sæt i venteposition' },
  resume: { en: 'Resume', da: 'Genoptag' },
  addJournalNote: { en: 'Internal note', da: 'Intern note' },
  addComment: { en: 'Comment to the user', da: 'Kommentar til brugeren' },
  reply: { en: 'Reply', da: 'Svar' },
  pinNote: { en: 'Pin an entry', da: 'Fastgør en indførsel' },
  unpinNote: { en: 'Unpin an entry', da: 'Frigør en indførsel' },
  setAttention: { en: 'Set the Attention flag', da: 'Sæt opmærksomhedsflag' },
  clearAttention: { en: 'Clear the Attention flag', da: 'Fjern opmærksomhedsflag' },
  clearUpdateFlag: { en: 'Clear the Update flag', da: 'Fjern opdateringsflag' },
  reclassify: { en: 'Incident / service request', da: 'Hændelse / serviceanmodning' },
  resolve: { en: 'Resolve', da: 'Løs' },
  reopen: { en: 'Reopen', da: 'Genåbn' },
  approve: { en: 'Approve the solution', da: 'Godkend løsningen' },
  setCategory: { en: 'Set the category', da: 'Vælg kategori' },
  answerQuestions: { en: 'Answer the Additional Questions', da: 'Besvar de supplerende spørgsmål' },
  escalate: { en: 'Escalate', da: 'Eskalér' },
  returnToOrigin: { en: 'Return with the solution', da: 'Returnér med løsningen' },
  split: { en: 'Split into tasks', da: 'Opdel i opgaver' },
  closeAsNotNeeded: { en: 'Close as not needed', da: 'Luk som unødvendig' },
  closeAsDuplicate: { en: 'Close as a duplicate', da: 'Luk som dublet' },
  lock: { en: 'Lock', da: 'Lås' },
  unlock: { en: 'Unlock', da: 'Lås op' },
  recordVendorTicket: { en: 'Vendor’s ticket id', da: 'Leverandørens sagsnummer' },
  vendorAnswer: { en: 'Vendor’s answer', da: 'Leverandørens svar' },
  overridePriority: { en: 'Override the priority', da: 'Tilsidesæt prioriteten' },
  logTime: { en: 'Register time', da: 'Registrér tid' },
  correctTime: { en: 'Cancel a time entry', da: 'Annullér en tidsregistrering' },
};

const CSI: Record<string, CommandLabel> = {
  startReview: { en: 'Start the review', da: 'Påbegynd vurderingen' },
  requestInformation: { en: 'Ask the proposer', da: 'Spørg forslagsstilleren' },
  provideInformation: { en: 'Answer the question', da: 'Besvar spørgsmålet' },
  accept: { en: 'Accept for assessment', da: 'Accepter til vurdering' },
  reject: { en: 'Reject', da: 'Afvis' },
  assess: { en: 'Assess scope and effort', da: 'Vurder omfang og indsats' },
  proposePriority: { en: 'Propose a priority', da: 'Foreslå en prioritet' },
  approve: { en: 'Approve', da: 'Godkend' },
  defer: { en: 'Defer', da: 'Udskyd' },
  reconsider: { en: 'Back on the agenda', da: 'Tilbage på dagsordenen' },
  startImplementation: { en: 'Start implementation', da: 'Påbegynd implementeringen' },
  completeImplementation: { en: 'Implementation done', da: 'Implementeringen er færdig' },
};

const MAJOR_INCIDENT: Record<string, CommandLabel> = {
  accept: { en: 'Accept as major incident', da: 'Accepter som større hændelse' },
  reject: { en: 'Not a major incident', da: 'Ikke en større hændelse' },
  assign: { en: 'Assign manager, team, stakeholders', da: 'Tildel leder, team og interessenter' },
  postUpdate: { en: 'Stakeholder update', da: 'Opdatering til interessenter' },
  link: { en: 'Link an incident', da: 'Tilknyt en hændelse' },
  unlink: { en: 'Unlink an incident', da: 'Fjern en tilknyttet hændelse' },
  resolve: { en: 'Resolve with its incidents', da: 'Løs med tilknyttede hændelser' },
  startReview: { en: 'Start the review', da: 'Påbegynd evalueringen' },
  recordReview: { en: 'Record the review', da: 'Registrér evalueringen' },
  close: { en: 'Close', da: 'Luk' },
};

const PROBLEM: Record<string, CommandLabel> = {
  startInvestigation: { en: 'Start the investigation', da: 'Påbegynd undersøgelsen' },
  linkIncident: { en: 'Link an incident', da: 'Tilknyt en hændelse' },
  unlinkIncident: { en: 'Unlink an incident', da: 'Fjern en tilknyttet hændelse' },
  recordRootCause: { en: 'Record the root cause', da: 'Registrér grundårsagen' },
  recordWorkaround: { en: 'Record the workaround', da: 'Registrér den midlertidige løsning' },
  publishKnownError: { en: 'Publish as a known error', da: 'Offentliggør som kendt fejl' },
  requestChange: { en: 'Request a change', da: 'Anmod om en ændring' },
  resolve: { en: 'Resolve', da: 'Løs' },
  close: { en: 'Close', da: 'Luk' },
};

const CHANGE: Record<string, CommandLabel> = {
  assess: { en: 'Assess risk and impact', da: 'Vurder risiko og påvirkning' },
  approve: { en: 'Approve', da: 'Godkend' },
  reject: { en: 'Reject', da: 'Afvis' },
  schedule: { en: 'Schedule the window', da: 'Planlæg vinduet' },
  startImplementation: { en: 'Start implementation', da: 'Påbegynd implementeringen' },
  complete: { en: 'Implementation done', da: 'Implementeringen er færdig' },
  recordReview: { en: 'Record the review', da: 'Registrér evalueringen' },
  close: { en: 'Close', da: 'Luk' },
  linkProblem: { en: 'Link a problem', da: 'Tilknyt et problem' },
  linkIncident: { en: 'Link an incident', da: 'Tilknyt en hændelse' },
};

/** By the route every command of a process starts with. */
const BY_PROCESS: Array<[prefix: string, labels: Record<string, CommandLabel>]> = [
  ['/tickets/{number}/', TICKET],
  ['/csi/proposals/{number}/', CSI],
  ['/major-incidents/{number}/', MAJOR_INCIDENT],
  ['/problems/{number}/', PROBLEM],
  ['/changes/{number}/', CHANGE],
];

export function commandLabel(path: string, command: string): CommandLabel | undefined {
  return BY_PROCESS.find(([prefix]) => path.startsWith(prefix))?.[1][command];
}
