import { Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import type { AuthUser } from '../auth/auth-user';
import { TicketsService } from '../tickets/tickets.service';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';
import { NotificationsService } from '../notifications/notifications.service';
import { toNotification } from '../tickets/ticket-view.mapper';
import { simpleParser } from 'mailparser';
import { InboundMailDto, InboundQueryDto, OutboxItemDto, OutboxQueryDto, SinkMailDto, SinkQueryDto } from './dto/mail.dto';
import { MailErrorCode, MailException } from './mail.exception';
import { MailIntake } from './mail-intake.service';
import { MailStore, type InboundRow } from './mail-store.service';

const INBOUND_ID = /^[0-9a-f]{32}$/;
const ATTACHMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toInbound = (r: Omit<InboundRow, 'raw'>): InboundMailDto => ({
  id: r.id,
  messageId: r.messageId,
  source: r.source,
  from: r.fromAddress,
  to: r.envelopeTo,
  subject: r.subject,
  size: r.size,
  status: r.status,
  outcome: r.outcome,
  ticketNumber: r.ticketNumber,
  receivedAt: r.receivedAt.toISOString(),
});

/** Mail as staff and admins see it (REQUIREMENTS 9, 11): the outbox, the intake log, the quarantine, the local sink. */
@ApiTags('mail')
@ApiBearerAuth()
@Controller()
export class MailController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly store: MailStore,
    private readonly intake: MailIntake,
    private readonly tickets: TicketsService,
  ) {}

  @Get('mail/outbox')
  @ApiOkResponse({ type: [OutboxItemDto], description: 'newest first' })
  @Permission('staff')
  @ApiOperation({ summary: 'The outbox: every notification with its delivery state (queued, sent with the server’s answer, failed with the SMTP code, suppressed)' })
  async outbox(@Query() query: OutboxQueryDto): Promise<OutboxItemDto[]> {
    const rows = await this.notifications.list(query);
    return rows.map((n) => {
      const { id, recipientId, template, subject, language, at, delivery } = toNotification(n);
      return { id, ticketNumber: n.ticketNumber, recipientId, audience: n.audience, template, subject, language, autoSubmitted: n.autoSubmitted, at, delivery };
    });
  }

  @Get('mail/inbound')
  @ApiOkResponse({ type: [InboundMailDto], description: 'newest first' })
  @Permission('staff')
  @ApiOperation({ summary: 'Received mail and what became of it (newest first)' })
  async inbound(@Query() query: InboundQueryDto): Promise<InboundMailDto[]> {
    return (await this.store.listInbound(query.status, query.limit ?? 100)).map(toInbound);
  }

  @Get('mail/sink')
  @ApiOkResponse({ type: [SinkMailDto], description: 'newest first; empty unless MAIL_SINK_PORT is set and SMTP_URL points at it (as `npm start` does)' })
  @Permission('staff')
  @ApiOperation({ summary: 'What the local sink received: the mail the system sent, as its recipients would read it' })
  async sink(@Query() query: SinkQueryDto): Promise<SinkMailDto[]> {
    const mails = await this.store.listSink(query.limit ?? 50, query.to);
    return Promise.all(
      mails.map(async ({ receivedAt, raw, ...mail }) => {
        const parsed = await simpleParser(raw, { skipHtmlToText: true, skipImageLinks: true });
        return { ...mail, receivedAt: receivedAt.toISOString(), text: parsed.text ?? '' };
      }),
    );
  }

  @Get('mail/quarantine')
  @ApiOkResponse({ type: [InboundMailDto] })
  @Permission('admin')
  @ApiOperation({ summary: 'Mail the upstream filter marked as spam: never a ticket, never answered until released' })
  async quarantine(): Promise<InboundMailDto[]> {
    return (await this.store.listInbound('quarantined', 1000)).map(toInbound);
  }

  @Post('mail/quarantine/:id/release')
  @ApiOkResponse({ type: InboundMailDto, description: 'the mail, released (its intake runs again)' })
  @ApiErrors({ 404: 'no stored mail with this id', 409: 'the mail is not in quarantine' })
  @Permission('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a quarantined mail: the intake applies it as if it were not spam' })
  async release(@Param('id') id: string): Promise<InboundMailDto> {
    const row = INBOUND_ID.test(id) ? await this.store.inbound(id) : null;
    if (!row) throw new MailException(MailErrorCode.NotFound, `mail ${id} not found`, { field: 'id' });
    if (!(await this.store.release(id))) throw new MailException(MailErrorCode.NotQuarantined, `mail ${id} is not in quarantine (it is ${row.status})`);
    await this.intake.startIntake(id, undefined, undefined, true);
    const { raw: _raw, ...rest } = (await this.store.inbound(id))!;
    return toInbound(rest);
  }

  /**
   * A file that came by mail, for whoever may read the ticket. Always as a download
   * (application/octet-stream, Content-Disposition: attachment, nosniff), never shown inline: mail
   * attachments are untrusted, and an HTML or SVG file must not run as a page of this API's origin.
   * Its declared type is on the ticket view's attachment list.
   */
  @Get('tickets/:number/attachments/:id')
  @Permission('tickets')
  @ApiOkResponse({ description: 'the file as it came', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors({ 404: 'no such ticket for the caller, or no such attachment on it' })
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({ summary: 'Download an attachment that came by mail: whoever may read the ticket' })
  async attachment(@CurrentUser() user: AuthUser, @Param('number') number: string, @Param('id') id: string): Promise<StreamableFile> {
    // The ticket's own visibility rule (an end user: their own tickets only; else 404).
    await this.tickets.assertVisible(user, number);
    const file = ATTACHMENT_ID.test(id) ? await this.store.attachment(number, id) : null;
    if (!file) throw new MailException(MailErrorCode.AttachmentNotFound, `attachment ${id} not found on ${number}`, { field: 'id' });
    return new StreamableFile(file.content, { type: 'application/octet-stream', disposition: contentDisposition(file.filename) });
  }
}

/** RFC 6266: an ASCII fallback and the UTF-8 name, so "Skærmbillede.png" keeps its name. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
