// Tickets in the browser: the list (an end user's own, an agent's team queues), raising one, and
// the ticket page whose actions are exactly the commands the API allows the caller now.
import { useEffect, useState } from 'preact/hooks';
import { api, type Me, type Schemas, type TicketListItem, type TicketView } from './api';
import { BulkActionPanel } from './bulk';
import { CommandPanel } from './commands';
import { Statechart } from './statechart';
import { Links, SlaClocks } from './ticket-details';
import { useLiveList, useLiveView } from './live';
import { type Column, Failure, SearchForm, Table, Waiting, when } from './parts';
import { t } from './i18n';



export function TicketList({ me }: { me: Me }) {
  const [teams, setTeams] = useState<Schemas['TeamView'][]>([]);
  const [team, setTeam] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    if (me.teamIds.length) void api.GET('/teams').then(({ data }) => setTeams((data ?? []).filter((x) => me.teamIds.includes(x.id))));
  }, [me]);
  const [selected, setSelected] = useState<string[]>([]);
  const [round, setRound] = useState(0);
  const { data: page, error } = useLiveList(() => api.GET('/tickets', { params: { query: { ...(team ? { team } : {}), ...(q ? { q } : {}), pageSize: 50 } } }), [team, q, round]);
  // Staff may give a selection one command; the tickets' machines decide what it does to each.
  const selectable = me.permissions.includes('staff');
  const toggle = (number: string) => setSelected(selected.includes(number) ? selected.filter((n) => n !== number) : [...selected, number]);
  return (
    <main id="main" tabIndex={-1}>
      <h1>{teams.length ? t('queue') : t('myTickets')}</h1>
      <SearchForm onSearch={setQ}>
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
      </SearchForm>
      <Failure error={error} />
      {!page ? (
        <p>{t('loading')}</p>
      ) : page.items.length === 0 ? (
        <p>{t('noTickets')}</p>
      ) : (
        <>
          {/* A search counts up to a cap (1,000) and says "1000+" beyond: the API's totalExact. */}
          {q && (
            <p data-testid="search-count">
              {page.total}
              {page.totalExact ? '' : '+'} {t('ticketsFound')}
            </p>
          )}
          <TicketTable items={page.items} selection={selectable ? { selected, toggle } : undefined} />
        </>
      )}
      {selectable && selected.length > 0 && (
        <BulkActionPanel selected={selected} teamId={team || me.teamIds[0] || null} onDone={() => setRound(round + 1)} />
      )}
    </main>
  );
}

interface Selection {
  selected: string[];
  toggle: (number: string) => void;
}

function TicketTable({ items, selection }: { items: TicketListItem[]; selection?: Selection }) {
  const pick: Column<TicketListItem>[] = selection
    ? [
        [
          t('select'),
          (ticket) => (
            <input
              type="checkbox"
              aria-label={`${t('select')} ${ticket.number}`}
              checked={selection.selected.includes(ticket.number)}
              onChange={() => selection.toggle(ticket.number)}
            />
          ),
        ],
      ]
    : [];
  const columns: Column<TicketListItem>[] = [
    ...pick,
    [t('number'), (ticket) => <a href={`#/tickets/${ticket.number}`}>{ticket.number}</a>],
    [
      t('title'),
      (ticket) => (
        <>
          {ticket.title}
          {ticket.updateFlag && <span class="badge">{t('updateFlag')}</span>}
          {ticket.attentionFlag && <span class="badge">{t('attentionFlag')}</span>}
        </>
      ),
    ],
    [t('status'), (ticket) => ticket.status],
    [t('priority'), (ticket) => ticket.priority.name],
    [t('team'), (ticket) => ticket.team?.name ?? ''],
    [t('assignee'), (ticket) => ticket.assignee?.name ?? ''],
    [t('updated'), (ticket) => when(ticket.updatedAt)],
  ];
  return <Table columns={columns} rows={items} />;
}

export function TicketPage({ number, me }: { number: string; me: Me }) {
  const live = useLiveView(number, () => api.GET('/tickets/{number}', { params: { path: { number } } }));
  const ticket = live.view;
  if (!ticket) return <Waiting error={live.error} />;
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
