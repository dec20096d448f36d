// The README's statecharts are drawn from the machines; this fails when one of them changes and
// the README does not (fix: `npm run statechart -- --write`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartInReadme, README_CHARTS } from './support/readme-charts';

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe.each(README_CHARTS)('the statechart "$name" in $file', ({ name, file, render }) => {
  it('is the one generated from the machine', () => {
    expect(chartInReadme(readFileSync(join(root, file), 'utf8'), name)).toBe(render());
  });
});

it('names, for each main rule, a file that exists and holds it', () => {
  const places: Array<[string, RegExp]> = [
    ['machines/handover-note.ts', /'done'/],
    ['machines/process/law.ts', /if \(isFinal\(snapshot\)\) return \[\];/],
    ['src/tickets/tickets.service.ts', /ticket\.requesterId !== user\.id/],
    ['src/auth/permissions.ts', /export const PERMISSIONS/],
  ];
  for (const [file, rule] of places) {
    expect(readme).toContain(`\`${file}\``);
    expect(readFileSync(join(root, file), 'utf8')).toMatch(rule);
  }
});

it('links every document in docs/', () => {
  for (const doc of ['api', 'processes', 'service-levels', 'operations', 'design']) expect(readme).toContain(`(docs/${doc}.md)`);
});

it('gives exactly the two set-up commands, and CI runs the test one', () => {
  expect(readme).toContain('npm start   #');
  expect(readme).toContain('npm test    #');
  expect(readFileSync(join(__dirname, '..', '.ci', 'run'), 'utf8')).toMatch(/^npm test$/m);
});
