// The README's walk-throughs, verbatim, against the running application: each bash block is run as
// a reader would paste it (only the addresses are this test's), and each command's output must be
// what its comment promises. A README that drifts from the API fails here. The mail walk-through
// runs after the first on the same application, as on one `npm start`: mail in through the SMTP
// listener, mail out into the local sink, the settings src/main.ts gives the embedded default.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startStack, TestStack } from '../support/app';
import { oneLine, promised, walkthroughBlock, walkthroughSteps, type WalkthroughStep } from '../support/readme-walkthrough';
import { freePort } from '../support/processes';

jest.setTimeout(120_000);

let stack: TestStack;
let api: string;
let smtp: string;

beforeAll(async () => {
  const [listenerPort, sinkPort] = [await freePort(), await freePort()];
  stack = await startStack('walkthrough', {
    MAIL_LISTENER_PORT: String(listenerPort),
    MAIL_SINK_PORT: String(sinkPort),
    SMTP_URL: `smtp://127.0.0.1:${sinkPort}`,
  });
  await stack.app.listen(0, '127.0.0.1');
  api = `http://127.0.0.1:${(stack.app.getHttpServer().address() as AddressInfo).port}`;
  smtp = `smtp://127.0.0.1:${listenerPort}`;
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const steps = walkthroughSteps(walkthroughBlock(readme));
const mailSteps = walkthroughSteps(walkthroughBlock(readme, '## Mail walk-through'));
const MARK = '@@walkthrough-step@@';

/** Runs the steps after the address lines (`skip` of them, replaced by `preamble`) and compares each output. */
async function runAndCompare(block: WalkthroughStep[], skip: number, preamble: string[]): Promise<void> {
  const script = ['set -euo pipefail', ...preamble, ...block.slice(skip).flatMap((s, i) => [`echo '${MARK} ${i + 1}'`, s.command])].join('\n');
  // Asynchronously: the application answering the curls runs in this process.
  const { stdout: output } = await promisify(execFile)('bash', ['-c', script], { encoding: 'utf8', timeout: 90_000 });
  const outputs = output.split(new RegExp(`^${MARK} \\d+$`, 'm')).slice(1);
  expect(outputs).toHaveLength(block.length - skip);
  const compared = block.slice(skip).map((step, i) => ({ command: step.command, expected: step.expected, printed: oneLine(outputs[i]) }));
  for (const { command, expected, printed } of compared) {
    if (expected === undefined) continue;
    expect({ command, printed }).toEqual({ command, printed: expect.stringMatching(promised(expected)) });
  }
}

it('reads the blocks: the addresses to point at, and outputs to compare', () => {
  expect(steps[0].command).toBe('API=http://127.0.0.1:3000');
  expect(steps.filter((s) => s.expected).length).toBeGreaterThanOrEqual(10);
  expect(mailSteps.slice(0, 2).map((s) => s.command)).toEqual(['API=http://127.0.0.1:3000', 'SMTP=smtp://127.0.0.1:2525']);
  expect(mailSteps.filter((s) => s.expected).length).toBeGreaterThanOrEqual(5);
});

it('prints, command by command, what the README says it prints', async () => {
  await runAndCompare(steps, 1, [`API=${api}`]);
});

it('then, on the same application, the mail walk-through: a mail becomes a ticket, the answers reach the sink, a reply threads', async () => {
  await runAndCompare(mailSteps, 2, [`API=${api}`, `SMTP=${smtp}`]);
});
