// The README's statecharts are drawn from the machines; this fails when one of them changes and
// the README does not (fix: `npm run statechart -- --write`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartInReadme, README_CHARTS } from './support/readme-charts';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe.each(README_CHARTS)('the README statechart "$name"', ({ name, render }) => {
  it('is the one generated from the machine', () => {
    expect(chartInReadme(readme, name)).toBe(render());
  });
});

it('gives exactly the two set-up commands, and CI runs the test one', () => {
  expect(readme).toContain('npm start   #');
  expect(readme).toContain('npm test    #');
  expect(readFileSync(join(__dirname, '..', '.ci', 'run'), 'utf8')).toMatch(/^npm test$/m);
});
