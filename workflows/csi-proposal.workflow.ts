// One workflow per CSI change proposal; its id is the proposal number (CSI-000001). The machine
// decides, this workflow carries out: each command is an Update whose validator asks the machine
// (a refused command never enters history), the transition is applied, journal and reminders go
// to the read model through an activity, the stage is a search attribute, and two durable timers
// run: the stage reminder (a stage waiting longer than its policy reminds its owner, once) and
// the forum date of a deferred proposal.
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
import { addBusinessTime } from '../machines/calendar/business-calendar';
import {
  applyCsiEvent,
  CsiEffect,
  CsiSnapshot,
  judgeCsi,
  persistCsi,
  restoreCsi,
  stageOf,
  submitProposal,
} from '../machines/csi-proposal.law';
import { CSI_COMMANDS, CSI_STAGE_OWNERS, CsiEvent } from '../machines/csi-proposal.types';
import { COMMAND_REFUSED } from './ticket.messages';
import {
  csiCommandUpdates,
  CsiCommandMessage,
  CsiJournalEntry,
  CsiNotificationIntent,
  csiOpenedUpdate,
  CsiActivities,
  CsiProjection,
  CsiSearchAttributes,
  CsiSummary,
  csiViewQuery,
  CsiWorkflowInput,
} from './csi-proposal.messages';
import { isoNow, workflowNow } from './clock';

const { projectCsiProposal } = proxyActivities<CsiActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});


const refusal = (message: string, details: object) =>
  ApplicationFailure.create({ type: COMMAND_REFUSED, message, details: [details], nonRetryable: true });

export async function csiProposalWorkflow(input: CsiWorkflowInput): Promise<CsiSummary> {
  const { policy, record } = input;
  let snapshot: CsiSnapshot;
  let journal: CsiJournalEntry[] = input.carried?.journal ?? [];
  let notificationCount = input.carried?.notificationCount ?? 0;
  let version = input.carried?.version ?? 0;
  let commandsThisRun = 0;
  let opened = input.carried !== undefined;
  let openingEffects: CsiEffect[] = [];

  if (input.carried) snapshot = restoreCsi(input.carried.state);
  else [snapshot, openingEffects] = submitProposal({ proposerId: input.proposerId, createdBy: input.createdBy, at: record.createdAt });

  const isFinal = () => snapshot.status === 'done';

  /** When the current stage's owner is to be reminded: once per stage, after the policy's business time. */
  const remindsAt = (): number | null => {
    const { stageSince, stageEntry, remindedFor } = snapshot.context;
    if (isFinal() || CSI_STAGE_OWNERS[stageOf(snapshot)] === null || remindedFor === stageEntry) return null;
    return addBusinessTime(policy.calendar, stageSince, policy.reminderAfterMs).getTime();
  };
  const forumDateAt = (): number | null =>
    stageOf(snapshot) === 'deferred' && snapshot.context.forumDate ? Date.parse(snapshot.context.forumDate) : null;

  const summary = (): CsiSummary => {
    const at = remindsAt();
    return { number: record.number, stage: stageOf(snapshot), version, remindsAt: at === null ? null : new Date(at).toISOString() };
  };

  async function apply(event: CsiEvent): Promise<CsiSummary> {
    let effects: CsiEffect[];
    [snapshot, effects] = applyCsiEvent(snapshot, event);
    version += 1;
    const projection = project(effects, event.at);
    updateSearchAttributes();
    await projectCsiProposal(projection);
    return summary();
  }

  function project(effects: CsiEffect[], at: string): CsiProjection {
    const newEntries: CsiJournalEntry[] = [];
    const notifications: CsiNotificationIntent[] = [];
    for (const effect of effects) {
      if (effect.type === 'record') {
        if (!effect.params.text.trim()) continue;
        const entry: CsiJournalEntry = { seq: journal.length + 1, ...effect.params, at };
        journal = [...journal, entry];
        newEntries.push(entry);
      } else {
        notificationCount += 1;
        notifications.push({
          seq: notificationCount,
          ...effect.params,
          recipientId: effect.params.owner === 'proposer' ? snapshot.context.proposerId : null,
          at,
        });
      }
    }
    return { record: { ...record }, state: persistCsi(snapshot), version, updatedAt: at, newEntries, notifications };
  }

  let shownStage = '';
  function updateSearchAttributes(): void {
    const stage = stageOf(snapshot);
    if (stage === shownStage) return;
    shownStage = stage;
    upsertSearchAttributes([{ key: CsiSearchAttributes.stage, value: stage }]);
  }

  const stamp = (message: CsiCommandMessage): CsiEvent => ({ ...message, at: isoNow() }) as CsiEvent;

  function refuseUnlessAllowed(event: CsiEvent): void {
    const verdict = judgeCsi(snapshot, event);
    if (!verdict.allowed) throw refusal(verdict.message, verdict);
  }

  for (const type of CSI_COMMANDS) {
    setHandler(
      csiCommandUpdates[type],
      async (message: CsiCommandMessage) => {
        const event = stamp({ ...message, type } as CsiCommandMessage);
        refuseUnlessAllowed(event);
        commandsThisRun += 1;
        return apply(event);
      },
      { validator: (message: CsiCommandMessage) => refuseUnlessAllowed(stamp({ ...message, type } as CsiCommandMessage)) },
    );
  }
  setHandler(csiOpenedUpdate, async () => {
    await condition(() => opened);
    return summary();
  });
  setHandler(csiViewQuery, () => ({ summary: summary(), journal }));

  updateSearchAttributes();
  if (!opened) {
    await projectCsiProposal(project(openingEffects, record.createdAt));
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
      await continueAsNew<typeof csiProposalWorkflow>({
        ...input,
        carried: { state: persistCsi(snapshot), journal, notificationCount, version },
      });
    }
  }
  await condition(allHandlersFinished);
  return summary();

  function nextTimer(): { at: number; summary: string } | null {
    const candidates: Array<{ at: number; summary: string }> = [];
    const remind = remindsAt();
    if (remind !== null) candidates.push({ at: remind, summary: `stage reminder: ${stageOf(snapshot)}` });
    const forum = forumDateAt();
    if (forum !== null) candidates.push({ at: forum, summary: 'forum date' });
    return candidates.sort((a, b) => a.at - b.at)[0] ?? null;
  }

  async function fireDueTimers(): Promise<void> {
    const forum = forumDateAt();
    if (forum !== null && workflowNow() >= forum) {
      const event: CsiEvent = { type: 'forumDateReached', actor: SYSTEM_ACTOR, at: isoNow() };
      if (judgeCsi(snapshot, event).allowed) await apply(event);
    }
    const remind = remindsAt();
    if (remind !== null && workflowNow() >= remind) {
      const stage = stageOf(snapshot);
      const owner = CSI_STAGE_OWNERS[stage]!;
      const event: CsiEvent = {
        type: 'stageReminder',
        stage,
        owner,
        text: `${record.number} has waited in ${stage} since ${snapshot.context.stageSince}: ${OWNER_NAMES[owner]} is reminded`,
        actor: SYSTEM_ACTOR,
        at: isoNow(),
      };
      if (judgeCsi(snapshot, event).allowed) await apply(event);
    }
  }
}

const OWNER_NAMES = {
  processManager: 'process management',
  admin: 'ITSM system administration',
  csiForum: 'the CSI forum',
  proposer: 'the proposer',
} as const;
