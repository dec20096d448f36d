import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { UsersService } from '../auth/users.service';
import { appConfig } from '../config/app-config';
import { APP_ROLES, type AppRoles } from '../config/app-roles';
import { MailIntake } from './mail-intake.service';
import { MailStore } from './mail-store.service';

const smtpError = (message: string, code: number) => Object.assign(new Error(message), { responseCode: code });

async function collect(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The SMTP listener of the mail module (smtp-server), on 127.0.0.1:MAIL_LISTENER_PORT, in API
 * processes: an MTA delivers mail for the support address and the agents' addresses; 250 only
 * once the mail is stored and its intake workflow started, else 451 so the MTA retries; a mail
 * over MAIL_MAX_MESSAGE_BYTES is refused with 552; any other recipient with 550.
 * And the local sink (MAIL_SINK_PORT; `npm start` sends its mail there unless SMTP_URL is set):
 * keeps every mail the system sends in PostgreSQL, to read with GET /mail/sink, so the mail
 * walk-through needs no mail server of its own.
 */
@Injectable()
export class SmtpServers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SmtpServers.name);
  private readonly servers: SMTPServer[] = [];

  constructor(
    private readonly intake: MailIntake,
    private readonly store: MailStore,
    private readonly users: UsersService,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
    @Inject(APP_ROLES) private readonly roles: AppRoles,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { listenerPort, sinkPort } = this.config.mail;
    if (!this.roles.api) return;
    if (sinkPort) await this.listen(this.sink(), sinkPort, 'mail sink');
    if (listenerPort) await this.listen(this.listener(), listenerPort, 'SMTP listener');
    else this.logger.log('mail intake by SMTP off: MAIL_LISTENER_PORT is not set');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }

  private async listen(server: SMTPServer, port: number, what: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    server.on('error', (error) => this.logger.warn(`${what}: ${error.message}`));
    this.servers.push(server);
    this.logger.log(`${what} on 127.0.0.1:${port}`);
  }

  private listener(): SMTPServer {
    const { maxMessageBytes, supportAddress, agentAddresses } = this.config.mail;
    return new SMTPServer({
      name: 'itsm',
      banner: 'ITSM mail intake',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: maxMessageBytes,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const to = address.address.toLowerCase();
        if (to === supportAddress || agentAddresses.includes(to)) return callback();
        this.users
          .isStaffAddress(to)
          .then((staff) => callback(staff ? undefined : smtpError(`5.1.1 <${to}>: no such mailbox here`, 550)))
          .catch(() => callback(smtpError('4.3.0 try again later', 451)));
      },
      onData: (stream, session, callback) => {
        this.accept(stream, session)
          .then((id) => callback(null, `2.0.0 accepted as ${id}`))
          .catch((error: Error & { responseCode?: number }) => {
            if (!error.responseCode) this.logger.warn(`SMTP listener: ${error.message}`);
            callback(error.responseCode ? error : smtpError('4.3.0 not stored, try again later', 451));
          });
      },
    });
  }

  private async accept(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const raw = await collect(stream);
    if (stream.sizeExceeded) {
      throw smtpError(`5.3.4 message too large: the service desk accepts ${Math.floor(this.config.mail.maxMessageBytes / 1024 / 1024)} MB at most`, 552);
    }
    const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
    const to = session.envelope.rcptTo.map((r) => r.address);
    const { inboundId } = await this.intake.receive(raw, { source: 'smtp', from, to });
    return inboundId;
  }

  private sink(): SMTPServer {
    return new SMTPServer({
      name: 'itsm-sink',
      banner: 'ITSM local mail sink',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        this.keep(stream, session)
          .then((id) => callback(null, `2.0.0 kept in the sink as ${id}`))
          .catch(() => callback(smtpError('4.3.0 sink unavailable, try again later', 451)));
      },
    });
  }

  private async keep(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const raw = await collect(stream);
    const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    return this.store.storeSink({
      from: session.envelope.mailFrom === false ? null : session.envelope.mailFrom.address,
      to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
      subject: parsed.subject ?? '',
      messageId: parsed.messageId ?? null,
      raw: raw.toString('utf8'),
    });
  }
}
