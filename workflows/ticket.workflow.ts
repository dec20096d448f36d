// One workflow per ticket; its id is the ticket number. The machine decides, this workflow
// carries out: it validates each command against the machine (a refused command never enters
// history), applies the transition, records journal and notifications through an activity,
// keeps the auto-close timer and the search attributes in step, and continues as new before
// its history grows too large.
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
  applyTicketEvent,
  judge,
  openTicket,
  persistTicket,
  restoreTicket,
  statusOf,
  TicketEffect,
  TicketSnapshot,
} from '../machines/ticket.law';
import { TICKET_COMMANDS, TicketCommandType, TicketEvent } from '../machines/ticket.types';
import {
  COMMAND_REFUSED,
  JournalEntry,
  NotificationIntent,
  openedUpdate,
  TicketActivities,
  TicketCommandMessage,
  ticketCommandUpdates,
  TicketProjection,
  TicketSearchAttributes,
  TicketSummary,
  ticketViewQuery,
  TicketWorkflowInput,
} from './ticket.messages';

const { projectTicket } = proxyActivities<TicketActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// Inside the workflow sandbox Date is Temporal's deterministic clock: the same on every replay.
const workflowNow = (): number => Date.now();
const isoNow = (): string => new Date(workflowNow()).toISOString();

export async function ticketWorkflow(input: TicketWorkflowInput): Promise<TicketSummary> {
  const { policy } = input;
  const record = { ...input.record };
  let snapshot: TicketSnapshot;
  let journal: JournalEntry[] = input.carried?.journal ?? [];
  let notificationCount = input.carried?.notificationCount ?? 0;
  let version = input.carried?.version ?? 0;
  let commandsThisRun = 0;
  let opened = input.carried !== undefined;
  let pendingEffects: TicketEffect[] = [];

  if (input.carried) {
    snapshot = restoreTicket(input.carried.state);
  } else {
    [snapshot, pendingEffects] = openTicket({
      type: input.type,
      requesterId: input.requesterId,
      requiresApproval: policy.requiresApproval,
      createdBy: input.createdBy,
      at: record.createdAt,
    });
  }

  const isClosed = () => snapshot.status === 'done';
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
    const before = snapshot.context.assigneeId;
    let effects: TicketEffect[];
    [snapshot, effects] = applyTicketEvent(snapshot, event);
    version += 1;
    describeAssignment(event, before);
    const projection = project(effects, event.at);
    updateSearchAttributes();
    await projectTicket(projection);
    return summary();
  }

  /** Keeps the names shown in lists and in the Temporal UI in step with the machine's ids. */
  function describeAssignment(event: TicketEvent, assigneeBefore: string | null): void {
    if (event.type === 'assignToTeam') record.teamName = event.teamName;
    const assignee = snapshot.context.assigneeId;
    if (assignee === assigneeBefore) return;
    if (assignee === null) record.assigneeName = null;
    else if (event.type === 'assignToAgent') record.assigneeName = event.agentName;
    else record.assigneeName = event.actor.name ?? event.actor.id;
  }

  function project(effects: TicketEffect[], at: string): TicketProjection {
    const newEntries: JournalEntry[] = [];
    const pins: TicketProjection['pins'] = [];
    const notifications: NotificationIntent[] = [];
    for (const effect of effects) {
      if (effect.type === 'record') {
        const entry: JournalEntry = { seq: journal.length + 1, ...effect.params, at, pinned: false };
        journal = [...journal, entry];
        newEntries.push(entry);
      } else if (effect.type === 'pin') {
        journal = journal.map((e) => (e.seq === effect.params.seq ? { ...e, pinned: effect.params.pinned } : e));
        pins.push(effect.params);
      } else {
        notificationCount += 1;
        notifications.push({ seq: notificationCount, ...effect.params, recipientId: snapshot.context.requesterId, at });
      }
    }
    const deadline = closesAt();
    return {
      record: { ...record },
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
    const values = {
      status: statusOf(snapshot),
      priority: record.priority,
      type: snapshot.context.type,
      team: record.teamName,
      assignee: record.assigneeName,
    };
    const shown = JSON.stringify(values);
    if (shown === shownAttributes) return;
    shownAttributes = shown;
    upsertSearchAttributes(
      (Object.keys(values) as Array<keyof typeof values>).map((name) => ({
        key: TicketSearchAttributes[name],
        value: values[name],
      })) as Parameters<typeof upsertSearchAttributes>[0],
    );
  }

  function stamp(message: TicketCommandMessage): TicketEvent {
    return { ...message, at: isoNow() } as TicketEvent;
  }

  function refuseUnlessAllowed(event: TicketEvent): void {
    if ((event.type === 'pinNote' || event.type === 'unpinNote') && !journal.some((e) => e.seq === event.seq)) {
      throw ApplicationFailure.create({
        type: COMMAND_REFUSED,
        message: `journal entry ${event.seq} does not exist`,
        details: [{ allowed: false, code: 'notFound', field: 'seq', message: `journal entry ${event.seq} does not exist` }],
        nonRetryable: true,
      });
    }
    const verdict = judge(snapshot, event);
    if (!verdict.allowed) {
      throw ApplicationFailure.create({ type: COMMAND_REFUSED, message: verdict.message, details: [verdict], nonRetryable: true });
    }
  }

  for (const type of TICKET_COMMANDS) {
    setHandler(
      ticketCommandUpdates[type as TicketCommandType],
      async (message: TicketCommandMessage) => {
        const event = stamp({ ...message, type } as TicketCommandMessage);
        refuseUnlessAllowed(event);
        commandsThisRun += 1;
        return apply(event);
      },
      { validator: (message: TicketCommandMessage) => refuseUnlessAllowed(stamp({ ...message, type } as TicketCommandMessage)) },
    );
  }
  setHandler(openedUpdate, async () => {
    await condition(() => opened);
    return summary();
  });
  setHandler(ticketViewQuery, () => ({ summary: summary(), journal }));

  if (!opened) {
    updateSearchAttributes();
    await projectTicket(project(pendingEffects, record.createdAt));
    opened = true;
  } else {
    updateSearchAttributes();
  }

  const mustContinueAsNew = () =>
    commandsThisRun >= policy.maxCommandsPerRun || workflowInfo().continueAsNewSuggested;

  while (!isClosed()) {
    const seen = version;
    const woken = () => version !== seen || mustContinueAsNew();
    const deadline = closesAt();
    if (deadline === null) {
      await condition(woken);
    } else {
      const timedOut = !(await condition(woken, Math.max(deadline - workflowNow(), 1), { summary: 'auto-close' }));
      if (timedOut) await autoClose();
    }
    if (mustContinueAsNew() && !isClosed()) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof ticketWorkflow>({
        ...input,
        record,
        carried: { state: persistTicket(snapshot), journal, notificationCount, version },
      });
    }
  }
  await condition(allHandlersFinished);
  return summary();

  async function autoClose(): Promise<void> {
    const event: TicketEvent = { type: 'autoClose', actor: SYSTEM_ACTOR, at: isoNow() };
    if (judge(snapshot, event).allowed) await apply(event);
  }
}
