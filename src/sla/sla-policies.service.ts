import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ALWAYS_OPEN, validateCalendar } from '../../machines/calendar/business-calendar';
import { DEFAULT_MATRIX_CODE, PriorityMatrix, VersionedPriorityMatrix } from '../../machines/priority';
import { viewClock } from '../../machines/sla/sla-clock';
import { RequestKind, SlaPolicy, validatePolicy, withMatrixTargets } from '../../machines/sla/sla-policy';
import { PriorityMatricesService } from './priority-matrices.service';
import type { TicketSlaDto } from './dto/ticket-sla.dto';
import { SlaClockEntity } from './sla-clock.entity';
import { SlaPolicyEntity } from './sla-policy.entity';
import { SlaErrorCode, SlaException } from './sla.exception';
import { publishNextVersion } from '../database/next-version';

/** SLA policies (versioned) and the SLA part of a ticket's view, computed from clock segments. */
@Injectable()
export class SlaPoliciesService {
  private readonly versions = new Map<string, SlaPolicy>();

  constructor(
    @InjectRepository(SlaPolicyEntity) private readonly policies: Repository<SlaPolicyEntity>,
    @InjectRepository(SlaClockEntity) private readonly clocks: Repository<SlaClockEntity>,
    private readonly matrices: PriorityMatricesService,
  ) {}

  async list(): Promise<SlaPolicy[]> {
    const rows = await this.policies.find({ order: { code: 'ASC', version: 'ASC' } });
    return rows.map((row) => row.definition);
  }

  /** The newest version of a policy: new tickets are opened under it. */
  async newest(code: string): Promise<SlaPolicy> {
    const row = await this.policies.findOne({ where: { code }, order: { version: 'DESC' } });
    if (!row) throw new SlaException(SlaErrorCode.PolicyNotFound, `SLA policy ${code} does not exist`, { field: 'code' });
    return row.definition;
  }

  /**
   * What a new ticket is opened under: the newest version of the policy with targets for every
   * level of the newest version of its matrix, and that matrix (its priority is assessed with it).
   */
  async newestWithMatrix(code: string): Promise<{ policy: SlaPolicy; matrix: VersionedPriorityMatrix }> {
    // Both newest versions in one round trip: an intake waits for it before it can take a number.
    const [row]: Array<{ policy: SlaPolicy; matrix: VersionedPriorityMatrix | null }> = await this.policies.query(
      `SELECT p.definition AS policy, m.definition AS matrix
         FROM (SELECT definition FROM sla_policies WHERE code = $1 ORDER BY version DESC LIMIT 1) p
         LEFT JOIN LATERAL (SELECT definition FROM priority_matrices WHERE code = coalesce(p.definition->>'priorityMatrix', $2)
                            ORDER BY version DESC LIMIT 1) m ON true`,
      [code, DEFAULT_MATRIX_CODE],
    );
    if (!row) throw new SlaException(SlaErrorCode.PolicyNotFound, `SLA policy ${code} does not exist`, { field: 'code' });
    const { policy, matrix } = row;
    if (!matrix) throw new Error(`SLA policy ${code} names priority matrix ${policy.priorityMatrix}, which does not exist`);
    const priorityNames = Object.fromEntries(matrix.levels.map((level) => [level.code, level.name]));
    return { policy: { ...withMatrixTargets(policy, matrix), priorityNames }, matrix };
  }

  /** The policies whose newest version follows this priority matrix (seed 003's when a policy names none). */
  async followersOf(matrixCode: string): Promise<string[]> {
    const rows: { code: string }[] = await this.policies.query(
      `SELECT code FROM (SELECT DISTINCT ON (code) code, coalesce(definition->>'priorityMatrix', $2) AS matrix FROM sla_policies ORDER BY code, version DESC) newest
        WHERE matrix = $1 ORDER BY code`,
      [matrixCode, DEFAULT_MATRIX_CODE],
    );
    return rows.map((row) => row.code);
  }

  async version(code: string, version: number): Promise<SlaPolicy | null> {
    // A published version never changes (a change is a new version), so it is read once per process.
    const key = `${code}@${version}`;
    const known = this.versions.get(key);
    if (known) return known;
    const policy = (await this.policies.findOneBy({ code, version }))?.definition ?? null;
    if (policy) this.versions.set(key, policy);
    return policy;
  }

  /** Adds the next version of a policy; tickets already open keep theirs (issue "SLA engine"). */
  async publish(draft: Omit<SlaPolicy, 'version'>): Promise<SlaPolicy> {
    const complete = await this.checked(draft);
    return publishNextVersion(this.policies, draft.code, (version): SlaPolicy => ({ ...complete, version }));
  }

  /**
   * The draft as it would be published (validated, the matrix's times filling the levels it leaves
   * out), numbered as the next version; nothing is stored: the policy-change preview and the
   * what-if replay read it. A what-if may propose a matrix too: the draft is checked against it.
   */
  async checked(draft: Omit<SlaPolicy, 'version'>, proposedMatrix?: PriorityMatrix): Promise<SlaPolicy> {
    const matrixCode = draft.priorityMatrix ?? DEFAULT_MATRIX_CODE;
    const matrix = proposedMatrix ?? (await this.matrices.newest(matrixCode));
    if (!matrix) throw new SlaException(SlaErrorCode.InvalidPolicy, `priority matrix ${matrixCode} does not exist`, { field: 'priorityMatrix' });
    const calendarProblems = validateCalendar(draft.calendar).map((p) => `calendar: ${p}`);
    const policyProblems = validatePolicy({ ...draft, version: 0 }, matrix.levels.map((l) => l.code));
    const problems = [...calendarProblems, ...policyProblems];
    if (problems.length) throw new SlaException(SlaErrorCode.InvalidPolicy, problems.join('; '), { field: 'definition' });
    const [{ next }] = await this.policies.query('SELECT coalesce(max(version), 0) + 1 AS next FROM sla_policies WHERE code = $1', [draft.code]);
    // Stored whole: a version is self-contained (the matrix's times fill the levels it leaves out).
    return withMatrixTargets({ ...draft, priorityMatrix: matrixCode, version: Number(next) }, matrix);
  }

  /** A ticket's clocks as projected: read with the ticket's row, not after it (ticketView needs both). */
  async clocksOf(ticketNumber: string): Promise<SlaClockEntity[]> {
    return this.clocks.find({ where: { ticketNumber }, order: { name: 'ASC' } });
  }

  /** Every figure from the segments (`rows`, clocksOf) and the policy's calendar, at `now`. */
  async ticketView(
    ticket: { slaPolicyCode: string | null; slaPolicyVersion: number | null; requestKind: string | null; slaOnCall: boolean; slaBreached: boolean; slaNextDeadline: Date | null },
    rows: SlaClockEntity[],
    now: Date,
  ): Promise<TicketSlaDto | null> {
    if (!ticket.slaPolicyCode || ticket.slaPolicyVersion === null) return null;
    const policy = await this.version(ticket.slaPolicyCode, ticket.slaPolicyVersion);
    if (!policy) return null;
    const calendar = ticket.slaOnCall ? ALWAYS_OPEN : policy.calendar;
    const clocks = rows.map((row) =>
      viewClock(
        {
          name: row.name,
          targetMs: Number(row.targetMs),
          segments: row.segments,
          stoppedAt: row.stoppedAt?.toISOString() ?? null,
          stopReason: row.stopReason,
          warnedAt: row.warnedAt?.toISOString() ?? null,
          breachedAt: row.breachedAt?.toISOString() ?? null,
        },
        calendar,
        now.toISOString(),
      ),
    );
    return {
      policy: { code: policy.code, version: policy.version, name: policy.name },
      // Stored as text; written from REQUEST_KINDS only (the intake validates it).
      requestKind: ticket.requestKind as RequestKind | null,
      onCall: ticket.slaOnCall,
      breached: ticket.slaBreached || clocks.some((c) => c.breached),
      nextDeadline: ticket.slaNextDeadline?.toISOString() ?? null,
      clocks,
    };
  }
}
