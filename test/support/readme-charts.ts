import type { AnyStateMachine } from 'xstate';
import { toMermaid } from '../../machines/statechart';
import { ticketMachine } from '../../machines/ticket.machine';
import { csiProposalMachine } from '../../machines/csi-proposal.machine';
import { changeMachine } from '../../machines/change.machine';
import { problemMachine } from '../../machines/problem.machine';
import { majorIncidentMachine } from '../../machines/major-incident.machine';
import { articleMachine } from '../../machines/article.machine';
import { guideToMermaid, PRINTER_GUIDE } from '../../machines/catalog/guide';

/** The statecharts the README and docs/processes.md show, each between `<!-- statechart:<name>:start/end -->`. */
export const README_CHARTS: Array<{ name: string; file: string; render: () => string }> = [
  { name: 'ticket', file: 'README.md', render: () => fenced(ticketMachine) },
  { name: 'csi', file: 'docs/processes.md', render: () => fenced(csiProposalMachine) },
  { name: 'change', file: 'docs/processes.md', render: () => fenced(changeMachine) },
  { name: 'problem', file: 'docs/processes.md', render: () => fenced(problemMachine) },
  { name: 'mi', file: 'docs/processes.md', render: () => fenced(majorIncidentMachine) },
  { name: 'article', file: 'docs/processes.md', render: () => fenced(articleMachine) },
  // A guide is data an admin writes; its machine is built from it. The sample is seed 002's printer guide.
  { name: 'guide', file: 'docs/processes.md', render: () => ['```mermaid', guideToMermaid(PRINTER_GUIDE), '```'].join('\n') },
];

function fenced(machine: AnyStateMachine): string {
  return ['```mermaid', toMermaid(machine), '```'].join('\n');
}

const markers = (name: string) => [`<!-- statechart:${name}:start -->`, `<!-- statechart:${name}:end -->`] as const;

export function chartInReadme(readme: string, name: string): string | undefined {
  const [start, end] = markers(name);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) return undefined;
  return readme.slice(from + start.length, to).trim();
}

export function replaceChart(readme: string, name: string, chart: string): string {
  const [start, end] = markers(name);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README has no ${start} … ${end}`);
  return `${readme.slice(0, from + start.length)}\n${chart}\n${readme.slice(to)}`;
}
