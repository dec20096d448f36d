import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../config/app-config';
import type { IntakeOutcome, MailboxActivities, MailIntakeActivities } from '../../workflows/mail.messages';
import { Activity } from '../temporal/activity.decorator';
import { parseMailboxUrl, withMailbox } from './mailbox';
import { MailIntake } from './mail-intake.service';

/** Mail fetched per poll at most: a large backlog drains over several polls. */
const FETCH_BATCH = 100;

/** The intake workflow's and the mailbox poller's activities. */
@Injectable()
export class MailIntakeActivitiesProvider implements MailIntakeActivities, MailboxActivities {
  constructor(
    private readonly intake: MailIntake,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  @Activity()
  applyInboundMail(inboundId: string): Promise<IntakeOutcome> {
    return this.intake.apply(inboundId);
  }

  @Activity()
  async markInMailbox(mailbox: string, uid: number): Promise<void> {
    // A fault-injection seam for the crash test (test/e2e/mail-crash.e2e.test.ts), which kills the
    // worker here: after the ticket exists, before the mailbox knows. Unset in production.
    const hold = Number(process.env.MAIL_TEST_HOLD_BEFORE_MARK_MS ?? 0);
    if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
    const address = this.mailbox(mailbox);
    await withMailbox(address, (client) => client.messageFlagsAdd({ uid: String(uid) }, ['\\Seen'], { uid: true }));
  }

  /**
   * New (unseen) mail: each stored under its identity and handed to its own intake workflow; a
   * mail whose intake completed earlier (a crash after applying, before marking) is only marked.
   */
  @Activity()
  async pollMailbox(mailbox: string): Promise<number> {
    const address = this.mailbox(mailbox);
    const fetched = await withMailbox(address, async (client) => {
      const uids = ((await client.search({ seen: false }, { uid: true })) || []).slice(0, FETCH_BATCH);
      const messages: Array<{ uid: number; source: Buffer }> = [];
      if (!uids.length) return messages;
      for await (const m of client.fetch(uids.join(','), { uid: true, source: true }, { uid: true })) {
        if (m.source) messages.push({ uid: m.uid, source: m.source });
      }
      return messages;
    });
    for (const m of fetched) {
      const { state } = await this.intake.receive(m.source, { source: 'imap', mailbox, uid: m.uid });
      if (state === 'applied') await withMailbox(address, (client) => client.messageFlagsAdd({ uid: String(m.uid) }, ['\\Seen'], { uid: true }));
    }
    return fetched.length;
  }

  private mailbox(name: string) {
    if (!this.config.mail.imapUrl) throw new Error('IMAP_URL is not set');
    const address = parseMailboxUrl(this.config.mail.imapUrl);
    if (address.name !== name) throw new Error(`unknown mailbox ${name}`);
    return address;
  }
}
