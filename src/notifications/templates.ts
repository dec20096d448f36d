import type { MiNotifyEffect } from '../../machines/major-incident.types';
import type { NotificationTemplate } from '../../machines/ticket.types';

export interface RenderedMessage {
  subject: string;
  body: string;
}

export interface TemplateInput {
  number: string;
  title: string;
  text: string | null;
  /** The subject line a process's machine words (CSI, MI, change). */
  subject?: string;
}

/** Messages about governed processes: the machine words the subject, the body adds the process. */
const PROCESS_TEMPLATES = ['csiStageReminder', 'changeWindowOverrun', 'miProposed', 'miUpdateOverdue', 'miStakeholderUpdate', 'miResolved'] as const satisfies ReadonlyArray<string | MiNotifyEffect['template']>;
type ProcessTemplate = (typeof PROCESS_TEMPLATES)[number];
export type TemplateName = NotificationTemplate | ProcessTemplate;

const processMessage = (t: TemplateInput): RenderedMessage => ({ subject: t.subject ?? t.number, body: `${t.text}\n\n${t.number}: ${t.title}` });

// REQUIREMENTS 11: what the end user is told, and when. Seed 000, principle 4: the resolution is
// sent wrapped in the "Dear user" template.
const TEMPLATES: Record<NotificationTemplate, (t: TemplateInput) => RenderedMessage> = {
  ticketCreated: (t) => ({
    subject: `[${t.number}] We have received your ticket: ${t.title}`,
    body: `Dear user,\n\nWe have registered your ticket ${t.number} and will get back to you.\n`,
  }),
  assignedToTeam: (t) => ({
    subject: `[${t.number}] Your ticket was passed to ${t.text}`,
    body: `Dear user,\n\nYour ticket ${t.number} is now handled by ${t.text}.\n`,
  }),
  pending: (t) => ({
    subject: `[${t.number}] We are waiting: ${t.text}`,
    body: `Dear user,\n\nYour ticket ${t.number} is pending:\n\n${t.text}\n\nReply to this message to continue.\n`,
  }),
  agentComment: (t) => ({
    subject: `[${t.number}] New message on your ticket`,
    body: `Dear user,\n\n${t.text}\n`,
  }),
  resolved: (t) => ({
    subject: `[${t.number}] Resolved: ${t.title}`,
    body:
      `Dear user,\n\nYour ticket ${t.number} has been resolved:\n\n${t.text}\n\n` +
      'If the problem persists, reply to this message or reopen the ticket in the portal.\n',
  }),
  reopened: (t) => ({
    subject: `[${t.number}] Your ticket was reopened`,
    body: `Dear user,\n\nYour ticket ${t.number} is open again and back with an agent.\n`,
  }),
  // Seed 000, principle 2: the user is told when the ticket goes to another team.
  escalated: (t) => ({
    subject: `[${t.number}] Your ticket was passed to ${t.text}`,
    body: `Dear user,\n\nYour ticket ${t.number} has been passed to ${t.text}, who will continue the work.\n`,
  }),
  // Seed 000, principle 1: a P1/P2 handover alerts the receiving team's dispatcher or lead.
  handoverAlert: (t) => ({
    subject: `[${t.number}] High-priority ticket handed to your team: ${t.title}`,
    body: `${t.text}\n\nTicket ${t.number}: ${t.title}\nPlease assign it now.\n`,
  }),
  absenceAlert: (t) => ({
    subject: `[${t.number}] Agent away: ${t.title}`,
    body: `${t.text}\n\nTicket ${t.number}: ${t.title}\nPlease reassign or keep an eye on it.\n`,
  }),
  autoReply: (t) => ({
    subject: `[${t.number}] Automatic reply`,
    body: `Dear user,\n\n${t.text}\n\nYour message is on ticket ${t.number}; the team will follow up.\n`,
  }),
  // To the team's dispatchers and lead (issue "SLA engine"): the text says which clock and when.
  slaWarning: (t) => ({
    subject: `[${t.number}] SLA warning: ${t.title}`,
    body: `${t.text}\n\nTicket ${t.number}: ${t.title}\n`,
  }),
  slaBreach: (t) => ({
    subject: `[${t.number}] SLA breached: ${t.title}`,
    body: `${t.text}\n\nTicket ${t.number}: ${t.title}\nPlease act or reassign.\n`,
  }),
  onCallAlert: (t) => ({
    subject: `[${t.number}] On call: ${t.title}`,
    body: `${t.text}\n\nTicket ${t.number} was reported outside office hours and cannot wait.\n`,
  }),
  closed: (t) => ({
    subject: `[${t.number}] Closed: ${t.title}`,
    body: `Dear user,\n\nYour ticket ${t.number} is closed. To follow up, open a new ticket and mention ${t.number}.\n`,
  }),
};

export function renderNotification(template: TemplateName, input: TemplateInput): RenderedMessage {
  return (PROCESS_TEMPLATES as readonly string[]).includes(template) ? processMessage(input) : TEMPLATES[template as NotificationTemplate](input);
}
