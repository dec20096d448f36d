import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appConfig } from '../config/app-config';

/**
 * One governor per correspondent address (REQUIREMENTS 9: never loop with auto-responders): every
 * automatic mail to an address takes a slot of the day (MAIL_AUTO_LIMIT_PER_DAY, default 20); past
 * the limit the mail is suppressed, visibly. A standard answer (portal pointer, personal address)
 * goes to one sender once per MAIL_ANSWER_PERIOD (default 24 h). Both are idempotent per message,
 * so a retried activity takes no second slot.
 */
@Injectable()
export class MailGovernor {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  /** May this automatic mail go to this address today? Takes the slot if so. */
  async take(address: string, notificationId: string): Promise<boolean> {
    const key = address.toLowerCase();
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`mail-governor:${key}`]);
      const taken = await tx.query(`SELECT 1 FROM mail_governor WHERE address = $1 AND notification_id = $2`, [key, notificationId]);
      if (taken.length) return true;
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM mail_governor WHERE address = $1 AND day = current_date`, [key]);
      if (n >= this.config.mail.autoLimitPerDay) return false;
      await tx.query(`INSERT INTO mail_governor (address, day, notification_id) VALUES ($1, current_date, $2)`, [key, notificationId]);
      return true;
    });
  }

  /** Is a standard answer of this kind due to this sender (none in the period, or it is this very mail's)? Claims it if so. */
  async answerDue(address: string, kind: string, inboundId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO mail_answers (address, kind, last_at, inbound_id) VALUES ($1, $2, now(), $3)
       ON CONFLICT (address, kind) DO UPDATE SET last_at = now(), inbound_id = EXCLUDED.inbound_id
         WHERE mail_answers.last_at < now() - make_interval(secs => $4) OR mail_answers.inbound_id = EXCLUDED.inbound_id
       RETURNING 1`,
      [address.toLowerCase(), kind, inboundId, this.config.mail.answerPeriodMs / 1000],
    );
    return rows.length > 0;
  }
}
