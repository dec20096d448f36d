// What the workflow tests share: ticket inputs, opening a ticket the way the API does, sending
// commands as Updates, a worker per test (as Temporal's samples do), and replaying the recorded
// histories. The worker runs the real projection activities on the test database.
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Actor } from '../../machines/actor';
import type { TicketCommandType } from '../../machines/ticket.types';
import { activitiesOn, TestActivities } from './activities';
import {
  openedUpdate,
  TicketCommandMessage,
  ticketCommandUpdates,
  TicketPolicy,
  TicketSummary,
  TicketWorkflowInput,
} from '../../workflows/ticket.messages';
import type { ticketWorkflow } from '../../workflows/ticket.workflow';
import type { TestDatabase } from './database';
import { RecordedHistory, replayAll, saveHistory } from './replay';
import { workflowBundle } from './temporal';
import { PATCHES_IN_FORCE } from '../../workflows/runtime/patches';

const History = temporal.api.history.v1.History;
export { RECORDED_HISTORIES } from './replay';

export interface OpenOptions {
  policy?: Partial<TicketPolicy>;
  sla?: TicketWorkflowInput['sla'];
  routeTo?: TicketWorkflowInput['routeTo'];
  /** The patches the run is started with (default: those in force, as intake starts it). */
  patches?: readonly string[];
}

export class TicketWorkflowHarness {
  /** Every ticket this harness opened, for the replay test. */
  readonly opened: string[] = [];
  private counter = 0;

  constructor(
    private readonly env: TestWorkflowEnvironment,
    private readonly db: TestDatabase,
    private readonly taskQueue: string,
    private readonly requester: Actor,
  ) {}

  input(number: string, options: OpenOptions = {}): TicketWorkflowInput {
    return {
      type: 'incident',
      requesterId: this.requester.id,
      createdBy: this.requester,
      policy: { autoCloseAfterMs: 30 * 24 * 3600_000, requiresApproval: false, maxCommandsPerRun: 500, ...options.policy },
      ...(options.sla ? { sla: options.sla } : {}),
      ...(options.routeTo ? { routeTo: options.routeTo } : {}),
      record: {
        number,
        title: 'Cannot print',
        description: 'Nothing happens when I print from Word',
        categoryId: null,
        categoryName: null,
        impact: 'workplace',
        urgency: 'today',
        priority: 'P3',
        priorityName: 'NORMAL',
        priorityScore: 4,
        teamName: null,
        assigneeName: null,
        channel: 'portal',
        createdAt: new Date().toISOString(),
      },
    };
  }

  /** Starts a ticket workflow and waits for its first projection, as the API's intake does. */
  async open(options: OpenOptions = {}) {
    const number = `INC-${String(++this.counter).padStart(6, '0')}`;
    const handle = await this.env.client.workflow.start<typeof ticketWorkflow>('ticketWorkflow', {
      workflowId: number,
      taskQueue: this.taskQueue,
      // As intake does: with the patches it takes without markers (workflows/runtime/patches.ts).
      args: [{ ...this.input(number, options), patches: options.patches ?? PATCHES_IN_FORCE }],
    });
    await handle.executeUpdate(openedUpdate);
    this.opened.push(number);
    return handle;
  }

  send(handle: TicketHandle, message: TicketCommandMessage, updateId?: string): Promise<TicketSummary> {
    const update = ticketCommandUpdates[message.type as TicketCommandType];
    return handle.executeUpdate(update as never, { args: [message], ...(updateId ? { updateId } : {}) }) as Promise<TicketSummary>;
  }

  private acts?: Promise<TestActivities>;

  /** The application's real activities on the test database (built once). */
  activities(): Promise<TestActivities> {
    this.acts ??= activitiesOn(this.db);
    return this.acts;
  }

  async close(): Promise<void> {
    await (await this.acts)?.close();
  }

  async newWorker(): Promise<Worker> {
    return Worker.create({
      connection: this.env.nativeConnection,
      taskQueue: this.taskQueue,
      workflowBundle: await workflowBundle(),
      activities: (await this.activities()).activities,
    });
  }

  /** A worker lives for one test: `runUntil` shuts it down afterwards. */
  async withWorker(test: () => Promise<void>): Promise<void> {
    await (await this.newWorker()).runUntil(test);
  }

  /**
   * Replays the histories of every ticket this harness opened (plus `extra`), saving them under
   * test/.histories/<prefix><number>.history.pb: copy one into test/fixtures/histories when a
   * workflow change must prove it still replays the tickets running today. Binary protobuf,
   * because the SDK's JSON history reader trips over the two protobufjs majors npm installs.
   */
  async replayOpened(prefix: string, extra: RecordedHistory[] = []) {
    const histories: RecordedHistory[] = [];
    for (const workflowId of this.opened) {
      const history = await this.env.client.workflow.getHandle(workflowId).fetchHistory();
      histories.push({ ...saveHistory(`${prefix}${workflowId}`, history), workflowId });
    }
    histories.push(...extra);
    return { histories, results: await replayAll(histories) };
  }
}

export type TicketHandle = Awaited<ReturnType<TicketWorkflowHarness['open']>>;

export const loadHistory = (bytes: Uint8Array) => History.decode(bytes);
