// What the workflow suites share: a real Temporal dev server and a fresh PostgreSQL database per
// file, the application's real activities on it, a worker per test (as Temporal's samples do),
// opening a process the way the API does (start + the `opened` Update), sending commands as
// Updates to the latest run, and replaying what ran.
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../machines/actor';
import type { ProcessDefinition } from '../../workflows/runtime/messages';
import { activitiesOn, TestActivities } from './activities';
import { createTestDatabase, TestDatabase } from './database';
import { RecordedHistory, replayAll, saveHistory } from './replay';
import { startTemporal, workflowBundle } from './temporal';
import { PATCHES_IN_FORCE } from '../../workflows/runtime/patches';

const History = temporal.api.history.v1.History;
export const EventType = temporal.api.enums.v1.EventType;
export { RECORDED_HISTORIES } from './replay';

type AnyProcess = ProcessDefinition<any, any, any, any>;

export class ProcessTestEnv {
  /** The first run of every workflow opened here (continue-as-new links lead to the others). */
  private readonly firstRuns = new Map<string, string>();

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly db: TestDatabase,
    private readonly acts: TestActivities,
    readonly taskQueue: string,
  ) {}

  static async start(name: string): Promise<ProcessTestEnv> {
    const [env, db] = await Promise.all([startTemporal(), createTestDatabase(name)]);
    const acts = await activitiesOn(db);
    await workflowBundle();
    return new ProcessTestEnv(env, db, acts, `${name}-test`);
  }

  /** Users the read model must know (role holders who are notified, approvers). */
  async users(actors: ReadonlyArray<readonly [Actor, string]>): Promise<void> {
    for (const [actor, username] of actors) {
      await this.db.dataSource.query(
        `INSERT INTO users (id, username, display_name, email, role, token_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
        [actor.id, username, actor.name, `${username}@example.org`, actor.role, randomUUID()],
      );
    }
  }

  async withWorker(test: () => Promise<void>): Promise<void> {
    const worker = await Worker.create({
      connection: this.env.nativeConnection,
      taskQueue: this.taskQueue,
      workflowBundle: await workflowBundle(),
      activities: this.acts.activities,
    });
    await worker.runUntil(test);
  }

  /** Starts the process's workflow and waits for its first projection, as intake does. */
  async open<I>(process: ProcessDefinition<string, unknown, unknown, I>, number: string, input: I) {
    const handle = await this.env.client.workflow.start(process.workflowType, {
      workflowId: number,
      taskQueue: this.taskQueue,
      // As intake does: with the patches it takes without markers (workflows/runtime/patches.ts).
      args: [{ ...input, patches: PATCHES_IN_FORCE }],
      typedSearchAttributes: process.initialSearchAttributes(input),
    });
    await handle.executeUpdate(process.openedUpdate);
    this.firstRuns.set(number, handle.firstExecutionRunId);
    return handle;
  }

  /** A command as an Update to the workflow's latest run (continue-as-new starts another). */
  send<S>(process: AnyProcess, number: string, message: { type: string }, updateId?: string): Promise<S> {
    return this.env.client.workflow
      .getHandle(number)
      .executeUpdate(process.commandUpdates[message.type], { args: [message], ...(updateId ? { updateId } : {}) }) as Promise<S>;
  }

  /** The Update names of every run of the workflow, in order. */
  async updateNames(number: string, runId?: string): Promise<string[]> {
    const history = await this.env.client.workflow.getHandle(number, runId).fetchHistory();
    return (history.events ?? [])
      .filter((e) => Number(e.eventType) === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
      .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? '');
  }

  async historyLength(number: string): Promise<number> {
    return (await this.env.client.workflow.getHandle(number).fetchHistory()).events?.length ?? 0;
  }

  /** Replays the histories of these workflows (every run) plus `extra`, saving each (test/support/replay.ts). */
  async replay(prefix: string, numbers: string[], extra: RecordedHistory[] = []) {
    const histories: RecordedHistory[] = [...extra];
    for (const number of numbers) {
      for (const runId of await this.runIds(number)) {
        const history = await this.env.client.workflow.getHandle(number, runId).fetchHistory();
        histories.push(saveHistory(`${prefix}${number}-${runId.slice(0, 8)}`, history));
      }
    }
    return { histories, results: await replayAll(histories) };
  }

  /** Every run of a workflow opened here, first to latest, following its continue-as-new links. */
  async runIds(number: string): Promise<string[]> {
    const runs: string[] = [];
    for (let runId: string | undefined = this.firstRuns.get(number); runId; ) {
      runs.push(runId);
      const events = (await this.env.client.workflow.getHandle(number, runId).fetchHistory()).events ?? [];
      runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    }
    return runs;
  }

  async close(): Promise<void> {
    await this.acts?.close();
    await this.env?.teardown();
    await this.db?.drop();
  }
}

export const loadHistory = (bytes: Uint8Array) => History.decode(bytes);
