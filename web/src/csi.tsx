// Continual service improvement in the browser (REQUIREMENTS 8): the register of every change
// proposal, open to everyone; submitting one; the CSI forum's agenda; a proposal's page with its
// decisions and trail, whose actions are the commands the API allows the caller now.
import { useEffect, useState } from 'preact/hooks';
import { actionKey, api, describeError, poll, type Schemas } from './api';
import { CommandPanel } from './commands';
import { t } from './i18n';
import { useLiveView } from './live';

type Proposal = Schemas['CsiProposalViewDto'];
type ProposalItem = Schemas['CsiProposalListItemDto'];

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '');
const priorityOf = (p: ProposalItem) => p.priorityFinal ?? p.priorityProposed ?? '-';

export function CsiRegister() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState<Schemas['CsiProposalPageDto'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.GET('/csi/proposals', { params: { query: { ...(q ? { q } : {}), pageSize: 50 } } }).then(({ data, error }) => {
        if (!live) return;
        setPage(data ?? null);
        setError(data ? null : describeError(error));
      });
    load();
    const stop = poll(load, 15_000);
    return () => {
      live = false;
      stop();
    };
  }, [q]);
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('proposals')}</h1>
      <p>
        <a href="#/csi/new">{t('submitProposal')}</a> · <a href="#/csi/agenda">{t('forumAgenda')}</a>
      </p>
      <form class="filters" role="search" onSubmit={(e) => (e.preventDefault(), setQ(String(new FormData(e.currentTarget as HTMLFormElement).get('q') ?? '')))}>
        <label>
          {t('search')}
          <input name="q" type="search" />
        </label>
        <button type="submit">{t('search')}</button>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
      {!page ? <p>{t('loading')}</p> : page.items.length === 0 ? <p>{t('noProposals')}</p> : <ProposalTable items={page.items} />}
    </main>
  );
}

function ProposalTable({ items }: { items: ProposalItem[] }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('number')}</th>
            <th scope="col">{t('title')}</th>
            <th scope="col">{t('stage')}</th>
            <th scope="col">{t('priority')}</th>
            <th scope="col">{t('proposer')}</th>
            <th scope="col">{t('updated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr>
              <td>
                <a href={`#/csi/${p.number}`}>{p.number}</a>
              </td>
              <td>
                {p.title} <span class="hint">{p.concerns}</span>
              </td>
              <td>{p.stage}</td>
              <td>{priorityOf(p)}</td>
              <td>{p.proposer.name}</td>
              <td>{when(p.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CsiNew() {
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState(actionKey);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '');
    const { data, error } = await api.POST('/csi/proposals', {
      headers: { 'Idempotency-Key': key },
      body: { title: value('title'), description: value('description'), concerns: value('concerns'), expectedBenefit: value('expectedBenefit') },
    });
    if (!data) {
      setKey(actionKey());
      return setError(describeError(error));
    }
    location.hash = `#/csi/${data.number}`;
  };
  return (
    <main id="main" tabIndex={-1} class="narrow">
      <h1>{t('submitProposal')}</h1>
      <p>{t('proposalIntro')}</p>
      <form onSubmit={submit}>
        <label>
          {t('title')}
          <input name="title" required maxLength={300} />
        </label>
        <label>
          {t('concerns')}
          <input name="concerns" required maxLength={300} />
        </label>
        <label>
          {t('proposalDescription')}
          <textarea name="description" required rows={5} />
        </label>
        <label>
          {t('expectedBenefit')}
          <textarea name="expectedBenefit" required rows={3} />
        </label>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit">{t('submit')}</button>
      </form>
    </main>
  );
}

export function CsiAgenda() {
  const [items, setItems] = useState<Schemas['CsiAgendaItemDto'][] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = () => void api.GET('/csi/agenda').then(({ data, error }) => (setItems(data ?? null), setError(data ? null : describeError(error))));
    load();
    return poll(load, 15_000);
  }, []);
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('forumAgenda')}</h1>
      {error && <p role="alert" class="error">{error}</p>}
      {!items ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('agendaEmpty')}</p> : null}
      {items?.map((item) => (
        <article class="card">
          <h2>
            <a href={`#/csi/${item.number}`}>{item.number}</a>: {item.title}
          </h2>
          <dl class="facts">
            <dt>{t('concerns')}</dt>
            <dd>{item.concerns}</dd>
            <dt>{t('priorityProposed')}</dt>
            <dd>{item.priorityProposed ?? '-'}</dd>
            <dt>{t('expectedBenefit')}</dt>
            <dd>{item.expectedBenefit}</dd>
            {item.assessment && (
              <>
                <dt>{t('assessment')}</dt>
                <dd>
                  {item.assessment.scope}; {item.assessment.effortEstimate}
                </dd>
              </>
            )}
          </dl>
        </article>
      ))}
    </main>
  );
}

export function CsiProposalPage({ number }: { number: string }) {
  const live = useLiveView<Proposal>(number, () => api.GET('/csi/proposals/{number}', { params: { path: { number } } }));
  const proposal = live.view;
  if (live.error) return <main id="main"><p role="alert" class="error">{live.error}</p></main>;
  if (!proposal) return <main id="main"><p>{t('loading')}</p></main>;
  return (
    <main id="main" tabIndex={-1}>
      <p>
        <a href="#/csi">{t('proposals')}</a>
      </p>
      <h1>
        {proposal.number}: {proposal.title}
      </h1>
      <dl class="facts">
        <dt>{t('stage')}</dt>
        <dd data-testid="stage">{proposal.stage}</dd>
        <dt>{t('proposer')}</dt>
        <dd>{proposal.proposer.name}</dd>
        <dt>{t('concerns')}</dt>
        <dd>{proposal.concerns}</dd>
        <dt>{t('priority')}</dt>
        <dd data-testid="priority">
          {proposal.priorityFinal ?? '-'} ({t('priorityProposed')}: {proposal.priorityProposed ?? '-'})
        </dd>
        {proposal.informationRequest && (
          <>
            <dt>{t('informationRequest')}</dt>
            <dd>{proposal.informationRequest}</dd>
          </>
        )}
        {proposal.forumDate && (
          <>
            <dt>{t('forumDate')}</dt>
            <dd>{when(proposal.forumDate)}</dd>
          </>
        )}
        {proposal.assessment && (
          <>
            <dt>{t('assessment')}</dt>
            <dd>
              {proposal.assessment.scope}; {proposal.assessment.effortEstimate}
            </dd>
          </>
        )}
      </dl>
      <h2>{t('proposalDescription')}</h2>
      <p class="description">{proposal.description}</p>
      <h2>{t('expectedBenefit')}</h2>
      <p class="description">{proposal.expectedBenefit}</p>
      <p role="status" class="live">{live.changed ? t('changedLive') : ''}</p>
      <CommandPanel<Proposal>
        base="/csi/proposals/{number}"
        number={proposal.number}
        allowed={proposal.allowedCommands}
        teamId={null}
        version={proposal.version}
        onDone={live.show}
        onStale={live.reload}
      />
      <Decisions decisions={proposal.decisions} />
      <section>
        <h2>{t('trail')}</h2>
        <ol class="journal">
          {proposal.trail.map((entry) => (
            <li class="entry public">
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

function Decisions({ decisions }: { decisions: Proposal['decisions'] }) {
  if (decisions.length === 0) return null;
  return (
    <section>
      <h2>{t('decisions')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('decision')}</th>
              <th scope="col">{t('stage')}</th>
              <th scope="col">{t('by')}</th>
              <th scope="col">{t('rationale')}</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((d) => (
              <tr>
                <td>{when(d.at)}</td>
                <td>{d.command}</td>
                <td>
                  {d.from} → {d.to}
                </td>
                <td>
                  {d.actorName ?? d.actorId} ({d.role})
                </td>
                <td>{d.rationale ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
