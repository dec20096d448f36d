// Major incidents for the incident manager (REQUIREMENTS 9): the active ones (the detector's
// candidates first, as proposed), and an incident's page: its candidates, linked children and
// suggested links, the stakeholder updates and when the next is due, the timeline; its actions are
// the commands the API allows the caller now (accept or reject, link, post an update, resolve...).
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, poll, type Schemas } from './api';
import { CommandPanel } from './commands';
import { parameterOptions } from './operations';
import { t, wordsFor } from './i18n';
import { useLiveView } from './live';

type MajorIncident = Schemas['MajorIncidentViewDto'];

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '');

export function MajorIncidentList() {
  // The scopes are the API's (the enum of its query parameter); the first is its default.
  const [scopes, setScopes] = useState<string[]>([]);
  const [scope, setScope] = useState<string | undefined>(undefined);
  useEffect(() => void parameterOptions('/major-incidents', 'scope', 'query').then(setScopes), []);
  const [items, setItems] = useState<Schemas['MajorIncidentListItemDto'][] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = () => void api.GET('/major-incidents', { params: { query: scope ? { scope: scope as never } : {} } }).then(({ data, error }) => (setItems(data ?? null), setError(data ? null : describeError(error))));
    load();
    return poll(load, 15_000);
  }, [scope]);
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('majorIncidents')}</h1>
      <label class="filters">
        {t('show')}
        <select value={scope} onChange={(e) => setScope((e.currentTarget as HTMLSelectElement).value)}>
          {scopes.map((value) => (
            <option value={value}>{wordsFor('scope', value)}</option>
          ))}
        </select>
      </label>
      {error && <p role="alert" class="error">{error}</p>}
      {!items ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('noMajorIncidents')}</p> : null}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('number')}</th>
                <th scope="col">{t('title')}</th>
                <th scope="col">{t('stage')}</th>
                <th scope="col">{t('team')}</th>
                <th scope="col">{t('linkedIncidents')}</th>
                <th scope="col">{t('updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((mi) => (
                <tr>
                  <td>
                    <a href={`#/major-incidents/${mi.number}`}>{mi.number}</a>
                  </td>
                  <td>{mi.title}</td>
                  <td>{mi.stage}</td>
                  <td>{mi.teamName ?? ''}</td>
                  <td>{mi.children.length || mi.candidates.length}</td>
                  <td>{when(mi.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}

const TicketLinks = ({ numbers }: { numbers: string[] }) =>
  numbers.length ? (
    <>
      {numbers.map((n, i) => (
        <>
          {i > 0 && ', '}
          <a href={`#/tickets/${n}`}>{n}</a>
        </>
      ))}
    </>
  ) : (
    <>-</>
  );

export function MajorIncidentPage({ number }: { number: string }) {
  const live = useLiveView<MajorIncident>(number, () => api.GET('/major-incidents/{number}', { params: { path: { number } } }));
  const mi = live.view;
  if (live.error) return <main id="main"><p role="alert" class="error">{live.error}</p></main>;
  if (!mi) return <main id="main"><p>{t('loading')}</p></main>;
  return (
    <main id="main" tabIndex={-1}>
      <p>
        <a href="#/major-incidents">{t('majorIncidents')}</a>
      </p>
      <h1>
        {mi.number}: {mi.title}
      </h1>
      <dl class="facts">
        <dt>{t('stage')}</dt>
        <dd data-testid="stage">{mi.stage}</dd>
        <dt>{t('reason')}</dt>
        <dd>{mi.reason}</dd>
        <dt>{t('team')}</dt>
        <dd>{mi.teamName ?? '-'}</dd>
        <dt>{t('candidates')}</dt>
        <dd>
          <TicketLinks numbers={mi.candidates} />
        </dd>
        <dt>{t('linkedIncidents')}</dt>
        <dd data-testid="children">
          <TicketLinks numbers={mi.children} />
        </dd>
        <dt>{t('suggestedLinks')}</dt>
        <dd>
          <TicketLinks numbers={mi.suggestedLinks} />
        </dd>
        {mi.updateDueAt && (
          <>
            <dt>{t('nextUpdateDue')}</dt>
            <dd>{when(mi.updateDueAt)}</dd>
          </>
        )}
        {mi.resolution && (
          <>
            <dt>{t('resolution')}</dt>
            <dd>{mi.resolution}</dd>
          </>
        )}
      </dl>
      <p role="status" class="live">{live.changed ? t('changedLive') : ''}</p>
      <CommandPanel<MajorIncident>
        base="/major-incidents/{number}"
        number={mi.number}
        allowed={mi.allowedCommands}
        teamId={mi.teamId}
        version={mi.version}
        onDone={live.show}
        onStale={live.reload}
      />
      {mi.cascade && (
        <section>
          <h2>{t('cascade')}</h2>
          <ul>
            {mi.cascade.map((c) => (
              <li>
                {c.number}: {c.outcome}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h2>{t('stakeholderUpdates')}</h2>
        {mi.updates.length === 0 ? (
          <p>-</p>
        ) : (
          <ol class="journal" data-testid="updates">
            {mi.updates.map((u) => (
              <li class="entry public">
                <p class="meta">
                  <time dateTime={u.at}>{when(u.at)}</time>
                </p>
                <p class="text">{u.text}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section>
        <h2>{t('timeline')}</h2>
        <ol class="journal">
          {mi.timeline.map((entry) => (
            <li class="entry internal">
              <p class="meta">
                <time dateTime={entry.at}>{when(entry.at)}</time>
              </p>
              <p class="text">{entry.text}</p>
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
