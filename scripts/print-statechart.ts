// Prints the Mermaid statecharts generated from the machines; with --write, puts them into the
// README and docs/processes.md between their markers (test/readme.spec.ts checks they are up to date).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { README_CHARTS, replaceChart } from '../test/support/readme-charts';

if (process.argv.includes('--write')) {
  for (const chart of README_CHARTS) {
    const path = join(__dirname, '..', chart.file);
    writeFileSync(path, replaceChart(readFileSync(path, 'utf8'), chart.name, chart.render()));
    console.log(`${chart.file}: ${chart.name} updated`);
  }
} else {
  for (const chart of README_CHARTS) console.log(chart.render());
}
