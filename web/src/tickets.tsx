// Tickets in the browser: the list (an end user's own, an agent's team queues), raising one, and
// the ticket page whose actions are exactly the commands the API allows the caller now.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, poll, type Me, type Schemas, type TicketListItem, type TicketView } from './api';
import { CommandPanel } from './commands';
import { Statechart } from './statechart';
import { Links, SlaClocks } from './ticket-details';
import { useLiveView } from './live';
import { t } from './i18n';

/** How often a list asks whether anything changed (an unchanged answer is a 304). */
const LIVE_QUEUE_MS = 15_000;

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '');

export function TicketList({ me }: { me: Me }) {
  const [teams, setTeams] = useState<Schemas['TeamView'][]>([]);
  const [team, setTeam] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState<Schemas['TicketPageDto'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (me.teamIds.length) void api.GET('/teams').then(({ data }) => setTeams((data ?? []).filter((x) => me.teamIds.includes(x.id))));
  }, [me]);
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.GET('/tickets', { params: { query: { ...(team ? { team } : {}), ...(q ? { q } : {}), pageSize: 50 } } }).then(({ data, error }) => {
        if (!live) return;
        setPage(data ?? null);
        setError(data ? null : describeError(error));
      });
    load();
    const stop = poll(load, LIVE_QUEUE_MS);
    return () => {
      live = false;
      stop();
    };
  }, [team, q]);
  return (
    <main id="main" tabIndex={-1}>
      <h1>{teams.length ? t('queue') : t('myTickets')}</h1>
      <form class="filters" role="search" onSubmit={(e) => (e.preventDefault(), setQ(String(new FormData(e.currentTarget as HTMLFormElement).get('q') ?? '')))}>
        {teams.length > 0 && (
          <label>
            {t('team')}
            <select value={team} onChange={(e) => setTeam((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t('allTeams')}</option>
              {teams.map((x) => (
                <option value={x.id}>{x.name}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('search')}
          <input name="q" type="search" />
        </label>
        <button type="submit">{t('search')}</button>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
      {!page ? <p>{t('loading')}</p> : page.items.length === 0 ? <p>{t('noTickets')}</p> : <TicketTable items={page.items} />}
    </main>
  );
}

function TicketTable({ items }: { items: TicketListItem[] }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('number')}</th>
            <th scope="col">{t('title')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('priority')}</th>
            <th scope="col">{t('team')}</th>
            <th scope="col">{t('assignee')}</th>
            <th scope="col">{t('updated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((ticket) => (
            <tr>
              <td>
                <a href={`#/tickets/${ticket.number}`}>{ticket.number}</a>
              </td>
              <td>
                {ticket.title}
                {ticket.updateFlag && <span class="badge">{t('updateFlag')}</span>}
                {ticket.attentionFlag && <span class="badge">{t('attentionFlag')}</span>}
              </td>
              <td>{ticket.status}</td>
              <td>{ticket.priority.name}</td>
              <td>{ticket.team?.name ?? ''}</td>
              <td>{ticket.assignee?.name ?? ''}</td>
              <td>{when(ticket.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TicketPage({ number, me }: { number: string; me: Me }) {
  const live = useLiveView(number, () => api.GET('/tickets/{number}', { params: { path: { number } } }));
  const ticket = live.view;
  if (live.error) return <main id="main"><p role="alert" class="error">{live.error}</p></main>;
  if (!ticket) return <main id="main"><p>{t('loading')}</p></main>;
  const journal = [...ticket.journal].sort((a, b) => Number(b.pinned) - Number(a.pinned) || a.seq - b.seq);
  return (
    <main id="main" tabIndex={-1}>
      <p>
        <a href="#/">{t('back')}</a>
      </p>
      <h1>
        {ticket.number}: {ticket.title}
      </h1>
      <dl class="facts">
        <dt>{t('status')}</dt>
        <dd data-testid="status">{ticket.status}</dd>
        <dt>{t('priority')}</dt>
        <dd>
          {ticket.priority.code} {ticket.priority.name}
        </dd>
        <dt>{t('team')}</dt>
        <dd data-testid="team">{ticket.team?.name ?? '-'}</dd>
        <dt>{t('assignee')}</dt>
        <dd data-testid="assignee">{ticket.assignee?.name ?? '-'}</dd>
        {ticket.pending && (
          <>
            <dt>{t('pending')}</dt>
            <dd>{ticket.pending.text}</dd>
          </>
        )}
        {ticket.sla && (
          <>
            <dt>{t('slaDeadline')}</dt>
            <dd>
              {when(ticket.sla.nextDeadline)} {ticket.sla.breached && <strong class="badge">{t('breached')}</strong>}
            </dd>
          </>
        )}
        {(ticket.updateFlag || ticket.attentionFlag || ticket.handling?.lockedBy) && (
          <>
            <dt>{t('flags')}</dt>
            <dd data-testid="flags">
              {ticket.updateFlag && <span class="badge">{t('updateFlag')}</span>}
              {ticket.attentionFlag && <span class="badge">{t('attentionFlag')}</span>}
              {ticket.handling?.lockedBy && <span class="badge">{t('locked')}</span>}
            </dd>
          </>
        )}
        {ticket.category && (
          <>
            <dt>{t('category')}</dt>
            <dd>{ticket.category.name}</dd>
          </>
        )}
      </dl>
      <p class="description">{ticket.description}</p>
      <p role="status" class="live">{live.changed ? t('changedLive') : ''}</p>
      <CommandPanel<TicketView>
        base="/tickets/{number}"
        number={ticket.number}
        allowed={ticket.allowedCommands}
        teamId={ticket.team?.id ?? null}
        version={ticket.version}
        onDone={live.show}
        onStale={live.reload}
      />
      <section>
        <h2>{t('journal')}</h2>
        <ol class="journal">
          {journal.map((entry) => (
            <li class={`entry ${entry.visibility}${entry.pinned ? ' pinned' : ''}`}>
              <p class="meta">
                <span class="badge">{entry.visibility === 'internal' ? t('internal') : t('public')}</span>
                {entry.pinned && <span class="badge">{t('pinned')}</span>} <time dateTime={entry.at}>{when(entry.at)}</time>
              </p>
              <p class="text">{entry.text}</p>
            </li>
          ))}
        </ol>
      </section>
      {ticket.notifications.length > 0 && (
        <section>
          <h2>{t('notifications')}</h2>
          <ul>
            {ticket.notifications.map((n) => (
              <li>
                {when(n.at)}: {n.subject} ({n.delivery.status})
              </li>
            ))}
          </ul>
        </section>
      )}
      {ticket.sla && <SlaClocks sla={ticket.sla} />}
      <Links ticket={ticket} />
      <Statechart number={ticket.number} status={ticket.status} />
      {ticket.handling && (
        <p>
          <a href={`${TEMPORAL_UI}/namespaces/default/workflows/${ticket.number}`} target="_blank" rel="noopener">
            {t('history')}
          </a>
        </p>
      )}
    </main>
  );
}

/** The Temporal Web UI of the embedded default (npm start prints it). */
const TEMPORAL_UI = `${location.protocol}//${location.hostname}:8233`;
