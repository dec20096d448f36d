// The statistics dashboard (issue 15, item 5): the API's figure sets for a period, each as a chart
// with its numbers in a table beside it and a link to the same figures as CSV. The page computes
// nothing: every number shown is the API's, so the dashboard and the CSV export agree.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Schemas } from './api';
import { currentLanguage, t, type TextKey } from './i18n';
import { type Column, Failure, Table } from './parts';
import { parameterOptions } from './operations';

type SlaRow = Schemas['SlaFiguresRow'];
type Count = Schemas['ArrivalCount'];
type FlagRow = Schemas['FlagAgeRow'];

/** A figure as shown: a dash where nothing counts yet (the CSV's empty field). */
const figure = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : String(value));

/** A local date (yyyy-mm-dd) as the instant its day begins here, for the API's period. */
const startOf = (date: string): string => new Date(`${date}T00:00`).toISOString();
const localDate = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const daysFromToday = (days: number): string => localDate(new Date(Date.now() + days * 86_400_000));

/** Mon..Sun in the user's language (1 January 2024 was a Monday). */
const weekdayName = (index: number): string =>
  new Date(Date.UTC(2024, 0, 1 + index)).toLocaleDateString(currentLanguage() === 'da' ? 'da-DK' : 'en-GB', { weekday: 'short', timeZone: 'UTC' });

/** One GET, again whenever its inputs change; no polling: the figures of a period hold still while read. */
function useFigures<T>(load: () => Promise<{ data?: T; error?: unknown }>, deps: unknown[]): { data: T | null; error: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    let live = true;
    setState({ data: null, error: null });
    void load().then((answer) => live && setState({ data: answer.data ?? null, error: answer.data ? null : describeError(answer.error) }));
    return () => {
      live = false;
    };
  }, deps);
  return state;
}

const csvHref = (path: string, query: Record<string, string | number>): string => `${path}/csv?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`;

export function Statistics() {
  const [from, setFrom] = useState(daysFromToday(-30));
  const [to, setTo] = useState(daysFromToday(1));
  const [groupBy, setGroupBy] = useState('team');
  const [withinDays, setWithinDays] = useState(3);
  const [groupings, setGroupings] = useState<string[]>([]);
  useEffect(() => void parameterOptions('/statistics/sla', 'groupBy', 'query').then(setGroupings), []);
  const period = { from: startOf(from), to: startOf(to) };
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('statistics')}</h1>
      <div class="filters">
        <label>
          {t('periodFrom')}
          <input type="date" value={from} onChange={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          {t('periodTo')}
          <input type="date" value={to} onChange={(e) => setTo((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          {t('groupBy')}
          <select value={groupBy} onChange={(e) => setGroupBy((e.currentTarget as HTMLSelectElement).value)}>
            {groupings.map((g) => (
              <option value={g}>{t(`grouping.${g}` as TextKey) ?? g}</option>
            ))}
          </select>
        </label>
        <label>
          {t('withinDaysLabel')}
          <input type="number" min={1} max={60} value={withinDays} onChange={(e) => setWithinDays(Number((e.currentTarget as HTMLInputElement).value) || 1)} />
        </label>
      </div>
      <SlaSection period={period} groupBy={groupBy} withinDays={withinDays} />
      <ArrivalsSection period={period} />
      <BacklogSection period={period} />
      <FlagsSection />
      <DeflectionSection period={period} />
    </main>
  );
}

/** A figure set: its heading, its CSV link, the chart and the table (or the API's refusal). */
function Section({ id, heading, csv, error, children }: { id: string; heading: string; csv: string; error: string | null; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`${id}-heading`} data-testid={id} class="statistics">
      <h2 id={`${id}-heading`}>{heading}</h2>
      <p>
        <a href={csv} data-testid={`${id}-csv`} download>
          {t('downloadCsv')}
        </a>
      </p>
      <Failure error={error} />
      {children}
    </section>
  );
}

/** Horizontal bars, one per item, scaled to `max`, under a caption; the label names every value for screen readers. */
function Bars({ label, items, max }: { label: string; items: Array<{ key: string; value: number | null }>; max: number }) {
  const width = 440;
  const row = 22;
  const scale = (value: number | null) => (value && max > 0 ? (value / max) * (width - 230) : 0);
  return (
    <figure class="chart-figure">
      <figcaption>{label}</figcaption>
      <svg class="chart" role="img" aria-label={`${label}: ${items.map((i) => `${i.key} ${figure(i.value)}`).join(', ')}`} viewBox={`0 0 ${width} ${items.length * row + 4}`} width={width} height={items.length * row + 4}>
        {items.map((item, n) => (
          <g transform={`translate(0 ${n * row + 2})`}>
            <text x={180} y={15} text-anchor="end">
              {item.key.length > 30 ? `${item.key.slice(0, 29)}…` : item.key}
            </text>
            <rect x={186} y={3} height={row - 6} width={scale(item.value)} />
            <text x={190 + scale(item.value)} y={15}>
              {figure(item.value)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** Upright bars for a series (days, hours, weekdays); a long series (days) names every 7th key and leaves the values to its table. */
function Columns({ label, items }: { label: string; items: Array<{ key: string; value: number }> }) {
  const dense = items.length > 24;
  const step = dense ? 14 : 28;
  const height = 150;
  const max = Math.max(1, ...items.map((i) => i.value));
  const scale = (value: number) => (value / max) * (height - 40);
  return (
    <svg class="chart" role="img" aria-label={`${label}: ${items.map((i) => `${i.key} ${i.value}`).join(', ')}`} viewBox={`0 0 ${items.length * step + 40} ${height}`} width={items.length * step + 40} height={height}>
      {items.map((item, n) => (
        <g transform={`translate(${n * step + 2} 0)`}>
          <rect x={2} y={height - 20 - scale(item.value)} width={step - 4} height={scale(item.value)} />
          {!dense && (
            <text x={step / 2} y={height - 24 - scale(item.value)} text-anchor="middle">
              {item.value}
            </text>
          )}
          {(!dense || n % 7 === 0) && (
            <text x={dense ? 2 : step / 2} y={height - 6} text-anchor={dense ? 'start' : 'middle'}>
              {item.key}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}

function SlaSection({ period, groupBy, withinDays }: { period: { from: string; to: string }; groupBy: string; withinDays: number }) {
  const query = { ...period, groupBy: groupBy as Schemas['SlaStatisticsView']['groupBy'], withinDays };
  const { data, error } = useFigures(() => api.GET('/statistics/sla', { params: { query } }), [period.from, period.to, groupBy, withinDays]);
  const columns: Column<SlaRow>[] = [
    [t('group'), (r) => r.group],
    [t('tickets'), (r) => r.tickets],
    [t('firstResponseMet'), (r) => figure(r.firstResponseMetPct)],
    [t('resolutionMet'), (r) => figure(r.resolutionMetPct)],
    [t('responseBreaches'), (r) => r.responseBreaches],
    [t('resolutionBreaches'), (r) => r.resolutionBreaches],
    [t('medianResponse'), (r) => figure(r.medianResponseBusinessMinutes)],
    [t('p90Response'), (r) => figure(r.p90ResponseBusinessMinutes)],
    [t('medianResolution'), (r) => figure(r.medianResolutionBusinessMinutes)],
    [t('p90Resolution'), (r) => figure(r.p90ResolutionBusinessMinutes)],
    [t('resolvedCount'), (r) => r.resolved],
    [t('resolvedWithin').replace('{n}', String(withinDays)), (r) => figure(r.resolvedWithinDaysPct)],
    [t('firstContactResolution'), (r) => figure(r.firstContactResolutionPct)],
    [t('reopenRate'), (r) => figure(r.reopenRatePct)],
  ];
  return (
    <Section id="sla" heading={t('slaCompliance')} csv={csvHref('/statistics/sla', query)} error={error}>
      {data && (
        <>
          <Bars label={t('resolutionMet')} items={[...data.rows, data.total].map((r) => ({ key: r.group, value: r.resolutionMetPct }))} max={100} />
          <Bars label={t('firstResponseMet')} items={[...data.rows, data.total].map((r) => ({ key: r.group, value: r.firstResponseMetPct }))} max={100} />
          <Table columns={columns} rows={[...data.rows, data.total]} testId="sla-figures" label={t('slaCompliance')} />
        </>
      )}
    </Section>
  );
}

function ArrivalsSection({ period }: { period: { from: string; to: string } }) {
  const { data, error } = useFigures(() => api.GET('/statistics/arrivals', { params: { query: period } }), [period.from, period.to]);
  const columns = (heading: string, name: (c: Count, n: number) => string): Column<Count & { n: number }>[] => [
    [heading, (c) => name(c, c.n)],
    [t('tickets'), (c) => c.tickets],
    [t('outsideServiceHours'), (c) => c.outsideServiceHours],
  ];
  const numbered = (counts: Count[]) => counts.map((c, n) => ({ ...c, n }));
  return (
    <Section id="arrivals" heading={t('arrivals')} csv={csvHref('/statistics/arrivals', period)} error={error}>
      {data && (
        <>
          <p data-testid="arrivals-outside">
            {t('outsideShare')
              .replace('{pct}', figure(data.total.outsideServiceHoursPct))
              .replace('{outside}', String(data.total.outsideServiceHours))
              .replace('{n}', String(data.total.tickets))}
          </p>
          <h3>{t('byHour')}</h3>
          <Columns label={t('byHour')} items={data.byHour.map((c) => ({ key: c.key, value: c.tickets }))} />
          <h3>{t('byWeekday')}</h3>
          <Columns label={t('byWeekday')} items={data.byWeekday.map((c, n) => ({ key: weekdayName(n), value: c.tickets }))} />
          <details>
            <summary>{t('figuresAsTable')}</summary>
            <Table columns={columns(t('hour'), (c) => c.key)} rows={numbered(data.byHour)} testId="arrivals-by-hour" />
            <Table columns={columns(t('weekday'), (_c, n) => weekdayName(n))} rows={numbered(data.byWeekday)} testId="arrivals-by-weekday" />
          </details>
        </>
      )}
    </Section>
  );
}

function BacklogSection({ period }: { period: { from: string; to: string } }) {
  const { data, error } = useFigures(() => api.GET('/statistics/backlog', { params: { query: period } }), [period.from, period.to]);
  return (
    <Section id="backlog" heading={t('backlog')} csv={csvHref('/statistics/backlog', period)} error={error}>
      {data && (
        <>
          <Columns label={t('backlog')} items={data.days.map((d) => ({ key: d.day.slice(5), value: d.open }))} />
          <details>
            <summary>{t('figuresAsTable')}</summary>
            <Table<Schemas['BacklogDay']> columns={[[t('day'), (d) => d.day], [t('openTickets'), (d) => d.open]]} rows={data.days} testId="backlog-days" />
          </details>
        </>
      )}
    </Section>
  );
}

function FlagsSection() {
  const { data, error } = useFigures(() => api.GET('/statistics/update-flags'), []);
  const columns: Column<FlagRow>[] = [
    [t('team'), (r) => r.team],
    [t('flagged'), (r) => r.flagged],
    [t('medianWait'), (r) => figure(r.medianAgeMinutes)],
    [t('longestWait'), (r) => figure(r.maxAgeMinutes)],
  ];
  // The CSV is asked at the same moment as the figures shown, so the ages are the same.
  return (
    <Section id="update-flags" heading={t('updateFlagAge')} csv={data ? csvHref('/statistics/update-flags', { at: data.at }) : '/statistics/update-flags/csv'} error={error}>
      {data && (
        <>
          <Bars label={t('longestWait')} items={[...data.rows, data.total].map((r) => ({ key: r.team, value: r.maxAgeMinutes }))} max={Math.max(1, data.total.maxAgeMinutes ?? 0)} />
          <Table columns={columns} rows={[...data.rows, data.total]} testId="update-flag-figures" label={t('updateFlagAge')} />
        </>
      )}
    </Section>
  );
}

function DeflectionSection({ period }: { period: { from: string; to: string } }) {
  const { data, error } = useFigures(() => api.GET('/statistics/deflection', { params: { query: period } }), [period.from, period.to]);
  const lines: Array<[TextKey, (d: Schemas['DeflectionView']) => number | null]> = [
    ['guidesSolved', (d) => d.guidesSolved],
    ['guidesNotCovered', (d) => d.guidesNotCovered],
    ['guidesToTicket', (d) => d.guidesToTicket],
    ['articleDeflections', (d) => d.articleDeflections],
    ['portalTickets', (d) => d.portalTickets],
    ['deflectionPct', (d) => d.deflectionPct],
  ];
  return (
    <Section id="deflection" heading={t('deflection')} csv={csvHref('/statistics/deflection', period)} error={error}>
      {data && (
        <>
          <Bars label={t('deflection')} items={lines.slice(0, 5).map(([key, value]) => ({ key: t(key), value: value(data) }))} max={Math.max(1, ...lines.slice(0, 5).map(([, value]) => value(data) ?? 0))} />
          <Table<[TextKey, (d: Schemas['DeflectionView']) => number | null]> columns={[[t('figure'), ([key]) => t(key)], [t('value'), ([, value]) => figure(value(data))]]} rows={lines} testId="deflection-figures" />
        </>
      )}
    </Section>
  );
}
