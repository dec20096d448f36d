import { Module, OnModuleInit } from '@nestjs/common';
import { TicketViewExtensions } from '../tickets/ticket-view.extensions';
import { TicketsModule } from '../tickets/tickets.module';
import { MailBackground } from './mail-background.service';
import { MailController } from './mail.controller';
import { MailDelivery } from './mail-delivery.activities';
import { MailGovernor } from './mail-governor.service';
import { MailIntakeActivitiesProvider } from './mail-intake.activities';
import { MailIntake } from './mail-intake.service';
import { MailStore } from './mail-store.service';
import { MailTransport } from './mail-transport';
import { SmtpServers } from './smtp-servers.service';

/**
 * Mail (REQUIREMENTS 9, 11; DESIGN "Channels"): delivery of the outbox (notifications owns it) over
 * SMTP (SMTP_URL; unset: mail is off and the log says so), through the per-correspondent loop
 * governor; intake by polling the support mailbox (IMAP_URL) and by an SMTP listener
 * (MAIL_LISTENER_PORT). Owns inbound_mail, mail_attachments,
 * mail_threads, mail_correspondents, mail_governor and mail_answers.
 */
@Module({
  imports: [TicketsModule],
  controllers: [MailController],
  providers: [MailStore, MailGovernor, MailTransport, MailDelivery, MailIntake, MailIntakeActivitiesProvider, MailBackground, SmtpServers],
})
export class MailModule implements OnModuleInit {
  constructor(
    private readonly extensions: TicketViewExtensions,
    private readonly store: MailStore,
  ) {}

  /** Attachments that came by mail are listed on the ticket view. */
  onModuleInit(): void {
    this.extensions.provideAttachments(async (number) =>
      (await this.store.attachmentsOf(number)).map((a) => ({
        id: a.id,
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
        at: a.createdAt.toISOString(),
      })),
    );
  }
}
