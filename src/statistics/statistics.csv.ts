// The statistics as CSV documents, written from the same views the JSON answers carry: a header
// line, one line per row of the view, and the view's total last, so a spreadsheet adds up as the
// dashboard does (acceptance of issue 15, item 5: the dashboard's figures equal the CSV export's).
import { csvDocument, CsvValue } from '../http/csv';
import type { ArrivalsView, BacklogView, DeflectionView, FlagAgeRow, FlagAgeView, ServiceReviewView, SlaFiguresRow, SlaStatisticsView } from './dto/statistics.dto';

type Columns<T> = ReadonlyArray<readonly [header: string, value: (row: T) => CsvValue]>;

const write = <T>(columns: Columns<T>, rows: readonly T[]): string =>
  csvDocument(
    columns.map(([header]) => header),
    rows.map((row) => columns.map(([, value]) => value(row))),
  );

const slaColumns = (withinDays: number): Columns<SlaFiguresRow> => [
  ['group', (r) => r.group],
  ['tickets', (r) => r.tickets],
  ['first_response_met_pct', (r) => r.firstResponseMetPct],
  ['resolution_met_pct', (r) => r.resolutionMetPct],
  ['response_breaches', (r) => r.responseBreaches],
  ['resolution_breaches', (r) => r.resolutionBreaches],
  ['median_response_business_minutes', (r) => r.medianResponseBusinessMinutes],
  ['p90_response_business_minutes', (r) => r.p90ResponseBusinessMinutes],
  ['median_resolution_business_minutes', (r) => r.medianResolutionBusinessMinutes],
  ['p90_resolution_business_minutes', (r) => r.p90ResolutionBusinessMinutes],
  ['resolved', (r) => r.resolved],
  [`resolved_within_${withinDays}_business_days_pct`, (r) => r.resolvedWithinDaysPct],
  ['first_contact_resolution_pct', (r) => r.firstContactResolutionPct],
  ['reopen_rate_pct', (r) => r.reopenRatePct],
];

export const slaCsv = (v: SlaStatisticsView): string => write(slaColumns(v.withinDays), [...v.rows, v.total]);

export const backlogCsv = (v: BacklogView): string =>
  write<BacklogView['days'][number]>(
    [
      ['day', (d) => d.day],
      ['open', (d) => d.open],
    ],
    v.days,
  );

type ArrivalLine = { dimension: string; key: string; tickets: number; outsideServiceHours: number; outsideServiceHoursPct: number | null };

export const arrivalsCsv = (v: ArrivalsView): string =>
  write<ArrivalLine>(
    [
      ['dimension', (a) => a.dimension],
      ['key', (a) => a.key],
      ['tickets', (a) => a.tickets],
      ['outside_service_hours', (a) => a.outsideServiceHours],
      ['outside_service_hours_pct', (a) => a.outsideServiceHoursPct],
    ],
    [
      ...v.byHour.map((a) => ({ dimension: 'hour', ...a, outsideServiceHoursPct: null })),
      ...v.byWeekday.map((a) => ({ dimension: 'weekday', ...a, outsideServiceHoursPct: null })),
      { dimension: 'total', ...v.total },
    ],
  );

export const updateFlagsCsv = (v: FlagAgeView): string =>
  write<FlagAgeRow>(
    [
      ['team', (r) => r.team],
      ['flagged', (r) => r.flagged],
      ['median_age_minutes', (r) => r.medianAgeMinutes],
      ['max_age_minutes', (r) => r.maxAgeMinutes],
    ],
    [...v.rows, v.total],
  );

export const deflectionCsv = (v: DeflectionView): string =>
  write<DeflectionView>(
    [
      ['from', (d) => d.from],
      ['to', (d) => d.to],
      ['guides_solved', (d) => d.guidesSolved],
      ['guides_not_covered', (d) => d.guidesNotCovered],
      ['guides_to_ticket', (d) => d.guidesToTicket],
      ['article_deflections', (d) => d.articleDeflections],
      ['portal_tickets', (d) => d.portalTickets],
      ['deflection_pct', (d) => d.deflectionPct],
    ],
    [v],
  );

/**
 * The service review in long form, one figure a line (section, name, value), then one line per
 * breach: a customer's spreadsheet filters by section.
 */
export function serviceReviewCsv(r: ServiceReviewView): string {
  const sla = slaColumns(r.withinDays).slice(1).map(([name, value]) => ['sla', name, value(r.sla), null] as CsvValue[]);
  const v = r.volumes;
  const volumes = [['opened', v.opened], ['resolved', v.resolved], ['closed', v.closed], ['open_at_end', v.openAtEnd]].map(([name, value]) => ['volume', name, value, null] as CsvValue[]);
  const categories = r.topCategories.map((c) => ['category', c.category, c.tickets, null] as CsvValue[]);
  const breaches = r.breaches.map(
    (b) => ['breach', `${b.number} ${b.clock}`, b.breachedAt, `${b.priority}; ${b.title}; while ${b.statusAtBreach ?? '-'} (${b.runningSince ?? '-'}); handovers ${b.handovers}; reopens ${b.reopens}`] as CsvValue[],
  );
  return csvDocument(['section', 'name', 'value', 'detail'], [['review', r.organisation, r.month, r.organisationName], ...sla, ...volumes, ...categories, ...breaches]);
}
