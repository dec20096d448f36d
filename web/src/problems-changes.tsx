// Problems and changes in the console (issue 14 item 3; REQUIREMENTS 6, 7): each register with
// its search and the form that raises one (built from its POST route's schema, shown to whom the
// API allows it), and each process's page: its facts, its decision trail and journal, and as
// actions the commands the API allows the caller now.
import { useState } from 'preact/hooks';
import { api, type Me, type Schemas } from './api';
import { OperationForm } from './admin';
import { CommandPanel } from './commands';
import { t } from './i18n';
import { useLiveList, useLiveView } from './live';
import { type Column, Decisions, Entries, Failure, SearchForm, Table, Waiting, when } from './parts';

type Problem = Schemas['ProblemViewDto'];
type Change = Schemas['ChangeViewDto'];

const Links = ({ numbers, route }: { numbers: string[]; route: (n: string) => string }) =>
  numbers.length ? <>{numbers.map((n, i) => <>{i > 0 && ', '}<a href={route(n)}>{n}</a></>)}</> : <>-</>;
const ticketRoute = (n: string) => `#/tickets/${n}`;
/** After raising one: its page. */
const open = (register: 'problems' | 'changes') => (answer: unknown) => void (location.hash = `#/${register}/${(answer as { number: string }).number}`);

export function ProblemList({ me }: { me: Me }) {
  const [q, setQ] = useState('');
  const { data: page, error } = useLiveList(() => api.GET('/problems', { params: { query: q ? { q } : {} } }), [q]);
  const columns: Column<Schemas['ProblemListItemDto']>[] = [
    [t('number'), (p) => <a href={`#/problems/${p.number}`}>{p.number}</a>],
    [t('title'), (p) => p.title],
    [t('stage'), (p) => p.stage],
    [t('linkedIncidents'), (p) => <Links numbers={p.incidents} route={ticketRoute} />],
    [t('updated'), (p) => when(p.updatedAt)],
  ];
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('problems')}</h1>
      <SearchForm onSearch={setQ} />
      <Failure error={error} />
      {!page ? <p>{t('loading')}</p> : page.items.length === 0 ? <p>-</p> : <Table columns={columns} rows={page.items} />}
      {me.permissions.includes('investigate') && <OperationForm method="post" path="/problems" title={t('newProblem')} onDone={open('problems')} />}
    </main>
  );
}

export function ProblemPage({ number }: { number: string }) {
  const live = useLiveView<Problem>(number, () => api.GET('/problems/{number}', { params: { path: { number } } }));
  const problem = live.view;
  if (!problem) return <Waiting error={live.error} />;
  return (
    <main id="main" tabIndex={-1}>
      <p>
        <a href="#/problems">{t('problems')}</a>
      </p>
      <h1>
        {problem.number}: {problem.title}
      </h1>
      <dl class="facts">
        <dt>{t('stage')}</dt>
        <dd data-testid="stage">{problem.stage}</dd>
        <dt>{t('linkedIncidents')}</dt>
        <dd>
          <Links numbers={problem.incidents} route={ticketRoute} />
        </dd>
        <dt>{t('rootCause')}</dt>
        <dd>{problem.rootCause ?? '-'}</dd>
        <dt>{t('workaround')}</dt>
        <dd>{problem.workaround ?? '-'}</dd>
        <dt>{t('changeRequests')}</dt>
        <dd>{problem.changeRequests.length ? problem.changeRequests.map((c) => c.summary).join('; ') : '-'}</dd>
        {problem.resolution && (
          <>
            <dt>{t('resolution')}</dt>
            <dd>{problem.resolution}</dd>
          </>
        )}
      </dl>
      {problem.description && <p class="description">{problem.description}</p>}
      <p role="status" class="live">{live.changed ? t('changedLive') : ''}</p>
      <CommandPanel<Problem> base="/problems/{number}" number={problem.number} allowed={problem.allowedCommands} teamId={null} version={problem.version} onDone={live.show} onStale={live.reload} />
      <Decisions decisions={problem.decisions} />
      <section>
        <h2>{t('trail')}</h2>
        <Entries entries={problem.trail} kind="internal" />
      </section>
    </main>
  );
}

export function ChangeList({ me }: { me: Me }) {
  const [q, setQ] = useState('');
  const { data: page, error } = useLiveList(() => api.GET('/changes', { params: { query: q ? { q } : {} } }), [q]);
  const columns: Column<Schemas['ChangeListItemDto']>[] = [
    [t('number'), (c) => <a href={`#/changes/${c.number}`}>{c.number}</a>],
    [t('title'), (c) => c.title],
    [t('type'), (c) => c.type],
    [t('stage'), (c) => c.stage],
    [t('window'), (c) => (c.windowStart ? `${when(c.windowStart)} – ${when(c.windowEnd)}` : '-')],
    [t('updated'), (c) => when(c.updatedAt)],
  ];
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('changes')}</h1>
      <SearchForm onSearch={setQ} />
      <Failure error={error} />
      {!page ? <p>{t('loading')}</p> : page.items.length === 0 ? <p>-</p> : <Table columns={columns} rows={page.items} />}
      {me.permissions.includes('overview') && <OperationForm method="post" path="/changes" title={t('newChange')} onDone={open('changes')} />}
    </main>
  );
}

export function ChangePage({ number }: { number: string }) {
  const live = useLiveView<Change>(number, () => api.GET('/changes/{number}', { params: { path: { number } } }));
  const change = live.view;
  if (!change) return <Waiting error={live.error} />;
  return (
    <main id="main" tabIndex={-1}>
      <p>
        <a href="#/changes">{t('changes')}</a>
      </p>
      <h1>
        {change.number}: {change.title}
      </h1>
      <dl class="facts">
        <dt>{t('type')}</dt>
        <dd>{change.type}</dd>
        <dt>{t('stage')}</dt>
        <dd data-testid="stage">{change.stage}</dd>
        <dt>{t('window')}</dt>
        <dd>{change.windowStart ? `${when(change.windowStart)} – ${when(change.windowEnd)}` : '-'}</dd>
        <dt>{t('problems')}</dt>
        <dd>
          <Links numbers={change.problemNumbers} route={(n) => `#/problems/${n}`} />
        </dd>
        <dt>{t('linkedIncidents')}</dt>
        <dd>
          <Links numbers={change.incidentNumbers} route={ticketRoute} />
        </dd>
        <dt>{t('votes')}</dt>
        <dd>{change.votes.length ? change.votes.map((v) => `${v.approverName ?? v.approverId}: ${v.vote}`).join(', ') : '-'}</dd>
      </dl>
      {change.description && <p class="description">{change.description}</p>}
      <p role="status" class="live">{live.changed ? t('changedLive') : ''}</p>
      <CommandPanel<Change> base="/changes/{number}" number={change.number} allowed={change.allowedCommands} teamId={null} version={change.version} onDone={live.show} onStale={live.reload} />
      <Decisions decisions={change.decisions} />
      <section>
        <h2>{t('trail')}</h2>
        <Entries entries={change.trail} kind="internal" />
      </section>
    </main>
  );
}
