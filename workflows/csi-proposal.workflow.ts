// One workflow per CSI change proposal; its id is the proposal number (CSI-000001). The machine
// decides, the process runtime carries out (workflows/runtime/process-runtime.ts): each command
// an Update, journal and reminders projected, the stage a search attribute, and two durable
// timers: the stage reminder (a stage waiting longer than its policy reminds its owner, once)
// and the forum date of a deferred proposal.
import { continueAsNew } from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '../machines/actor';
import { addBusinessTime } from '../machines/calendar/business-calendar';
import { CsiEffect, csiLaw, CsiSnapshot, PersistedCsiState, restoreCsi, submitProposal } from '../machines/csi-proposal.law';
import { CSI_STAGE_OWNERS, CsiEvent } from '../machines/csi-proposal.types';
import { isoNow, workflowNow } from './clock';
import {
  CsiActivities,
  CsiJournalEntry,
  CsiNotificationIntent,
  csiProcess,
  CsiProjection,
  CsiSearchAttributes,
  CsiSummary,
  CsiWorkflowInput,
} from './csi-proposal.messages';
import { processActivities } from './runtime/activities';
import { ProcessRuntime, Timer } from './runtime/process-runtime';

const activities = processActivities<CsiActivities>();

const OWNER_NAMES = {
  processManager: 'process management',
  admin: 'ITSM system administration',
  csiForum: 'the CSI forum',
  proposer: 'the proposer',
} as const;

class CsiProposalProcess extends ProcessRuntime<CsiSnapshot, CsiEvent, CsiEffect, PersistedCsiState, CsiSummary, CsiProjection> {
  constructor(private readonly input: CsiWorkflowInput) {
    super(csiLaw, input.carried, restoreCsi, () => submitProposal({ proposerId: input.proposerId, createdBy: input.createdBy, at: input.record.createdAt }), input.policy.maxCommandsPerRun, input);
  }

  private stage = () => csiLaw.stateOf(this.snapshot);

  /** When the current stage's owner is to be reminded: once per stage, after the policy's business time. */
  private remindsAt(): number | null {
    const { stageSince, stageEntry, remindedFor } = this.snapshot.context;
    if (this.isFinal() || CSI_STAGE_OWNERS[this.stage()] === null || remindedFor === stageEntry) return null;
    return addBusinessTime(this.input.policy.calendar, stageSince, this.input.policy.reminderAfterMs).getTime();
  }

  private forumDateAt(): number | null {
    const { forumDate } = this.snapshot.context;
    return this.stage() === 'deferred' && forumDate ? Date.parse(forumDate) : null;
  }

  summary(): CsiSummary {
    const at = this.remindsAt();
    return { number: this.input.record.number, stage: this.stage(), version: this.version, remindsAt: at === null ? null : new Date(at).toISOString() };
  }

  protected project(effects: CsiEffect[], at: string): CsiProjection {
    const newEntries: CsiJournalEntry[] = [];
    const notifications: CsiNotificationIntent[] = [];
    for (const effect of effects) {
      if (effect.type === 'notifyOwner') {
        const recipientId = effect.params.owner === 'proposer' ? this.snapshot.context.proposerId : null;
        notifications.push({ seq: this.nextNotificationSeq(), ...effect.params, recipientId, at });
      } else {
        const entry = this.journalLine(effect.params, at);
        if (entry) newEntries.push(entry);
      }
    }
    return { record: { ...this.input.record }, state: csiLaw.persist(this.snapshot), version: this.version, updatedAt: at, newEntries, notifications };
  }

  protected override nextTimer(): Timer | null {
    const candidates: Timer[] = [];
    const remind = this.remindsAt();
    if (remind !== null) candidates.push({ at: remind, summary: `stage reminder: ${this.stage()}` });
    const forum = this.forumDateAt();
    if (forum !== null) candidates.push({ at: forum, summary: 'forum date' });
    return candidates.sort((a, b) => a.at - b.at)[0] ?? null;
  }

  protected override async fireDueTimers(): Promise<void> {
    const forum = this.forumDateAt();
    if (forum !== null && workflowNow() >= forum) await this.applyIfAllowed({ type: 'forumDateReached', actor: SYSTEM_ACTOR, at: isoNow() });
    const remind = this.remindsAt();
    if (remind === null || workflowNow() < remind) return;
    const stage = this.stage();
    const owner = CSI_STAGE_OWNERS[stage]!;
    await this.applyIfAllowed({
      type: 'stageReminder',
      stage,
      owner,
      text: `${this.input.record.number} has waited in ${stage} since ${this.snapshot.context.stageSince}: ${OWNER_NAMES[owner]} is reminded`,
      actor: SYSTEM_ACTOR,
      at: isoNow(),
    });
  }

  protected projectActivity = (projection: Parameters<CsiActivities['projectCsiProposal']>[0]) => this.activities(activities).projectCsiProposal(projection);
  protected searchAttributes = () => [{ key: CsiSearchAttributes.stage, value: this.stage() }];
  protected carried = () => ({});
  protected createdAt = () => this.input.record.createdAt;
}

export async function csiProposalWorkflow(input: CsiWorkflowInput): Promise<CsiSummary> {
  const proposal = new CsiProposalProcess(input);
  proposal.registerHandlers(csiProcess);
  return proposal.run((carried) => continueAsNew<typeof csiProposalWorkflow>({ ...input, carried }));
}
