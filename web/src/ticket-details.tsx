// The parts of a ticket page an agent works with beside the journal: its SLA clocks with their
// segments and deadlines, and what it is linked to (parent, tasks, major incident, references,
// escalations, the category's answers). All of it as the API answers it.
import type { TicketView } from './api';
import { t } from './i18n';
import { when as whenOr } from './parts';

const when = (iso: string | null | undefined) => whenOr(iso, '-');

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

export function SlaClocks({ sla }: { sla: NonNullable<TicketView['sla']> }) {
  return (
    <section aria-labelledby="sla-heading">
      <h2 id="sla-heading">
        {t('slaClocks')} <span class="hint">({sla.policy.name} v{sla.policy.version})</span>
      </h2>
      <div class="table-wrap">
        <table data-testid="sla-clocks">
          <thead>
            <tr>
              <th scope="col">{t('clock')}</th>
              <th scope="col">{t('state')}</th>
              <th scope="col">{t('deadline')}</th>
              <th scope="col">{t('elapsedOfTarget')}</th>
              <th scope="col">{t('segments')}</th>
            </tr>
          </thead>
          <tbody>
            {sla.clocks.map((clock) => (
              <tr class={clock.breached ? 'breached' : clock.warned ? 'warned' : ''}>
                <td>{clock.name}</td>
                <td>
                  {clock.state}
                  {clock.breached && <strong class="badge">{t('breached')}</strong>}
                  {clock.met === true && <span class="badge">{t('met')}</span>}
                </td>
                <td>{clock.deadline ? when(clock.deadline) : clock.stoppedAt ? `${t('stopped')} ${when(clock.stoppedAt)}` : '-'}</td>
                <td>
                  {minutes(clock.elapsedMs)} / {minutes(clock.targetMs)}
                </td>
                <td>
                  <ol class="segments">
                    {clock.segments.map((segment) => (
                      <li>
                        {segment.state} {when(segment.from)}–{segment.to ? when(segment.to) : t('now')} <span class="hint">{segment.reason}</span>
                      </li>
                    ))}
                  </ol>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const Ref = ({ number }: { number: string }) => <a href={`#/tickets/${number}`}>{number}</a>;

export function Links({ ticket }: { ticket: TicketView }) {
  const handling = ticket.handling;
  const rows: Array<[string, preact.ComponentChildren]> = [];
  if (handling?.parentNumber) rows.push([t('splitFrom'), <Ref number={handling.parentNumber} />]);
  if (handling?.tasks.length)
    rows.push([t('tasks'), handling.tasks.map((task) => <p><Ref number={task.number} /> ({task.teamName}, {task.status})</p>)]);
  if (ticket.majorIncident)
    rows.push([t('majorIncident'), <a href={`#/major-incidents/${ticket.majorIncident.number}`}>{`${ticket.majorIncident.number} ${ticket.majorIncident.title} (${ticket.majorIncident.stage})`}</a>]);
  if (ticket.references.length) rows.push([t('references'), ticket.references.map((r) => <p><Ref number={r.number} /> {r.title} ({r.status})</p>)]);
  if (ticket.referencedBy.length) rows.push([t('referencedBy'), ticket.referencedBy.map((r) => <p><Ref number={r.number} /> {r.title} ({r.status})</p>)]);
  if (handling?.escalations.length)
    rows.push([t('escalationSteps'), handling.escalations.map((e) => <p>{`${e.fromTeamName} → ${e.toTeamName} ${when(e.at)}${e.returnedAt ? ` (${t('returned')} ${when(e.returnedAt)})` : ''}`}</p>)]);
  if (handling && Object.keys(handling.answers).length)
    rows.push([t('answers'), Object.entries(handling.answers).map(([question, answer]) => <p>{`${question}: ${answer}`}</p>)]);
  if (handling?.vendor) rows.push([t('vendor'), `${handling.vendor.name} ${handling.vendor.ticketId ?? ''}`]);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="links-heading">
      <h2 id="links-heading">{t('links')}</h2>
      <dl class="facts">
        {rows.map(([term, value]) => (
          <>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}
