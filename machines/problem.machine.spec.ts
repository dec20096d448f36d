// The problem machine (issue 6, part 2): every stage, role check and required field, through the
// law the workflow and the API ask; then generated paths (@xstate/graph) proving every stage
// reachable, closed final, and no step taken by the wrong role.
import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { cast, stampedAt } from './testing';
import { allowedProblemCommands, applyProblemEvent, createProblem, judgeProblem, persistProblem, ProblemSnapshot, problemStageOf, restoreProblem } from './problem.law';
import { problemMachine } from './problem.machine';
import { PROBLEM_STAGES, ProblemEvent, ProblemInput, ProblemStage } from './problem.types';

const { ahmed: agent, ingrid: incidentManager, susanne: processManager, admin, jannet: endUser, dorthe: dispatcher } = cast;

const CREATED_AT = '2025-05-05T08:00:00.000Z';
const AT = '2025-05-06T10:00:00.000Z';

const by = stampedAt<ProblemEvent>(AT);

const input: ProblemInput = { number: 'PRB-000007', incidents: ['INC-000001', 'INC-000002'], createdBy: agent, at: CREATED_AT };

const START = by(agent, { type: 'startInvestigation', note: 'Same printer queue in both' });
const LINK = by(agent, { type: 'linkIncident', incident: 'INC-000003' });
const UNLINK = by(incidentManager, { type: 'unlinkIncident', incident: 'INC-000002' });
const ROOT_CAUSE = by(agent, { type: 'recordRootCause', rootCause: 'The print server’s spooler leaks memory' });
const WORKAROUND = by(processManager, { type: 'recordWorkaround', workaround: 'Restart the spooler service' });
const PUBLISH = by(agent, { type: 'publishKnownError', title: 'Printing stops on 3rd floor', symptoms: 'Jobs stay queued' });
const CHANGE = by(agent, { type: 'requestChange', summary: 'Upgrade the print server' });
const RESOLVE = by(incidentManager, { type: 'resolve', resolution: 'Print server upgraded' });
const CLOSE = by(processManager, { type: 'close', note: 'Reviewed' });

function run(...events: ProblemEvent[]): ProblemSnapshot {
  let [snapshot] = createProblem(input);
  for (const event of events) {
    const verdict = judgeProblem(snapshot, event);
    if (!verdict.allowed) throw new Error(`${event.type} refused in ${problemStageOf(snapshot)}: ${verdict.message}`);
    [snapshot] = applyProblemEvent(snapshot, event);
  }
  return snapshot;
}

const refusal = (snapshot: ProblemSnapshot, event: ProblemEvent) => {
  const verdict = judgeProblem(snapshot, event);
  if (verdict.allowed) throw new Error(`${event.type} was allowed in ${problemStageOf(snapshot)}`);
  return verdict;
};

const AT_STAGE: Record<ProblemStage, ProblemEvent[]> = {
  new: [],
  investigating: [START],
  knownError: [START, ROOT_CAUSE, WORKAROUND, PUBLISH],
  resolved: [START, ROOT_CAUSE, RESOLVE],
  closed: [START, ROOT_CAUSE, RESOLVE, CLOSE],
};

describe('problem machine: the stages', () => {
  it('starts new with its incidents, journaled by its creator', () => {
    const [snapshot, effects] = createProblem(input);
    expect(problemStageOf(snapshot)).toBe('new');
    expect(snapshot.context).toMatchObject({ number: 'PRB-000007', incidents: ['INC-000001', 'INC-000002'], knownError: false, stageSince: CREATED_AT });
    expect(effects).toEqual([{ type: 'record', params: { text: 'Problem created from INC-000001, INC-000002', authorId: agent.id } }]);
  });

  it('runs new → investigating → known error → resolved → closed, publishing the known error as knowledge', () => {
    let snapshot = run(START, LINK, ROOT_CAUSE, WORKAROUND);
    expect(problemStageOf(snapshot)).toBe('investigating');
    let effects;
    [snapshot, effects] = applyProblemEvent(snapshot, PUBLISH);
    expect(problemStageOf(snapshot)).toBe('knownError');
    expect(snapshot.context).toMatchObject({ knownError: true, knowledgeEntryId: 'KE-000007' });
    expect(effects).toEqual([
      { type: 'publishKnowledge', params: { id: 'KE-000007', title: 'Printing stops on 3rd floor', symptoms: 'Jobs stay queued', workaround: 'Restart the spooler service' } },
      { type: 'record', params: { text: 'Known error published as knowledge entry KE-000007: Printing stops on 3rd floor', authorId: agent.id } },
    ]);
    [snapshot] = applyProblemEvent(snapshot, CHANGE);
    expect(snapshot.context.changeRequests).toEqual([{ seq: 1, summary: 'Upgrade the print server', byId: agent.id, byName: 'LevelTwoAhmed', at: AT }]);
    [snapshot] = applyProblemEvent(snapshot, RESOLVE);
    expect(problemStageOf(snapshot)).toBe('resolved');
    expect(snapshot.context.resolution).toBe('Print server upgraded');
    [snapshot] = applyProblemEvent(snapshot, CLOSE);
    expect(problemStageOf(snapshot)).toBe('closed');
    expect(snapshot.status).toBe('done');
    expect(snapshot.context.decisions.map((d) => `${d.command}:${d.from}→${d.to}`)).toEqual([
      'startInvestigation:new→investigating',
      'linkIncident:investigating→investigating',
      'recordRootCause:investigating→investigating',
      'recordWorkaround:investigating→investigating',
      'publishKnownError:investigating→knownError',
      'requestChange:knownError→knownError',
      'resolve:knownError→resolved',
      'close:resolved→closed',
    ]);
  });

  it('links and unlinks incidents, keeping at least one', () => {
    const linked = run(LINK, UNLINK);
    expect(linked.context.incidents).toEqual(['INC-000001', 'INC-000003']);
    const one = run(by(agent, { type: 'unlinkIncident', incident: 'INC-000001' }));
    expect(refusal(one, by(agent, { type: 'unlinkIncident', incident: 'INC-000002' }))).toMatchObject({ code: 'ruleBroken', rule: 'notLastIncident', field: 'incident' });
    expect(refusal(run(), by(agent, { type: 'linkIncident', incident: 'INC-000001' }))).toMatchObject({ code: 'ruleBroken', rule: 'notLinked' });
    expect(refusal(run(), by(agent, { type: 'unlinkIncident', incident: 'INC-000009' }))).toMatchObject({ code: 'ruleBroken', rule: 'linked' });
    expect(refusal(run(), by(agent, { type: 'linkIncident', incident: 'REQ-000001' }))).toMatchObject({ code: 'ruleBroken', rule: 'incidentGiven' });
  });

  it('resolves straight from investigating once the root cause is known', () => {
    expect(problemStageOf(run(START, ROOT_CAUSE, RESOLVE))).toBe('resolved');
  });

  it('survives persistence: restored, it judges and moves the same', () => {
    const restored = restoreProblem(JSON.parse(JSON.stringify(persistProblem(run(START, ROOT_CAUSE, WORKAROUND, PUBLISH)))));
    expect(problemStageOf(restored)).toBe('knownError');
    const [next] = applyProblemEvent(restored, RESOLVE);
    expect(problemStageOf(next)).toBe('resolved');
  });

  it.each(Object.entries(AT_STAGE))('offers the right commands in %s', (stage, events) => {
    const snapshot = run(...events);
    expect(problemStageOf(snapshot)).toBe(stage);
    const offered = allowedProblemCommands(snapshot, agent);
    const expected: Record<ProblemStage, string[]> = {
      new: ['startInvestigation', 'linkIncident', 'unlinkIncident'],
      investigating: ['linkIncident', 'unlinkIncident', 'recordRootCause', 'recordWorkaround', 'requestChange'],
      knownError: ['linkIncident', 'unlinkIncident', 'recordRootCause', 'recordWorkaround', 'requestChange', 'resolve'],
      resolved: [],
      closed: [],
    };
    expect(offered).toEqual(expected[stage as ProblemStage]);
  });
});

describe('problem machine: roles (403)', () => {
  it.each([endUser, dispatcher, admin])('refuses investigation work by $role', (actor) => {
    expect(refusal(run(), { ...START, actor })).toMatchObject({ code: 'forbidden', rule: 'investigator' });
    expect(refusal(run(START), { ...ROOT_CAUSE, actor })).toMatchObject({ code: 'forbidden', rule: 'investigator' });
  });

  it.each([agent, incidentManager, processManager])('lets $role investigate', (actor) => {
    expect(judgeProblem(run(), { ...START, actor }).allowed).toBe(true);
    expect(judgeProblem(run(START), { ...CHANGE, actor }).allowed).toBe(true);
  });

  it('closes only by a process manager or an admin', () => {
    const resolved = run(...AT_STAGE.resolved);
    for (const actor of [agent, incidentManager, endUser]) expect(refusal(resolved, { ...CLOSE, actor })).toMatchObject({ code: 'forbidden', rule: 'closer' });
    expect(judgeProblem(resolved, { ...CLOSE, actor: admin }).allowed).toBe(true);
    expect(allowedProblemCommands(resolved, processManager)).toEqual(['close']);
  });
});

describe('problem machine: stage (409) and required fields (422)', () => {
  it('refuses commands the stage does not take', () => {
    expect(refusal(run(), RESOLVE)).toMatchObject({ code: 'notAllowedNow', allowedCommands: ['startInvestigation', 'linkIncident', 'unlinkIncident'] });
    expect(refusal(run(), PUBLISH)).toMatchObject({ code: 'notAllowedNow' });
    expect(refusal(run(...AT_STAGE.closed), LINK)).toMatchObject({ code: 'notAllowedNow', allowedCommands: [] });
    expect(refusal(run(...AT_STAGE.knownError), PUBLISH)).toMatchObject({ code: 'notAllowedNow' });
  });

  it('needs a workaround before a known error and a root cause before a resolution (409, said why)', () => {
    expect(refusal(run(START), PUBLISH)).toMatchObject({ code: 'notAllowedNow', rule: 'workaroundRecorded' });
    expect(refusal(run(START, WORKAROUND), RESOLVE)).toMatchObject({ code: 'notAllowedNow', rule: 'rootCauseRecorded' });
  });

  it.each([
    ['rootCause', [START], by(agent, { type: 'recordRootCause', rootCause: ' ' })],
    ['workaround', [START], by(agent, { type: 'recordWorkaround', workaround: '' })],
    ['title', [START, WORKAROUND], by(agent, { type: 'publishKnownError', title: '', symptoms: 'Jobs stay queued' })],
    ['symptoms', [START, WORKAROUND], by(agent, { type: 'publishKnownError', title: 'Printing', symptoms: '' })],
    ['summary', [START], by(agent, { type: 'requestChange', summary: '' })],
    ['resolution', [START, ROOT_CAUSE], by(agent, { type: 'resolve', resolution: '  ' })],
    ['incident', [], by(agent, { type: 'linkIncident', incident: '' })],
  ] as Array<[string, ProblemEvent[], ProblemEvent]>)('requires %s', (field, before, event) => {
    expect(refusal(run(...before), event)).toMatchObject({ code: 'ruleBroken', field });
  });
});

describe('problem machine: generated paths (@xstate/graph)', () => {
  const EVENTS: ProblemEvent[] = [
    START, LINK, UNLINK, ROOT_CAUSE, WORKAROUND, PUBLISH, CHANGE, RESOLVE, CLOSE,
    // Every command by the wrong people as well: the paths must never take them.
    ...[START, LINK, UNLINK, ROOT_CAUSE, WORKAROUND, PUBLISH, CHANGE, RESOLVE, CLOSE].flatMap((e) => [endUser, dispatcher].map((actor) => ({ ...e, actor }))),
    ...[CLOSE].map((e) => ({ ...e, actor: agent })),
  ];
  const options = {
    input,
    events: (state: ProblemSnapshot) => (state.status === 'done' ? [] : EVENTS),
    serializeState: (state: ProblemSnapshot) =>
      JSON.stringify([state.value, state.context.incidents, state.context.rootCause !== null, state.context.workaround !== null, state.context.changeRequests.length > 0]),
  };
  const shortest = getShortestPaths(problemMachine, options as never) as unknown as Array<{
    state: ProblemSnapshot;
    steps: Array<{ event: ProblemEvent; state: ProblemSnapshot }>;
  }>;

  it('reaches every stage', () => {
    expect(new Set(shortest.map((p) => problemStageOf(p.state)))).toEqual(new Set(PROBLEM_STAGES));
  });

  it('takes no command from the wrong role on any path', () => {
    for (const path of shortest) {
      for (const step of path.steps.slice(1)) {
        expect([endUser.id, dispatcher.id]).not.toContain(step.event.actor.id);
        if (step.event.type === 'close') expect(['processManager', 'admin']).toContain(step.event.actor.role);
      }
    }
  });

  it('ends closed finally: nothing leads out of it', () => {
    const closed = shortest.filter((p) => problemStageOf(p.state) === 'closed');
    expect(closed.length).toBeGreaterThan(0);
    for (const path of closed) {
      expect(path.state.status).toBe('done');
      for (const event of EVENTS) expect(judgeProblem(path.state, event).allowed).toBe(false);
    }
  });

  it('reaches the known error only with a workaround, and resolved only with a root cause', () => {
    const paths = getSimplePaths(problemMachine, { ...options, toState: (s: ProblemSnapshot) => problemStageOf(s) === 'resolved' } as never) as unknown as Array<{
      steps: Array<{ event: ProblemEvent; state: ProblemSnapshot }>;
    }>;
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const types = path.steps.map((s) => s.event.type);
      expect(types.indexOf('recordRootCause')).toBeGreaterThan(-1);
      expect(types.indexOf('recordRootCause')).toBeLessThan(types.indexOf('resolve'));
      if (types.includes('publishKnownError')) expect(types.indexOf('recordWorkaround')).toBeLessThan(types.indexOf('publishKnownError'));
    }
  });
});
