import type { ChangeProjection } from '../../workflows/change.messages';
import type { CsiProjection } from '../../workflows/csi-proposal.messages';
import type { MiProjection } from '../../workflows/major-incident.messages';
import type { TicketProjection } from '../../workflows/ticket.messages';
import { changeEvents, csiEvents, majorIncidentEvents, ticketEvents } from './webhook-events';

const AT = '2026-12-01T10:00:00.000Z';
const EARLIER = '2026-12-01T09:00:00.000Z';

function ticket(status: string, stateBefore: string | null | undefined, clocks: object[] = [], extra: object = {}): TicketProjection {
  return {
    record: { number: 'INC-000007', title: 'VPN drops', priority: 'P3', teamName: 'BSS IT', assigneeName: null, channel: 'portal', createdAt: EARLIER },
    state: { status, context: { type: 'incident', pendingReason: 'awaitingUser', resolution: 'Driver reinstalled', ...extra } },
    sla: { clocks },
    version: 4,
    updatedAt: AT,
    ...(stateBefore === undefined ? {} : { stateBefore }),
  } as unknown as TicketProjection;
}

describe('webhook events of a ticket', () => {
  it('raises ticket.created for the opening projection only, under an id a retry repeats', () => {
    expect(ticketEvents(ticket('New', null)).map((e) => [e.id, e.type, e.data.status])).toEqual([['INC-000007#4:ticket.created', 'ticket.created', 'New']]);
  });

  it('raises ticket.status_changed with from and to, the pending reason while Pending and the resolution once Resolved', () => {
    const [pending] = ticketEvents(ticket('Pending', 'InProgress'));
    expect(pending).toMatchObject({ type: 'ticket.status_changed', data: { from: 'InProgress', to: 'Pending', pendingReason: 'awaitingUser', resolution: null } });
    const [resolved] = ticketEvents(ticket('Resolved', 'InProgress'));
    expect(resolved.data).toMatchObject({ to: 'Resolved', pendingReason: null, resolution: 'Driver reinstalled' });
  });

  it('raises nothing when the status stayed, or when the projection was recorded before it carried its move', () => {
    expect(ticketEvents(ticket('InProgress', 'InProgress'))).toEqual([]);
    expect(ticketEvents(ticket('InProgress', undefined))).toEqual([]);
  });

  it('raises an SLA warning or breach with the change that recorded it, not again later', () => {
    const clocks = [
      { name: 'firstResponse', deadline: EARLIER, warnedAt: EARLIER, breachedAt: AT },
      { name: 'resolution', deadline: '2026-12-02T10:00:00.000Z', warnedAt: AT, breachedAt: null },
    ];
    expect(ticketEvents(ticket('Assigned', 'Assigned', clocks)).map((e) => [e.id, e.data.clock])).toEqual([
      ['INC-000007#4:ticket.sla_breached:firstResponse', 'firstResponse'],
      ['INC-000007#4:ticket.sla_warning:resolution', 'resolution'],
    ]);
    expect(ticketEvents(ticket('Assigned', 'Assigned', [{ ...clocks[0], breachedAt: EARLIER }]))).toEqual([]);
  });
});

describe('webhook events of the other processes', () => {
  const common = { version: 2, updatedAt: AT, newEntries: [], notifications: [] };

  it('raises a stage change of a major incident and of a change', () => {
    const mi = { ...common, stateBefore: 'candidate', record: { number: 'MI-000001', title: 'Mail down' }, state: { stage: 'active', context: { priority: 'P1', teamName: 'AU IT Operations', children: ['INC-000001', 'INC-000002'] } } } as unknown as MiProjection;
    expect(majorIncidentEvents(mi).map((e) => [e.type, e.data.from, e.data.to, e.data.children])).toEqual([['major_incident.stage_changed', 'candidate', 'active', 2]]);
    const change = { ...common, stateBefore: 'assessment', record: { number: 'CHG-000001', title: 'Patch', changeType: 'normal' }, state: { stage: 'scheduled', context: { windowStart: AT, windowEnd: AT } } } as unknown as ChangeProjection;
    expect(changeEvents(change).map((e) => [e.type, e.data.from, e.data.to])).toEqual([['change.stage_changed', 'assessment', 'scheduled']]);
    expect(changeEvents({ ...change, stateBefore: 'scheduled' })).toEqual([]);
  });

  it('raises csi.decision for the decision this change recorded only', () => {
    const decision = (command: string, at: string) => ({ command, from: 'review', to: 'approved', actorId: 'u1', actorName: 'Thomas', role: 'csiForum', rationale: 'Agreed by the forum', at });
    const csi = { ...common, record: { number: 'CSI-000001', title: 'Shorter P3' }, state: { stage: 'approved', context: { decisions: [decision('submit', EARLIER), decision('approve', AT)] } } } as unknown as CsiProjection;
    expect(csiEvents(csi).map((e) => [e.id, e.data.decision, e.data.by, e.data.rationale])).toEqual([['CSI-000001#2:csi.decision:1', 'approve', 'Thomas', 'Agreed by the forum']]);
  });
});
