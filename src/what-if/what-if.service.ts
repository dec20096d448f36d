import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { NumberAllocator } from '../numbering/number-allocator';
import { draftOf } from '../sla/dto/sla.dto';
import { PriorityMatricesService } from '../sla/priority-matrices.service';
import { SlaPoliciesService } from '../sla/sla-policies.service';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import type { StartWhatIfDto, WhatIfRunDto } from './dto/what-if.dto';
import { WhatIfErrorCode, WhatIfException } from './what-if.exception';

/** What-if replays (issue 15, item 1): owns what_if_runs and what_if_results. */
@Injectable()
export class WhatIfService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: SlaPoliciesService,
    private readonly matrices: PriorityMatricesService,
    private readonly numbers: NumberAllocator,
    private readonly temporal: TemporalClientProvider,
  ) {}

  /** The proposal is checked as a publish would be (nothing is published), then replayed by a workflow (202). */
  async start(user: AuthUser, dto: StartWhatIfDto, idempotencyKey?: string): Promise<WhatIfRunDto> {
    if (!(Date.parse(dto.from) < Date.parse(dto.to))) throw new WhatIfException(WhatIfErrorCode.InvalidPeriod, '`from` must be before `to`', { field: 'from' });
    const matrix = dto.priorityMatrix ? { ...this.matrices.checked(dto.priorityMatrix), code: dto.priorityMatrix.code, name: dto.priorityMatrix.name } : undefined;
    const proposal = await this.policies.checked(draftOf(dto.proposal), matrix);
    const id = await this.numbers.next('whatIf', idempotencyKey);
    await this.db.query(
      `INSERT INTO what_if_runs (id, proposal, priority_matrix, period_from, period_to, csi_number, requested_by) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [id, JSON.stringify(proposal), matrix ? JSON.stringify(matrix) : null, dto.from, dto.to, dto.csiNumber ?? null, user.id],
    );
    await this.temporal.startOnce('whatIfWorkflow', id, [{ id }]);
    return this.get(id);
  }

  async get(id: string): Promise<WhatIfRunDto> {
    const [row] = await this.db.query('SELECT * FROM what_if_runs WHERE id = $1', [id]);
    if (!row) throw new WhatIfException(WhatIfErrorCode.WhatIfNotFound, `what-if replay ${id} not found`);
    return viewOf(row);
  }

  /** The replays attached to a CSI proposal as evidence, newest first. */
  async forProposal(csiNumber: string): Promise<WhatIfRunDto[]> {
    const rows = await this.db.query('SELECT * FROM what_if_runs WHERE csi_number = $1 ORDER BY created_at DESC, id DESC', [csiNumber]);
    return rows.map(viewOf);
  }
}

function viewOf(row: Record<string, any>): WhatIfRunDto {
  return {
    id: row.id,
    policy: row.proposal.code,
    proposalName: row.proposal.name,
    priorityMatrixName: row.priority_matrix?.name ?? null,
    from: new Date(row.period_from).toISOString(),
    to: new Date(row.period_to).toISOString(),
    csiNumber: row.csi_number,
    total: row.total,
    replayed: row.replayed,
    finished: row.finished_at !== null,
    createdAt: new Date(row.created_at).toISOString(),
    report: row.report,
  };
}
