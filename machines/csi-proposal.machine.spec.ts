// The CSI change proposal machine (issue 6, part 1): every stage, role check and required field,
// through the law the workflow and the API ask; then generated paths (@xstate/graph) proving every
// stage reachable, and done and rejected final.
import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { Actor, SYSTEM_ACTOR } from './actor';
import { cast } from './testing';
import { allowedCsiCommands, applyCsiEvent, CsiSnapshot, judgeCsi, persistCsi, restoreCsi, stageOf, submitProposal } from './csi-proposal.law';
import { csiProposalMachine } from './csi-proposal.machine';
import { CSI_STAGES, csiPriorityOf, CsiEvent, CsiInput, CsiOwner, CsiStage } from './csi-proposal.types';

const { jannet: proposer, raul: other, susanne: manager, thomas: forum, admin, tim: agent } = cast;
const system = SYSTEM_ACTOR;

const SUBMITTED_AT = '2025-05-05T08:00:00.000Z';
const AT = '2025-05-06T10:00:00.000Z';
const LATER_FORUM = '2025-06-02T09:00:00.000Z';

type Cmd = CsiEvent extends infer E ? (E extends CsiEvent ? Omit<E, 'actor' | 'at'> : never) : never;
const by = (actor: Actor, command: Cmd, at = AT): CsiEvent => ({ ...command, actor, at }) as CsiEvent;

const input: CsiInput = { proposerId: proposer.id, createdBy: proposer, at: SUBMITTED_AT };

const START_REVIEW = by(manager, { type: 'startReview' });
const ASK = by(manager, { type: 'requestInformation', question: 'Which screens do you mean?' });
const ANSWER = by(proposer, { type: 'provideInformation', text: 'The ticket list and the queue overview.' });
const ACCEPT = by(manager, { type: 'accept', rationale: 'Fits the CSI plan for the tool' });
const REJECT_REVIEW = by(manager, { type: 'reject', rationale: 'Already covered by another proposal' });
const ASSESS = by(admin, { type: 'assess', scope: 'Ticket list view and API', effortEstimate: '3 person-days' });
const PROPOSE = by(manager, { type: 'proposePriority', priority: 2, rationale: 'Saves every dispatcher time' });
const APPROVE = by(forum, { type: 'approve', priority: 'high', rationale: 'Agreed by the forum' });
const REJECT_FORUM = by(forum, { type: 'reject', rationale: 'Not this year' });
const DEFER = by(forum, { type: 'defer', forumDate: LATER_FORUM, rationale: 'Waiting for the new release' });
const RECONSIDER = by(forum, { type: 'reconsider', rationale: 'The release came early' });
const DATE_REACHED = by(system, { type: 'forumDateReached' }, LATER_FORUM);
const START_IMPL = by(admin, { type: 'startImplementation', note: 'Started in sprint 12' });
const COMPLETE = by(admin, { type: 'completeImplementation', note: 'Released in 2025.06' });
const reminder = (stage: CsiStage, owner: CsiOwner = 'processManager') => by(system, { type: 'stageReminder', stage, owner, text: `waited in ${stage}` });

function run(...events: CsiEvent[]): CsiSnapshot {
  let [snapshot] = submitProposal(input);
  for (const event of events) {
    const verdict = judgeCsi(snapshot, event);
    if (!verdict.allowed) throw new Error(`${event.type} refused in ${stageOf(snapshot)}: ${verdict.message}`);
    [snapshot] = applyCsiEvent(snapshot, event);
  }
  return snapshot;
}

const refusal = (snapshot: CsiSnapshot, event: CsiEvent) => {
  const verdict = judgeCsi(snapshot, event);
  if (verdict.allowed) throw new Error(`${event.type} was allowed in ${stageOf(snapshot)}`);
  return verdict;
};

const AT_STAGE: Record<Exclude<CsiStage, 'done' | 'rejected'>, CsiEvent[]> = {
  submitted: [],
  processReview: [START_REVIEW],
  awaitingInformation: [START_REVIEW, ASK],
  assessment: [ACCEPT],
  prioritisation: [ACCEPT, ASSESS],
  forumDecision: [ACCEPT, ASSESS, PROPOSE],
  deferred: [ACCEPT, ASSESS, PROPOSE, DEFER],
  implementation: [ACCEPT, ASSESS, PROPOSE, APPROVE],
};

describe('CSI proposal machine: the stages', () => {
  it('starts submitted, with the proposal journaled and the stage clock at submission', () => {
    const [snapshot, effects] = submitProposal(input);
    expect(stageOf(snapshot)).toBe('submitted');
    expect(snapshot.context).toMatchObject({ proposerId: proposer.id, stageSince: SUBMITTED_AT, decisions: [] });
    expect(effects).toEqual([{ type: 'record', params: { text: 'Change proposal submitted', authorId: proposer.id } }]);
  });

  it('runs from submission through an information request, assessment, prioritisation and the forum to done', () => {
    const done = run(START_REVIEW, ASK, ANSWER, ACCEPT, ASSESS, PROPOSE, APPROVE, START_IMPL, COMPLETE);
    expect(stageOf(done)).toBe('done');
    expect(done.status).toBe('done');
    expect(done.context).toMatchObject({
      priorityProposed: 'high',
      priorityFinal: 'high',
      assessment: { scope: 'Ticket list view and API', effortEstimate: '3 person-days', by: admin.id },
      informationRequest: null,
      completedAt: AT,
    });
    expect(done.context.decisions.map((d) => `${d.command}:${d.from}->${d.to}:${d.role}`)).toEqual([
      'startReview:submitted->processReview:processManager',
      'requestInformation:processReview->awaitingInformation:processManager',
      'provideInformation:awaitingInformation->processReview:endUser',
      'accept:processReview->assessment:processManager',
      'assess:assessment->prioritisation:admin',
      'proposePriority:prioritisation->forumDecision:processManager',
      'approve:forumDecision->implementation:csiForum',
      'startImplementation:implementation->implementation:admin',
      'completeImplementation:implementation->done:admin',
    ]);
    expect(done.context.decisions.find((d) => d.command === 'approve')?.rationale).toBe('Agreed by the forum');
  });

  it('pauses the review while the proposer is asked, and resumes on the answer', () => {
    const asked = run(ASK);
    expect(stageOf(asked)).toBe('awaitingInformation');
    expect(asked.context.informationRequest).toBe('Which screens do you mean?');
    expect(allowedCsiCommands(asked, manager)).toEqual(['reject']);
    expect(allowedCsiCommands(asked, proposer)).toEqual(['provideInformation']);
    expect(allowedCsiCommands(asked, other)).toEqual([]);
    const [answered, effects] = applyCsiEvent(asked, ANSWER);
    expect(stageOf(answered)).toBe('processReview');
    expect(answered.context.stageSince).toBe(AT);
    expect(effects).toEqual([{ type: 'record', params: { text: 'Information from the proposer: The ticket list and the queue overview.', authorId: proposer.id } }]);
  });

  it.each([
    ['submitted', REJECT_REVIEW],
    ['processReview', REJECT_REVIEW],
    ['awaitingInformation', REJECT_REVIEW],
    ['forumDecision', REJECT_FORUM],
  ] as const)('rejects from %s, finally', (stage, event) => {
    const rejected = run(...AT_STAGE[stage], event);
    expect(stageOf(rejected)).toBe('rejected');
    expect(rejected.status).toBe('done');
    expect(rejected.context.decisions.at(-1)).toMatchObject({ command: 'reject', from: stage, to: 'rejected', rationale: event.type === 'reject' ? event.rationale : '' });
    for (const actor of [proposer, manager, forum, admin]) expect(allowedCsiCommands(rejected, actor)).toEqual([]);
    expect(refusal(rejected, RECONSIDER)).toMatchObject({ code: 'notAllowedNow' });
    expect(applyCsiEvent(rejected, reminder('rejected'))).toEqual([rejected, []]);
  });

  it('defers to a later forum date and returns to the forum when the date arrives or on reconsider', () => {
    const deferred = run(...AT_STAGE.deferred);
    expect(stageOf(deferred)).toBe('deferred');
    expect(deferred.context.forumDate).toBe(LATER_FORUM);
    expect(stageOf(run(...AT_STAGE.deferred, DATE_REACHED))).toBe('forumDecision');
    expect(stageOf(run(...AT_STAGE.deferred, RECONSIDER))).toBe('forumDecision');
    expect(stageOf(run(...AT_STAGE.deferred, by(manager, { type: 'reconsider' })))).toBe('forumDecision');
    // Back at the forum, it decides again.
    expect(stageOf(run(...AT_STAGE.deferred, DATE_REACHED, APPROVE))).toBe('implementation');
  });

  it('offers each role what its stage allows, nothing to the wrong role', () => {
    const offered = (stage: keyof typeof AT_STAGE) => ({
      proposer: allowedCsiCommands(run(...AT_STAGE[stage]), proposer),
      manager: allowedCsiCommands(run(...AT_STAGE[stage]), manager),
      forum: allowedCsiCommands(run(...AT_STAGE[stage]), forum),
      admin: allowedCsiCommands(run(...AT_STAGE[stage]), admin),
      agent: allowedCsiCommands(run(...AT_STAGE[stage]), agent),
    });
    expect(offered('submitted')).toEqual({ proposer: [], manager: ['startReview', 'requestInformation', 'accept', 'reject'], forum: [], admin: [], agent: [] });
    expect(offered('processReview')).toMatchObject({ manager: ['requestInformation', 'accept', 'reject'], forum: [], admin: [] });
    expect(offered('assessment')).toMatchObject({ manager: [], admin: ['assess'], forum: [] });
    expect(offered('prioritisation')).toMatchObject({ manager: ['proposePriority'], admin: [], forum: [] });
    expect(offered('forumDecision')).toMatchObject({ forum: ['reject', 'approve', 'defer'], manager: [], admin: [] });
    expect(offered('deferred')).toMatchObject({ forum: ['reconsider'], manager: ['reconsider'], admin: [], proposer: [] });
    expect(offered('implementation')).toMatchObject({ admin: ['startImplementation'], forum: [], manager: [] });
    expect(allowedCsiCommands(run(...AT_STAGE.implementation, START_IMPL), admin)).toEqual(['completeImplementation']);
  });

  it('survives persistence (continue-as-new, the read model) unchanged', () => {
    const snapshot = run(...AT_STAGE.forumDecision);
    const restored = restoreCsi(JSON.parse(JSON.stringify(persistCsi(snapshot))));
    expect(stageOf(restored)).toBe('forumDecision');
    expect(stageOf(applyCsiEvent(restored, APPROVE)[0])).toBe('implementation');
  });
});

describe('CSI proposal machine: roles (403) and stages (409)', () => {
  it.each([
    ['submitted', by(forum, { type: 'accept', rationale: 'yes' }), 'processManager'],
    ['processReview', by(proposer, { type: 'reject', rationale: 'no' }), 'processManager'],
    ['processReview', by(admin, { type: 'requestInformation', question: 'why?' }), 'processManager'],
    ['awaitingInformation', by(other, { type: 'provideInformation', text: 'me too' }), 'proposer'],
    ['awaitingInformation', by(manager, { type: 'provideInformation', text: 'on her behalf' }), 'proposer'],
    ['assessment', by(manager, { type: 'assess', scope: 's', effortEstimate: 'e' }), 'itsmAdmin'],
    ['prioritisation', by(forum, { type: 'proposePriority', priority: 1, rationale: 'r' }), 'processManager'],
    ['forumDecision', by(manager, { type: 'approve', priority: 1, rationale: 'r' }), 'csiForum'],
    ['forumDecision', by(manager, { type: 'reject', rationale: 'r' }), 'csiForum'],
    ['forumDecision', by(admin, { type: 'defer', forumDate: LATER_FORUM, rationale: 'r' }), 'csiForum'],
    ['deferred', by(proposer, { type: 'reconsider' }), 'forumOrProcessManager'],
    ['deferred', by(forum, { type: 'forumDateReached' }), 'system'],
    ['implementation', by(forum, { type: 'startImplementation', note: 'n' }), 'itsmAdmin'],
  ] as const)('in %s refuses %p: rule %s (403)', (stage, event, rule) => {
    expect(refusal(run(...AT_STAGE[stage]), event)).toMatchObject({ code: 'forbidden', rule });
  });

  it.each([
    ['submitted', ASSESS],
    ['submitted', APPROVE],
    ['processReview', ANSWER],
    ['assessment', ACCEPT],
    ['prioritisation', APPROVE],
    ['forumDecision', PROPOSE],
    ['deferred', APPROVE],
    ['implementation', COMPLETE],
  ] as const)('in %s refuses %p as not possible now (409)', (stage, event) => {
    const verdict = refusal(run(...AT_STAGE[stage]), event);
    expect(verdict.code).toBe('notAllowedNow');
    expect(verdict.allowedCommands).toEqual(allowedCsiCommands(run(...AT_STAGE[stage]), event.actor));
  });

  it('names the stage in a 409 without a rule', () => {
    expect(refusal(run(), ASSESS).message).toBe('assess is not possible while the proposal is submitted');
  });

  it('refuses a second start of the implementation', () => {
    expect(refusal(run(...AT_STAGE.implementation, START_IMPL), START_IMPL)).toMatchObject({ code: 'notAllowedNow', rule: 'implementationNotStarted' });
  });
});

describe('CSI proposal machine: required fields (422)', () => {
  it.each([
    ['processReview', by(manager, { type: 'accept', rationale: '  ' }), 'rationale'],
    ['processReview', by(manager, { type: 'reject' } as unknown as Cmd), 'rationale'],
    ['processReview', by(manager, { type: 'requestInformation', question: '' }), 'question'],
    ['awaitingInformation', by(proposer, { type: 'provideInformation', text: '' }), 'text'],
    ['assessment', by(admin, { type: 'assess', scope: '', effortEstimate: '2 days' }), 'scope'],
    ['assessment', by(admin, { type: 'assess', scope: 'list', effortEstimate: ' ' }), 'effortEstimate'],
    ['prioritisation', by(manager, { type: 'proposePriority', priority: 5, rationale: 'r' }), 'priority'],
    ['prioritisation', by(manager, { type: 'proposePriority', priority: 'urgent', rationale: 'r' }), 'priority'],
    ['prioritisation', by(manager, { type: 'proposePriority', priority: 2, rationale: '' }), 'rationale'],
    ['forumDecision', by(forum, { type: 'approve', priority: 'high', rationale: '' }), 'rationale'],
    ['forumDecision', by(forum, { type: 'approve', priority: 0, rationale: 'r' }), 'priority'],
    ['forumDecision', by(forum, { type: 'reject', rationale: '' }), 'rationale'],
    ['forumDecision', by(forum, { type: 'defer', forumDate: '2025-05-01T09:00:00Z', rationale: 'r' }), 'forumDate'],
    ['forumDecision', by(forum, { type: 'defer', forumDate: 'next month', rationale: 'r' }), 'forumDate'],
    ['forumDecision', by(forum, { type: 'defer', forumDate: LATER_FORUM, rationale: '' }), 'rationale'],
    ['implementation', by(admin, { type: 'startImplementation', note: '' }), 'note'],
  ] as const)('in %s refuses %p: field %s (422)', (stage, event, field) => {
    expect(refusal(run(...AT_STAGE[stage]), event)).toMatchObject({ code: 'ruleBroken', field });
  });

  it('takes priorities as 1-4 or their names', () => {
    expect([1, '2', 3, 4, 'Critical', 'high', 'MEDIUM', 'low'].map(csiPriorityOf)).toEqual(['critical', 'high', 'medium', 'low', 'critical', 'high', 'medium', 'low']);
    expect([0, 5, 1.5, 'P1', '', null].map(csiPriorityOf)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(run(...AT_STAGE.forumDecision, by(forum, { type: 'approve', priority: 4, rationale: 'small' })).context.priorityFinal).toBe('low');
  });
});

describe('CSI proposal machine: stage reminders', () => {
  it('reminds the owner once per stage, and again in the next stage', () => {
    const waiting = run(ACCEPT);
    const [reminded, effects] = applyCsiEvent(waiting, reminder('assessment', 'admin'));
    expect(stageOf(reminded)).toBe('assessment');
    expect(effects).toEqual([
      { type: 'record', params: { text: 'waited in assessment', authorId: 'system' } },
      { type: 'notifyOwner', params: { owner: 'admin', subject: 'Reminder: change proposal waiting in assessment', text: 'waited in assessment' } },
    ]);
    expect(refusal(reminded, reminder('assessment'))).toMatchObject({ code: 'notAllowedNow', rule: 'notReminded' });
    const next = applyCsiEvent(reminded, ASSESS)[0];
    expect(judgeCsi(next, reminder('prioritisation'))).toEqual({ allowed: true });
  });

  it('takes reminders only from the workflow', () => {
    expect(refusal(run(), { ...reminder('submitted'), actor: manager })).toMatchObject({ code: 'forbidden', rule: 'system' });
  });
});

describe('CSI proposal machine: generated paths (@xstate/graph)', () => {
  const EVENTS: CsiEvent[] = [
    START_REVIEW, ASK, ANSWER, ACCEPT, REJECT_REVIEW, ASSESS, PROPOSE, APPROVE, REJECT_FORUM, DEFER, RECONSIDER,
    DATE_REACHED, START_IMPL, COMPLETE, reminder('submitted'),
    // Every command by the wrong people as well: the paths must never take them.
    ...[START_REVIEW, ASK, ACCEPT, REJECT_REVIEW, ASSESS, PROPOSE, APPROVE, REJECT_FORUM, DEFER, RECONSIDER, START_IMPL, COMPLETE, DATE_REACHED].flatMap((e) =>
      [other, agent].map((actor) => ({ ...e, actor })),
    ),
    { ...ANSWER, actor: other },
  ];
  // The law's model: a final proposal takes no event; states are told apart by what the rules read
  // (the trail grows on every loop and would make the graph infinite).
  const options = {
    input,
    events: (state: CsiSnapshot) => (state.status === 'done' ? [] : EVENTS),
    serializeState: (state: CsiSnapshot) =>
      JSON.stringify([
        state.value,
        state.context.remindedFor === state.context.stageEntry,
        state.context.assessment !== null,
        state.context.priorityProposed,
        state.context.implementationStartedAt !== null,
      ]),
  };
  const shortest = getShortestPaths(csiProposalMachine, options as never) as unknown as Array<{
    state: CsiSnapshot;
    steps: Array<{ event: CsiEvent; state: CsiSnapshot }>;
  }>;

  it('reaches every stage', () => {
    expect(new Set(shortest.map((p) => stageOf(p.state)))).toEqual(new Set(CSI_STAGES));
  });

  it('takes no command from the wrong role on any path', () => {
    for (const path of shortest) {
      for (const step of path.steps.slice(1)) expect([other.id, agent.id]).not.toContain(step.event.actor.id);
    }
  });

  it('ends done and rejected finally: nothing leads out of them', () => {
    for (const path of shortest.filter((p) => ['done', 'rejected'].includes(stageOf(p.state)))) {
      expect(path.state.status).toBe('done');
      for (const event of EVENTS) expect(judgeCsi(path.state, event).allowed).toBe(false);
    }
  });

  it('reaches done only through the forum’s approval and an implementation', () => {
    const paths = getSimplePaths(csiProposalMachine, { ...options, toState: (s: CsiSnapshot) => stageOf(s) === 'done' } as never) as unknown as Array<{
      steps: Array<{ event: CsiEvent; state: CsiSnapshot }>;
    }>;
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const types = path.steps.map((s) => s.event.type);
      expect(types).toEqual(expect.arrayContaining(['accept', 'assess', 'proposePriority', 'approve', 'startImplementation', 'completeImplementation']));
      const approve = path.steps.find((s) => s.event.type === 'approve')!;
      expect(approve.event.actor.role).toBe('csiForum');
    }
  });
});
