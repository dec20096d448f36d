import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, type AuthUser } from '../auth/auth-user';
import { ALWAYS_OPEN } from '../../machines/calendar/business-calendar';
import { clockMoves } from '../../machines/sla/policy-change';
import type { SlaClock } from '../../machines/sla/sla-clock';
import type { RequestKind, SlaPolicy } from '../../machines/sla/sla-policy';
import { retarget, TicketSla } from '../../machines/sla/ticket-sla';
import { BulkActionsService } from '../bulk-actions/bulk-actions.service';
import { SlaPoliciesService } from '../sla/sla-policies.service';
import type { AffectedTicketDto, PolicyChangeDto, PolicyPreviewDto } from './dto/policy-change.dto';

interface OpenTicket {
  number: string;
  title: string;
  status: AffectedTicketDto['status'];
  priority: string;
  policyVersion: number;
  requestKind: RequestKind | null;
  onCall: boolean;
  clocks: Array<Omit<SlaClock, 'targetMs'> & { targetMs: number | string }>;
}

const iso = (value: string | null): string | null => (value === null ? null : new Date(value).toISOString());

/**
 * A change of an SLA policy (targets, calendar, a holiday) with a preview on the open tickets it
 * measures (issue 15, item 2): the preview computes, from the clocks the workflows recorded, what
 * retargeting each ticket would move; applying publishes the version and recalculates every open
 * ticket on an older one from a bulk-action workflow (progress, survives a worker restart, each
 * ticket once), where each ticket's workflow retargets its timers, journals the change and annuls
 * the alerts that no longer hold.
 */
@Injectable()
export class PolicyChangesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: SlaPoliciesService,
    private readonly bulk: BulkActionsService,
  ) {}

  async preview(draft: Omit<SlaPolicy, 'version'>, now = new Date()): Promise<PolicyPreviewDto> {
    const next = await this.policies.checked(draft);
    const open = await this.openTickets(draft.code);
    const affected: AffectedTicketDto[] = [];
    for (const ticket of open) {
      const moved = await this.movesOf(ticket, next, now.toISOString());
      if (moved) affected.push(moved);
    }
    return { policy: { code: next.code, version: next.version, name: next.name }, asOf: now.toISOString(), openTickets: open.length, affected };
  }

  /** Publishes the version and starts the recalculation of every open ticket measured by an older one. */
  async apply(user: AuthUser, draft: Omit<SlaPolicy, 'version'>, idempotencyKey?: string): Promise<PolicyChangeDto> {
    const published = await this.policies.publish(draft);
    const numbers = (await this.openTickets(draft.code)).filter((t) => t.policyVersion < published.version).map((t) => t.number);
    const recalculation = await this.bulk.startOn(actorOf(user), { type: 'recalculateSla' }, numbers, idempotencyKey && `${idempotencyKey}:recalculation`);
    return { policy: { code: published.code, version: published.version, name: published.name }, recalculation };
  }

  private async movesOf(ticket: OpenTicket, next: SlaPolicy, now: string): Promise<AffectedTicketDto | null> {
    const current = await this.policies.version(next.code, ticket.policyVersion);
    if (!current) return null;
    const view = { number: ticket.number, title: ticket.title, status: ticket.status, priority: ticket.priority, policyVersion: ticket.policyVersion };
    if (!next.targets[ticket.priority]) {
      return { ...view, clocks: [], refusal: `${next.code} v${next.version} has no level ${ticket.priority}: re-assess or override the priority first` };
    }
    const before: TicketSla = {
      policy: current,
      requestKind: ticket.requestKind,
      calendar: ticket.onCall ? ALWAYS_OPEN : current.calendar,
      onCall: ticket.onCall,
      clocks: Object.fromEntries(ticket.clocks.map((c) => [c.name, { ...c, targetMs: Number(c.targetMs), stoppedAt: iso(c.stoppedAt), warnedAt: iso(c.warnedAt), breachedAt: iso(c.breachedAt) }])),
    };
    const clocks = clockMoves(before, retarget(before, next, ticket.priority), now);
    return clocks.length ? { ...view, clocks, refusal: null } : null;
  }

  /** Every ticket measured by the policy that is not Closed, with its recorded clocks (one query). */
  private async openTickets(code: string): Promise<OpenTicket[]> {
    return this.db.query(
      `SELECT t.number, t.title, t.status, t.priority, t.sla_policy_version AS "policyVersion", t.request_kind AS "requestKind", t.sla_on_call AS "onCall",
              coalesce(json_agg(json_build_object('name', c.name, 'targetMs', c.target_ms, 'segments', c.segments, 'stoppedAt', c.stopped_at,
                'stopReason', c.stop_reason, 'warnedAt', c.warned_at, 'breachedAt', c.breached_at)) FILTER (WHERE c.name IS NOT NULL), '[]') AS clocks
       FROM tickets t LEFT JOIN sla_clocks c ON c.ticket_number = t.number
       WHERE t.sla_policy_code = $1 AND t.status <> 'Closed'
       GROUP BY t.number ORDER BY t.number`,
      [code],
    );
  }
}
