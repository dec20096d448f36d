// The console's overviews for the people who work tickets: the escalation overview (deadlines near
// or past, least time left first) and the status overview (the tickets in one status). The statuses
// offered are the API's own (the enum of its route), not a list kept here.
import { useEffect, useState } from 'preact/hooks';
import { api, type Me, type Schemas } from './api';
import { useLiveList } from './live';
import { type Column, Failure, Table, when } from './parts';
import { t } from './i18n';
import { parameterOptions } from './operations';

/** Look-ahead choices in minutes (the API's default is 120); a week covers a weekend's business-hours deadlines. */
const WINDOWS = [60, 120, 480, 1440, 10080];

export function Overview({ me }: { me: Me }) {
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('overview')}</h1>
      <Escalations me={me} />
      <StatusOverview />
    </main>
  );
}

function Escalations({ me }: { me: Me }) {
  const [within, setWithin] = useState(120);
  const [team, setTeam] = useState('');
  const [teams, setTeams] = useState<Schemas['TeamView'][]>([]);
  useEffect(() => void api.GET('/teams').then(({ data }) => setTeams(data ?? [])), []);
  const { data: rows, error } = useLiveList(() => api.GET('/sla/escalations', { params: { query: { withinMinutes: within, ...(team ? { team } : {}) } } }), [within, team]);
  const mine = teams.filter((x) => me.teamIds.includes(x.id));
  return (
    <section aria-labelledby="escalations-heading">
      <h2 id="escalations-heading">{t('escalations')}</h2>
      <div class="filters">
        <label>
          {t('deadlineWithin')}
          <select value={within} onChange={(e) => setWithin(Number((e.currentTarget as HTMLSelectElement).value))}>
            {WINDOWS.map((minutes) => (
              <option value={minutes}>{minutes >= 1440 ? `${minutes / 1440} d` : minutes >= 60 ? `${minutes / 60} h` : `${minutes} min`}</option>
            ))}
          </select>
        </label>
        <label>
          {t('team')}
          <select value={team} onChange={(e) => setTeam((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('everyTeam')}</option>
            {(mine.length ? mine : teams).map((x) => (
              <option value={x.id}>{x.name}</option>
            ))}
          </select>
        </label>
      </div>
      <Failure error={error} />
      {!rows ? <p>{t('loading')}</p> : rows.length === 0 ? <p>{t('noEscalations')}</p> : <EscalationTable rows={rows} />}
    </section>
  );
}

type EscalationRow = Schemas['EscalationRowDto'];

function EscalationTable({ rows }: { rows: EscalationRow[] }) {
  const columns: Column<EscalationRow>[] = [
    [t('number'), (row) => <a href={`#/tickets/${row.number}`}>{row.number}</a>],
    [t('title'), (row) => row.title],
    [t('priority'), (row) => row.priority],
    [t('team'), (row) => row.team?.name ?? ''],
    [t('assignee'), (row) => row.assigneeName ?? ''],
    [t('clock'), (row) => row.clock],
    [t('deadline'), (row) => when(row.deadline)],
    [
      t('timeLeft'),
      (row) => (
        <>
          {row.minutesLeft < 0 ? `${t('overdueBy')} ${-row.minutesLeft} min` : `${row.minutesLeft} min`}
          {row.breached && <strong class="badge">{t('breached')}</strong>}
        </>
      ),
    ],
  ];
  return <Table columns={columns} rows={rows} testId="escalations" rowClass={(row) => (row.breached ? 'breached' : row.warned ? 'warned' : '')} />;
}

type QueueItem = Schemas['QueueItemDto'];

const statusColumns = (): Column<QueueItem>[] => [
  [t('number'), (item) => <a href={`#/tickets/${item.number}`}>{item.number}</a>],
  [t('title'), (item) => item.title],
  [t('priority'), (item) => item.priority.name],
  [t('team'), (item) => item.team?.name ?? ''],
  [t('assignee'), (item) => item.assignee?.name ?? ''],
  [t('slaDeadline'), (item) => when(item.slaNextDeadline)],
];

function StatusOverview() {
  const [statuses, setStatuses] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  useEffect(() => {
    void parameterOptions('/queues/status/{status}', 'status').then((options) => {
      setStatuses(options);
      setStatus((current) => current || options[0] || '');
    });
  }, []);
  const { data: page, error } = useLiveList<Schemas['QueuePageDto']>(
    () => (status ? api.GET('/queues/status/{status}', { params: { path: { status: status as never }, query: { pageSize: 50 } } }) : Promise.resolve({ data: undefined })),
    [status],
  );
  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">{t('statusOverview')}</h2>
      <div class="filters">
        <label for="status-choice">{t('status')}</label>
        <select id="status-choice" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value)}>
          {statuses.map((s) => (
            <option value={s}>{s}</option>
          ))}
        </select>
      </div>
      <Failure error={error} />
      {page && (
        <>
          <p>
            {page.total}
            {page.totalExact ? '' : '+'} {t('ticketsInStatus')}
          </p>
          <Table columns={statusColumns()} rows={page.items} testId="status-overview" />
        </>
      )}
    </section>
  );
}
