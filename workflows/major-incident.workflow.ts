// One workflow per major incident; its id is the MI number (MI-000001). The machine decides, the
// process runtime carries out (workflows/runtime/process-runtime.ts): each command an Update
// named `mi.<command>`, journal and notifications projected, the stage the `MiStage` search
// attribute, and a durable timer reminds the incident manager when a stakeholder update is
// overdue. The whole procedure, every reminder and update included, reads from the history.
// The review's timeline is the MI journal, which the projection writes into the review.
import { continueAsNew, ParentClosePolicy, setHandler, startChild } from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '../machines/actor';
import { MiEffect, miLaw, MiSnapshot, PersistedMiState, proposeMajorIncident, restoreMi } from '../machines/major-incident.law';
import { MiEvent } from '../machines/major-incident.types';
import { isoNow, workflowNow } from './clock';
import { bulkActionWorkflow } from './bulk-action.workflow';
import {
  cascadeFinishedSignal,
  cascadeIdOf,
  MiActivities,
  MiJournalEntry,
  MiNotificationIntent,
  miProcess,
  MiProjection,
  MiSearchAttributes,
  MiSummary,
  MiWorkflowInput,
} from './major-incident.messages';
import { processActivities } from './runtime/activities';
import { ProcessRuntime, Timer } from './runtime/process-runtime';

const activities = processActivities<MiActivities>();

class MajorIncidentProcess extends ProcessRuntime<MiSnapshot, MiEvent, MiEffect, PersistedMiState, MiSummary, MiProjection> {
  constructor(private readonly input: MiWorkflowInput) {
    super(miLaw, input.carried, restoreMi, () =>
      proposeMajorIncident({ proposedBy: input.proposedBy, reason: input.reason, stakeholderIds: input.stakeholderIds, at: input.record.createdAt }),
    input.policy.maxCommandsPerRun, input);
  }

  /** When the next stakeholder update is due while active: N after activation or the last update. */
  private updateDueAt(): number | null {
    const c = this.snapshot.context;
    if (miLaw.stateOf(this.snapshot) !== 'active') return null;
    const since = c.lastUpdateAt ?? c.activeSince;
    return since ? Date.parse(since) + this.input.policy.updateEveryMs : null;
  }

  private remindAt(): number | null {
    const due = this.updateDueAt();
    return due === null || this.snapshot.context.remindedFor === new Date(due).toISOString() ? null : due;
  }

  summary(): MiSummary {
    const due = this.updateDueAt();
    return {
      number: this.input.record.number,
      stage: miLaw.stateOf(this.snapshot),
      version: this.version,
      children: this.snapshot.context.children,
      updateDueAt: due === null ? null : new Date(due).toISOString(),
    };
  }

  protected project(effects: MiEffect[], at: string): MiProjection {
    const newEntries: MiJournalEntry[] = [];
    const notifications: MiNotificationIntent[] = [];
    for (const effect of effects) {
      if (effect.type === 'notify') notifications.push({ seq: this.nextNotificationSeq(), ...effect.params, at });
      else {
        const entry = this.journalLine(effect.params, at);
        if (entry) newEntries.push(entry);
      }
    }
    return { record: { ...this.input.record }, state: miLaw.persist(this.snapshot), version: this.version, updatedAt: at, newEntries, notifications };
  }

  /** The review's timeline is the journal before it: the projection reads it from the read model. */
  protected override stamp(type: string, message: object): MiEvent {
    const event = super.stamp(type, message);
    return event.type === 'recordReview' ? { ...event, journalCount: this.journalCount } : event;
  }

  protected override nextTimer(): Timer | null {
    const at = this.remindAt();
    return at === null ? null : { at, summary: 'stakeholder update due' };
  }

  protected override async fireDueTimers(): Promise<void> {
    const due = this.remindAt();
    if (due === null || workflowNow() < due) return;
    const dueAt = new Date(due).toISOString();
    const manager = this.snapshot.context.incidentManagerName ?? 'the incident manager';
    await this.applyIfAllowed({
      type: 'updateOverdue',
      dueAt,
      text: `${this.input.record.number}: the stakeholder update due at ${dueAt} is overdue; ${manager} is reminded`,
      actor: SYSTEM_ACTOR,
      at: isoNow(),
    });
  }

  /**
   * Resolving starts the cascade (issue 15, item 3): a workflow of its own resolves every linked
   * incident, so neither an API process nor this run dying half-way leaves children open with
   * nothing retrying. It outlives this workflow if need be. Resolutions before the patch were
   * cascaded by the API and replay without it.
   */
  protected override async afterCommand(event: MiEvent): Promise<void> {
    if (event.type !== 'resolve' || !this.isPatched('mi-cascade-workflow')) return;
    const c = this.snapshot.context;
    if (!c.children.length) return;
    await startChild(bulkActionWorkflow, {
      workflowId: cascadeIdOf(this.input.record.number),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{
        id: cascadeIdOf(this.input.record.number),
        command: { type: 'resolveWithMajorIncident', miNumber: this.input.record.number, resolution: c.resolution ?? '', teamId: c.teamId, teamName: c.teamName },
        actor: event.actor,
        numbers: c.children,
        majorIncident: this.input.record.number,
      }],
    });
    // Since this patch the MI knows its cascade runs, and closes only after its report.
    if (this.isPatched('mi-cascade-reported')) {
      await this.applyIfAllowed({ type: 'cascadeStarted', cascadeId: cascadeIdOf(this.input.record.number), children: c.children.length, actor: SYSTEM_ACTOR, at: isoNow() });
    }
  }

  /** The cascade's report: journaled, and the incident manager told what stays open. */
  listenToCascade(): void {
    setHandler(cascadeFinishedSignal, async (report) => {
      await this.applyIfAllowed({ type: 'cascadeFinished', ...report, actor: SYSTEM_ACTOR, at: isoNow() });
    });
  }

  protected projectActivity = (projection: Parameters<MiActivities['projectMajorIncident']>[0]) => this.activities(activities).projectMajorIncident(projection);
  protected searchAttributes = () => [{ key: MiSearchAttributes.stage, value: miLaw.stateOf(this.snapshot) }];
  protected carried = () => ({});
  protected createdAt = () => this.input.record.createdAt;
}

export async function majorIncidentWorkflow(input: MiWorkflowInput): Promise<MiSummary> {
  const mi = new MajorIncidentProcess(input);
  mi.registerHandlers(miProcess);
  mi.listenToCascade();
  return mi.run((carried) => continueAsNew<typeof majorIncidentWorkflow>({ ...input, carried }));
}
