// Patches a process workflow is started with, named in its input instead of recorded as markers.
// The SDK records a marker for every `patched()` a new run takes, and upserts the
// TemporalChangeVersion search attribute beside it: three of the five visibility writes of a new
// ticket, each a write in the Temporal server's visibility store, were these. A run whose input
// names a patch takes it without a marker; runs started before (no list in their input) still ask
// `patched()`, so recorded histories replay as they ran. Deterministic code only.

/** What a new process workflow is started with (ProcessWorkflowsClient.open, a ticket's tasks). */
export const PATCHES_IN_FORCE: readonly string[] = [
  'local-activities',
  'steady-timers',
  'dispatch-follow-ups',
  'sla-annul-stale-alerts',
  'pending-policy',
  'mi-cascade-workflow',
  'mi-cascade-reported',
  // Only for runs started with it (no marker, no fallback): the search attributes are shown once
  // the opening is done, not before it and after each of its steps.
  'one-upsert-at-opening',
  // Only for runs started with it: the opening's projections (the record, the routing to the
  // requester's team, an on-call alert) are written together, in one activity (ProcessRuntime.open).
  'one-projection-at-opening',
  // Only for runs started with it: a deadline's timer wakes the process TIMER_LEAD_MS early, and
  // the rest is armed then (armTimer in workflows/runtime/process-runtime.ts).
  'timers-armed-early',
];

/** The part of every process workflow's input that names its patches. */
export interface StartedWith {
  patches?: readonly string[];
}
