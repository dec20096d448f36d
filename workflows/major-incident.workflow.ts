// One workflow per major incident; its id is the MI number (MI-000001). The machine decides, this
// workflow carries out: each command is an Update whose validator asks the machine, journal and
// notifications go to the read model through an activity, the stage is the `MiStage` search
// attribute, and a durable timer reminds the incident manager when a stakeholder update is overdue.
// The whole procedure, every reminder and update included, is readable from the workflow history.
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
import { applyMiEvent, judgeMi, MiEffect, MiSnapshot, miStageOf, persistMi, proposeMajorIncident, restoreMi } from '../machines/major-incident.law';
import { MI_COMMANDS, MiEvent } from '../machines/major-incident.types';
import { COMMAND_REFUSED } from './ticket.messages';
import {
  MiActivities,
  miCommandUpdates,
  MiCommandMessage,
  MiJournalEntry,
  MiNotificationIntent,
  miOpenedUpdate,
  MiProjection,
  MiSearchAttributes,
  MiSummary,
  miViewQuery,
  MiWorkflowInput,
} from './major-incident.messages';
import { isoNow, workflowNow } from './clock';

const { projectMajorIncident } = proxyActivities<MiActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const refusal = (message: string, details: object) => ApplicationFailure.create({ type: COMMAND_REFUSED, message, details: [details], nonRetryable: true });

export async function majorIncidentWorkflow(input: MiWorkflowInput): Promise<MiSummary> {
  const { policy, record } = input;
  let snapshot: MiSnapshot;
  let journal: MiJournalEntry[] = input.carried?.journal ?? [];
  let notificationCount = input.carried?.notificationCount ?? 0;
  let version = input.carried?.version ?? 0;
  let commandsThisRun = 0;
  let opened = input.carried !== undefined;
  let openingEffects: MiEffect[] = [];

  if (input.carried) snapshot = restoreMi(input.carried.state);
  else
    [snapshot, openingEffects] = proposeMajorIncident({
      proposedBy: input.proposedBy,
      reason: input.reason,
      stakeholderIds: input.stakeholderIds,
      at: record.createdAt,
    });

  const isFinal = () => snapshot.status === 'done';

  /** When the next stakeholder update is due while active: N after activation or the last update. */
  const updateDueAt = (): number | null => {
    const c = snapshot.context;
    if (miStageOf(snapshot) !== 'active') return null;
    const since = c.lastUpdateAt ?? c.activeSince;
    return since ? Date.parse(since) + policy.updateEveryMs : null;
  };
  const remindAt = (): number | null => {
    const due = updateDueAt();
    return due === null || snapshot.context.remindedFor === new Date(due).toISOString() ? null : due;
  };

  const summary = (): MiSummary => {
    const due = updateDueAt();
    return {
      number: record.number,
      stage: miStageOf(snapshot),
      version,
      children: snapshot.context.children,
      updateDueAt: due === null ? null : new Date(due).toISOString(),
    };
  };

  async function apply(event: MiEvent): Promise<MiSummary> {
    let effects: MiEffect[];
    [snapshot, effects] = applyMiEvent(snapshot, event);
    version += 1;
    const projection = project(effects, event.at);
    updateSearchAttributes();
    await projectMajorIncident(projection);
    return summary();
  }

  function project(effects: MiEffect[], at: string): MiProjection {
    const newEntries: MiJournalEntry[] = [];
    const notifications: MiNotificationIntent[] = [];
    for (const effect of effects) {
      if (effect.type === 'record') {
        if (!effect.params.text.trim()) continue;
        const entry: MiJournalEntry = { seq: journal.length + 1, ...effect.params, at };
        journal = [...journal, entry];
        newEntries.push(entry);
      } else {
        notificationCount += 1;
        notifications.push({ seq: notificationCount, ...effect.params, at });
      }
    }
    return { record: { ...record }, state: persistMi(snapshot), version, updatedAt: at, newEntries, notifications };
  }

  let shownStage = '';
  function updateSearchAttributes(): void {
    const stage = miStageOf(snapshot);
    if (stage === shownStage) return;
    shownStage = stage;
    upsertSearchAttributes([{ key: MiSearchAttributes.stage, value: stage }]);
  }

  /** The review's timeline is generated from the journal: every step, update and reminder, in order. */
  const stamp = (message: MiCommandMessage): MiEvent => {
    const event = { ...message, at: isoNow() } as MiEvent;
    if (event.type === 'recordReview') event.timeline = journal.map((e) => `${e.at} ${e.text}`);
    return event;
  };

  function refuseUnlessAllowed(event: MiEvent): void {
    const verdict = judgeMi(snapshot, event);
    if (!verdict.allowed) throw refusal(verdict.message, verdict);
  }

  for (const type of MI_COMMANDS) {
    setHandler(
      miCommandUpdates[type],
      async (message: MiCommandMessage) => {
        const event = stamp({ ...message, type } as MiCommandMessage);
        refuseUnlessAllowed(event);
        commandsThisRun += 1;
        return apply(event);
      },
      { validator: (message: MiCommandMessage) => refuseUnlessAllowed(stamp({ ...message, type } as MiCommandMessage)) },
    );
  }
  setHandler(miOpenedUpdate, async () => {
    await condition(() => opened);
    return summary();
  });
  setHandler(miViewQuery, () => ({ summary: summary(), journal }));

  updateSearchAttributes();
  if (!opened) {
    await projectMajorIncident(project(openingEffects, record.createdAt));
    opened = true;
  }

  const mustContinueAsNew = () => commandsThisRun >= policy.maxCommandsPerRun || workflowInfo().continueAsNewSuggested;

  while (!isFinal()) {
    const seen = version;
    const woken = () => version !== seen || mustContinueAsNew();
    const at = remindAt();
    if (at === null) {
      await condition(woken);
    } else if (!(await condition(woken, Math.max(at - workflowNow(), 1), { summary: 'stakeholder update due' }))) {
      const due = remindAt();
      if (due !== null && workflowNow() >= due) {
        const dueAt = new Date(due).toISOString();
        const event: MiEvent = {
          type: 'updateOverdue',
          dueAt,
          text: `${record.number}: the stakeholder update due at ${dueAt} is overdue; ${snapshot.context.incidentManagerName ?? 'the incident manager'} is reminded`,
          actor: SYSTEM_ACTOR,
          at: isoNow(),
        };
        if (judgeMi(snapshot, event).allowed) await apply(event);
      }
    }
    if (mustContinueAsNew() && !isFinal()) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof majorIncidentWorkflow>({
        ...input,
        carried: { state: persistMi(snapshot), journal, notificationCount, version },
      });
    }
  }
  await condition(allHandlersFinished);
  return summary();
}
