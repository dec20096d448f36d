// The major-incident machine (issue 5, part 1): every stage, role check and required field,
// through the law the workflow and the API ask; then generated paths (@xstate/graph) proving every
// stage reachable, closed and rejected final, and that only incident managers move it.
import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { SYSTEM_ACTOR } from './actor';
import { cast, stampedAt } from './testing';
import { allowedMiCommands, applyMiEvent, judgeMi, MiSnapshot, miStageOf, persistMi, proposeMajorIncident, restoreMi } from './major-incident.law';
import { majorIncidentMachine } from './major-incident.machine';
import { MI_STAGES, MiEvent, MiInput, MiStage } from './major-incident.types';

const { tim: agent, ingrid: manager, dorthe: dispatcher, jannet: user } = cast;
const system = SYSTEM_ACTOR;

const AT = '2025-05-06T10:00:00.000Z';
const by = stampedAt<MiEvent>(AT);

const input: MiInput = { proposedBy: agent, reason: 'Five printers down in building 1', at: '2025-05-06T09:50:00.000Z' };

const ACCEPT = by(manager, { type: 'accept', rationale: 'Whole building affected' });
const REJECT = by(manager, { type: 'reject', rationale: 'One printer only' });
const ASSIGN = by(manager, { type: 'assign', teamId: 't-ops', teamName: 'AU IT Operations' });
const UPDATE = by(manager, { type: 'postUpdate', text: 'Print server restarted; checking queues' });
const LINK = by(manager, { type: 'link', number: 'INC-000001' });
const UNLINK = by(manager, { type: 'unlink', number: 'INC-000001' });
const RESOLVE = by(manager, { type: 'resolve', resolution: 'Print server replaced' });
const START_REVIEW = by(manager, { type: 'startReview' });
const REVIEW = by(manager, { type: 'recordReview', cause: 'Disk full on the print server', actions: 'Monitor disk usage', requestProblemRecord: true });
const CLOSE = by(manager, { type: 'close' });
const overdue = (dueAt = '2025-05-06T10:30:00.000Z') => by(system, { type: 'updateOverdue', dueAt, text: `update due at ${dueAt} overdue` }, dueAt);

function run(...events: MiEvent[]): MiSnapshot {
  let [snapshot] = proposeMajorIncident(input);
  for (const event of events) {
    const verdict = judgeMi(snapshot, event);
    if (!verdict.allowed) throw new Error(`${event.type} refused in ${miStageOf(snapshot)}: ${verdict.message}`);
    [snapshot] = applyMiEvent(snapshot, event);
  }
  return snapshot;
}
const refusal = (snapshot: MiSnapshot, event: MiEvent) => {
  const verdict = judgeMi(snapshot, event);
  if (verdict.allowed) throw new Error(`${event.type} was allowed in ${miStageOf(snapshot)}`);
  return verdict;
};

describe('proposing', () => {
  it('starts proposed, journals the reason and tells every incident manager', () => {
    const [snapshot, effects] = proposeMajorIncident(input);
    expect(miStageOf(snapshot)).toBe('proposed');
    expect(effects).toEqual([
      { type: 'record', params: { text: 'Major incident proposed: Five printers down in building 1', authorId: agent.id } },
      { type: 'notify', params: expect.objectContaining({ audiences: ['incidentManagers'], template: 'miProposed' }) },
    ]);
    expect(allowedMiCommands(snapshot, manager)).toEqual(['accept', 'reject']);
    expect(allowedMiCommands(snapshot, agent)).toEqual([]);
  });
});

describe('accept or reject, by an incident manager only', () => {
  it('accepts with P1 and the accepting incident manager', () => {
    const s = run(ACCEPT);
    expect(miStageOf(s)).toBe('accepted');
    expect(s.context).toMatchObject({ priority: 'P1', incidentManagerId: manager.id });
  });
  it.each([agent, dispatcher, user, system])('refuses acceptance by $role (403)', (actor) => {
    expect(refusal(run(), { ...ACCEPT, actor })).toMatchObject({ code: 'forbidden', rule: 'incidentManager' });
  });
  it('rejects only with a rationale (422), then is final', () => {
    expect(refusal(run(), by(manager, { type: 'reject', rationale: ' ' }))).toMatchObject({ code: 'ruleBroken', field: 'rationale' });
    const s = run(REJECT);
    expect(miStageOf(s)).toBe('rejected');
    expect(s.status).toBe('done');
    expect(judgeMi(s, ACCEPT)).toMatchObject({ allowed: false, code: 'notAllowedNow', allowedCommands: [] });
  });
});

describe('active', () => {
  it('becomes active when a resolving team is assigned, not before', () => {
    const accepted = run(ACCEPT, by(manager, { type: 'assign', stakeholderIds: ['u-dean'] }));
    expect(miStageOf(accepted)).toBe('accepted');
    const s = run(ACCEPT, ASSIGN);
    expect(miStageOf(s)).toBe('active');
    expect(s.context).toMatchObject({ teamId: 't-ops', teamName: 'AU IT Operations', activeSince: AT, priority: 'P1' });
    expect(refusal(run(ACCEPT), by(manager, { type: 'assign' }))).toMatchObject({ code: 'ruleBroken', field: 'teamId' });
  });
  it('records stakeholder updates and sends them to stakeholders and the linked incidents’ users', () => {
    const [, effects] = applyMiEvent(run(ACCEPT, ASSIGN), UPDATE);
    expect(effects).toContainEqual({
      type: 'notify',
      params: expect.objectContaining({ audiences: ['stakeholders', 'linkedRequesters'], template: 'miStakeholderUpdate', text: 'Print server restarted; checking queues' }),
    });
    const s = run(ACCEPT, ASSIGN, UPDATE);
    expect(s.context.lastUpdateAt).toBe(AT);
    expect(s.context.updates).toEqual([{ seq: 1, text: 'Print server restarted; checking queues', by: manager.id, at: AT }]);
    expect(refusal(s, by(manager, { type: 'postUpdate', text: '' }))).toMatchObject({ code: 'ruleBroken', field: 'text' });
    expect(refusal(s, { ...UPDATE, actor: agent })).toMatchObject({ code: 'forbidden' });
  });
  it('links and unlinks child incidents, once each', () => {
    const s = run(ACCEPT, ASSIGN, LINK);
    expect(s.context.children).toEqual(['INC-000001']);
    expect(refusal(s, LINK)).toMatchObject({ code: 'ruleBroken', rule: 'notLinked' });
    expect(refusal(s, by(manager, { type: 'link', number: 'REQ-000001' }))).toMatchObject({ code: 'ruleBroken', field: 'number' });
    expect(run(ACCEPT, ASSIGN, LINK, UNLINK).context.children).toEqual([]);
    expect(refusal(run(ACCEPT, ASSIGN), UNLINK)).toMatchObject({ code: 'ruleBroken', rule: 'linked' });
    expect(refusal(run(ACCEPT), LINK)).toMatchObject({ code: 'notAllowedNow' });
  });
  it('reminds the incident manager once per overdue update, only from the workflow’s timer', () => {
    const s = run(ACCEPT, ASSIGN);
    const [reminded, effects] = applyMiEvent(s, overdue());
    expect(effects).toContainEqual({ type: 'notify', params: expect.objectContaining({ audiences: ['incidentManager'], template: 'miUpdateOverdue' }) });
    expect(refusal(reminded, overdue())).toMatchObject({ code: 'notAllowedNow', rule: 'notReminded' });
    expect(judgeMi(reminded, overdue('2025-05-06T11:00:00.000Z')).allowed).toBe(true);
    expect(refusal(s, { ...overdue(), actor: manager })).toMatchObject({ code: 'forbidden', rule: 'system' });
  });
  it('resolves only with a resolution, telling stakeholders (the linked incidents’ users hear it from their own tickets)', () => {
    expect(refusal(run(ACCEPT, ASSIGN), by(manager, { type: 'resolve', resolution: '' }))).toMatchObject({ code: 'ruleBroken', field: 'resolution' });
    const [s, effects] = applyMiEvent(run(ACCEPT, ASSIGN, LINK), RESOLVE);
    expect(miStageOf(s)).toBe('resolved');
    expect(s.context).toMatchObject({ resolution: 'Print server replaced', resolvedAt: AT, children: ['INC-000001'] });
    expect(effects).toContainEqual({ type: 'notify', params: expect.objectContaining({ template: 'miResolved', audiences: ['stakeholders'] }) });
  });
});

describe('review and close', () => {
  it('records the review with the timeline and the problem record request, then closes', () => {
    const inReview = run(ACCEPT, ASSIGN, RESOLVE, START_REVIEW);
    expect(miStageOf(inReview)).toBe('review');
    expect(refusal(inReview, CLOSE)).toMatchObject({ code: 'notAllowedNow', rule: 'reviewRecorded' });
    expect(refusal(inReview, by(manager, { type: 'recordReview', cause: 'x', actions: '' }))).toMatchObject({ field: 'actions' });
    const reviewed = run(ACCEPT, ASSIGN, RESOLVE, START_REVIEW, { ...REVIEW, timeline: ['a', 'b'] } as MiEvent);
    expect(reviewed.context.review).toMatchObject({ cause: 'Disk full on the print server', timeline: ['a', 'b'], problemRecordRequested: true });
    const closed = run(ACCEPT, ASSIGN, RESOLVE, START_REVIEW, REVIEW, CLOSE);
    expect(miStageOf(closed)).toBe('closed');
    expect(closed.status).toBe('done');
  });
  it('survives persisting and restoring', () => {
    const s = run(ACCEPT, ASSIGN, LINK);
    expect(restoreMi(persistMi(s)).context).toEqual(s.context);
    expect(miStageOf(restoreMi(persistMi(s)))).toBe('active');
  });
});

describe('generated paths', () => {
  const EVENTS: MiEvent[] = [
    ACCEPT, REJECT, ASSIGN, UPDATE, LINK, UNLINK, RESOLVE, START_REVIEW, REVIEW, CLOSE, overdue(),
    ...[ACCEPT, REJECT, ASSIGN, UPDATE, LINK, RESOLVE, START_REVIEW, REVIEW, CLOSE].flatMap((e) => [agent, dispatcher, user].map((actor) => ({ ...e, actor }))),
  ];
  const options = {
    input,
    events: (state: MiSnapshot) => (state.status === 'done' ? [] : EVENTS),
    serializeState: (state: MiSnapshot) =>
      JSON.stringify([state.value, state.context.teamId !== null, state.context.children, state.context.review !== null, state.context.remindedFor, state.context.lastUpdateAt]),
  };
  const shortest = getShortestPaths(majorIncidentMachine, options as never) as unknown as Array<{ state: MiSnapshot; steps: Array<{ event: MiEvent }> }>;

  it('reaches every stage', () => {
    expect(new Set(shortest.map((p) => miStageOf(p.state)))).toEqual(new Set<MiStage>([...MI_STAGES]));
  });
  it('is moved by incident managers (and the timer) only', () => {
    for (const path of shortest) for (const step of path.steps.slice(1)) expect(['incidentManager', 'system']).toContain(step.event.actor.role);
  });
  it('never closes without resolving and a recorded review', () => {
    const paths = getSimplePaths(majorIncidentMachine, { ...options, toState: (s: MiSnapshot) => miStageOf(s) === 'closed' } as never) as unknown as Array<{ steps: Array<{ event: MiEvent }> }>;
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      expect(path.steps.map((s) => s.event.type)).toEqual(expect.arrayContaining(['accept', 'assign', 'resolve', 'startReview', 'recordReview', 'close']));
    }
  });
});

describe('the cascade’s report (issue 15, item 3)', () => {
  const report = (leftOpen: Array<{ number: string; reason: string }>) =>
    by(system, { type: 'cascadeFinished', resolved: ['INC-000001', 'INC-000002'], skipped: ['INC-000003'], leftOpen });

  it('journals what the cascade did, and tells the incident manager only when a linked incident stays open', () => {
    const resolved = run(ACCEPT, ASSIGN, LINK, RESOLVE);
    const [, quiet] = applyMiEvent(resolved, report([]));
    expect(quiet).toEqual([{ type: 'record', params: { authorId: 'system', text: 'Linked incidents: 2 resolved with this major incident, 1 resolved before it' } }]);
    const [, told] = applyMiEvent(resolved, report([{ number: 'INC-000004', reason: 'it changed after the major incident was resolved' }]));
    const text = 'Linked incidents: 2 resolved with this major incident, 1 resolved before it; left open: INC-000004 (it changed after the major incident was resolved)';
    expect(told).toEqual([
      { type: 'record', params: { authorId: 'system', text } },
      { type: 'notify', params: { audiences: ['incidentManager'], template: 'miCascadeReport', subject: 'Major incident: linked incidents left open', text } },
    ]);
  });

  it('holds the close until the cascade has reported: the review reads what happened to the linked incidents', () => {
    const started = by(system, { type: 'cascadeStarted', cascadeId: 'MI-000001-cascade', children: 3 });
    const [running, effects] = applyMiEvent(run(ACCEPT, ASSIGN, LINK, RESOLVE), started);
    expect(effects).toEqual([{ type: 'record', params: { authorId: 'system', text: 'MI-000001-cascade started: resolving 3 linked incident(s)' } }]);
    const [reviewed] = [START_REVIEW, REVIEW].reduce(([snap], event) => applyMiEvent(snap, event), [running, []] as ReturnType<typeof applyMiEvent>);
    expect(refusal(reviewed, CLOSE)).toMatchObject({ code: 'notAllowedNow', rule: 'cascadeReported' });
    expect(allowedMiCommands(reviewed, manager)).not.toContain('close');
    const [reported] = applyMiEvent(reviewed, report([]));
    expect(judgeMi(reported, CLOSE).allowed).toBe(true);
  });

  it('arrives also during the review, only from the workflow, and is never a command people give', () => {
    expect(judgeMi(run(ACCEPT, ASSIGN, RESOLVE, START_REVIEW), report([])).allowed).toBe(true);
    expect(refusal(run(ACCEPT, ASSIGN, RESOLVE), { ...report([]), actor: manager })).toMatchObject({ code: 'forbidden', rule: 'system' });
    expect(allowedMiCommands(run(ACCEPT, ASSIGN, RESOLVE), manager)).not.toContain('cascadeFinished');
  });
});
