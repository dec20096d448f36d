// The one skeleton every process workflow runs on (the shape of samples-typescript's
// safe-message-handlers: state and handlers in a class, a short workflow function). A process
// supplies its law, its projection, its search attributes and its timers; the runtime carries out
// the rest the same way for all:
// - one Update per command whose validator asks the machine, so a refused command never enters
//   history; the handler judges again (state may have moved while it waited) and applies;
// - the `opened` Update that intake waits on, and the `view` query;
// - the timer loop: wait for a command or the process's next timer, fire what is due;
// - continue-as-new after a command budget or when Temporal suggests it, after draining handlers,
//   carrying the state, counters and the recent Update ids (Temporal dedupes an Update id within
//   one run only; a retry that straddles continue-as-new gets the earlier run's answer).
// Handlers that await activities are not serialised: each re-judges after its validator, and the
// machine's transition is applied synchronously before any await.
import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  currentUpdateInfo,
  patched,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair, UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../../machines/actor';
import type { Effect, Verdict } from '../../machines/process/law';
import { workflowNow } from '../clock';
import type { ActivityProxies } from './activities';
import { COMMAND_REFUSED, ProcessMessages } from './messages';
import type { StartedWith } from './patches';

/** The part of a law the runtime needs (machines/process/law.ts). */
export interface RuntimeLaw<Snap, Ev, E extends Effect, P> {
  apply(snapshot: Snap, event: Ev): [Snap, E[]];
  judge(snapshot: Snap, event: Ev): Verdict;
  persist(snapshot: Snap): P;
  isFinal(snapshot: Snap): boolean;
  /** The status or stage the snapshot is in. */
  stateOf(snapshot: Snap): string;
}

export interface StampedEvent {
  type: string;
  actor: Actor;
  at: string;
}

export interface Timer {
  at: number;
  summary: string;
}

/** An Update answered in this or an earlier run, kept so a retry is answered, not applied again. */
export interface AnsweredUpdate<S> {
  id: string;
  result: S;
}

/** What every process carries across continue-as-new, besides what is its own. */
export interface CarriedRuntime<P, S> {
  state: P;
  version: number;
  /** Journal entries written so far (the next one is this + 1). */
  journalCount?: number;
  notificationCount?: number;
  answered?: AnsweredUpdate<S>[];
  /** Runs before the runtime carried their whole journal; only its length is read now. */
  journal?: ReadonlyArray<unknown>;
}

/** The timer of the deadline a process waits for, and whether it went off. */
interface ArmedTimer {
  readonly at: number;
  fired: boolean;
  cancel(): void;
}

/**
 * How early a deadline's timer wakes the process in runs started with 'timers-armed-early'. A
 * timer starts when the workflow task that sets it is completed, while its duration is counted
 * from the task's start (the workflow's now): a deadline set in a long task went off that much
 * late. A ticket's first SLA deadlines are set in its opening, whose task also writes the
 * projection; under load that task took up to ~2 s, and the warnings came as late (bench:timers:
 * warnings p50 ~450 ms, breaches, set in the short task of the warning, ~50 ms). Woken early,
 * nothing is due yet (every fireDueTimers checks its deadlines against now); the loop arms the
 * rest, in a task that does nothing else.
 */
const TIMER_LEAD_MS = 5_000;

function armTimer(timer: Timer, early: boolean): ArmedTimer {
  const scope = new CancellationScope();
  const armed: ArmedTimer = { at: timer.at, fired: false, cancel: () => scope.cancel() };
  const left = timer.at - workflowNow();
  const wait = early && left > 2 * TIMER_LEAD_MS ? left - TIMER_LEAD_MS : left;
  scope
    .run(() => sleep(Math.max(wait, 1), { summary: timer.summary }))
    .then(
      () => (armed.fired = true),
      () => undefined, // cancelled: the deadline moved
    );
  return armed;
}

/** How many answered Update ids a process remembers across continue-as-new. */
const ANSWERED_KEPT = 64;

/** What a command may carry besides the machine's event: the version its sender saw. */
export interface Precondition {
  expectedVersion?: number;
}

export const withoutPrecondition = <M extends object>(message: M): M => {
  if (!('expectedVersion' in message)) return message;
  const { expectedVersion: _seen, ...event } = message as M & Precondition;
  return event as M;
};

export const refusal = (message: string, details: object) =>
  ApplicationFailure.create({ type: COMMAND_REFUSED, message, details: [details], nonRetryable: true });

export abstract class ProcessRuntime<Snap, Ev extends StampedEvent, E extends Effect, P, S, Projection> {
  snapshot: Snap;
  version: number;
  journalCount: number;
  notificationCount: number;
  commandsThisRun = 0;
  opened: boolean;
  protected readonly openingEffects: E[];
  private answered: AnsweredUpdate<S>[];
  private shownAttributes = '';
  /** The status or stage as of the last projection: null before the opening one. */
  private projectedState: string | null;
  private readonly startedWith: ReadonlySet<string>;
  /** Activities run locally in workflows started since the patch (workflows/runtime/activities.ts). */
  private readonly localActivities: boolean;
  /** The timer of a deadline stays armed across commands in runs started since this patch (run()). */
  private readonly steadyTimers: boolean;
  /** Search attributes shown once the opening is done (workflows/runtime/patches.ts). */
  private readonly oneUpsertAtOpening: boolean;
  /** Deadlines' timers wake the process TIMER_LEAD_MS early (armTimer). */
  private readonly timersArmedEarly: boolean;
  /** The opening's projections, held back while it runs and written together (run()); null otherwise. */
  private heldBack: Projection[] | null = null;

  protected constructor(
    protected readonly law: RuntimeLaw<Snap, Ev, E, P>,
    carried: CarriedRuntime<P, S> | undefined,
    restore: (state: P) => Snap,
    open: () => [Snap, E[]],
    private readonly maxCommandsPerRun: number,
    input: StartedWith,
  ) {
    this.startedWith = new Set(input.patches ?? []);
    this.localActivities = this.isPatched('local-activities');
    this.steadyTimers = this.isPatched('steady-timers');
    this.oneUpsertAtOpening = this.startedWith.has('one-upsert-at-opening');
    this.timersArmedEarly = this.startedWith.has('timers-armed-early');
    this.version = carried?.version ?? 0;
    this.journalCount = carried?.journalCount ?? carried?.journal?.length ?? 0;
    this.notificationCount = carried?.notificationCount ?? 0;
    this.answered = carried?.answered ?? [];
    this.opened = carried !== undefined;
    if (carried) [this.snapshot, this.openingEffects] = [restore(carried.state), []];
    else [this.snapshot, this.openingEffects] = open();
    this.projectedState = carried ? law.stateOf(this.snapshot) : null;
  }

  // --- what a process supplies -----------------------------------------------------------------

  abstract summary(): S;
  /** The read model's share of a change: the projection activity's input. */
  protected abstract project(effects: E[], at: string): Projection;
  protected abstract projectActivity(projection: Projection): Promise<void>;
  /** Writes the opening's projections, oldest first; a process may write them in one activity. */
  protected async projectOpening(projections: Projection[]): Promise<void> {
    for (const projection of projections) await this.projectActivity(projection);
  }
  /** The process's search attributes as they should be now. */
  protected abstract searchAttributes(): SearchAttributeUpdatePair[];
  /** What the process carries across continue-as-new besides the runtime's share. */
  protected abstract carried(): object;
  /** When the record of the process was made (the opening projection's time). */
  protected abstract createdAt(): string;
  /** The earliest deadline the process waits for, if any. */
  protected nextTimer(): Timer | null {
    return null;
  }
  protected async fireDueTimers(): Promise<void> {}
  /** What the process does once opened, before intake is answered (routing, on-call alerts). */
  protected async afterOpening(): Promise<void> {}
  /** What a command sets off after it is applied (tasks, follow-ups). */
  protected async afterCommand(_event: Ev): Promise<void> {}

  // --- the shared skeleton ----------------------------------------------------------------------

  /** A patch this run was started with (no marker), else asked of the SDK as runs before the list were. */
  protected isPatched(patchId: string): boolean {
    return this.startedWith.has(patchId) || patched(patchId);
  }

  /** The process's activities, local or through the task queue as this workflow was started. */
  protected activities<A>(proxies: ActivityProxies<A>): A {
    return this.localActivities ? proxies.local : proxies.remote;
  }

  isFinal(): boolean {
    return this.law.isFinal(this.snapshot);
  }

  /** Refuses (as a `CommandRefused` failure) what the machine does not take now. */
  refuseUnlessAllowed(event: Ev): void {
    const verdict = this.law.judge(this.snapshot, event);
    if (!verdict.allowed) throw refusal(verdict.message, verdict);
  }

  /**
   * A command sent with the version its sender saw (the API's If-Match) is refused when the process
   * has moved on since: the sender decided on a stale page (409, rule staleVersion). Commands
   * without one (histories recorded before, API clients that do not care) are judged as always.
   */
  refuseIfStale(command: object): void {
    const expected = (command as Precondition).expectedVersion;
    if (expected === undefined || expected === this.version) return;
    const message = `${workflowInfo().workflowId} has changed since you saw it (version ${expected}, now ${this.version}): look at it again and decide`;
    throw refusal(message, { code: 'notAllowedNow', rule: 'staleVersion', message, allowedCommands: [] });
  }

  /** Applies an event the machine has accepted: state first (synchronously), then the read model. */
  async apply(event: Ev): Promise<S> {
    const effects = this.transition(event);
    await this.commit(effects, event.at);
    return this.summary();
  }

  /** Applies the event to the machine if it takes it now (the workflow's own events: timers, routing). */
  async applyIfAllowed(event: Ev): Promise<boolean> {
    if (!this.law.judge(this.snapshot, event).allowed) return false;
    await this.apply(event);
    return true;
  }

  protected transition(event: Ev): E[] {
    let effects: E[];
    [this.snapshot, effects] = this.law.apply(this.snapshot, event);
    this.version += 1;
    return effects;
  }

  /** Projects the change, keeps the search attributes in step, and writes the read model. */
  protected async commit(effects: E[], at: string): Promise<void> {
    const projection = this.withStateBefore(this.project(effects, at));
    this.showSearchAttributes();
    if (this.heldBack) this.heldBack.push(projection);
    else await this.projectActivity(projection);
  }

  /**
   * The projection with the status or stage its change moved the process from (ProjectedMove), so
   * the read model can tell "status changed" (webhooks) without reading what it held before. An
   * activity's input is not compared on replay: histories recorded before replay unchanged.
   */
  private withStateBefore(projection: Projection): Projection {
    const stateBefore = this.projectedState;
    this.projectedState = this.law.stateOf(this.snapshot);
    return { ...projection, stateBefore };
  }

  /** The journal line of a `record` effect, numbered; null when it has nothing to say. */
  protected journalLine<L extends { text: string }>(line: L, at: string): (L & { seq: number; at: string }) | null {
    if (!line.text.trim()) return null;
    this.journalCount += 1;
    return { seq: this.journalCount, ...line, at };
  }

  protected nextNotificationSeq(): number {
    this.notificationCount += 1;
    return this.notificationCount;
  }

  protected showSearchAttributes(): void {
    // Its steps' values would be replaced within the same workflow task: shown once, when opened.
    if (this.oneUpsertAtOpening && !this.opened) return;
    const pairs = this.searchAttributes();
    const shown = JSON.stringify(pairs.map((pair) => [pair.key.name, pair.value]));
    if (shown === this.shownAttributes) return;
    this.shownAttributes = shown;
    upsertSearchAttributes(pairs);
  }

  protected stamp(type: string, message: object): Ev {
    return { ...message, type, at: new Date(workflowNow()).toISOString() } as unknown as Ev;
  }

  /** One Update per command, the `opened` Update and the `view` query. */
  registerHandlers<Cmd extends string, M extends object>(messages: ProcessMessages<Cmd, S, M>): void {
    for (const type of messages.commands) {
      const update: UpdateDefinition<S, [M]> = messages.commandUpdates[type];
      setHandler(
        update,
        async (message: M) => {
          const earlier = this.answeredBefore();
          if (earlier) return earlier.result;
          this.refuseIfStale(message);
          const event = this.stamp(type, withoutPrecondition(message));
          this.refuseUnlessAllowed(event);
          this.commandsThisRun += 1;
          await this.apply(event);
          await this.afterCommand(event);
          return this.remember(this.summary());
        },
        {
          validator: (message: M) => {
            if (this.answeredBefore()) return;
            this.refuseIfStale(message);
            this.refuseUnlessAllowed(this.stamp(type, withoutPrecondition(message)));
          },
        },
      );
    }
    setHandler(messages.openedUpdate, async () => {
      await condition(() => this.opened);
      return this.summary();
    });
    setHandler(messages.viewQuery, () => ({ summary: this.summary() }));
  }

  /** The answer an earlier run gave to this Update id, if any. */
  protected answeredBefore(): AnsweredUpdate<S> | undefined {
    const id = currentUpdateInfo()?.id;
    return id === undefined ? undefined : this.answered.find((a) => a.id === id);
  }

  protected remember(result: S): S {
    const id = currentUpdateInfo()?.id;
    if (id !== undefined) this.answered = [...this.answered, { id, result }].slice(-ANSWERED_KEPT);
    return result;
  }

  mustContinueAsNew(): boolean {
    return this.commandsThisRun >= this.maxCommandsPerRun || workflowInfo().continueAsNewSuggested;
  }

  /** Everything the next run needs. */
  carry(): CarriedRuntime<P, S> & object {
    return {
      state: this.law.persist(this.snapshot),
      version: this.version,
      journalCount: this.journalCount,
      notificationCount: this.notificationCount,
      answered: this.answered,
      ...this.carried(),
    };
  }

  /**
   * The process's life: opened (first projection, then what opening sets off), then commands and
   * timers until the machine is final, continuing as new when the run has grown long.
   */
  async run(continueAsNew: (carried: CarriedRuntime<P, S>) => Promise<never>): Promise<S> {
    this.showSearchAttributes();
    if (!this.opened) {
      await this.open();
      // Intake answers once the process is where its users will find it.
      this.opened = true;
      if (this.oneUpsertAtOpening) this.showSearchAttributes();
    }
    if (this.steadyTimers) await this.waitSteadily(continueAsNew);
    else await this.waitRearmingEachCommand(continueAsNew);
    await condition(allHandlersFinished);
    return this.summary();
  }

  /**
   * The first projection, then what opening sets off (routing, an on-call alert). Runs started
   * with 'one-projection-at-opening' hold the projections of those steps back and write them
   * together once the opening is done: a ticket routed to its team was two read-model
   * transactions and two local activities before its intake could answer, now it is one. Nothing
   * the opening asks of the read model (an agent's load, an absence) reads the process's own rows.
   * (The API finds a process in the read model before it sends a command, so no command arrives
   * while the opening is held back; one that did would be written with it, in order.)
   */
  private async open(): Promise<void> {
    const opening = this.withStateBefore(this.project(this.openingEffects, this.createdAt()));
    if (!this.startedWith.has('one-projection-at-opening')) {
      await this.projectActivity(opening);
      await this.afterOpening();
      return;
    }
    const held = [opening];
    this.heldBack = held;
    await this.afterOpening();
    this.heldBack = null;
    await this.projectOpening(held);
  }

  /**
   * Commands and timers until the machine is final. The timer of the next deadline stays armed
   * while commands leave that deadline where it was; it is cancelled and armed anew only when the
   * deadline moves. (Runs before the 'steady-timers' patch re-armed it after every command: a
   * cancelled and a started timer in history per command, and a third of the command's time in
   * the workflow, in the profile of bench:commands.)
   */
  private async waitSteadily(continueAsNew: (carried: CarriedRuntime<P, S>) => Promise<never>): Promise<void> {
    let armed = null as ArmedTimer | null;
    while (!this.isFinal()) {
      const seen = this.version;
      const next = this.nextTimer();
      if (armed?.at !== next?.at) {
        armed?.cancel();
        armed = next && armTimer(next, this.timersArmedEarly);
      }
      const timer = armed;
      await condition(() => this.version !== seen || this.mustContinueAsNew() || timer?.fired === true);
      if (timer?.fired) {
        armed = null;
        await this.fireDueTimers();
      }
      await this.continueAsNewIfDue(continueAsNew);
    }
  }

  /** The loop of runs started before the 'steady-timers' patch, kept so their histories replay. */
  private async waitRearmingEachCommand(continueAsNew: (carried: CarriedRuntime<P, S>) => Promise<never>): Promise<void> {
    while (!this.isFinal()) {
      const seen = this.version;
      const woken = () => this.version !== seen || this.mustContinueAsNew();
      const timer = this.nextTimer();
      if (timer === null) {
        await condition(woken);
      } else if (!(await condition(woken, Math.max(timer.at - workflowNow(), 1), { summary: timer.summary }))) {
        await this.fireDueTimers();
      }
      await this.continueAsNewIfDue(continueAsNew);
    }
  }

  private async continueAsNewIfDue(continueAsNew: (carried: CarriedRuntime<P, S>) => Promise<never>): Promise<void> {
    if (this.mustContinueAsNew() && !this.isFinal()) {
      await condition(allHandlersFinished);
      await continueAsNew(this.carry());
    }
  }
}
