import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { monthOf, TIME_RULE } from '../../machines/time/time-units';
import type { TimeEntryRecord } from '../../workflows/ticket.messages';
import type { ClosedMonthView, StatementTicket, StatementView, TicketTimeView, TimeEntryView, TimeTotals } from './dto/time.dto';
import { ClosedMonthEntity, TimeEntryEntity } from './time-entry.entity';
import { TimeErrorCode, TimeException } from './time.exception';

const view = (e: TimeEntryEntity): TimeEntryView => ({
  ticketNumber: e.ticketNumber,
  ticketTitle: e.ticketTitle,
  entry: e.entry,
  agentId: e.agentId,
  agentName: e.agentName,
  organisation: e.organisation,
  workedOn: e.workedOn,
  activity: e.activity,
  workedMinutes: e.workedMinutes,
  minutes: e.minutes,
  billable: e.billable,
  note: e.note,
  corrects: e.corrects,
  registeredAt: e.registeredAt.toISOString(),
});

const totalsOf = (entries: TimeEntryView[]): TimeTotals => ({
  minutes: entries.reduce((sum, e) => sum + e.minutes, 0),
  billableMinutes: entries.reduce((sum, e) => sum + (e.billable ? e.minutes : 0), 0),
});

/**
 * Time registration (REQUIREMENTS 10, seed 003). The ticket machine decides and journals each
 * entry (logTime, correctTime); the ticket's projection stores it here, in its own transaction
 * (`record`). This module owns the entries, the closed months and the monthly statements.
 */
@Injectable()
export class TimeService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Called by the ticket projection: idempotent (a retried projection writes each entry once). */
  async record(tx: EntityManager, ticketNumber: string, ticketTitle: string, entries: readonly TimeEntryRecord[]): Promise<void> {
    for (const e of entries) {
      // The customer is the requester's organisation at the time: a later move does not rewrite a statement.
      await tx.query(
        `INSERT INTO time_entries (ticket_number, entry, ticket_title, agent_id, agent_name, organisation, worked_on, activity,
           worked_minutes, minutes, billable, note, corrects, registered_at)
         SELECT $1, $2, $3, $4, $5, (SELECT organisation FROM users WHERE id = $6), $7, $8, $9, $10, $11, $12, $13, $14
         ON CONFLICT (ticket_number, entry) DO NOTHING`,
        [ticketNumber, e.entry, ticketTitle, e.agentId, e.agentName, e.requesterId, e.workedOn, e.activity, e.workedMinutes, e.minutes, e.billable, e.note, e.corrects, e.at],
      );
    }
  }

  /** Refuses work dated in a closed month (422): its statements are final; correct in an open month. */
  async assertMonthOpen(workedOn: string): Promise<void> {
    const month = monthOf(workedOn);
    if (await this.db.getRepository(ClosedMonthEntity).existsBy({ month })) {
      throw new TimeException(TimeErrorCode.MonthClosed, `${month} is closed: its statements are final; register or correct time in an open month`, {
        field: 'workedOn',
        rule: 'monthClosed',
      });
    }
  }

  async ofTicket(number: string): Promise<TicketTimeView> {
    const entries = (await this.db.getRepository(TimeEntryEntity).find({ where: { ticketNumber: number }, order: { entry: 'ASC' } })).map(view);
    return { rule: TIME_RULE, ...totalsOf(entries), entries };
  }

  /** A customer's month: the entries by ticket, each ticket's subtotal, and the totals of the subtotals. */
  async statement(organisation: string, month: string): Promise<StatementView> {
    const [found] = await this.db.query('SELECT name FROM organisations WHERE code = $1', [organisation]);
    if (!found) throw new TimeException(TimeErrorCode.OrganisationNotFound, `organisation ${organisation} not found`, { field: 'organisation' });
    const first = `${month}-01`;
    const entries = await this.db
      .getRepository(TimeEntryEntity)
      .createQueryBuilder('e')
      .where('e.organisation = :organisation', { organisation })
      .andWhere(`e.worked_on >= :first::date AND e.worked_on < (:first::date + interval '1 month')`, { first })
      .orderBy('e.ticket_number')
      .addOrderBy('e.entry')
      .getMany();
    const byTicket = new Map<string, StatementTicket>();
    for (const entry of entries.map(view)) {
      const ticket = byTicket.get(entry.ticketNumber) ?? { number: entry.ticketNumber, title: entry.ticketTitle, entries: [], minutes: 0, billableMinutes: 0 };
      ticket.entries.push(entry);
      byTicket.set(entry.ticketNumber, { ...ticket, ...totalsOf(ticket.entries) });
    }
    const tickets = [...byTicket.values()];
    const totals = {
      minutes: tickets.reduce((sum, t) => sum + t.minutes, 0),
      billableMinutes: tickets.reduce((sum, t) => sum + t.billableMinutes, 0),
    };
    const closed = await this.db.getRepository(ClosedMonthEntity).existsBy({ month });
    return { organisation, organisationName: found.name, month, closed, rule: TIME_RULE, tickets, totals };
  }

  /** Closes a month that is over: no entry dated in it is accepted afterwards. Closing it again changes nothing. */
  async closeMonth(user: AuthUser, month: string, now = new Date()): Promise<ClosedMonthView> {
    if (month >= now.toISOString().slice(0, 7)) {
      throw new TimeException(TimeErrorCode.MonthNotOver, `${month} is not over yet: only a past month can be closed`, { field: 'month', rule: 'monthNotOver' });
    }
    const months = this.db.getRepository(ClosedMonthEntity);
    await months.createQueryBuilder().insert().values({ month, closedBy: user.username, closedAt: now }).orIgnore().execute();
    return toClosedView(await months.findOneByOrFail({ month }));
  }

  async closedMonths(): Promise<ClosedMonthView[]> {
    return (await this.db.getRepository(ClosedMonthEntity).find({ order: { month: 'DESC' } })).map(toClosedView);
  }
}

const toClosedView = (m: ClosedMonthEntity): ClosedMonthView => ({ month: m.month, closedBy: m.closedBy, closedAt: m.closedAt.toISOString() });
