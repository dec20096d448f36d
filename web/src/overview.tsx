// The console's overviews for the people who work tickets: the escalation overview (deadlines near
// or past, least time left first) and the status overview (the tickets in one status). The statuses
// offered are the API's own (the enum of its route), not a list kept here.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, poll, type Me, type Schemas } from './api';
import { t } from './i18n';
import { parameterOptions } from './operations';

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '');
/** Look-ahead choices in minutes (the API's default is 120); a week covers a weekend's business-hours deadlines. */
const WINDOWS = [60, 120, 480, 1440, 10080];

function useLive<T>(load: () => Promise<{ data?: T; error?: unknown }>, deps: unknown[]): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      void load().then((answer) => {
        if (!live) return;
        setData(answer.data ?? null);
        setError(answer.data ? null : describeError(answer.error));
      });
    refresh();
    const stop = poll(refresh, 15_000);
    return () => {
      live = false;
      stop();
    };
  }, deps);
  return { data, error };
}

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
  const { data: rows, error } = useLive(() => api.GET('/sla/escalations', { params: { query: { withinMinutes: within, ...(team ? { team } : {}) } } }), [within, team]);
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
      {error && <p role="alert" class="error">{error}</p>}
      {!rows ? <p>{t('loading')}</p> : rows.length === 0 ? <p>{t('noEscalations')}</p> : <EscalationTable rows={rows} />}
    </section>
  );
}

function EscalationTable({ rows }: { rows: Schemas['EscalationRowDto'][] }) {
  return (
    <div class="table-wrap">
      <table data-testid="escalations">
        <thead>
          <tr>
            <th scope="col">{t('number')}</th>
            <th scope="col">{t('title')}</th>
            <th scope="col">{t('priority')}</th>
            <th scope="col">{t('team')}</th>
            <th scope="col">{t('assignee')}</th>
            <th scope="col">{t('clock')}</th>
            <th scope="col">{t('deadline')}</th>
            <th scope="col">{t('timeLeft')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr class={row.breached ? 'breached' : row.warned ? 'warned' : ''}>
              <td>
                <a href={`#/tickets/${row.number}`}>{row.number}</a>
              </td>
              <td>{row.title}</td>
              <td>{row.priority}</td>
              <td>{row.team?.name ?? ''}</td>
              <td>{row.assigneeName ?? ''}</td>
              <td>{row.clock}</td>
              <td>{when(row.deadline)}</td>
              <td>
                {row.minutesLeft < 0 ? `${t('overdueBy')} ${-row.minutesLeft} min` : `${row.minutesLeft} min`}
                {row.breached && <strong class="badge">{t('breached')}</strong>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StatusOverview() {
  const [statuses, setStatuses] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  useEffect(() => {
    void parameterOptions('/queues/status/{status}', 'status').then((options) => {
      setStatuses(options);
      setStatus((current) => current || options[0] || '');
    });
  }, []);
  const { data: page, error } = useLive<Schemas['QueuePageDto']>(
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
      {error && <p role="alert" class="error">{error}</p>}
      {page && (
        <>
          <p>
            {page.total} {t('ticketsInStatus')}
          </p>
          <div class="table-wrap">
            <table data-testid="status-overview">
              <thead>
                <tr>
                  <th scope="col">{t('number')}</th>
                  <th scope="col">{t('title')}</th>
                  <th scope="col">{t('priority')}</th>
                  <th scope="col">{t('team')}</th>
                  <th scope="col">{t('assignee')}</th>
                  <th scope="col">{t('slaDeadline')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((item) => (
                  <tr>
                    <td>
                      <a href={`#/tickets/${item.number}`}>{item.number}</a>
                    </td>
                    <td>{item.title}</td>
                    <td>{item.priority.name}</td>
                    <td>{item.team?.name ?? ''}</td>
                    <td>{item.assignee?.name ?? ''}</td>
                    <td>{when(item.slaNextDeadline)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
