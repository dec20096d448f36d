// The rules the problem machine's guards are made of, of the same three kinds as the ticket's and
// the CSI proposal's: `actor` (who asks: 403), `state` (the problem as it is now: 409, and what is
// offered) and `input` (what the command carries: 422, naming the field).
import { isIncidentNumber, PROBLEM_CLOSER_ROLES, PROBLEM_INVESTIGATOR_ROLES, type ProblemContext, type ProblemEvent } from './problem.types';
import { fieldOf, present, type Rule } from './process/rules';

type ProblemRule = Rule<ProblemContext, ProblemEvent>;

const field = (event: ProblemEvent, name: string): unknown => fieldOf(event, name);
const incidentOf = (event: ProblemEvent): string => String(field(event, 'incident') ?? '').trim();

export const PROBLEM_RULES = {
  investigator: {
    kind: 'actor',
    says: 'only agents and the incident and process managers work on problems',
    holds: (_c, e) => PROBLEM_INVESTIGATOR_ROLES.includes(e.actor.role),
  },
  closer: {
    kind: 'actor',
    says: 'only a process manager or an admin closes a problem',
    holds: (_c, e) => PROBLEM_CLOSER_ROLES.includes(e.actor.role),
  },
  rootCauseRecorded: {
    kind: 'state',
    says: 'the problem has no root-cause analysis yet',
    holds: (c) => c.rootCause !== null,
  },
  workaroundRecorded: {
    kind: 'state',
    says: 'a known error needs a workaround: record it first',
    holds: (c) => c.workaround !== null,
  },
  incidentGiven: {
    kind: 'input',
    field: 'incident',
    says: 'name an incident (INC-000001)',
    holds: (_c, e) => isIncidentNumber(field(e, 'incident')),
  },
  notLinked: {
    kind: 'input',
    field: 'incident',
    says: (_c, e) => `${incidentOf(e)} is already linked to the problem`,
    holds: (c, e) => !c.incidents.includes(incidentOf(e)),
  },
  linked: {
    kind: 'input',
    field: 'incident',
    says: (_c, e) => `${incidentOf(e)} is not linked to the problem`,
    holds: (c, e) => c.incidents.includes(incidentOf(e)),
  },
  notLastIncident: {
    kind: 'input',
    field: 'incident',
    says: 'a problem keeps at least one incident',
    holds: (c) => c.incidents.length > 1,
  },
  rootCauseGiven: { kind: 'input', field: 'rootCause', says: 'the root-cause analysis is required', holds: (_c, e) => present(field(e, 'rootCause')) },
  workaroundGiven: { kind: 'input', field: 'workaround', says: 'the workaround is required', holds: (_c, e) => present(field(e, 'workaround')) },
  titleGiven: { kind: 'input', field: 'title', says: 'the knowledge entry needs a title', holds: (_c, e) => present(field(e, 'title')) },
  symptomsGiven: { kind: 'input', field: 'symptoms', says: 'the knowledge entry needs the symptoms', holds: (_c, e) => present(field(e, 'symptoms')) },
  summaryGiven: { kind: 'input', field: 'summary', says: 'a change request needs a summary', holds: (_c, e) => present(field(e, 'summary')) },
  resolutionGiven: { kind: 'input', field: 'resolution', says: 'a resolution is required', holds: (_c, e) => present(field(e, 'resolution')) },
} satisfies Record<string, ProblemRule>;

export type ProblemRuleName = keyof typeof PROBLEM_RULES;

