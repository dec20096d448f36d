// Prints the Mermaid statecharts generated from the machines; with --write, puts them into the
// README between their markers (test/readme.spec.ts checks the README is up to date).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { README_CHARTS, replaceChart } from '../test/support/readme-charts';

const readmePath = join(__dirname, '..', 'README.md');
if (process.argv.includes('--write')) {
  let readme = readFileSync(readmePath, 'utf8');
  for (const chart of README_CHARTS) readme = replaceChart(readme, chart.name, chart.render());
  writeFileSync(readmePath, readme);
  console.log(`README.md: ${README_CHARTS.map((c) => c.name).join(', ')} updated`);
} else {
  for (const chart of README_CHARTS) console.log(chart.render());
}
