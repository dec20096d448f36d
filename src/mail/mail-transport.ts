import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type Mail from 'nodemailer/lib/mailer';
import { appConfig } from '../config/app-config';

/**
 * The outbound SMTP server (SMTP_URL), through nodemailer: one connection per message, no pool. A
 * pool requeues a message by itself when its connection drops mid-send, behind the back of the
 * delivery workflow, which retries too: that sent mails twice while the server was away.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transport?: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(@Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>) {}

  get configured(): boolean {
    return !!this.config.mail.smtpUrl;
  }

  async send(message: Mail.Options): Promise<SMTPTransport.SentMessageInfo> {
    if (!this.config.mail.smtpUrl) throw new Error('SMTP_URL is not set: no mail can be sent');
    this.transport ??= nodemailer.createTransport({
      url: this.config.mail.smtpUrl,
      // Loopback and in-house relays: no STARTTLS unless the URL asks for it (smtps://).
      ignoreTLS: !this.config.mail.smtpUrl.startsWith('smtps:'),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as SMTPTransport.Options);
    return this.transport.sendMail(message);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
