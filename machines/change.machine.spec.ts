// The change machine through the law the workflow and the API ask: every stage, role check and
// required field; then generated paths (@xstate/graph) proving every stage reachable.
import { getShortestPaths } from '@xstate/graph';
import { Actor, SYSTEM_ACTOR } from './actor';
import { cast } from './testing';
import { allowedChangeCommands, applyChangeEvent, ChangeSnapshot, changeStageOf, judgeChange, persistChange, restoreChange, submitChange } from './change.law';
import { changeMachine } from './change.machine';
import { CHANGE_STAGES, ChangeEvent, ChangeInput, ChangeType } from './change.types';

const { ahmed: requester, susanne: manager, admin: cab1, ingrid: cab2, susanne: cab3, jannet: endUser } = cast;
const AT = '2026-03-02T09:00:00.000Z';
const WINDOW = { windowStart: '2026-03-03T18:00:00.000Z', windowEnd: '2026-03-03T20:00:00.000Z' };
const ASSESSMENT = { risk: 'medium', impact: 'the print service for one building', implementationPlan: 'replace the spooler', backoutPlan: 'restore the VM snapshot' };

function inputOf(changeType: ChangeType): ChangeInput {
  return {
    changeType,
    requesterId: requester.id,
    templateId: changeType === 'standard' ? 'tpl' : null,
    authority: changeType === 'normal' ? { approverIds: [cab1.id, cab2.id, cab3.id], quorum: 2 } : changeType === 'emergency' ? { approverIds: [cab2.id], quorum: 1 } : { approverIds: [], quorum: 0 },
    assessment: changeType === 'standard' ? { ...ASSESSMENT, by: 'template', at: AT } : null,
    problemNumbers: [],
    incidentNumbers: [],
    createdBy: requester,
    at: AT,
  };
}

const ev = (e: { type: ChangeEvent['type']; actor: Actor; at?: string; [key: string]: unknown }): ChangeEvent => ({ at: AT, ...e }) as unknown as ChangeEvent;

function run(changeType: ChangeType, ...events: ChangeEvent[]): ChangeSnapshot {
  let [snapshot] = submitChange(inputOf(changeType));
  for (const event of events) {
    const verdict = judgeChange(snapshot, event);
    if (!verdict.allowed) throw new Error(`${event.type} refused in ${changeStageOf(snapshot)}: ${verdict.message}`);
    [snapshot] = applyChangeEvent(snapshot, event);
  }
  return snapshot;
}

const ASSESS = ev({ type: 'assess', actor: manager, ...ASSESSMENT });
const approve = (actor: Actor) => ev({ type: 'approve', actor });
const SCHEDULE = ev({ type: 'schedule', actor: manager, ...WINDOW });
const OPENED = ev({ type: 'windowStarted', actor: SYSTEM_ACTOR, at: WINDOW.windowStart });
const START = ev({ type: 'startImplementation', actor: requester, note: 'go' });
const FINISH = ev({ type: 'complete', actor: requester, note: 'done' });
const REVIEW = ev({ type: 'recordReview', actor: manager, outcome: 'successful', text: 'works as planned' });
const CLOSE = ev({ type: 'close', actor: manager });

describe('change machine: standard changes', () => {
  it('start authorised (from a pre-approved template) and close on completion without review', () => {
    const [snapshot, effects] = submitChange(inputOf('standard'));
    expect(changeStageOf(snapshot)).toBe('authorised');
    expect(effects.map((e) => e.type === 'record' && e.params.text)).toEqual([
      'Standard change submitted',
      'Standard change from a pre-approved template: authorised without the CAB',
    ]);
    const ready = run('standard', SCHEDULE, OPENED, START);
    expect(changeStageOf(ready)).toBe('implementing');
    const closed = run('standard', SCHEDULE, OPENED, START, ev({ type: 'complete', actor: requester, outcome: 'successful', note: 'printer added' }));
    expect(changeStageOf(closed)).toBe('closed');
    expect(closed.status).toBe('done');
    expect(closed.context.review).toMatchObject({ outcome: 'successful' });
  });

  it('needs an outcome, and a backout when failed', () => {
    const s = run('standard', SCHEDULE, OPENED, START);
    expect(judgeChange(s, FINISH)).toMatchObject({ allowed: false, code: 'ruleBroken', field: 'outcome' });
    expect(judgeChange(s, ev({ type: 'complete', actor: requester, outcome: 'failed', note: 'driver broke' }))).toMatchObject({ code: 'ruleBroken', field: 'backout' });
  });
});

describe('change machine: normal changes', () => {
  it('goes submitted -> assessed -> authorised -> scheduled -> ready -> implementing -> review -> closed', () => {
    const stages = [ASSESS, approve(cab1), approve(cab2), SCHEDULE, OPENED, START, FINISH, REVIEW, CLOSE].map(
      (_, i, all) => changeStageOf(run('normal', ...all.slice(0, i + 1))),
    );
    expect(stages).toEqual(['assessed', 'assessed', 'authorised', 'scheduled', 'readyToImplement', 'implementing', 'review', 'review', 'closed']);
  });

  it('names every missing part of the assessment (422)', () => {
    const s = run('normal');
    const verdict = judgeChange(s, ev({ type: 'assess', actor: manager, risk: 'low', impact: ' ', implementationPlan: '', backoutPlan: '' } as never));
    expect(verdict).toMatchObject({ allowed: false, code: 'ruleBroken', field: 'impact', missing: ['impact', 'implementationPlan', 'backoutPlan'] });
    expect(judgeChange(s, ev({ ...ASSESS, risk: '' } as never))).toMatchObject({ field: 'risk', missing: ['risk'] });
  });

  it('only the change authority assesses, schedules, reviews and closes (403)', () => {
    expect(judgeChange(run('normal'), { ...ASSESS, actor: requester })).toMatchObject({ code: 'forbidden', rule: 'changeManager' });
    const authorised = run('normal', ASSESS, approve(cab1), approve(cab2));
    expect(judgeChange(authorised, { ...SCHEDULE, actor: endUser })).toMatchObject({ code: 'forbidden' });
    const inReview = run('normal', ASSESS, approve(cab1), approve(cab2), SCHEDULE, OPENED, START, FINISH);
    expect(judgeChange(inReview, { ...REVIEW, actor: requester })).toMatchObject({ code: 'forbidden' });
    expect(judgeChange(run('normal', ASSESS, approve(cab1), approve(cab2), SCHEDULE, OPENED), { ...START, actor: endUser })).toMatchObject({ code: 'forbidden', rule: 'staff' });
  });

  it('authorises on the quorum; one rejection refuses; each approver votes once; only named approvers vote', () => {
    const one = run('normal', ASSESS, approve(cab1));
    expect(one.context.votes).toHaveLength(1);
    expect(judgeChange(one, approve(cab1))).toMatchObject({ allowed: false, code: 'notAllowedNow', rule: 'notVotedYet' });
    expect(judgeChange(one, approve(requester))).toMatchObject({ code: 'forbidden', rule: 'namedApprover' });
    expect(judgeChange(one, ev({ type: 'reject', actor: cab2, rationale: '' }))).toMatchObject({ code: 'ruleBroken', field: 'rationale' });
    const refused = run('normal', ASSESS, approve(cab1), ev({ type: 'reject', actor: cab2, rationale: 'not in exam week' }));
    expect(changeStageOf(refused)).toBe('refused');
    expect(refused.status).toBe('done');
    expect(allowedChangeCommands(one, cab2)).toEqual(expect.arrayContaining(['approve', 'reject']));
    expect(allowedChangeCommands(one, cab1)).not.toContain('approve');
  });

  it('is not voted on before its assessment (409), and no window without a later end (422)', () => {
    expect(judgeChange(run('normal'), approve(cab1))).toMatchObject({ code: 'notAllowedNow' });
    const authorised = run('normal', ASSESS, approve(cab1), approve(cab2));
    expect(judgeChange(authorised, ev({ type: 'schedule', actor: manager, windowStart: WINDOW.windowEnd, windowEnd: WINDOW.windowStart }))).toMatchObject({ code: 'ruleBroken', field: 'windowStart' });
    expect(judgeChange(authorised, START)).toMatchObject({ code: 'notAllowedNow' });
  });

  it('marks the window start and an overrun once, by the system only', () => {
    const scheduled = run('normal', ASSESS, approve(cab1), approve(cab2), SCHEDULE);
    expect(judgeChange(scheduled, { ...OPENED, actor: manager })).toMatchObject({ code: 'forbidden', rule: 'system' });
    const implementing = run('normal', ASSESS, approve(cab1), approve(cab2), SCHEDULE, OPENED, START);
    const overrun = ev({ type: 'windowOverrun', actor: SYSTEM_ACTOR, text: 'overran', at: '2026-03-03T20:00:01.000Z' });
    expect(judgeChange(implementing, { ...overrun, at: '2026-03-03T19:00:00.000Z' })).toMatchObject({ allowed: false, rule: 'windowOver' });
    const [after, effects] = applyChangeEvent(implementing, overrun);
    expect(changeStageOf(after)).toBe('implementing');
    expect(after.context.overrunAt).toBe(overrun.at);
    expect(effects.map((e) => e.type)).toEqual(['record', 'notify']);
    expect(judgeChange(after, overrun)).toMatchObject({ allowed: false, rule: 'notOverrun' });
  });

  it('reviews failed changes only with their backout, and closes only after review', () => {
    const inReview = run('normal', ASSESS, approve(cab1), approve(cab2), SCHEDULE, OPENED, START, FINISH);
    expect(judgeChange(inReview, CLOSE)).toMatchObject({ code: 'notAllowedNow', rule: 'reviewed', message: 'the normal change must be reviewed before it is closed' });
    expect(judgeChange(inReview, { ...REVIEW, outcome: 'failed' } as ChangeEvent)).toMatchObject({ code: 'ruleBroken', field: 'backout' });
    expect(judgeChange(inReview, { ...REVIEW, outcome: 'meh' } as ChangeEvent)).toMatchObject({ code: 'ruleBroken', field: 'outcome' });
    const failed = run('normal', ASSESS, approve(cab1), approve(cab2), SCHEDULE, OPENED, START, FINISH, { ...REVIEW, outcome: 'failed', backout: 'snapshot restored' } as ChangeEvent, CLOSE);
    expect(failed.context.review).toMatchObject({ outcome: 'failed', backout: 'snapshot restored' });
    expect(changeStageOf(failed)).toBe('closed');
  });

  it('links problems and incidents by their number format, in any open stage', () => {
    const s = run('normal', ev({ type: 'linkProblem', actor: requester, problemNumber: 'PRB-000007' }), ev({ type: 'linkIncident', actor: requester, incidentNumber: 'INC-000042' }));
    expect(s.context).toMatchObject({ problemNumbers: ['PRB-000007'], incidentNumbers: ['INC-000042'] });
    expect(judgeChange(s, ev({ type: 'linkProblem', actor: requester, problemNumber: 'PRB-7' }))).toMatchObject({ code: 'ruleBroken', field: 'problemNumber' });
    expect(judgeChange(s, ev({ type: 'linkIncident', actor: endUser, incidentNumber: 'INC-000001' }))).toMatchObject({ code: 'forbidden' });
  });

  it('survives persisting and restoring', () => {
    const s = run('normal', ASSESS, approve(cab1));
    const restored = restoreChange(JSON.parse(JSON.stringify(persistChange(s))));
    expect(changeStageOf(applyChangeEvent(restored, approve(cab2))[0])).toBe('authorised');
  });
});

describe('change machine: emergency changes', () => {
  it('are authorised by the one emergency approver, may start at once, and are reviewed before closing', () => {
    const s = run('emergency');
    expect(judgeChange(s, ASSESS)).toMatchObject({ code: 'notAllowedNow' });
    expect(judgeChange(s, approve(cab1))).toMatchObject({ code: 'forbidden', rule: 'namedApprover' });
    const implementing = run('emergency', approve(cab2), START);
    expect(changeStageOf(implementing)).toBe('implementing');
    const inReview = run('emergency', approve(cab2), START, FINISH);
    expect(changeStageOf(inReview)).toBe('review');
    expect(judgeChange(inReview, CLOSE)).toMatchObject({ code: 'notAllowedNow', message: 'the emergency change must be reviewed before it is closed' });
    expect(changeStageOf(run('emergency', approve(cab2), START, FINISH, REVIEW, CLOSE))).toBe('closed');
    expect(changeStageOf(run('emergency', ev({ type: 'reject', actor: cab2, rationale: 'not urgent' })))).toBe('refused');
  });
});

describe('change machine: generated paths (@xstate/graph)', () => {
  const EVENTS: ChangeEvent[] = [
    ASSESS, approve(cab1), approve(cab2), approve(cab3), ev({ type: 'reject', actor: cab3, rationale: 'no' }), SCHEDULE, OPENED, START, FINISH,
    ev({ type: 'complete', actor: requester, outcome: 'successful', note: 'ok' }), REVIEW, CLOSE,
    ...[ASSESS, SCHEDULE, REVIEW, CLOSE, OPENED].map((e) => ({ ...e, actor: endUser })),
  ];
  for (const changeType of ['standard', 'normal', 'emergency'] as const) {
    it(`${changeType}: every path reaches only allowed stages, and closed is reachable`, () => {
      const paths = getShortestPaths(changeMachine, {
        input: inputOf(changeType),
        events: (state: ChangeSnapshot) => (state.status === 'done' ? [] : EVENTS),
        serializeState: (state: ChangeSnapshot) => JSON.stringify([state.value, state.context.votes.map((v) => v.approverId), state.context.review !== null]),
      } as never) as unknown as Array<{ state: ChangeSnapshot; steps: Array<{ event: ChangeEvent }> }>;
      const reached = new Set(paths.map((p) => changeStageOf(p.state)));
      expect(reached.has('closed')).toBe(true);
      for (const stage of reached) expect(CHANGE_STAGES).toContain(stage);
      for (const path of paths) expect(path.steps.every((s) => s.event.actor?.role !== 'endUser')).toBe(true);
      if (changeType === 'normal') expect(reached).toEqual(new Set(CHANGE_STAGES));
      if (changeType === 'standard') expect(reached.has('assessed')).toBe(false);
    });
  }
});
