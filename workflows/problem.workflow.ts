// One workflow per problem; its id is the problem number (PRB-000001). The machine decides, the
// process runtime carries out (workflows/runtime/process-runtime.ts): each command an Update,
// the journal and a published known error projected to the read model, the stage a search
// attribute. No timer: it waits for commands until closed.
import { continueAsNew } from '@temporalio/workflow';
import { createProblem, PersistedProblemState, ProblemEffect, problemLaw, ProblemSnapshot, restoreProblem } from '../machines/problem.law';
import { KnowledgeEntryEffect, ProblemEvent } from '../machines/problem.types';
import {
  ProblemActivities,
  ProblemJournalEntry,
  ProblemProjection,
  problemProcess,
  ProblemSearchAttributes,
  ProblemSummary,
  ProblemWorkflowInput,
} from './problem.messages';
import { processActivities } from './runtime/activities';
import { ProcessRuntime } from './runtime/process-runtime';

const activities = processActivities<ProblemActivities>();

class ProblemProcess extends ProcessRuntime<ProblemSnapshot, ProblemEvent, ProblemEffect, PersistedProblemState, ProblemSummary, ProblemProjection> {
  constructor(private readonly input: ProblemWorkflowInput) {
    const { record } = input;
    super(problemLaw, input.carried, restoreProblem, () => createProblem({ number: record.number, incidents: input.incidents, createdBy: input.createdBy, at: record.createdAt }), input.policy.maxCommandsPerRun, input);
  }

  summary(): ProblemSummary {
    const { context } = this.snapshot;
    return { number: this.input.record.number, stage: problemLaw.stateOf(this.snapshot), version: this.version, incidents: [...context.incidents] };
  }

  protected project(effects: ProblemEffect[], at: string): ProblemProjection {
    const newEntries: ProblemJournalEntry[] = [];
    const knowledge: KnowledgeEntryEffect[] = [];
    for (const effect of effects) {
      if (effect.type === 'publishKnowledge') knowledge.push(effect.params);
      else {
        const entry = this.journalLine(effect.params, at);
        if (entry) newEntries.push(entry);
      }
    }
    return { record: { ...this.input.record }, state: problemLaw.persist(this.snapshot), version: this.version, updatedAt: at, newEntries, knowledge };
  }

  protected projectActivity = (projection: Parameters<ProblemActivities['projectProblem']>[0]) => this.activities(activities).projectProblem(projection);
  protected searchAttributes = () => [{ key: ProblemSearchAttributes.stage, value: problemLaw.stateOf(this.snapshot) }];
  protected carried = () => ({});
  protected createdAt = () => this.input.record.createdAt;
}

export async function problemWorkflow(input: ProblemWorkflowInput): Promise<ProblemSummary> {
  const problem = new ProblemProcess(input);
  problem.registerHandlers(problemProcess);
  return problem.run((carried) => continueAsNew<typeof problemWorkflow>({ ...input, carried }));
}
