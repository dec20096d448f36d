// A real Temporal dev server per test file: the same CLI binary the run command uses, started by
// the SDK's test environment (no download), with our search attributes registered.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, WorkflowBundle } from '@temporalio/worker';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../src/worker/temporal-worker.service';

// Warnings and errors only: the worker's INFO lines drown the test report.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed in this Jest worker
}

export async function startTemporal(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_CLI;
  if (!path) throw new Error('TEMPORAL_CLI is not set: run the tests with `npm test` (scripts/test.sh finds or builds it)');
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path },
      searchAttributes: ALL_SEARCH_ATTRIBUTES,
      ip: '127.0.0.1',
    },
  });
}

let bundle: Promise<WorkflowBundle> | undefined;
/** Built once per test file: the same bundle the worker would build from `workflows/`. */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), ...WORKFLOW_BUNDLER_OPTIONS, logger: quietLogger });
  return bundle;
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
