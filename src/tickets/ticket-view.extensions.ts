import { Injectable } from '@nestjs/common';
import type { AttachmentDto } from './dto/ticket-view.dto';

type AttachmentsOf = (ticketNumber: string) => Promise<AttachmentDto[]>;

/**
 * What other modules add to the ticket view without the ticket module knowing them (the mail
 * module lists the attachments that came by mail: it owns them).
 */
@Injectable()
export class TicketViewExtensions {
  private attachments: AttachmentsOf = async () => [];

  provideAttachments(source: AttachmentsOf): void {
    this.attachments = source;
  }

  attachmentsOf(ticketNumber: string): Promise<AttachmentDto[]> {
    return this.attachments(ticketNumber);
  }
}
