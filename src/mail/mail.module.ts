import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { MailBackground } from './mail-background.service';
import { MailController } from './mail.controller';
import { MailDelivery } from './mail-delivery.activities';
import { MailGovernor } from './mail-governor.service';
import { MailStore } from './mail-store.service';
import { MailTransport } from './mail-transport';

/**
 * Mail (REQUIREMENTS 9, 11; DESIGN "Channels"): delivery of the outbox (notifications owns it) over
 * SMTP (SMTP_URL; unset: mail is off and the log says so), through the per-correspondent loop
 * governor. Owns mail_threads, mail_governor (and the other mail tables the intake will fill).
 */
@Module({
  imports: [TicketsModule],
  controllers: [MailController],
  providers: [MailStore, MailGovernor, MailTransport, MailDelivery, MailBackground],
})
export class MailModule {}
