// One workflow per problem; its id is the problem number (PRB-000001). The machine decides, this
// workflow carries out: each command is an Update whose validator asks the machine (a refused
// command never enters history), the transition is applied, the journal and a published known
// error go to the read model through an activity, and the stage is a search attribute. No timer:
// it waits for commands until closed, continuing as new when its history grows long.
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
import {
  applyProblemEvent,
  createProblem,
  judgeProblem,
  persistProblem,
  ProblemEffect,
  ProblemSnapshot,
  problemStageOf,
  restoreProblem,
} from '../machines/problem.law';
import { KnowledgeEntryEffect, PROBLEM_COMMANDS, ProblemEvent } from '../machines/problem.types';
import { COMMAND_REFUSED } from './ticket.messages';
import {
  ProblemActivities,
  problemCommandUpdates,
  ProblemCommandMessage,
  ProblemJournalEntry,
  problemOpenedUpdate,
  ProblemProjection,
  ProblemSearchAttributes,
  ProblemSummary,
  problemViewQuery,
  ProblemWorkflowInput,
} from './problem.messages';
import { isoNow } from './clock';

const { projectProblem } = proxyActivities<ProblemActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});


const refusal = (message: string, details: object) =>
  ApplicationFailure.create({ type: COMMAND_REFUSED, message, details: [details], nonRetryable: true });

export async function problemWorkflow(input: ProblemWorkflowInput): Promise<ProblemSummary> {
  const { policy, record } = input;
  let snapshot: ProblemSnapshot;
  let journal: ProblemJournalEntry[] = input.carried?.journal ?? [];
  let version = input.carried?.version ?? 0;
  let commandsThisRun = 0;
  let opened = input.carried !== undefined;
  let openingEffects: ProblemEffect[] = [];

  if (input.carried) snapshot = restoreProblem(input.carried.state);
  else [snapshot, openingEffects] = createProblem({ number: record.number, incidents: input.incidents, createdBy: input.createdBy, at: record.createdAt });

  const isFinal = () => snapshot.status === 'done';

  const summary = (): ProblemSummary => ({
    number: record.number,
    stage: problemStageOf(snapshot),
    version,
    incidents: [...snapshot.context.incidents],
  });

  async function apply(event: ProblemEvent): Promise<ProblemSummary> {
    let effects: ProblemEffect[];
    [snapshot, effects] = applyProblemEvent(snapshot, event);
    version += 1;
    const projection = project(effects, event.at);
    updateSearchAttributes();
    await projectProblem(projection);
    return summary();
  }

  function project(effects: ProblemEffect[], at: string): ProblemProjection {
    const newEntries: ProblemJournalEntry[] = [];
    const knowledge: KnowledgeEntryEffect[] = [];
    for (const effect of effects) {
      if (effect.type === 'record') {
        if (!effect.params.text.trim()) continue;
        const entry: ProblemJournalEntry = { seq: journal.length + 1, ...effect.params, at };
        journal = [...journal, entry];
        newEntries.push(entry);
      } else {
        knowledge.push(effect.params);
      }
    }
    return { record: { ...record }, state: persistProblem(snapshot), version, updatedAt: at, newEntries, knowledge };
  }

  let shownStage = '';
  function updateSearchAttributes(): void {
    const stage = problemStageOf(snapshot);
    if (stage === shownStage) return;
    shownStage = stage;
    upsertSearchAttributes([{ key: ProblemSearchAttributes.stage, value: stage }]);
  }

  const stamp = (message: ProblemCommandMessage): ProblemEvent => ({ ...message, at: isoNow() }) as ProblemEvent;

  function refuseUnlessAllowed(event: ProblemEvent): void {
    const verdict = judgeProblem(snapshot, event);
    if (!verdict.allowed) throw refusal(verdict.message, verdict);
  }

  for (const type of PROBLEM_COMMANDS) {
    setHandler(
      problemCommandUpdates[type],
      async (message: ProblemCommandMessage) => {
        const event = stamp({ ...message, type } as ProblemCommandMessage);
        refuseUnlessAllowed(event);
        commandsThisRun += 1;
        return apply(event);
      },
      { validator: (message: ProblemCommandMessage) => refuseUnlessAllowed(stamp({ ...message, type } as ProblemCommandMessage)) },
    );
  }
  setHandler(problemOpenedUpdate, async () => {
    await condition(() => opened);
    return summary();
  });
  setHandler(problemViewQuery, () => ({ summary: summary(), journal }));

  updateSearchAttributes();
  if (!opened) {
    await projectProblem(project(openingEffects, record.createdAt));
    opened = true;
  }

  const mustContinueAsNew = () => commandsThisRun >= policy.maxCommandsPerRun || workflowInfo().continueAsNewSuggested;

  while (!isFinal()) {
    const seen = version;
    await condition(() => version !== seen || mustContinueAsNew());
    if (mustContinueAsNew() && !isFinal()) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof problemWorkflow>({
        ...input,
        carried: { state: persistProblem(snapshot), journal, version },
      });
    }
  }
  await condition(allHandlersFinished);
  return summary();
}
