import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Impact, Urgency } from '../../machines/priority';
import type { AuthUser } from '../auth/auth-user';
import { TicketReadModel } from '../tickets/ticket-read-model';
import { TicketsService } from '../tickets/tickets.service';
import { DomainException } from '../errors/domain.exception';
import type { AlertDto, AlertmanagerAlertDto, AlertReceiptDto, MonitorAlertDto } from './dto/alert.dto';

interface AlertRow {
  id: string;
  ticket_number: string | null;
  occurrences: number;
  changes_in_window: number;
  flapping: boolean;
  first_seen: Date;
  inserted?: boolean;
}

// Issue 5: more than FLAP_CHANGES state changes within FLAP_WINDOW is flapping.
const FLAP_CHANGES = Number(process.env.MONITOR_FLAP_CHANGES ?? 4);
const FLAP_WINDOW_SECONDS = Number(process.env.MONITOR_FLAP_WINDOW_SECONDS ?? 900);
/** A first post that died before opening its incident is taken over after this long. */
const ORPHAN_AFTER_MS = 30_000;

const IMPACT_URGENCY: Record<AlertDto['severity'], [Impact, Urgency]> = {
  critical: ['site', 'immediate'],
  major: ['department', 'immediate'],
  warning: ['department', 'today'],
  minor: ['workplace', 'today'],
  info: ['workplace', 'tomorrow'],
};

/**
 * Monitor intake (REQUIREMENTS 9, issue 5): one incident per open fingerprint, however many posts
 * arrive at once. PostgreSQL's unique index on open fingerprints decides who opens the incident;
 * everyone else counts an occurrence. The incident itself is opened through the ticket intake, with
 * the alert's id as Idempotency-Key, so a retry never opens a second one.
 */
@Injectable()
export class MonitorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tickets: TicketsService,
    private readonly readModel: TicketReadModel,
  ) {}

  async ingest(user: AuthUser, alert: AlertDto): Promise<AlertReceiptDto> {
    return alert.status === 'firing' ? this.fire(user, alert) : this.clear(user, alert);
  }

  /** Prometheus Alertmanager's webhook, unchanged: each alert in it is an alert of ours. */
  async ingestAlertmanager(user: AuthUser, alerts: AlertmanagerAlertDto[]): Promise<AlertReceiptDto[]> {
    const receipts: AlertReceiptDto[] = [];
    for (const a of alerts) receipts.push(await this.ingest(user, fromAlertmanager(a)));
    return receipts;
  }

  async alertsOf(user: AuthUser, ticketNumber: string | undefined): Promise<MonitorAlertDto[]> {
    const rows: Array<Omit<MonitorAlertDto, 'firstSeen' | 'lastSeen'> & { firstSeen: Date; lastSeen: Date }> = await this.db.query(
      `SELECT id, fingerprint, source, service, severity, summary, status, occurrences, first_seen AS "firstSeen",
              last_seen AS "lastSeen", flapping, open FROM monitor_alerts WHERE ticket_number = $1 ORDER BY first_seen`,
      [ticketNumber],
    );
    return rows.map((r) => ({ ...r, firstSeen: r.firstSeen.toISOString(), lastSeen: r.lastSeen.toISOString() }));
  }

  private async fire(user: AuthUser, alert: AlertDto): Promise<AlertReceiptDto> {
    await this.releaseIfClosed(alert.fingerprint);
    const [row]: AlertRow[] = await this.db.query(
      `INSERT INTO monitor_alerts (fingerprint, source, service, severity, summary, status, first_seen, last_seen, flap_window_start)
       VALUES ($1, $2, $3, $4, $5, 'firing', now(), now(), now())
       ON CONFLICT (fingerprint) WHERE open DO UPDATE SET
         occurrences = monitor_alerts.occurrences + 1,
         last_seen = now(),
         summary = EXCLUDED.summary,
         ${flapColumns("'firing'")},
         status = 'firing'
       RETURNING id, ticket_number, occurrences, changes_in_window, flapping, first_seen, (xmax = 0) AS inserted`,
      [alert.fingerprint, alert.source, alert.service, alert.severity, alert.summary, FLAP_WINDOW_SECONDS],
    );
    let ticketNumber = row.ticket_number;
    const orphaned = !ticketNumber && Date.now() - new Date(row.first_seen).getTime() > ORPHAN_AFTER_MS;
    if (row.inserted || orphaned) ticketNumber = await this.openIncident(user, alert, row.id);
    else if (ticketNumber && (await this.readModel.statusOf(ticketNumber)) === 'Resolved') {
      // The problem is back before the incident closed: reopen it rather than open another.
      await this.tell(user, ticketNumber, { type: 'reopen', text: `the alert fired again: ${alert.summary}` });
    }
    const flapping = await this.noteFlapping(user, row, ticketNumber);
    return { fingerprint: alert.fingerprint, status: 'firing', ticketNumber, occurrences: row.occurrences, createdIncident: !!row.inserted, flapping };
  }

  private async clear(user: AuthUser, alert: AlertDto): Promise<AlertReceiptDto> {
    await this.releaseIfClosed(alert.fingerprint);
    const [row]: AlertRow[] = rowsOf(await this.db.query(
      `UPDATE monitor_alerts SET last_seen = now(), ${flapColumns("'resolved'", '$2')}, status = 'resolved'
       WHERE fingerprint = $1 AND open
       RETURNING id, ticket_number, occurrences, changes_in_window, flapping, first_seen`,
      [alert.fingerprint, FLAP_WINDOW_SECONDS],
    ));
    if (!row) return { fingerprint: alert.fingerprint, status: 'resolved', ticketNumber: null, occurrences: 0, createdIncident: false, flapping: false, ignored: true };
    const flapping = await this.noteFlapping(user, row, row.ticket_number);
    // A flapping alert holds its incident open; otherwise the machine decides: resolve while
    // nobody has worked the incident, a note for the agent once somebody has.
    if (row.ticket_number && !flapping) await this.tell(user, row.ticket_number, { type: 'monitorCleared', text: alert.summary });
    return { fingerprint: alert.fingerprint, status: 'resolved', ticketNumber: row.ticket_number, occurrences: row.occurrences, createdIncident: false, flapping };
  }

  private async openIncident(user: AuthUser, alert: AlertDto, alertId: string): Promise<string> {
    const [impact, urgency] = IMPACT_URGENCY[alert.severity];
    const ticket = await this.tickets.create(
      user,
      {
        type: 'incident',
        title: `[${alert.severity}] ${alert.service}: ${alert.summary}`.slice(0, 200),
        description: `Raised by ${alert.source} (fingerprint ${alert.fingerprint}).\n\n${alert.summary}`,
        impact,
        urgency,
        channel: 'monitor',
      },
      `alert:${alertId}`,
    );
    await this.db.query('UPDATE monitor_alerts SET ticket_number = $2 WHERE id = $1', [alertId, ticket.number]);
    return ticket.number;
  }

  /** Journals flapping once, the first time the alert crosses the threshold. */
  private async noteFlapping(user: AuthUser, row: AlertRow, ticketNumber: string | null): Promise<boolean> {
    if (row.flapping) return true;
    if (row.changes_in_window <= FLAP_CHANGES) return false;
    const [marked] = rowsOf(await this.db.query('UPDATE monitor_alerts SET flapping = true WHERE id = $1 AND NOT flapping RETURNING id', [row.id]));
    if (marked && ticketNumber) {
      const text = `the alert is flapping (${row.changes_in_window} state changes within ${FLAP_WINDOW_SECONDS / 60} minutes): the incident is held open`;
      await this.tell(user, ticketNumber, { type: 'monitorNote', text });
    }
    return true;
  }

  /**
   * A closed incident frees its alert's fingerprint, so the next firing opens a new incident. The
   * monitors decide that from the ticket's status when the alert comes again; the ticket
   * projection knows nothing of alerts.
   */
  private async releaseIfClosed(fingerprint: string): Promise<void> {
    const [alert] = await this.db.query('SELECT id, ticket_number FROM monitor_alerts WHERE fingerprint = $1 AND open', [fingerprint]);
    if (alert?.ticket_number && (await this.readModel.statusOf(alert.ticket_number)) === 'Closed') {
      await this.db.query('UPDATE monitor_alerts SET open = false WHERE id = $1 AND open', [alert.id]);
    }
  }

  private async tell(user: AuthUser, number: string, command: { type: 'monitorCleared' | 'monitorNote' | 'reopen'; text: string }): Promise<void> {
    try {
      await this.tickets.command(user, number, command);
    } catch (error) {
      // A closed incident takes nothing more; its fingerprint is free for a new one. An outage is not swallowed.
      if (!(error instanceof DomainException) || error.kind === 'unavailable') throw error;
    }
  }
}

/** TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, count], an INSERT with rows. */
function rowsOf<T>(result: T[] | [T[], number]): T[] {
  return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

/** The flap counters: changes within the current window; a window older than the period restarts. */
function flapColumns(newStatus: string, windowParam = '$6'): string {
  const expired = `monitor_alerts.flap_window_start < now() - make_interval(secs => ${windowParam})`;
  const change = `CASE WHEN monitor_alerts.status <> ${newStatus} THEN 1 ELSE 0 END`;
  return `changes_in_window = CASE WHEN ${expired} THEN ${change} ELSE monitor_alerts.changes_in_window + ${change} END,
         flap_window_start = CASE WHEN ${expired} THEN now() ELSE monitor_alerts.flap_window_start END`;
}

function fromAlertmanager(a: AlertmanagerAlertDto): AlertDto {
  const labels = a.labels ?? {};
  const fingerprint = a.fingerprint ?? createHash('sha256').update(JSON.stringify(Object.entries(labels).sort())).digest('hex').slice(0, 16);
  const severity = (['critical', 'major', 'warning', 'minor', 'info'] as const).find((s) => s === labels.severity) ?? 'warning';
  return {
    source: 'alertmanager',
    fingerprint,
    severity,
    service: labels.service ?? labels.job ?? labels.instance ?? 'unknown service',
    summary: a.annotations?.summary ?? a.annotations?.description ?? labels.alertname ?? 'alert',
    status: a.status,
  };
}
