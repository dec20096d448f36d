import type { Actor } from '../../machines/actor';
import { allowedCommands, restoreTicket } from '../../machines/ticket.law';
import type { NotificationEntity } from '../notifications/notification.entity';
import type { Channel } from './dto/create-ticket.dto';
import type { AttachmentDto, JournalEntryDto, NotificationDto, TicketListItemDto, TicketViewDto } from './dto/ticket-view.dto';
import type { JournalEntryEntity } from './entities/journal-entry.entity';
import type { TicketEntity } from './entities/ticket.entity';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? id } : null);

export function toTicketListItem(t: TicketEntity): TicketListItemDto {
  return {
    number: t.number,
    type: t.type,
    title: t.title,
    status: t.status,
    priority: { code: t.priority, name: t.priorityName, score: t.priorityScore },
    team: ref(t.teamId, t.teamName),
    assignee: ref(t.assigneeId, t.assigneeName),
    requesterId: t.requesterId,
    updateFlag: t.updateFlag,
    attentionFlag: t.attentionFlag,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export function toJournalEntry(e: JournalEntryEntity): JournalEntryDto {
  return {
    seq: e.seq,
    kind: e.kind,
    visibility: e.visibility,
    authorId: e.authorId,
    text: e.text,
    pinned: e.pinned,
    at: e.createdAt.toISOString(),
  };
}

export function toNotification(n: NotificationEntity): NotificationDto {
  return {
    id: n.id,
    recipientId: n.recipientId,
    template: n.template,
    subject: n.subject,
    body: n.body,
    language: n.language,
    at: n.createdAt.toISOString(),
    delivery: {
      status: n.status,
      to: n.recipientAddress,
      messageId: n.messageId,
      deliverAfter: iso(n.deliverAfter),
      attempts: n.attempts,
      sentAt: iso(n.sentAt),
      smtpResponse: n.smtpResponse,
      failedCode: n.failedCode,
      failure: n.failure,
    },
  };
}

/** The view without what only the service knows (the SLA figures, the handling, the major incident). */
export type TicketRecordView = Omit<TicketViewDto, 'sla' | 'handling' | 'majorIncident' | 'references' | 'referencedBy'>;

export function toTicketView(
  t: TicketEntity,
  journal: JournalEntryEntity[],
  notifications: NotificationEntity[],
  viewer: Actor,
  attachments: AttachmentDto[] = [],
): TicketRecordView {
  return {
    ...toTicketListItem(t),
    description: t.description,
    category: ref(t.categoryId, t.categoryName),
    // The read model stores them as text; they were validated against these lists on the way in.
    impact: t.impact,
    urgency: t.urgency,
    channel: t.channel as Channel,
    pending: t.pendingReason ? { reason: t.pendingReason, text: t.pendingText ?? '' } : null,
    resolution: t.resolution,
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    closesAt: iso(t.closesAt),
    version: t.version,
    journal: journal.map(toJournalEntry),
    notifications: notifications.map(toNotification),
    attachments,
    allowedCommands: allowedCommands(restoreTicket(t.machineState), viewer),
  };
}
