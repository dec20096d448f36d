// The README's diagram is generated from the machine: it must show every declared transition
// with its rules, where the process starts, and that Closed is the end.
import { toMermaid } from './statechart';
import { ticketMachine } from './ticket.machine';

describe('the ticket statechart in Mermaid', () => {
  const diagram = toMermaid(ticketMachine);
  const lines = diagram.split('\n').map((line) => line.trim());
  const transitions = lines.filter((line) => /^\w+ --> \w+ : /.test(line));
  const rulesOf = (line: string): string[] => line.slice(line.indexOf('[') + 1, line.lastIndexOf(']')).split(', ');
  const drawn = (event: string) => transitions.filter((line) => line.includes(`: ${event} [`));

  // Written out from ticket.machine.ts (regenerate with `npm run statechart`): one line per
  // declared transition, in order. A dispatch and an escalation are declared twice: first the
  // variant for P1/P2 tickets (rule urgentPriority), which also alerts the receiving team.
  const DECLARED = [
    'New --> Assigned : assignToTeam [staffOrSystem, notLockedByOther, teamGiven, otherTeam, notHigherLine, notAroundEscalation, handoverNoteIfTransfer, categorySetIfTransfer, urgentPriority]',
    'New --> Assigned : assignToTeam [staffOrSystem, notLockedByOther, teamGiven, otherTeam, notHigherLine, notAroundEscalation, handoverNoteIfTransfer, categorySetIfTransfer]',
    'New --> InProgress : addComment [staff, textGiven, answererHasTeam, notLockedByOther]',
    'New --> New : reply [requester, textGiven]',
    'New --> New : reclassify [staff, otherType, notLockedByOther]',
    'New --> Closed : closeAsNotNeeded [staff, isTask, notNeededNote, notLockedByOther]',
    'New --> Resolved : monitorCleared [monitor, notWorked, textGiven]',
    'New --> Resolved : resolveWithMajorIncident [staff, noOpenTasks, resolutionGiven, notLockedByOther]',
    'New --> Closed : closeAsDuplicate [staff, duplicateOfGiven, notLockedByOther]',
    'Assigned --> Assigned : assignToTeam [staffOrSystem, notLockedByOther, teamGiven, otherTeam, notHigherLine, notAroundEscalation, handoverNoteIfTransfer, categorySetIfTransfer, urgentPriority]',
    'Assigned --> Assigned : assignToTeam [staffOrSystem, notLockedByOther, teamGiven, otherTeam, notHigherLine, notAroundEscalation, handoverNoteIfTransfer, categorySetIfTransfer]',
    'Assigned --> Assigned : assignToAgent [dispatcherOrSelf, notLockedByOther, hasTeam, agentGiven, agentInTeamOrAgreed]',
    'Assigned --> Assigned : escalate [staff, hasTeam, teamGiven, higherLine, categorySet, questionsAnswered, handoverNote, notLockedByOther, urgentPriority]',
    'Assigned --> Assigned : escalate [staff, hasTeam, teamGiven, higherLine, categorySet, questionsAnswered, handoverNote, notLockedByOther]',
    'Assigned --> Assigned : returnToOrigin [staff, escalated, solutionNote, notLockedByOther]',
    'Assigned --> Assigned : split [staff, tasksGiven, notLockedByOther]',
    'Assigned --> Closed : closeAsNotNeeded [staff, isTask, notNeededNote, notLockedByOther]',
    'Assigned --> Resolved : monitorCleared [monitor, notWorked, textGiven]',
    'Assigned --> InProgress : beginWork [staff, assigneeOrUnassigned, notLockedByOther]',
    'Assigned --> InProgress : addComment [staff, textGiven, notLockedByOther]',
    'Assigned --> Assigned : reply [requester, textGiven]',
    'Assigned --> Assigned : reclassify [staff, otherType, notLockedByOther]',
    'Assigned --> Resolved : resolveWithMajorIncident [staff, noOpenTasks, resolutionGiven, notLockedByOther]',
    'Assigned --> Closed : closeAsDuplicate [staff, duplicateOfGiven, notLockedByOther]',
    'InProgress --> InProgress : assignToTeam [staffOrSystem, notLockedByOther, teamGiven, otherTeam, notHigherLine, notAroundEscalation, handoverNoteIfTransfer, categorySetIfTransfer, urgentPriority]',
    'InProgress --> InProgress : assignToTeam [staffOrSystem, notLockedByOther, teamGiven, otherTeam, notHigherLine, notAroundEscalation, handoverNoteIfTransfer, categorySetIfTransfer]',
    'InProgress --> InProgress : escalate [staff, hasTeam, teamGiven, higherLine, categorySet, questionsAnswered, handoverNote, notLockedByOther, urgentPriority]',
    'InProgress --> InProgress : escalate [staff, hasTeam, teamGiven, higherLine, categorySet, questionsAnswered, handoverNote, notLockedByOther]',
    'InProgress --> InProgress : returnToOrigin [staff, escalated, solutionNote, notLockedByOther]',
    'InProgress --> InProgress : split [staff, tasksGiven, notLockedByOther]',
    'InProgress --> Closed : closeAsNotNeeded [staff, isTask, notNeededNote, notLockedByOther]',
    'InProgress --> InProgress : assignToAgent [dispatcherOrSelf, notLockedByOther, hasTeam, agentGiven, agentInTeamOrAgreed]',
    'InProgress --> Pending : setPending [staff, pendingReasonGiven, textGiven, notLockedByOther]',
    'InProgress --> InProgress : addComment [staff, textGiven, notLockedByOther]',
    'InProgress --> InProgress : reply [requester, textGiven]',
    'InProgress --> InProgress : reclassify [staff, otherType, notLockedByOther]',
    'InProgress --> Resolved : resolve [staff, noOpenTasks, resolutionGiven, notLockedByOther]',
    'InProgress --> Resolved : resolveWithMajorIncident [staff, noOpenTasks, resolutionGiven, notLockedByOther]',
    'InProgress --> Closed : closeAsDuplicate [staff, duplicateOfGiven, notLockedByOther]',
    'Pending --> InProgress : resume [staff, notLockedByOther]',
    'Pending --> Pending : assignToTeam [staffOrSystem, notLockedByOther, teamGiven, otherTeam, notHigherLine, notAroundEscalation, handoverNoteIfTransfer, categorySetIfTransfer, urgentPriority]',
    'Pending --> Pending : assignToTeam [staffOrSystem, notLockedByOther, teamGiven, otherTeam, notHigherLine, notAroundEscalation, handoverNoteIfTransfer, categorySetIfTransfer]',
    'Pending --> Closed : closeAsNotNeeded [staff, isTask, notNeededNote, notLockedByOther]',
    'Pending --> InProgress : vendorAnswer [staffOrSystem, textGiven, awaitingVendor, notLockedByOther]',
    'Pending --> Pending : assignToAgent [dispatcherOrSelf, notLockedByOther, hasTeam, agentGiven, agentInTeamOrAgreed]',
    'Pending --> Pending : addComment [staff, textGiven, notLockedByOther]',
    'Pending --> InProgress : reply [requester, textGiven, awaitingUser]',
    'Pending --> Pending : reply [requester, textGiven]',
    'Pending --> Pending : reclassify [staff, otherType, notLockedByOther]',
    'Pending --> Resolved : resolve [staff, noOpenTasks, resolutionGiven, notLockedByOther]',
    'Pending --> Resolved : resolveWithMajorIncident [staff, noOpenTasks, resolutionGiven, notLockedByOther]',
    'Pending --> Closed : closeAsDuplicate [staff, duplicateOfGiven, notLockedByOther]',
    'Pending --> Pending : pendingReminder [system, awaitingUser, notReminded]',
    'Pending --> Closed : pendingExpired [system, awaitingUser]',
    'Resolved --> InProgress : reopen [requesterOrStaff]',
    'Resolved --> InProgress : reply [requester, textGiven]',
    'Resolved --> Resolved : addComment [staff, textGiven, notLockedByOther]',
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
    expect(lines).toContain('InProgress --> Resolved : resolve [staff, noOpenTasks, resolutionGiven, notLockedByOther]');
  });

  it('draws as many transitions as the machine’s states declare', () => {
    const declared = Object.values(ticketMachine.root.states).reduce(
      (count, state) => count + Object.values(state.on).reduce((n, definitions) => n + definitions.length, 0),
      0,
    );
    expect(transitions).toHaveLength(declared);
    expect(declared).toBe(59);
  });

  it('leaves New for Assigned by a dispatch, for In Progress by an answer that takes it with a team (or for Closed, a task closed as not needed or a duplicate; or for Resolved, an alert its monitor cleared or a major incident’s resolution)', () => {
    const fromNew = transitions.filter((line) => line.startsWith('New --> '));
    expect(fromNew.filter((line) => !line.startsWith('New --> New ')).map((line) => line.split(' [')[0])).toEqual([
      'New --> Assigned : assignToTeam',
      'New --> Assigned : assignToTeam',
      'New --> InProgress : addComment',
      'New --> Closed : closeAsNotNeeded',
      'New --> Resolved : monitorCleared',
      'New --> Resolved : resolveWithMajorIncident',
      'New --> Closed : closeAsDuplicate',
    ]);
    expect(fromNew.find((line) => line.includes(': addComment '))).toContain('answererHasTeam');
  });

  it('draws every dispatch to a team with its rules (another team, no higher line, a handover note), and keeps a Pending ticket Pending', () => {
    const dispatches = drawn('assignToTeam');
    expect(dispatches.map((line) => line.split(' : ')[0])).toEqual([
      'New --> Assigned',
      'New --> Assigned',
      'Assigned --> Assigned',
      'Assigned --> Assigned',
      'InProgress --> InProgress',
      'InProgress --> InProgress',
      'Pending --> Pending',
      'Pending --> Pending',
    ]);
    for (const line of dispatches) {
      expect(rulesOf(line)).toEqual(expect.arrayContaining(['staffOrSystem', 'notLockedByOther', 'teamGiven', 'otherTeam', 'notHigherLine', 'handoverNoteIfTransfer']));
    }
  });

  // Issue 4 (REQUIREMENTS 3-4; seed 000, principle 1): "a ticket in progress is handed over In Progress".
  it('draws escalation in Assigned and In Progress only, keeping the status, with every precondition', () => {
    const escalations = drawn('escalate');
    expect(escalations.map((line) => line.split(' : ')[0])).toEqual([
      'Assigned --> Assigned',
      'Assigned --> Assigned',
      'InProgress --> InProgress',
      'InProgress --> InProgress',
    ]);
    for (const line of escalations) {
      expect(rulesOf(line)).toEqual(
        expect.arrayContaining(['staff', 'hasTeam', 'teamGiven', 'higherLine', 'categorySet', 'questionsAnswered', 'handoverNote', 'notLockedByOther']),
      );
    }
  });

  it('draws the return to origin in Assigned and In Progress, keeping the status, only while escalated and with a solution note', () => {
    expect(drawn('returnToOrigin')).toEqual([
      'Assigned --> Assigned : returnToOrigin [staff, escalated, solutionNote, notLockedByOther]',
      'InProgress --> InProgress : returnToOrigin [staff, escalated, solutionNote, notLockedByOther]',
    ]);
  });

  it('draws the P1/P2 variant of a dispatch or an escalation just before the plain one: the same rules and urgentPriority', () => {
    for (const event of ['assignToTeam', 'escalate']) {
      const lines = drawn(event);
      for (let i = 0; i < lines.length; i += 2) {
        expect(lines[i].split(' [')[0]).toBe(lines[i + 1].split(' [')[0]);
        expect(new Set(rulesOf(lines[i]))).toEqual(new Set([...rulesOf(lines[i + 1]), 'urgentPriority']));
        expect(rulesOf(lines[i + 1])).not.toContain('urgentPriority');
      }
    }
  });

  it('takes a vendor’s answer as the end of a vendor wait: Pending to In Progress', () => {
    expect(drawn('vendorAnswer')).toEqual(['Pending --> InProgress : vendorAnswer [staffOrSystem, textGiven, awaitingVendor, notLockedByOther]']);
  });

  // Issue 4, item 2: an agent can lock a ticket; others may read, not act.
  it('lets nothing staff do pass the lock of another agent: every staff rule set has notLockedByOther', () => {
    const note = lines.find((line) => line.startsWith('In every open status: '))!;
    const all = [...transitions, ...note.slice('In every open status: '.length).split('; ')];
    const staffWork = all.filter((line) => /\[(staff|staffOrSystem|dispatcherOrSelf)[,\]]/.test(line));
    expect(staffWork.length).toBeGreaterThan(30);
    for (const line of staffWork) expect({ line, locked: rulesOf(line).includes('notLockedByOther') }).toEqual({ line, locked: true });
  });

  // Issue 5 (REQUIREMENTS 9): a monitor's cleared alert resolves its incident only while nobody has
  // worked it (New, or Assigned with no agent); otherwise the root note tells whoever has it.
  it('draws a monitor’s clearing as a resolution from New and Assigned only, while the incident is not worked', () => {
    expect(drawn('monitorCleared')).toEqual([
      'New --> Resolved : monitorCleared [monitor, notWorked, textGiven]',
      'Assigned --> Resolved : monitorCleared [monitor, notWorked, textGiven]',
    ]);
    expect(drawn('monitorNote')).toEqual([]);
    const note = lines.find((line) => line.startsWith('In every open status: '))!;
    expect(note).toContain('monitorCleared [monitor, textGiven]; monitorNote [monitor, textGiven]');
  });

  it('draws nothing leaving Closed', () => {
    expect(lines.filter((line) => line.startsWith('Closed -->'))).toEqual(['Closed --> [*]']);
  });

  // Written out from the root `on` of ticket.machine.ts, in declaration order.
  const EVERYWHERE = [
    'addJournalNote [staff, textGiven, notLockedByOther]',
    'logTime [staff, timeGiven, timeActivityGiven, workedOnValid, notLockedByOther]',
    'correctTime [staff, timeToCorrect, timeEntryCorrectable, correctionNote, notLockedByOther]',
    'pinNote [staff, notLockedByOther]',
    'unpinNote [staff, notLockedByOther]',
    'setAttention [staff, attentionOff, notLockedByOther]',
    'clearAttention [staff, attentionOn, notLockedByOther]',
    'clearUpdateFlag [staff, updateFlagOn, notLockedByOther]',
    'setCategory [staff, categoryGiven, notLockedByOther]',
    'answerQuestions [staff, answersGiven, notLockedByOther]',
    'lock [staff, mayLock, unlocked, notLockedByOther]',
    'unlock [lockOwnerOrDispatcher, locked]',
    'recordVendorTicket [staff, vendorGiven, notLockedByOther]',
    'vendorAnswer [staffOrSystem, textGiven, notLockedByOther]',
    'monitorCleared [monitor, textGiven]',
    'monitorNote [monitor, textGiven]',
    'taskStatusChanged [system, knownTask]',
    'absenceNoticed [system, autoReplyDue]',
    'absenceNoticed [system]',
    'notificationUndelivered [system]',
    'mailNote [system, textGiven]',
    'overridePriority [staff, otherPriority, textGiven, notLockedByOther]',
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
    expect(noted).toHaveLength(24);
    for (const type of ['overridePriority', 'recalculateSla', 'slaAlert', 'setCategory', 'answerQuestions', 'lock', 'unlock', 'recordVendorTicket']) {
      expect(transitions.filter((line) => line.includes(`: ${type} `))).toEqual([]);
    }
  });
});

describe('a ticket page’s statechart', () => {
  it('highlights the ticket’s state and draws the same machine', () => {
    const plain = toMermaid(ticketMachine);
    const pending = toMermaid(ticketMachine, { current: 'Pending' });
    expect(pending.startsWith(plain)).toBe(true);
    expect(pending.split('\n').slice(-2)).toEqual(['  classDef current fill:#ffe08a,stroke:#7a5200,stroke-width:3px', '  class Pending current']);
    // A name that is no state of the machine highlights nothing rather than drawing a stray node.
    expect(toMermaid(ticketMachine, { current: 'Nowhere' })).toBe(plain);
  });

  it('draws one arrow per pair of states, with the commands and without the rules, when compact', () => {
    const compact = toMermaid(ticketMachine, { compact: true, current: 'InProgress' }).split('\n');
    const arrows = compact.filter((line) => / --> /.test(line) && !line.includes('[*]'));
    const pairs = arrows.map((line) => line.split(' : ')[0].trim());
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(arrows.every((line) => !line.includes('['))).toBe(true);
    expect(arrows).toContain('  InProgress --> Resolved : resolve, resolveWithMajorIncident');
    expect(arrows.some((line) => /^ {2}(\w+) --> \1 :/.test(line))).toBe(false);
    expect(compact).toContain('  class InProgress current');
  });
});
