// The command mix of the benches that send ticket commands (bench:commands, bench:cpu): what an
// agent gives all day (journal notes, attention on and off, comments, pin and unpin), on tickets
// In Progress with Tim. Loopback only (API_URL, as bench/rest.ts).
import type { TicketCommandOf } from '../machines/ticket.types';
import { api, REPORT_TITLES, reportTitle } from './rest';

export async function call(method: string, path: string, token: string, body?: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** The commands of the mix. */
type MixCommand = TicketCommandOf<'addJournalNote' | 'setAttention' | 'clearAttention' | 'addComment' | 'pinNote' | 'unpinNote'>;

/** The i-th command of the mix, for a ticket In Progress with Tim: its REST path and body, and the command itself. */
export function commandOf(i: number, number: string): [string, object, MixCommand] {
  switch (i % 6) {
    case 0: return [`/tickets/${number}/journal-notes`, { text: `Checked step ${i}` }, { type: 'addJournalNote', text: `Checked step ${i}` }];
    case 1: return [`/tickets/${number}/attention`, {}, { type: 'setAttention' }];
    case 2: return [`/tickets/${number}/attention/clear`, {}, { type: 'clearAttention' }];
    case 3: return [`/tickets/${number}/comments`, { text: `We are on it (${i})` }, { type: 'addComment', text: `We are on it (${i})` }];
    case 4: return [`/tickets/${number}/journal/2/pin`, {}, { type: 'pinNote', seq: 2 }];
    default: return [`/tickets/${number}/journal/2/unpin`, {}, { type: 'unpinNote', seq: 2 }];
  }
}

/** Tickets In Progress with Tim, each from a different report (titles alike would have the detector propose major incidents). */
export async function ticketsInProgress(count: number, agentId: string): Promise<string[]> {
  const tickets: string[] = [];
  const offset = Math.floor(Math.random() * REPORT_TITLES);
  for (let i = 0; i < count; i++) {
    const t = await call('POST', '/tickets', 'demo-jannet', { type: 'incident', title: reportTitle(offset + i), description: 'load test', impact: 'workplace', urgency: 'days' });
    await call('POST', `/tickets/${t.number}/assign-to-agent`, 'demo-dorthe', { agentId });
    await call('POST', `/tickets/${t.number}/begin-work`, 'demo-tim');
    tickets.push(t.number as string);
  }
  return tickets;
}
