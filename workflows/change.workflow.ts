// One workflow per change; its id is the change number (CHG-000001). The machine decides, the
// process runtime carries out (workflows/runtime/process-runtime.ts): each command an Update,
// journal and notifications projected, the stage the `ChangeStage` search attribute, and two
// durable timers: the window's start (scheduled -> ready to implement) and its overrun (the end
// passed while still implementing: journaled and notified).
import { continueAsNew } from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '../machines/actor';
import { ChangeEffect, changeLaw, ChangeSnapshot, PersistedChangeState, restoreChange, submitChange } from '../machines/change.law';
import { ChangeEvent } from '../machines/change.types';
import {
  ChangeActivities,
  ChangeJournalEntry,
  ChangeNotificationIntent,
  changeProcess,
  ChangeProjection,
  ChangeSearchAttributes,
  ChangeSummary,
  ChangeWorkflowInput,
} from './change.messages';
import { isoNow, workflowNow } from './clock';
import { processActivities } from './runtime/activities';
import { ProcessRuntime, Timer } from './runtime/process-runtime';

const activities = processActivities<ChangeActivities>();

class ChangeProcess extends ProcessRuntime<ChangeSnapshot, ChangeEvent, ChangeEffect, PersistedChangeState, ChangeSummary, ChangeProjection> {
  constructor(private readonly input: ChangeWorkflowInput) {
    super(changeLaw, input.carried, restoreChange, () =>
      submitChange({
        changeType: input.record.changeType,
        requesterId: input.requesterId,
        templateId: input.record.templateId,
        authority: input.authority,
        assessment: input.assessment,
        problemNumbers: input.problemNumbers,
        incidentNumbers: input.incidentNumbers,
        createdBy: input.createdBy,
        at: input.record.createdAt,
      }),
    input.policy.maxCommandsPerRun, input);
  }

  private stage = () => changeLaw.stateOf(this.snapshot);

  summary(): ChangeSummary {
    return { number: this.input.record.number, stage: this.stage(), version: this.version };
  }

  protected project(effects: ChangeEffect[], at: string): ChangeProjection {
    const newEntries: ChangeJournalEntry[] = [];
    const notifications: ChangeNotificationIntent[] = [];
    const c = this.snapshot.context;
    for (const effect of effects) {
      if (effect.type === 'notify') {
        // The requester, and every approver named on the change.
        const recipientIds = [...new Set([c.requesterId, ...c.authority.approverIds])];
        notifications.push({ seq: this.nextNotificationSeq(), ...effect.params, recipientIds, at });
      } else {
        const entry = this.journalLine(effect.params, at);
        if (entry) newEntries.push(entry);
      }
    }
    return { record: { ...this.input.record }, state: changeLaw.persist(this.snapshot), version: this.version, updatedAt: at, newEntries, notifications };
  }

  protected override nextTimer(): Timer | null {
    const { windowStart, windowEnd, overrunAt } = this.snapshot.context;
    if (this.stage() === 'scheduled' && windowStart) return { at: Date.parse(windowStart), summary: 'change window start' };
    if (this.stage() === 'implementing' && windowEnd && overrunAt === null) return { at: Date.parse(windowEnd), summary: 'change window overrun' };
    return null;
  }

  protected override async fireDueTimers(): Promise<void> {
    const { windowStart, windowEnd } = this.snapshot.context;
    const stage = this.stage();
    if (stage === 'scheduled' && windowStart && workflowNow() >= Date.parse(windowStart)) {
      await this.applyIfAllowed({ type: 'windowStarted', actor: SYSTEM_ACTOR, at: isoNow() });
    }
    if (stage === 'implementing' && windowEnd && workflowNow() >= Date.parse(windowEnd)) {
      await this.applyIfAllowed({
        type: 'windowOverrun',
        text: `${this.input.record.number} overran its window: it ended ${windowEnd} and the change is still being implemented`,
        actor: SYSTEM_ACTOR,
        at: isoNow(),
      });
    }
  }

  protected projectActivity = (projection: Parameters<ChangeActivities['projectChange']>[0]) => this.activities(activities).projectChange(projection);
  protected searchAttributes = () => [{ key: ChangeSearchAttributes.stage, value: this.stage() }];
  protected carried = () => ({});
  protected createdAt = () => this.input.record.createdAt;
}

export async function changeWorkflow(input: ChangeWorkflowInput): Promise<ChangeSummary> {
  const change = new ChangeProcess(input);
  change.registerHandlers(changeProcess);
  return change.run((carried) => continueAsNew<typeof changeWorkflow>({ ...input, carried }));
}
