import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../auth/permission.decorator';
import { NotificationsService } from '../notifications/notifications.service';
import { toNotification } from '../tickets/ticket-view.mapper';
import { OutboxItemDto, OutboxQueryDto } from './dto/mail.dto';

/** Mail as staff see it (REQUIREMENTS 9, 11): the outbox with each notification's delivery state. */
@ApiTags('mail')
@ApiBearerAuth()
@Controller()
export class MailController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('mail/outbox')
  @Permission('staff')
  @ApiOperation({ summary: 'The outbox: every notification with its delivery state (queued, sent with the server’s answer, failed with the SMTP code, suppressed)' })
  async outbox(@Query() query: OutboxQueryDto): Promise<OutboxItemDto[]> {
    const rows = await this.notifications.list(query);
    return rows.map((n) => {
      const { id, recipientId, template, subject, language, at, delivery } = toNotification(n);
      return { id, ticketNumber: n.ticketNumber, recipientId, audience: n.audience, template, subject, language, autoSubmitted: n.autoSubmitted, at, delivery };
    });
  }
}
