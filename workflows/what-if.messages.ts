// The what-if replay workflow's input and activities (issue 15, item 1). Deterministic code only.

export interface WhatIfInput {
  id: string;
  /** Where a continued run goes on: the last ticket number replayed. */
  after?: string | null;
}

export interface WhatIfBatch {
  /** The last ticket number of the batch; null when nothing was left. */
  last: string | null;
  replayed: number;
}

export interface WhatIfActivities {
  /** Counts the tickets of the period once (the progress's total). */
  planWhatIf(id: string): Promise<number>;
  /** Replays the next tickets after `after` (by number) and records each one's outcome; a retry writes nothing twice. */
  replayWhatIfBatch(id: string, after: string | null): Promise<WhatIfBatch>;
  /** Aggregates the recorded outcomes into the report. */
  finishWhatIf(id: string): Promise<void>;
}
