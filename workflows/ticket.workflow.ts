// One workflow per ticket; its id is the ticket number. The machine decides, this workflow
// carries out: it validates each command against the machine (a refused command never enters
// history), applies the transition, moves the SLA clocks, records journal and notifications
// through an activity, keeps the auto-close and SLA timers and the search attributes in step,
// and continues as new before its history grows too large.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '../machines/actor';
import { isBusinessTime, nextBusinessStart } from '../machines/calendar/business-calendar';
import { DEFAULT_PRIORITY_MATRIX } from '../machines/priority';
import { deadlineOf } from '../machines/sla/sla-clock';
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
  slaSummary,
  TicketMoment,
  TicketSla,
} from '../machines/sla/ticket-sla';
import {
  applyTicketEvent,
  judge,
  openTicket,
  persistTicket,
  restoreTicket,
  statusOf,
  TicketEffect,
  TicketSnapshot,
} from '../machines/ticket.law';
import { NotifyEffect, TaskToStart, TICKET_COMMANDS, TicketCommandType, TicketEvent } from '../machines/ticket.types';
import {
  COMMAND_REFUSED,
  JournalEntry,
  NotificationIntent,
  openedUpdate,
  recalculateSlaUpdate,
  TicketActivities,
  TicketCommandMessage,
  ticketCommandUpdates,
  TicketProjection,
  TicketSearchAttributes,
  TicketSummary,
  taskStatusSignal,
  ticketViewQuery,
  TicketWorkflowInput,
} from './ticket.messages';
import { projectSla } from './ticket.sla-projection';
import { isoNow, workflowNow } from './clock';

const { projectTicket, absenceOf, chooseAgent } = proxyActivities<TicketActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});


const refusal = (message: string, details: object) =>
  ApplicationFailure.create({ type: COMMAND_REFUSED, message, details: [details], nonRetryable: true });

export async function ticketWorkflow(input: TicketWorkflowInput): Promise<TicketSummary> {
  const { policy } = input;
  const record = { handovers: 0, reopens: 0, ...input.record };
  let snapshot: TicketSnapshot;
  let journal: JournalEntry[] = input.carried?.journal ?? [];
  let notificationCount = input.carried?.notificationCount ?? 0;
  let version = input.carried?.version ?? 0;
  // Tickets opened before the SLA engine carry no policy and run as they always did.
  let sla: TicketSla | null =
    input.carried?.sla ?? (input.sla ? openSla(input.sla.policy, input.sla.requestKind, record.priority, record.createdAt) : null);
  let commandsThisRun = 0;
  let opened = input.carried !== undefined;
  let openingEffects: TicketEffect[] = [];

  if (input.carried) {
    snapshot = restoreTicket(input.carried.state);
  } else {
    [snapshot, openingEffects] = openTicket({
      type: input.type,
      priority: record.priority,
      rulesVersion: input.rulesVersion,
      parentNumber: record.parentNumber ?? null,
      categoryId: record.categoryId,
      requiredQuestions: input.requiredQuestions,
      requesterId: input.requesterId,
      requiresApproval: policy.requiresApproval,
      createdBy: input.createdBy,
      at: record.createdAt,
    });
  }

  const isClosed = () => snapshot.status === 'done';
  const moment = (): TicketMoment => ({
    status: statusOf(snapshot),
    updateFlag: snapshot.context.updateFlag,
    priority: snapshot.context.priority ?? record.priority,
  });
  const closesAt = (): number | null =>
    statusOf(snapshot) === 'Resolved' && snapshot.context.resolvedAt
      ? Date.parse(snapshot.context.resolvedAt) + policy.autoCloseAfterMs
      : null;
  const summary = (): TicketSummary => {
    const deadline = closesAt();
    return {
      number: record.number,
      status: statusOf(snapshot),
      type: snapshot.context.type,
      version,
      closesAt: deadline === null ? null : new Date(deadline).toISOString(),
    };
  };

  /** Applies an event the machine has accepted: state first (synchronously), then the read model. */
  async function apply(event: TicketEvent): Promise<TicketSummary> {
    const before = moment();
    const assigneeBefore = snapshot.context.assigneeId;
    const teamBefore = snapshot.context.teamId;
    let effects: TicketEffect[];
    [snapshot, effects] = applyTicketEvent(snapshot, event);
    version += 1;
    const after = moment();
    describeChange(event, before, after, assigneeBefore, teamBefore);
    if (sla) {
      sla = slaAfter(sla, before, after, event);
      // An agent's override re-targets the clocks; a breach that raises priority does not
      // (the clock that breached would only breach again).
      if (event.type === 'overridePriority') sla = retarget(sla, sla.policy, after.priority);
    }
    const projection = project(effects, event.at);
    updateSearchAttributes();
    await projectTicket(projection);
    if (record.parentNumber && before.status !== after.status) await tellParent(after.status);
    return summary();
  }

  /** A task keeps the ticket it was split off informed: the parent shows it and waits for it. */
  async function tellParent(status: TicketMoment['status']): Promise<void> {
    try {
      await getExternalWorkflowHandle(record.parentNumber!).signal(taskStatusSignal, { number: record.number, status });
    } catch {
      // The parent has closed (all its tasks were done then); a task reopened later goes on alone.
    }
  }

  /** Each task of a split is a ticket workflow of its own, routed to its team. */
  async function startTasks(tasks: TaskToStart[], by: TicketEvent['actor']): Promise<void> {
    for (const task of tasks) {
      const taskInput: TicketWorkflowInput = {
        type: snapshot.context.type,
        requesterId: snapshot.context.requesterId,
        createdBy: by,
        policy: input.policy,
        sla: input.sla,
        rulesVersion: 2,
        routeTo: { teamId: task.teamId, teamName: task.teamName, teamLine: task.teamLine ?? 1, autoAssign: task.autoAssign ?? false },
        record: {
          ...record,
          number: task.number,
          title: task.title,
          description: task.description ?? task.title,
          teamName: null,
          assigneeName: null,
          handovers: 0,
          reopens: 0,
          updateFlagSince: null,
          parentNumber: record.number,
          createdAt: isoNow(),
        },
      };
      await startChild(ticketWorkflow, {
        workflowId: task.number,
        args: [taskInput],
        // A task lives its own life: it outlives a parent run that continues as new or closes.
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    }
  }

  /** Keeps the names, priority and counters shown in lists, reports and the Temporal UI in step. */
  function describeChange(event: TicketEvent, before: TicketMoment, after: TicketMoment, assigneeBefore: string | null, teamBefore: string | null): void {
    if (event.type === 'assignToTeam' || event.type === 'escalate') {
      record.teamName = event.teamName;
      if (teamBefore !== null) record.handovers += 1;
    }
    if (event.type === 'returnToOrigin') record.teamName = snapshot.context.teamName ?? record.teamName;
    if (event.type === 'setCategory') {
      record.categoryId = event.categoryId;
      record.categoryName = event.categoryName;
    }
    if (before.updateFlag !== after.updateFlag) record.updateFlagSince = after.updateFlag ? event.at : null;
    if (before.status === 'Resolved' && after.status === 'InProgress') record.reopens += 1;
    if (after.priority !== record.priority) {
      record.priority = after.priority;
      record.priorityName = DEFAULT_PRIORITY_MATRIX.levels.find((l) => l.code === after.priority)?.name ?? after.priority;
    }
    const assignee = snapshot.context.assigneeId;
    if (assignee === assigneeBefore) return;
    if (assignee === null) record.assigneeName = null;
    else if (event.type === 'assignToAgent') record.assigneeName = event.agentName;
    else record.assigneeName = event.actor.name ?? event.actor.id;
  }

  function notificationOf(effect: NotifyEffect, at: string): NotificationIntent {
    notificationCount += 1;
    const recipientId =
      effect.audience === 'requester' ? snapshot.context.requesterId : effect.audience === 'onCall' ? sla?.policy.onCall?.contact ?? null : null;
    // Issue "SLA engine": no team mails at midnight unless the service runs 24x7 or on call.
    const waits = effect.audience === 'team' && sla !== null && !sla.onCall && !isBusinessTime(sla.calendar, at);
    return {
      seq: notificationCount,
      ...effect,
      recipientId,
      teamId: snapshot.context.teamId,
      at,
      deliverAfter: waits ? nextBusinessStart(sla!.calendar, at).toISOString() : at,
    };
  }

  function project(effects: TicketEffect[], at: string): TicketProjection {
    const newEntries: JournalEntry[] = [];
    const pins: TicketProjection['pins'] = [];
    const notifications: NotificationIntent[] = [];
    for (const effect of effects) {
      if (effect.type === 'record') {
        // A record with nothing to say (e.g. no handover note on a first dispatch) is not journaled.
        if (!effect.params.text.trim()) continue;
        const entry: JournalEntry = { seq: journal.length + 1, ...effect.params, at, pinned: false };
        journal = [...journal, entry];
        newEntries.push(entry);
      } else if (effect.type === 'pin') {
        journal = journal.map((e) => (e.seq === effect.params.seq ? { ...e, pinned: effect.params.pinned } : e));
        pins.push(effect.params);
      } else if (!(record.parentNumber && effect.params.audience === 'requester')) {
        // A task is the teams' work item: the user hears about the ticket, not about its tasks.
        notifications.push(notificationOf(effect.params, at));
      }
    }
    const deadline = closesAt();
    return {
      record: { ...record },
      sla: sla ? projectSla(sla) : null,
      state: persistTicket(snapshot),
      version,
      closesAt: deadline === null ? null : new Date(deadline).toISOString(),
      updatedAt: at,
      newEntries,
      pins,
      notifications,
    };
  }

  let shownAttributes = '';
  function updateSearchAttributes(): void {
    const values: Record<string, unknown> = {
      status: statusOf(snapshot),
      priority: record.priority,
      type: snapshot.context.type,
      team: record.teamName,
      assignee: record.assigneeName,
    };
    if (sla) {
      const { breached, nextDeadline } = slaSummary(sla);
      values.slaBreached = breached;
      values.slaNextDeadline = nextDeadline ? new Date(nextDeadline) : null;
    }
    const shown = JSON.stringify(values);
    if (shown === shownAttributes) return;
    shownAttributes = shown;
    upsertSearchAttributes(
      Object.entries(values).map(([name, value]) => ({
        key: TicketSearchAttributes[name as keyof typeof TicketSearchAttributes],
        value,
      })) as Parameters<typeof upsertSearchAttributes>[0],
    );
  }

  function stamp(message: TicketCommandMessage): TicketEvent {
    return { ...message, at: isoNow() } as TicketEvent;
  }

  function refuseUnlessAllowed(event: TicketEvent): void {
    if ((event.type === 'pinNote' || event.type === 'unpinNote') && !journal.some((e) => e.seq === event.seq)) {
      const message = `journal entry ${event.seq} does not exist`;
      throw refusal(message, { allowed: false, code: 'notFound', field: 'seq', message });
    }
    if (event.type === 'overridePriority' && sla && !sla.policy.targets[event.priority]) {
      const message = `priority ${event.priority} is not defined by SLA policy ${sla.policy.code}`;
      throw refusal(message, { allowed: false, code: 'ruleBroken', field: 'priority', message });
    }
    const verdict = judge(snapshot, event);
    if (!verdict.allowed) throw refusal(verdict.message, verdict);
  }

  for (const type of TICKET_COMMANDS) {
    setHandler(
      ticketCommandUpdates[type as TicketCommandType],
      async (message: TicketCommandMessage) => {
        const event = stamp({ ...message, type } as TicketCommandMessage);
        refuseUnlessAllowed(event);
        commandsThisRun += 1;
        await apply(event);
        if (event.type === 'split') await startTasks(event.tasks, event.actor);
        await followUp(event);
        return summary();
      },
      { validator: (message: TicketCommandMessage) => refuseUnlessAllowed(stamp({ ...message, type } as TicketCommandMessage)) },
    );
  }

  setHandler(
    recalculateSlaUpdate,
    async ({ actor, policy: newer }) => {
      const at = isoNow();
      refuseRecalculation(actor, at);
      const previous = sla!;
      sla = retarget(previous, newer, snapshot.context.priority);
      commandsThisRun += 1;
      return apply({ type: 'recalculateSla', text: recalculationText(previous, sla), actor, at });
    },
    { validator: ({ actor }) => refuseRecalculation(actor, isoNow()) },
  );

  function refuseRecalculation(actor: TicketCommandMessage['actor'], at: string): void {
    if (!sla) {
      const message = 'this ticket was opened before SLA policies and has no clocks';
      throw refusal(message, { allowed: false, code: 'notAllowedNow', message, allowedCommands: [] });
    }
    refuseUnlessAllowed({ type: 'recalculateSla', text: 'recalculate', actor, at });
  }

  setHandler(openedUpdate, async () => {
    await condition(() => opened);
    return summary();
  });
  setHandler(ticketViewQuery, () => ({ summary: summary(), journal }));
  setHandler(taskStatusSignal, async ({ number, status }) => {
    const event: TicketEvent = { type: 'taskStatusChanged', number, status, actor: SYSTEM_ACTOR, at: isoNow() };
    if (judge(snapshot, event).allowed) await apply(event);
  });

  updateSearchAttributes();
  if (!opened) {
    await projectTicket(project(openingEffects, record.createdAt));
    if (sla?.onCall) await raise({ clock: 'firstResponse', kind: 'breach', at: new Date(record.createdAt) }, 'onCall');
    if (input.routeTo) await route(input.routeTo);
    // The intake answers once the ticket is where the user will find it: in its team's queue.
    opened = true;
  }

  /** Seed 000, principle 3: the requester's primary team receives the ticket. */
  async function route(team: NonNullable<TicketWorkflowInput['routeTo']>): Promise<void> {
    const event: TicketEvent = { type: 'assignToTeam', ...team, actor: SYSTEM_ACTOR, at: isoNow() };
    if (!judge(snapshot, event).allowed) return;
    await apply(event);
    await followUp(event);
  }

  /**
   * What a dispatch sets off (issue 4): automatic assignment in teams that want it, and an alert
   * to the dispatcher when the ticket meets an absent agent. Asked of the read model through
   * activities; `patched` keeps tickets that ran before this replaying as they ran.
   */
  async function followUp(event: TicketEvent): Promise<void> {
    if ((snapshot.context.rulesVersion ?? 1) < 2 || !patched('dispatch-follow-ups')) return;
    const { teamId, assigneeId } = snapshot.context;
    if ((event.type === 'assignToTeam' || event.type === 'escalate') && event.autoAssign && teamId && assigneeId === null) {
      const agent = await chooseAgent(teamId, isoNow());
      if (agent) {
        const assign: TicketEvent = { type: 'assignToAgent', agentId: agent.id, agentName: agent.name, agentTeamIds: [teamId], actor: SYSTEM_ACTOR, at: isoNow() };
        if (judge(snapshot, assign).allowed) await apply(assign);
      }
      return;
    }
    const watched =
      event.type === 'assignToAgent' ? { agentId: event.agentId, agentName: event.agentName, cause: 'assigned' as const }
      : event.type === 'reply' && assigneeId ? { agentId: assigneeId, agentName: record.assigneeName ?? assigneeId, cause: 'userUpdate' as const }
      : null;
    if (!watched) return;
    const absence = await absenceOf(watched.agentId, isoNow());
    if (!absence) return;
    const noticed: TicketEvent = { type: 'absenceNoticed', ...watched, until: absence.until, autoReply: absence.autoReply, actor: SYSTEM_ACTOR, at: isoNow() };
    if (judge(snapshot, noticed).allowed) await apply(noticed);
  }

  const mustContinueAsNew = () =>
    commandsThisRun >= policy.maxCommandsPerRun || workflowInfo().continueAsNewSuggested;

  while (!isClosed()) {
    const seen = version;
    const woken = () => version !== seen || mustContinueAsNew();
    const timer = nextTimer();
    if (timer === null) {
      await condition(woken);
    } else if (!(await condition(woken, Math.max(timer.at - workflowNow(), 1), { summary: timer.summary }))) {
      await fireDueTimers();
    }
    if (mustContinueAsNew() && !isClosed()) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof ticketWorkflow>({
        ...input,
        record,
        carried: { state: persistTicket(snapshot), journal, notificationCount, version, sla },
      });
    }
  }
  await condition(allHandlersFinished);
  return summary();

  /** The earliest of the auto-close deadline and the next SLA warning or breach. */
  function nextTimer(): { at: number; summary: string } | null {
    const candidates: Array<{ at: number; summary: string }> = [];
    const close = closesAt();
    if (close !== null) candidates.push({ at: close, summary: 'auto-close' });
    const slaEvent = sla ? nextSlaEvent(sla) : null;
    if (slaEvent) candidates.push({ at: slaEvent.at.getTime(), summary: `SLA ${slaEvent.kind}: ${describeClock(slaEvent.clock)}` });
    return candidates.sort((a, b) => a.at - b.at)[0] ?? null;
  }

  async function fireDueTimers(): Promise<void> {
    const close = closesAt();
    if (close !== null && workflowNow() >= close) {
      const event: TicketEvent = { type: 'autoClose', actor: SYSTEM_ACTOR, at: isoNow() };
      if (judge(snapshot, event).allowed) await apply(event);
    }
    for (let due = sla ? nextSlaEvent(sla) : null; sla && due && due.at.getTime() <= workflowNow(); due = nextSlaEvent(sla)) {
      await raise(due, due.kind);
    }
  }

  /** Journals and escalates one SLA event; marked first, so it is raised exactly once. */
  async function raise(event: SlaEvent, kind: 'warning' | 'breach' | 'onCall'): Promise<void> {
    const current = sla!;
    if (kind !== 'onCall') sla = markRaised(current, event, isoNow());
    const raiseTo =
      kind === 'breach' && event.clock === 'resolution' && current.policy.raisePriorityOnBreach
        ? raisedPriority(current.policy, snapshot.context.priority)
        : undefined;
    const text =
      kind === 'onCall'
        ? `Reported outside office hours with priority ${record.priority}: the on-call service (${current.policy.onCall?.contact}) is alerted and the clocks run 24x7`
        : alertText(current, event) + (raiseTo ? `; priority raised to ${raiseTo}` : '');
    const alert: TicketEvent = { type: 'slaAlert', kind, clock: event.clock, text, raiseTo, actor: SYSTEM_ACTOR, at: isoNow() };
    if (judge(snapshot, alert).allowed) await apply(alert);
  }
}

/** "SLA recalculated: standard v1 → v2; resolution deadline A → B; …" */
function recalculationText(before: TicketSla, after: TicketSla): string {
  const changes = Object.values(after.clocks)
    .filter((clock) => clock && clock.stoppedAt === null)
    .map((clock) => {
      const old = before.clocks[clock!.name];
      const from = old ? deadlineOf(old, before.calendar)?.toISOString() ?? 'paused' : 'none';
      const to = deadlineOf(clock!, after.calendar)?.toISOString() ?? 'paused';
      return `${describeClock(clock!.name)} deadline ${from} → ${to}`;
    });
  return [`SLA recalculated: ${before.policy.code} v${before.policy.version} → ${after.policy.code} v${after.policy.version}`, ...changes].join('; ');
}
