// The README's walk-through, verbatim, against the running application: the bash block is run as
// a reader would paste it (only the API address is this test's), and each command's output must be
// what its comment promises. A README that drifts from the API fails here.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startStack, TestStack } from '../support/app';
import { oneLine, promised, walkthroughBlock, walkthroughSteps } from '../support/readme-walkthrough';

jest.setTimeout(120_000);

let stack: TestStack;
let api: string;

beforeAll(async () => {
  stack = await startStack('walkthrough');
  await stack.app.listen(0, '127.0.0.1');
  api = `http://127.0.0.1:${(stack.app.getHttpServer().address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const steps = walkthroughSteps(walkthroughBlock(readme));
const MARK = '@@walkthrough-step@@';

it('reads the block: the address to point at, and outputs to compare', () => {
  expect(steps[0].command).toBe('API=http://127.0.0.1:3000');
  expect(steps.filter((s) => s.expected).length).toBeGreaterThanOrEqual(10);
});

it('prints, command by command, what the README says it prints', async () => {
  const script = ['set -euo pipefail', `API=${api}`, ...steps.slice(1).flatMap((s, i) => [`echo '${MARK} ${i + 1}'`, s.command])].join('\n');
  // Asynchronously: the application answering the curls runs in this process.
  const { stdout: output } = await promisify(execFile)('bash', ['-c', script], { encoding: 'utf8', timeout: 90_000 });
  const outputs = output.split(new RegExp(`^${MARK} \\d+$`, 'm')).slice(1);
  expect(outputs).toHaveLength(steps.length - 1);
  const compared = steps.slice(1).map((step, i) => ({ command: step.command, expected: step.expected, printed: oneLine(outputs[i]) }));
  for (const { command, expected, printed } of compared) {
    if (expected === undefined) continue;
    expect({ command, printed }).toEqual({ command, printed: expect.stringMatching(promised(expected)) });
  }
});
