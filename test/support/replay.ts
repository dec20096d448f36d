// Recording and replaying workflow histories, as every workflow suite does: each history is saved
// under test/.histories/<name>.history.pb (copy one into test/fixtures/histories when a workflow
// change must prove it still replays what runs today), then replayed on the current bundle.
// Binary protobuf: the SDK's JSON history reader trips over the two protobufjs majors npm installs.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workflowBundle } from './temporal';

const History = temporal.api.history.v1.History;
export const RECORDED_HISTORIES = join(__dirname, '..', '.histories');

export interface RecordedHistory {
  workflowId: string;
  history: unknown;
}

export function saveHistory(name: string, history: unknown): RecordedHistory {
  mkdirSync(RECORDED_HISTORIES, { recursive: true });
  writeFileSync(join(RECORDED_HISTORIES, `${name}.history.pb`), History.encode(history as never).finish());
  return { workflowId: name, history };
}

/** Replays each history on the current workflow bundle: an error names the non-determinism. */
export async function replayAll(histories: RecordedHistory[]): Promise<Array<{ workflowId: string; error?: string }>> {
  const results: Array<{ workflowId: string; error?: string }> = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories as never)) {
    results.push({ workflowId: result.workflowId, error: result.error?.message });
  }
  return results;
}

/** Every run of a workflow, first to latest: the latest names the first, continue-as-new links lead on. */
export async function runIdsOf(client: Client, workflowId: string): Promise<string[]> {
  const latest = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const runs: string[] = [];
  for (let runId: string | undefined | null = latest[0]?.workflowExecutionStartedEventAttributes?.firstExecutionRunId; runId; ) {
    runs.push(runId);
    const events = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
  }
  return runs;
}

/** Saves (as `<prefix><id>-<run>`) and replays every run of these workflows. */
export async function recordAndReplay(client: Client, prefix: string, workflowIds: string[]) {
  const histories: RecordedHistory[] = [];
  for (const workflowId of workflowIds) {
    for (const runId of await runIdsOf(client, workflowId)) {
      const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
      histories.push(saveHistory(`${prefix}${workflowId}-${runId.slice(0, 8)}`, history));
    }
  }
  return { histories, results: await replayAll(histories) };
}
