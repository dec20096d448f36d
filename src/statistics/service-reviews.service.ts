import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { SlaPoliciesService } from '../sla/sla-policies.service';
import type { MailedReview, ReviewBreach, ServiceReviewView } from './dto/statistics.dto';
import { breachContext, SegmentFacts, serviceTimeZone, slaFigures } from './figures';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';
import { StatisticsService } from './statistics.service';

/** The review's "% resolved within N business days": three, as the dashboard's default. */
const REVIEW_WITHIN_DAYS = 3;
const TOP_CATEGORIES = 5;

/** The requesters of one organisation (users.organisation, as it is now: a user who moved takes their tickets along). */
const OF_ORGANISATION = `t.requester_id IN (SELECT id FROM users WHERE organisation = $1)`;

/**
 * The monthly service review per customer organisation (issue 15, item 5): SLA met, volumes, top
 * categories and breaches with the reasons their segments record, mailed to the organisation's
 * contact through the notification outbox. The SLA figures are the statistics' own.
 */
@Injectable()
export class ServiceReviewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly statistics: StatisticsService,
    private readonly policies: SlaPoliciesService,
    private readonly notifications: NotificationsService,
  ) {}

  async review(organisation: string, month: string): Promise<ServiceReviewView> {
    // Organisations belong to the teams module; read here by code only, as time statements do.
    const [found] = await this.db.query('SELECT name FROM organisations WHERE code = $1', [organisation]);
    if (!found) throw new StatisticsException(StatisticsErrorCode.OrganisationNotFound, `organisation ${organisation} not found`, { field: 'organisation' });
    const policies = await this.policies.list();
    const zone = serviceTimeZone(policies);
    const start = DateTime.fromISO(`${month}-01`, { zone });
    const period = { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
    const [tickets, volumes, topCategories, breaches] = await Promise.all([
      this.statistics.ticketFacts(policies, period, organisation),
      this.volumes(organisation, period),
      this.topCategories(organisation, period),
      this.breaches(organisation, period),
    ]);
    return { organisation, organisationName: found.name, month, timeZone: zone, withinDays: REVIEW_WITHIN_DAYS, sla: slaFigures(month, tickets, REVIEW_WITHIN_DAYS), volumes, topCategories, breaches };
  }

  private async volumes(organisation: string, p: { from: Date; to: Date }): Promise<ServiceReviewView['volumes']> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE t.created_at >= $2 AND t.created_at < $3)::int AS opened,
              count(*) FILTER (WHERE t.resolved_at >= $2 AND t.resolved_at < $3)::int AS resolved,
              count(*) FILTER (WHERE t.closed_at >= $2 AND t.closed_at < $3)::int AS closed,
              count(*) FILTER (WHERE t.created_at < $3 AND (t.closed_at IS NULL OR t.closed_at >= $3))::int AS open_at_end
       FROM tickets t WHERE ${OF_ORGANISATION}`,
      [organisation, p.from, p.to],
    );
    return { opened: row.opened, resolved: row.resolved, closed: row.closed, openAtEnd: row.open_at_end };
  }

  private async topCategories(organisation: string, p: { from: Date; to: Date }): Promise<ServiceReviewView['topCategories']> {
    return this.db.query(
      `SELECT coalesce(t.category_name, '(no category)') AS category, count(*)::int AS tickets
       FROM tickets t WHERE ${OF_ORGANISATION} AND t.created_at >= $2 AND t.created_at < $3
       GROUP BY 1 ORDER BY tickets DESC, category LIMIT ${TOP_CATEGORIES}`,
      [organisation, p.from, p.to],
    );
  }

  /** The breached clocks of the tickets opened in the month: the breaches the SLA figures count, each with its recorded context. */
  private async breaches(organisation: string, p: { from: Date; to: Date }): Promise<ReviewBreach[]> {
    const rows: Array<{ number: string; title: string; priority: string; clock: string; breached_at: Date; segments: SegmentFacts[]; handovers: number; reopens: number }> =
      await this.db.query(
        `SELECT t.number, t.title, t.priority, c.name AS clock, c.breached_at, c.segments, t.handovers, t.reopens
         FROM sla_clocks c JOIN tickets t ON t.number = c.ticket_number
         WHERE ${OF_ORGANISATION} AND t.created_at >= $2 AND t.created_at < $3 AND c.breached_at IS NOT NULL
           -- The customer's targets; the escalation clock is the desk's own (escalate after), not a promise.
           AND c.name IN ('firstResponse', 'resolution')
         ORDER BY c.breached_at, t.number, c.name`,
        [organisation, p.from, p.to],
      );
    return rows.map((r) => ({
      number: r.number,
      title: r.title,
      priority: r.priority,
      clock: r.clock,
      breachedAt: r.breached_at.toISOString(),
      ...breachContext(r.segments, r.breached_at),
      handovers: r.handovers,
      reopens: r.reopens,
    }));
  }

  /**
   * Mails each organisation with a contact its review of a month that is over. The outbox id is
   * the organisation, month and contact: a repeated call (a retry, a second click) mails nothing again.
   */
  async mail(month: string, now = new Date()): Promise<MailedReview[]> {
    const zone = serviceTimeZone(await this.policies.list());
    if (month >= DateTime.fromJSDate(now, { zone }).toFormat('yyyy-MM')) {
      throw new StatisticsException(StatisticsErrorCode.MonthNotOver, `${month} is not over yet: a review covers a whole month`, { field: 'month', rule: 'monthNotOver' });
    }
    const contacts: Array<{ code: string; contact_id: string }> = await this.db.query(
      `SELECT code, contact_id::text FROM organisations WHERE contact_id IS NOT NULL ORDER BY code`,
    );
    const mailed: MailedReview[] = [];
    for (const { code, contact_id: contactId } of contacts) {
      const review = await this.review(code, month);
      const notificationId = `review:${code}:${month}:${contactId}`;
      await this.notifications.enqueue(this.db.manager, [
        { id: notificationId, number: `REVIEW-${code}-${month}`, recipientId: contactId, audience: 'contact', template: 'serviceReview', vars: reviewVars(review), at: now.toISOString() },
      ]);
      mailed.push({ organisation: code, contactId, notificationId });
    }
    return mailed;
  }
}

/** A figure as the mail writes it: a dash where nothing counts. */
const shown = (value: number | null): string => (value === null ? '–' : String(value));

/** What the serviceReview template lays out. */
function reviewVars(r: ServiceReviewView) {
  return {
    number: `REVIEW-${r.organisation}-${r.month}`,
    title: r.organisationName,
    text: null,
    figures: {
      month: r.month,
      ...r.volumes,
      firstResponseMetPct: shown(r.sla.firstResponseMetPct),
      resolutionMetPct: shown(r.sla.resolutionMetPct),
      medianResolutionBusinessMinutes: shown(r.sla.medianResolutionBusinessMinutes),
      resolvedWithinDaysPct: shown(r.sla.resolvedWithinDaysPct),
      withinDays: r.withinDays,
      topCategories: r.topCategories,
      breaches: r.breaches.map((b) => ({ ...b, statusAtBreach: b.statusAtBreach ?? '–', runningSince: b.runningSince ?? '–' })),
    },
  };
}
