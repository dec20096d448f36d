// What-if replays as the CSI forum reads them (issue 15, item 1): each run attached to a proposal
// as evidence, its figures now against under the proposal, as the API computed them; and the
// form that starts one (built from POST /what-if's schema, the proposal's policy as JSON).
import { t } from './i18n';
import { type Schemas } from './api';
import { OperationForm } from './admin';
import { type Column, Table, when } from './parts';

type Run = Schemas['WhatIfRunDto'];
type Row = Schemas['WhatIfRowDto'];

const pct = (value: number | null) => (value === null ? '-' : `${value} %`);
const mins = (value: number | null) => (value === null ? '-' : `${value} min`);
const shift = (now: string, proposed: string) => `${now} → ${proposed}`;

/** The replays run as evidence, newest first; each with its report once finished, its progress before. */
export function Evidence({ runs }: { runs: Run[] }) {
  if (runs.length === 0) return null;
  return (
    <section data-testid="evidence">
      <h2>{t('evidence')}</h2>
      {runs.map((run) => (
        <article class="card">
          <h3>
            {run.id}: {run.proposalName}{run.priorityMatrixName ? ` + ${run.priorityMatrixName}` : ''} ({run.policy}, {when(run.from)} – {when(run.to)})
          </h3>
          {run.report ? <Report run={run} report={run.report} /> : <p role="status">{`${t('replaying')} ${run.replayed} / ${run.total ?? '…'}`}</p>}
        </article>
      ))}
    </section>
  );
}

function Report({ run, report }: { run: Run; report: NonNullable<Run['report']> }) {
  const rows = [...(report.total ? [report.total] : []), ...report.groups];
  const group = (r: Row) => (r.team === null ? t('total') : `${r.team} · ${r.priority} · ${r.category}`);
  const columns: Column<Row>[] = [
    [t('whatIfGroup'), group],
    [t('tickets'), (r) => r.tickets],
    [t('whatIfResponseMet'), (r) => shift(pct(r.firstResponse.metNowPct), pct(r.firstResponse.metProposedPct))],
    [t('whatIfResolutionMet'), (r) => shift(pct(r.resolution.metNowPct), pct(r.resolution.metProposedPct))],
    [t('whatIfMedianResolution'), (r) => shift(mins(r.resolution.medianNowMinutes), mins(r.resolution.medianProposedMinutes))],
    [t('whatIfP90Resolution'), (r) => shift(mins(r.resolution.p90NowMinutes), mins(r.resolution.p90ProposedMinutes))],
    [t('wouldBreach'), (r) => r.wouldBreach],
    [t('wouldMeet'), (r) => r.wouldMeet],
  ];
  return (
    <>
      <Table columns={columns} rows={rows} testId={`report-${run.id}`} label={`${t('evidence')} ${run.id}`} />
      {report.flips.length > 0 && (
        <p>
          {t('flips')}: {report.flips.map((f) => `${f.number} (${f.clock}: ${f.metNow ? t('met') : t('breached')} → ${f.metProposed ? t('met') : t('breached')})`).join(', ')}
        </p>
      )}
    </>
  );
}

/** Starting a replay for this proposal: the proposal's policy is the JSON of POST /sla/policies. */
export function WhatIfForm({ csiNumber, onDone }: { csiNumber: string; onDone: () => void }) {
  return <OperationForm method="post" path="/what-if" title={t('runWhatIf')} onDone={onDone} fixed={{ csiNumber }} />;
}
