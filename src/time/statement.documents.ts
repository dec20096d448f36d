// The monthly statement as documents: CSV for the customer's bookkeeping, HTML to print (or print
// to PDF). Both are written from the one StatementView, so they add up as the JSON does.
import { csvLine } from '../http/csv';
import type { StatementView, TimeEntryView } from './dto/time.dto';

const hours = (minutes: number): string => (minutes / 60).toFixed(2);

export function statementCsv(s: StatementView): string {
  const lines = [csvLine(['ticket', 'title', 'entry', 'worked_on', 'agent', 'activity', 'minutes', 'billable', 'note', 'corrects'])];
  for (const t of s.tickets) {
    for (const e of t.entries) lines.push(csvLine([t.number, t.title, e.entry, e.workedOn, e.agentName, e.activity, e.minutes, e.billable, e.note, e.corrects]));
    lines.push(csvLine([t.number, 'subtotal', null, null, null, null, t.minutes, null, `billable ${t.billableMinutes}`, null]));
  }
  lines.push(csvLine([null, 'total', null, null, null, null, s.totals.minutes, null, `billable ${s.totals.billableMinutes}`, null]));
  return `${lines.join('\r\n')}\r\n`;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const entryRow = (e: TimeEntryView): string =>
  `<tr><td>${e.entry}</td><td>${e.workedOn}</td><td>${escapeHtml(e.agentName)}</td><td>${e.activity}</td>` +
  `<td class="n">${e.minutes}</td><td>${e.billable ? 'yes' : 'no'}</td><td>${escapeHtml(e.note ?? '')}${e.corrects ? ` (corrects entry ${e.corrects})` : ''}</td></tr>`;

export function statementHtml(s: StatementView): string {
  const tickets = s.tickets
    .map(
      (t) => `<h2>${escapeHtml(t.number)} ${escapeHtml(t.title)}</h2>
<table><thead><tr><th>#</th><th>day</th><th>agent</th><th>activity</th><th>minutes</th><th>billable</th><th>note</th></tr></thead>
<tbody>${t.entries.map(entryRow).join('\n')}</tbody>
<tfoot><tr><td colspan="4">subtotal</td><td class="n">${t.minutes}</td><td colspan="2">billable ${t.billableMinutes} min (${hours(t.billableMinutes)} h)</td></tr></tfoot></table>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Statement ${escapeHtml(s.organisation)} ${s.month}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:1em}td,th{border:1px solid #999;padding:.2em .5em;text-align:left}.n{text-align:right}@media print{h2{page-break-after:avoid}}</style>
</head><body>
<h1>Statement for ${escapeHtml(s.organisationName)} (${escapeHtml(s.organisation)}), ${s.month}${s.closed ? '' : ' (month not closed: provisional)'}</h1>
<p>${escapeHtml(s.rule[0].toUpperCase() + s.rule.slice(1))}.</p>
${tickets || '<p>No time registered this month.</p>'}
<p class="total"><strong>Total: ${s.totals.minutes} min (${hours(s.totals.minutes)} h), billable ${s.totals.billableMinutes} min (${hours(s.totals.billableMinutes)} h)</strong></p>
</body></html>
`;
}
