// One workflow per change; its id is the change number (CHG-000001). The machine decides, this
// workflow carries out: each command is an Update whose validator asks the machine, the journal
// and notifications go to the read model through an activity, the stage is the `ChangeStage`
// search attribute, and two durable timers run: the window's start (scheduled -> ready to
// implement) and its overrun (the end passed while still implementing: journaled and notified).
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '../machines/actor';
import {
  applyChangeEvent,
  ChangeEffect,
  ChangeSnapshot,
  changeStageOf,
  judgeChange,
  persistChange,
  restoreChange,
  submitChange,
} from '../machines/change.law';
import { CHANGE_COMMANDS, ChangeEvent } from '../machines/change.types';
import { COMMAND_REFUSED } from './ticket.messages';
import {
  ChangeActivities,
  changeCommandUpdates,
  ChangeCommandMessage,
  ChangeJournalEntry,
  ChangeNotificationIntent,
  changeOpenedUpdate,
  ChangeProjection,
  ChangeSearchAttributes,
  ChangeSummary,
  changeViewQuery,
  ChangeWorkflowInput,
} from './change.messages';
import { isoNow, workflowNow } from './clock';

const { projectChange } = proxyActivities<ChangeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});


const refusal = (message: string, details: object) =>
  ApplicationFailure.create({ type: COMMAND_REFUSED, message, details: [details], nonRetryable: true });

export async function changeWorkflow(input: ChangeWorkflowInput): Promise<ChangeSummary> {
  const { policy, record } = input;
  let snapshot: ChangeSnapshot;
  let journal: ChangeJournalEntry[] = input.carried?.journal ?? [];
  let notificationCount = input.carried?.notificationCount ?? 0;
  let version = input.carried?.version ?? 0;
  let commandsThisRun = 0;
  let opened = input.carried !== undefined;
  let openingEffects: ChangeEffect[] = [];

  if (input.carried) snapshot = restoreChange(input.carried.state);
  else
    [snapshot, openingEffects] = submitChange({
      changeType: record.changeType,
      requesterId: input.requesterId,
      templateId: record.templateId,
      authority: input.authority,
      assessment: input.assessment,
      problemNumbers: input.problemNumbers,
      incidentNumbers: input.incidentNumbers,
      createdBy: input.createdBy,
      at: record.createdAt,
    });

  const isFinal = () => snapshot.status === 'done';
  const summary = (): ChangeSummary => ({ number: record.number, stage: changeStageOf(snapshot), version });

  async function apply(event: ChangeEvent): Promise<ChangeSummary> {
    let effects: ChangeEffect[];
    [snapshot, effects] = applyChangeEvent(snapshot, event);
    version += 1;
    const projection = project(effects, event.at);
    updateSearchAttributes();
    await projectChange(projection);
    return summary();
  }

  function project(effects: ChangeEffect[], at: string): ChangeProjection {
    const newEntries: ChangeJournalEntry[] = [];
    const notifications: ChangeNotificationIntent[] = [];
    for (const effect of effects) {
      if (effect.type === 'record') {
        if (!effect.params.text.trim()) continue;
        const entry: ChangeJournalEntry = { seq: journal.length + 1, ...effect.params, at };
        journal = [...journal, entry];
        newEntries.push(entry);
      } else {
        notificationCount += 1;
        const c = snapshot.context;
        notifications.push({ seq: notificationCount, ...effect.params, recipientIds: [...new Set([c.requesterId, ...c.authority.approverIds])], at });
      }
    }
    return { record: { ...record }, state: persistChange(snapshot), version, updatedAt: at, newEntries, notifications };
  }

  let shownStage = '';
  function updateSearchAttributes(): void {
    const stage = changeStageOf(snapshot);
    if (stage === shownStage) return;
    shownStage = stage;
    upsertSearchAttributes([{ key: ChangeSearchAttributes.stage, value: stage }]);
  }

  const stamp = (message: ChangeCommandMessage): ChangeEvent => ({ ...message, at: isoNow() }) as ChangeEvent;

  function refuseUnlessAllowed(event: ChangeEvent): void {
    const verdict = judgeChange(snapshot, event);
    if (!verdict.allowed) throw refusal(verdict.message, verdict);
  }

  for (const type of CHANGE_COMMANDS) {
    setHandler(
      changeCommandUpdates[type],
      async (message: ChangeCommandMessage) => {
        const event = stamp({ ...message, type } as ChangeCommandMessage);
        refuseUnlessAllowed(event);
        commandsThisRun += 1;
        return apply(event);
      },
      { validator: (message: ChangeCommandMessage) => refuseUnlessAllowed(stamp({ ...message, type } as ChangeCommandMessage)) },
    );
  }
  setHandler(changeOpenedUpdate, async () => {
    await condition(() => opened);
    return summary();
  });
  setHandler(changeViewQuery, () => ({ summary: summary(), journal }));

  updateSearchAttributes();
  if (!opened) {
    await projectChange(project(openingEffects, record.createdAt));
    opened = true;
  }

  const mustContinueAsNew = () => commandsThisRun >= policy.maxCommandsPerRun || workflowInfo().continueAsNewSuggested;

  while (!isFinal()) {
    const seen = version;
    const woken = () => version !== seen || mustContinueAsNew();
    const timer = nextTimer();
    if (timer === null) {
      await condition(woken);
    } else if (!(await condition(woken, Math.max(timer.at - workflowNow(), 1), { summary: timer.summary }))) {
      await fireDueTimers();
    }
    if (mustContinueAsNew() && !isFinal()) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof changeWorkflow>({
        ...input,
        carried: { state: persistChange(snapshot), journal, notificationCount, version },
      });
    }
  }
  await condition(allHandlersFinished);
  return summary();

  function nextTimer(): { at: number; summary: string } | null {
    const { windowStart, windowEnd, overrunAt } = snapshot.context;
    const stage = changeStageOf(snapshot);
    if (stage === 'scheduled' && windowStart) return { at: Date.parse(windowStart), summary: 'change window start' };
    if (stage === 'implementing' && windowEnd && overrunAt === null) return { at: Date.parse(windowEnd), summary: 'change window overrun' };
    return null;
  }

  async function fireDueTimers(): Promise<void> {
    const { windowStart, windowEnd } = snapshot.context;
    const stage = changeStageOf(snapshot);
    if (stage === 'scheduled' && windowStart && workflowNow() >= Date.parse(windowStart)) {
      const event: ChangeEvent = { type: 'windowStarted', actor: SYSTEM_ACTOR, at: isoNow() };
      if (judgeChange(snapshot, event).allowed) await apply(event);
    }
    if (stage === 'implementing' && windowEnd && workflowNow() >= Date.parse(windowEnd)) {
      const event: ChangeEvent = {
        type: 'windowOverrun',
        text: `${record.number} overran its window: it ended ${windowEnd} and the change is still being implemented`,
        actor: SYSTEM_ACTOR,
        at: isoNow(),
      };
      if (judgeChange(snapshot, event).allowed) await apply(event);
    }
  }
}
