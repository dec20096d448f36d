// Major incidents for the incident manager (REQUIREMENTS 9): the active ones (the detector's
// candidates first, as proposed), and an incident's page: its candidates, linked children and
// suggested links, the stakeholder updates and when the next is due, the timeline; its actions are
// the commands the API allows the caller now (accept or reject, link, post an update, resolve...).
import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from './api';
import { Outcomes } from './bulk';
import { CommandPanel } from './commands';
import { parameterOptions } from './operations';
import { t, wordsFor } from './i18n';
import { useLiveList, useLiveView } from './live';
import { type Column, Entries, Failure, Table, Waiting, when } from './parts';

type MajorIncident = Schemas['MajorIncidentViewDto'];


type ListItem = Schemas['MajorIncidentListItemDto'];

/** Functions, not constants: the headings follow the user's language. */
const listColumns = (): Column<ListItem>[] => [
  [t('number'), (mi) => <a href={`#/major-incidents/${mi.number}`}>{mi.number}</a>],
  [t('title'), (mi) => mi.title],
  [t('stage'), (mi) => mi.stage],
  [t('team'), (mi) => mi.teamName ?? ''],
  [t('linkedIncidents'), (mi) => mi.children.length || mi.candidates.length],
  [t('updated'), (mi) => when(mi.updatedAt)],
];

export function MajorIncidentList() {
  // The scopes are the API's (the enum of its query parameter); the first is its default.
  const [scopes, setScopes] = useState<string[]>([]);
  const [scope, setScope] = useState<string | undefined>(undefined);
  useEffect(() => void parameterOptions('/major-incidents', 'scope', 'query').then(setScopes), []);
  const { data: items, error } = useLiveList(() => api.GET('/major-incidents', { params: { query: scope ? { scope: scope as never } : {} } }), [scope]);
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
      <Failure error={error} />
      {!items ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('noMajorIncidents')}</p> : null}
      {items && items.length > 0 && <Table columns={listColumns()} rows={items} />}
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
  if (!mi) return <Waiting error={live.error} />;
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
          <Outcomes action={mi.cascade} words="cascade" testId="cascade" />
        </section>
      )}
      <section>
        <h2>{t('stakeholderUpdates')}</h2>
        {mi.updates.length === 0 ? (
          <p>-</p>
        ) : (
          <Entries entries={mi.updates} kind="public" testId="updates" />
        )}
      </section>
      <section>
        <h2>{t('timeline')}</h2>
        <Entries entries={mi.timeline} kind="internal" />
      </section>
    </main>
  );
}
