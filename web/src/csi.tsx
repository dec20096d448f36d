// Continual service improvement in the browser (REQUIREMENTS 8): the register of every change
// proposal, open to everyone; submitting one; the CSI forum's agenda; a proposal's page with its
// decisions and trail, whose actions are the commands the API allows the caller now.
import { useState } from 'preact/hooks';
import { actionKey, api, describeError, type Me, type Schemas } from './api';
import { CommandPanel } from './commands';
import { t } from './i18n';
import { useLiveList, useLiveView } from './live';
import { type Column, Decisions, Entries, Failure, SearchForm, Table, Waiting, when } from './parts';
import { Evidence, WhatIfForm } from './what-if';

type Proposal = Schemas['CsiProposalViewDto'];
type ProposalItem = Schemas['CsiProposalListItemDto'];

const priorityOf = (p: ProposalItem) => p.priorityFinal ?? p.priorityProposed ?? '-';

export function CsiRegister() {
  const [q, setQ] = useState('');
  const { data: page, error } = useLiveList(() => api.GET('/csi/proposals', { params: { query: { ...(q ? { q } : {}), pageSize: 50 } } }), [q]);
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('proposals')}</h1>
      <p>
        <a href="#/csi/new">{t('submitProposal')}</a> · <a href="#/csi/agenda">{t('forumAgenda')}</a>
      </p>
      <SearchForm onSearch={setQ} />
      <Failure error={error} />
      {!page ? <p>{t('loading')}</p> : page.items.length === 0 ? <p>{t('noProposals')}</p> : <ProposalTable items={page.items} />}
    </main>
  );
}

function ProposalTable({ items }: { items: ProposalItem[] }) {
  const columns: Column<ProposalItem>[] = [
    [t('number'), (p) => <a href={`#/csi/${p.number}`}>{p.number}</a>],
    [t('title'), (p) => <>{p.title} <span class="hint">{p.concerns}</span></>],
    [t('stage'), (p) => p.stage],
    [t('priority'), priorityOf],
    [t('proposer'), (p) => p.proposer.name],
    [t('updated'), (p) => when(p.updatedAt)],
  ];
  return <Table columns={columns} rows={items} />;
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
  const { data: items, error } = useLiveList(() => api.GET('/csi/agenda'), []);
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('forumAgenda')}</h1>
      <Failure error={error} />
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
          <Evidence runs={item.evidence} />
        </article>
      ))}
    </main>
  );
}

export function CsiProposalPage({ number, me }: { number: string; me: Me }) {
  const live = useLiveView<Proposal>(number, () => api.GET('/csi/proposals/{number}', { params: { path: { number } } }));
  const proposal = live.view;
  if (!proposal) return <Waiting error={live.error} />;
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
      <Evidence runs={proposal.evidence} />
      {me.permissions.includes('evidence') && <WhatIfForm csiNumber={proposal.number} onDone={live.reload} />}
      <section>
        <h2>{t('trail')}</h2>
        <Entries entries={proposal.trail} kind="public" />
      </section>
    </main>
  );
}
