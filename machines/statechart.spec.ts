// The README's diagram is generated from the machine: it must show every declared transition
// with its rules, where the process starts, and that Closed is the end.
import { toMermaid } from './statechart';
import { ticketMachine } from './ticket.machine';

describe('the ticket statechart in Mermaid', () => {
  const diagram = toMermaid(ticketMachine);
  const lines = diagram.split('\n').map((line) => line.trim());
  const transitions = lines.filter((line) => /^\w+ --> \w+ : /.test(line));

  // Written out by hand from ticket.machine.ts: one line per declared transition, in order.
  const DECLARED = [
    'New --> Assigned : assignToTeam [staff, teamGiven, otherTeam]',
    'New --> New : reply [requester, textGiven]',
    'New --> New : reclassify [staff, otherType]',
    'Assigned --> Assigned : assignToTeam [staff, teamGiven, otherTeam]',
    'Assigned --> Assigned : assignToAgent [dispatcherOrSelf, hasTeam, agentGiven]',
    'Assigned --> InProgress : beginWork [staff, assigneeOrUnassigned]',
    'Assigned --> InProgress : addComment [staff, textGiven]',
    'Assigned --> Assigned : reply [requester, textGiven]',
    'Assigned --> Assigned : reclassify [staff, otherType]',
    'InProgress --> InProgress : assignToTeam [staff, teamGiven, otherTeam]',
    'InProgress --> InProgress : assignToAgent [dispatcherOrSelf, hasTeam, agentGiven]',
    'InProgress --> Pending : setPending [staff, pendingReasonGiven, textGiven]',
    'InProgress --> InProgress : addComment [staff, textGiven]',
    'InProgress --> InProgress : reply [requester, textGiven]',
    'InProgress --> InProgress : reclassify [staff, otherType]',
    'InProgress --> Resolved : resolve [staff, resolutionGiven]',
    'Pending --> InProgress : resume [staff]',
    'Pending --> Pending : assignToTeam [staff, teamGiven, otherTeam]',
    'Pending --> Pending : assignToAgent [dispatcherOrSelf, hasTeam, agentGiven]',
    'Pending --> Pending : addComment [staff, textGiven]',
    'Pending --> InProgress : reply [requester, textGiven, awaitingUser]',
    'Pending --> Pending : reply [requester, textGiven]',
    'Pending --> Pending : reclassify [staff, otherType]',
    'Pending --> Resolved : resolve [staff, resolutionGiven]',
    'Resolved --> InProgress : reopen [requesterOrStaff]',
    'Resolved --> InProgress : reply [requester, textGiven]',
    'Resolved --> Resolved : addComment [staff, textGiven]',
    'Resolved --> Closed : approve [requester, approvalRequired]',
    'Resolved --> Closed : autoClose [system]',
  ];

  it('is a Mermaid state diagram', () => {
    expect(lines[0]).toBe('stateDiagram-v2');
  });

  it('starts New', () => {
    expect(lines[1]).toBe('[*] --> New');
    expect(lines.filter((line) => line.startsWith('[*] -->'))).toEqual(['[*] --> New']);
  });

  it('ends Closed', () => {
    expect(lines).toContain('Closed --> [*]');
    expect(lines.filter((line) => line.endsWith('--> [*]'))).toEqual(['Closed --> [*]']);
  });

  it('draws each declared transition once, with its rules', () => {
    expect(transitions).toEqual(DECLARED);
    expect(lines).toContain('InProgress --> Resolved : resolve [staff, resolutionGiven]');
  });

  it('draws as many transitions as the machine’s states declare', () => {
    const declared = Object.values(ticketMachine.root.states).reduce(
      (count, state) => count + Object.values(state.on).reduce((n, definitions) => n + definitions.length, 0),
      0,
    );
    expect(transitions).toHaveLength(declared);
    expect(declared).toBe(29);
  });

  it('leaves New only for Assigned: no agent answer before the ticket is dispatched', () => {
    const fromNew = transitions.filter((line) => line.startsWith('New --> '));
    expect(fromNew.filter((line) => !line.startsWith('New --> New '))).toEqual(['New --> Assigned : assignToTeam [staff, teamGiven, otherTeam]']);
    expect(fromNew.some((line) => line.includes(': addComment '))).toBe(false);
  });

  it('draws every dispatch to a team with the rule that it goes to another team, and keeps a Pending ticket Pending', () => {
    const dispatches = transitions.filter((line) => line.includes(': assignToTeam '));
    expect(dispatches.map((line) => line.split(' : ')[0])).toEqual([
      'New --> Assigned',
      'Assigned --> Assigned',
      'InProgress --> InProgress',
      'Pending --> Pending',
    ]);
    for (const line of dispatches) expect(line.endsWith('[staff, teamGiven, otherTeam]')).toBe(true);
  });

  it('draws nothing leaving Closed', () => {
    expect(lines.filter((line) => line.startsWith('Closed -->'))).toEqual(['Closed --> [*]']);
  });

  // Written out by hand from the root `on` of ticket.machine.ts, in declaration order.
  const EVERYWHERE = [
    'addJournalNote [staff, textGiven]',
    'pinNote [staff]',
    'unpinNote [staff]',
    'setAttention [staff, attentionOff]',
    'clearAttention [staff, attentionOn]',
    'clearUpdateFlag [staff, updateFlagOn]',
    // Issue "SLA engine": an agent overrides the priority with a reason, an admin recalculates the
    // SLA, the workflow's timers raise warnings and breaches.
    'overridePriority [staff, otherPriority, textGiven]',
    'recalculateSla [admin]',
    'slaAlert [system]',
  ];

  it('notes the commands taken in every open status, with their rules', () => {
    expect(lines).toContain('note right of New');
    expect(lines).toContain(`In every open status: ${EVERYWHERE.join('; ')}`);
    expect(lines.at(-3)).toBe('note right of New');
    expect(lines.at(-1)).toBe('end note');
  });

  it('notes as many commands as the machine’s root declares, and draws none of them as a state transition', () => {
    const note = lines.find((line) => line.startsWith('In every open status: '))!;
    const noted = note.slice('In every open status: '.length).split('; ');
    expect(noted).toHaveLength(Object.values(ticketMachine.root.on).reduce((n, definitions) => n + definitions.length, 0));
    expect(noted).toHaveLength(9);
    for (const type of ['overridePriority', 'recalculateSla', 'slaAlert']) {
      expect(transitions.filter((line) => line.includes(`: ${type} `))).toEqual([]);
    }
  });
});
