// The ticket as a process on the shared runtime (workflows/runtime/process-runtime.ts): what is
// the ticket's own is here: SLA clocks and their warnings and breaches, the auto-close deadline,
// routing to the requester's primary team, automatic assignment and absence alerts after a
// dispatch, tasks split off as workflows of their own, and the admin's SLA recalculation.
// The pure parts (names and counters, notification timing, task input) are in ticket.projection.ts.
import { getExternalWorkflowHandle, ParentClosePolicy, setHandler, startChild } from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '../machines/actor';
import {
  alertText,
  describeClock,
  markRaised,
  nextSlaEvent,
  openSla,
  raisedPriority,
  retarget,
  slaAfter,
  SlaEvent,
  TicketMoment,
  TicketSla,
} from '../machines/sla/ticket-sla';
import { openTicket, PersistedTicketState, restoreTicket, TicketEffect, ticketLaw, TicketSnapshot } from '../machines/ticket.law';
import type { SlaPolicy } from '../machines/sla/sla-policy';
import { annulmentText, annulStaleAlerts } from '../machines/sla/policy-change';
import type { TaskToStart, TicketCommandType, TicketEvent } from '../machines/ticket.types';
import { afterBusinessDays, ALWAYS_OPEN } from '../machines/calendar/business-calendar';
import { isoNow, workflowNow } from './clock';
import { processActivities } from './runtime/activities';
import { ProcessRuntime, refusal, Timer, withoutPrecondition } from './runtime/process-runtime';
import {
  JournalEntry,
  NotificationIntent,
  recalculateSlaUpdate,
  systemEventUpdate,
  TicketActivities,
  TicketProjection,
  TicketSearchAttributes,
  TicketSummary,
  taskStatusSignal,
  TicketWorkflowInput,
  type PendingWait,
  type PriorityReassessment,
} from './ticket.messages';
import { CountedRecord, describeChange, notificationIntent, reachesUser, recalculationText, searchAttributeValues, taskInput } from './ticket.projection';
import { projectSla } from './ticket.sla-projection';

const activities = processActivities<TicketActivities>();

export class TicketProcess extends ProcessRuntime<TicketSnapshot, TicketEvent, TicketEffect, PersistedTicketState, TicketSummary, TicketProjection> {
  record: CountedRecord;
  /** Tickets opened before the SLA engine carry no policy and run as they always did. */
  private sla: TicketSla | null;

  constructor(private readonly input: TicketWorkflowInput) {
    const { policy } = input;
    const record = { handovers: 0, reopens: 0, ...input.record };
    super(ticketLaw, input.carried, restoreTicket, () =>
      openTicket({
        type: input.type,
        priority: record.priority,
        rulesVersion: input.rulesVersion,
        parentNumber: record.parentNumber ?? null,
        categoryId: record.categoryId,
        requiredQuestions: input.requiredQuestions,
        ...(input.intake ? { intake: input.intake } : {}),
        requesterId: input.requesterId,
        requiresApproval: policy.requiresApproval,
        createdBy: input.createdBy,
        at: record.createdAt,
      }),
    policy.maxCommandsPerRun, input);
    this.record = record;
    this.sla = input.carried?.sla ?? (input.sla ? openSla(input.sla.policy, input.sla.requestKind, record.priority, record.createdAt) : null);
  }

  private status = () => ticketLaw.stateOf(this.snapshot);
  private context = () => this.snapshot.context;

  private moment(): TicketMoment {
    return { status: this.status(), updateFlag: this.context().updateFlag, priority: this.context().priority ?? this.record.priority };
  }

  private closesAt(): number | null {
    const { resolvedAt } = this.context();
    return this.status() === 'Resolved' && resolvedAt ? Date.parse(resolvedAt) + this.input.policy.autoCloseAfterMs : null;
  }

  summary(): TicketSummary {
    const deadline = this.closesAt();
    return {
      number: this.record.number,
      status: this.status(),
      type: this.context().type,
      version: this.version,
      closesAt: deadline === null ? null : new Date(deadline).toISOString(),
    };
  }

  override async apply(event: TicketEvent): Promise<TicketSummary> {
    const before = this.moment();
    const assigneeBefore = this.context().assigneeId;
    const teamBefore = this.context().teamId;
    const effects = this.transition(event);
    const after = this.moment();
    this.record = describeChange(this.record, { event, before, after, assigneeBefore, teamBefore, context: this.context(), priorityNames: this.sla?.policy.priorityNames });
    if (this.sla) {
      this.sla = slaAfter(this.sla, before, after, event);
      // An agent's override re-targets the clocks; a breach that raises priority does not
      // (the clock that breached would only breach again).
      if (event.type === 'overridePriority') this.sla = retarget(this.sla, this.sla.policy, after.priority);
    }
    await this.commit(effects, event.at);
    if (this.record.parentNumber && before.status !== after.status) await this.tellParent(after.status);
    return this.summary();
  }

  protected project(effects: TicketEffect[], at: string): TicketProjection {
    const newEntries: JournalEntry[] = [];
    const pins: TicketProjection['pins'] = [];
    const notifications: NotificationIntent[] = [];
    const timeEntries: TicketProjection['timeEntries'] = [];
    for (const effect of effects) {
      if (effect.type === 'record') {
        // A record with nothing to say (e.g. no handover note on a first dispatch) is not journaled.
        const entry = this.journalLine({ ...effect.params }, at);
        if (entry) newEntries.push({ ...entry, pinned: false });
      } else if (effect.type === 'pin') {
        pins.push(effect.params);
      } else if (effect.type === 'logTime') {
        timeEntries.push({ ...effect.params, requesterId: this.context().requesterId, at });
      } else if (reachesUser(this.record, effect.params)) {
        notifications.push(notificationIntent(effect.params, this.nextNotificationSeq(), at, this.context(), this.sla));
      }
    }
    const deadline = this.closesAt();
    return {
      record: { ...this.record },
      sla: this.sla ? projectSla(this.sla) : null,
      state: ticketLaw.persist(this.snapshot),
      version: this.version,
      closesAt: deadline === null ? null : new Date(deadline).toISOString(),
      updatedAt: at,
      newEntries,
      pins,
      notifications,
      timeEntries,
    };
  }

  protected projectActivity = (projection: TicketProjection) => this.activities(activities).projectTicket(projection);
  protected override async projectOpening(steps: TicketProjection[]): Promise<void> {
    await this.activities(activities).projectTicketSteps(steps);
  }
  protected createdAt = () => this.record.createdAt;
  protected carried = () => ({ sla: this.sla });

  protected searchAttributes() {
    const values = searchAttributeValues(this.record, this.context(), this.status(), this.sla);
    return Object.entries(values).map(([name, value]) => ({
      key: TicketSearchAttributes[name as keyof typeof TicketSearchAttributes],
      value,
    })) as ReturnType<ProcessRuntime<TicketSnapshot, TicketEvent, TicketEffect, PersistedTicketState, TicketSummary, TicketProjection>['searchAttributes']>;
  }

  override refuseUnlessAllowed(event: TicketEvent): void {
    if (event.type === 'pinNote' || event.type === 'unpinNote') {
      // Journal entries are numbered 1, 2, … without gaps: the workflow knows how many there are.
      if (!Number.isInteger(event.seq) || event.seq < 1 || event.seq > this.journalCount) {
        const message = `journal entry ${event.seq} does not exist`;
        throw refusal(message, { allowed: false, code: 'notFound', field: 'seq', message });
      }
    }
    if (event.type === 'overridePriority' && this.sla && !this.sla.policy.targets[event.priority]) {
      const message = `priority ${event.priority} is not defined by SLA policy ${this.sla.policy.code}`;
      throw refusal(message, { allowed: false, code: 'ruleBroken', field: 'priority', message });
    }
    super.refuseUnlessAllowed(event);
  }

  /** The ticket's own messages: the admin's SLA recalculation and its tasks' status signals. */
  registerTicketHandlers(): void {
    setHandler(
      recalculateSlaUpdate,
      async ({ actor, policy: newer, reassessed }) => {
        const earlier = this.answeredBefore();
        if (earlier) return earlier.result;
        const at = isoNow();
        this.refuseRecalculation(actor, at, newer, reassessed);
        const previous = this.sla!;
        this.sla = retarget(previous, newer, reassessed?.priority ?? this.context().priority);
        this.commandsThisRun += 1;
        if (reassessed) await this.apply({ type: 'overridePriority', priority: reassessed.priority, text: reassessed.text, actor, at });
        // Since this patch, a warning or breach the new policy no longer holds is annulled, with an
        // audit line (issue 15, item 2); recalculations recorded before kept them, and replay so.
        const { sla, annulled } = this.isPatched('sla-annul-stale-alerts') ? annulStaleAlerts(this.sla, at) : { sla: this.sla, annulled: [] };
        this.sla = sla;
        const text = [recalculationText(previous, this.sla), annulmentText(annulled)].filter(Boolean).join('; ');
        return this.remember(await this.apply({ type: 'recalculateSla', text, actor, at }));
      },
      { validator: ({ actor, policy, reassessed }) => (this.answeredBefore() ? undefined : this.refuseRecalculation(actor, isoNow(), policy, reassessed)) },
    );
    // The mail's events (undelivered notification, a CC's or automatic mail): a handler only, so
    // histories recorded before it replay unchanged.
    setHandler(
      systemEventUpdate,
      async (message) => {
        const earlier = this.answeredBefore();
        if (earlier) return earlier.result;
        this.refuseIfStale(message);
        const event = this.stamp(message.type, withoutPrecondition(message));
        this.refuseUnlessAllowed(event);
        this.commandsThisRun += 1;
        await this.apply(event);
        return this.remember(this.summary());
      },
      {
        // A cascade sends the version it planned on: a child that moved since is left as it is.
        validator: (message) => {
          if (this.answeredBefore()) return;
          this.refuseIfStale(message);
          this.refuseUnlessAllowed(this.stamp(message.type, withoutPrecondition(message)));
        },
      },
    );
    setHandler(taskStatusSignal, async ({ number, status }) => {
      await this.applyIfAllowed({ type: 'taskStatusChanged', number, status, actor: SYSTEM_ACTOR, at: isoNow() });
    });
  }

  private refuseRecalculation(actor: TicketEvent['actor'], at: string, newer: SlaPolicy, reassessed?: PriorityReassessment): void {
    if (!this.sla) {
      const message = 'this ticket was opened before SLA policies and has no clocks';
      throw refusal(message, { allowed: false, code: 'notAllowedNow', message, allowedCommands: [] });
    }
    this.refuseUnlessAllowed({ type: 'recalculateSla', text: 'recalculate', actor, at });
    const priority = reassessed?.priority ?? this.context().priority;
    if (!newer.targets[priority]) {
      const message = `SLA policy ${newer.code} v${newer.version} has no level ${priority}`;
      throw refusal(message, { allowed: false, code: 'ruleBroken', field: 'priority', message });
    }
    // The override is judged by the machine like an agent's (a ticket locked by another agent refuses it).
    if (reassessed) {
      const verdict = this.law.judge(this.snapshot, { type: 'overridePriority', priority: reassessed.priority, text: reassessed.text, actor, at });
      if (!verdict.allowed) throw refusal(verdict.message, verdict);
    }
  }

  protected override async afterOpening(): Promise<void> {
    if (this.sla?.onCall) await this.raise({ clock: 'firstResponse', kind: 'breach', at: new Date(this.record.createdAt) }, 'onCall');
    if (this.input.routeTo) await this.route(this.input.routeTo);
  }

  protected override async afterCommand(event: TicketEvent): Promise<void> {
    if (event.type === 'split') await this.startTasks(event.tasks, event.actor);
    await this.followUp(event);
  }

  /** Seed 000, principle 3: the requester's primary team receives the ticket. */
  private async route(team: NonNullable<TicketWorkflowInput['routeTo']>): Promise<void> {
    const event: TicketEvent = { type: 'assignToTeam', ...team, actor: SYSTEM_ACTOR, at: isoNow() };
    if (await this.applyIfAllowed(event)) await this.followUp(event);
  }

  /**
   * What a dispatch sets off (issue 4): automatic assignment in teams that want it, and an alert
   * to the dispatcher when the ticket meets an absent agent. Asked of the read model through
   * activities; `patched` keeps tickets that ran before this replaying as they ran.
   */
  private async followUp(event: TicketEvent): Promise<void> {
    if ((this.context().rulesVersion ?? 1) < 2 || !this.isPatched('dispatch-follow-ups')) return;
    const { teamId, assigneeId } = this.context();
    if ((event.type === 'assignToTeam' || event.type === 'escalate') && event.autoAssign && teamId && assigneeId === null) {
      const agent = await this.activities(activities).chooseAgent(teamId, isoNow());
      if (agent) {
        await this.applyIfAllowed({ type: 'assignToAgent', agentId: agent.id, agentName: agent.name, agentTeamIds: [teamId], actor: SYSTEM_ACTOR, at: isoNow() });
      }
      return;
    }
    const watched =
      event.type === 'assignToAgent' ? { agentId: event.agentId, agentName: event.agentName, cause: 'assigned' as const }
      : event.type === 'reply' && assigneeId ? { agentId: assigneeId, agentName: this.record.assigneeName ?? assigneeId, cause: 'userUpdate' as const }
      : null;
    if (!watched) return;
    const absence = await this.activities(activities).absenceOf(watched.agentId, isoNow());
    if (!absence) return;
    await this.applyIfAllowed({ type: 'absenceNoticed', ...watched, until: absence.until, autoReply: absence.autoReply, actor: SYSTEM_ACTOR, at: isoNow() });
  }

  /** A task keeps the ticket it was split off informed: the parent shows it and waits for it. */
  private async tellParent(status: TicketMoment['status']): Promise<void> {
    try {
      await getExternalWorkflowHandle(this.record.parentNumber!).signal(taskStatusSignal, { number: this.record.number, status });
    } catch {
      // The parent has closed (all its tasks were done then); a task reopened later goes on alone.
    }
  }

  /** Each task of a split is a ticket workflow of its own; it outlives a parent run that continues as new or closes. */
  private async startTasks(tasks: TaskToStart[], by: TicketEvent['actor']): Promise<void> {
    for (const task of tasks) {
      await startChild('ticketWorkflow', {
        workflowId: task.number,
        args: [taskInput(this.input, this.record, this.context(), task, by, isoNow())],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    }
  }

  /**
   * Pending on the user under a pending policy: when the reminder and the closing fall due, counted
   * from the moment the ticket was set Pending, in business days of the SLA calendar. `patched`
   * keeps tickets that waited before the policy replaying as they ran.
   */
  private pendingDue(): { remindAt: number | null; closeAt: number } | null {
    const { pendingReason, pendingSince, pendingRemindedAt } = this.context();
    const policy = this.input.policy.pending;
    if (this.status() !== 'Pending' || pendingReason !== 'awaitingUser' || !pendingSince || !policy || !this.isPatched('pending-policy')) return null;
    const calendar = this.sla?.calendar ?? ALWAYS_OPEN;
    const after = (wait: PendingWait) =>
      'ms' in wait ? Date.parse(pendingSince) + wait.ms : afterBusinessDays(calendar, pendingSince, wait.businessDays).getTime();
    return { remindAt: pendingRemindedAt ? null : after(policy.remindAfter), closeAt: after(policy.closeAfter) };
  }

  /** The earliest of the auto-close deadline, the pending policy's reminder and closing, and the next SLA warning or breach. */
  protected override nextTimer(): Timer | null {
    const candidates: Timer[] = [];
    const close = this.closesAt();
    if (close !== null) candidates.push({ at: close, summary: 'auto-close' });
    const pending = this.pendingDue();
    if (pending?.remindAt) candidates.push({ at: pending.remindAt, summary: 'pending: remind the user' });
    if (pending) candidates.push({ at: pending.closeAt, summary: 'pending: close unanswered' });
    const slaEvent = this.sla ? nextSlaEvent(this.sla) : null;
    if (slaEvent) candidates.push({ at: slaEvent.at.getTime(), summary: `SLA ${slaEvent.kind}: ${describeClock(slaEvent.clock)}` });
    return candidates.sort((a, b) => a.at - b.at)[0] ?? null;
  }

  protected override async fireDueTimers(): Promise<void> {
    const close = this.closesAt();
    if (close !== null && workflowNow() >= close) await this.applyIfAllowed({ type: 'autoClose', actor: SYSTEM_ACTOR, at: isoNow() });
    const pending = this.pendingDue();
    if (pending?.remindAt && workflowNow() >= pending.remindAt) await this.applyIfAllowed({ type: 'pendingReminder', actor: SYSTEM_ACTOR, at: isoNow() });
    if (pending && workflowNow() >= pending.closeAt) {
      await this.applyIfAllowed({ type: 'pendingExpired', text: `no answer ${describeWait(this.input.policy.pending!.closeAfter)} after it was set Pending`, actor: SYSTEM_ACTOR, at: isoNow() });
    }
    for (let due = this.sla ? nextSlaEvent(this.sla) : null; this.sla && due && due.at.getTime() <= workflowNow(); due = nextSlaEvent(this.sla)) {
      await this.raise(due, due.kind);
    }
  }

  /** Journals and escalates one SLA event; marked first, so it is raised exactly once. */
  private async raise(event: SlaEvent, kind: 'warning' | 'breach' | 'onCall'): Promise<void> {
    const current = this.sla!;
    if (kind !== 'onCall') this.sla = markRaised(current, event, isoNow());
    const raiseTo =
      kind === 'breach' && event.clock === 'resolution' && current.policy.raisePriorityOnBreach
        ? raisedPriority(current.policy, this.context().priority)
        : undefined;
    const text =
      kind === 'onCall'
        ? `Reported outside office hours with priority ${this.record.priority}: the on-call service (${current.policy.onCall?.contact}) is alerted and the clocks run 24x7`
        : alertText(current, event) + (raiseTo ? `; priority raised to ${raiseTo}` : '');
    await this.applyIfAllowed({ type: 'slaAlert', kind, clock: event.clock, text, raiseTo, actor: SYSTEM_ACTOR, at: isoNow() });
  }
}

/** How a wait reads in the journal. */
const describeWait = (wait: PendingWait): string =>
  'ms' in wait ? `${Math.round(wait.ms / 1000)} s` : `${wait.businessDays} business day${wait.businessDays === 1 ? '' : 's'}`;

export type { TicketCommandType };
