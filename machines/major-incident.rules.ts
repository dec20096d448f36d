// The rules of the major-incident machine's guards, of the same three kinds as the ticket's and the
// CSI proposal's: `actor` (403), `state` (409, with what is offered) and `input` (422, naming the field).
import type { MiContext, MiEvent } from './major-incident.types';
import { fieldOf, present, type Rule } from './process/rules';

type MiRule = Rule<MiContext, MiEvent>;

const field = (event: MiEvent, name: string): unknown => fieldOf(event, name);

export const MI_RULES = {
  incidentManager: {
    kind: 'actor',
    says: 'only an incident manager may do this',
    holds: (_c, e) => e.actor.role === 'incidentManager',
  },
  system: { kind: 'actor', says: 'only the major incident’s own timers may do this', holds: (_c, e) => e.actor.role === 'system' },
  someLeftOpen: { kind: 'input', field: 'leftOpen', says: 'every linked incident was resolved', holds: (_c, e) => e.type === 'cascadeFinished' && e.leftOpen.length > 0 },
  teamAssigned: { kind: 'state', says: 'no resolving team is assigned yet', holds: (c) => c.teamId !== null },
  // The review reads what happened to the linked incidents: a major incident closes after its cascade reported.
  cascadeReported: { kind: 'state', says: 'the cascade is still resolving the linked incidents: close after its report', holds: (c) => c.cascading !== true },
  reviewRecorded: { kind: 'state', says: 'the post-incident review is not recorded yet', holds: (c) => c.review !== null },
  notReminded: { kind: 'state', says: 'the incident manager was already reminded of this update', holds: (c, e) => c.remindedFor !== field(e, 'dueAt') },
  rationaleGiven: { kind: 'input', field: 'rationale', says: 'a rejection needs a rationale', holds: (_c, e) => present(field(e, 'rationale')) },
  managerOrTeamGiven: {
    kind: 'input',
    field: 'teamId',
    says: 'name an incident manager (managerId) or a resolving team (teamId)',
    holds: (_c, e) => present(field(e, 'managerId')) || present(field(e, 'teamId')) || Array.isArray(field(e, 'stakeholderIds')),
  },
  textGiven: { kind: 'input', field: 'text', says: 'a stakeholder update needs a text', holds: (_c, e) => present(field(e, 'text')) },
  numberGiven: {
    kind: 'input',
    field: 'number',
    says: 'name an incident (INC-000001)',
    holds: (_c, e) => typeof field(e, 'number') === 'string' && /^INC-\d{6,}$/.test(field(e, 'number') as string),
  },
  notLinked: { kind: 'input', field: 'number', says: 'the incident is already linked', holds: (c, e) => !c.children.includes(field(e, 'number') as string) },
  linked: { kind: 'input', field: 'number', says: 'the incident is not linked to this major incident', holds: (c, e) => c.children.includes(field(e, 'number') as string) },
  resolutionGiven: {
    kind: 'input',
    field: 'resolution',
    says: 'a resolution text is required; it is sent to the users of every linked incident',
    holds: (_c, e) => present(field(e, 'resolution')),
  },
  causeGiven: { kind: 'input', field: 'cause', says: 'the review names the cause', holds: (_c, e) => present(field(e, 'cause')) },
  actionsGiven: { kind: 'input', field: 'actions', says: 'the review names the actions', holds: (_c, e) => present(field(e, 'actions')) },
} satisfies Record<string, MiRule>;

export type MiRuleName = keyof typeof MI_RULES;

