import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PriorityMatrix, VersionedPriorityMatrix, validateMatrix } from '../../machines/priority';
import type { PublishPriorityMatrixDto } from './dto/priority-matrix.dto';
import { PriorityMatrixEntity } from './priority-matrix.entity';
import { SlaErrorCode, SlaException } from './sla.exception';
import { publishNextVersion } from '../database/next-version';

/** Priority matrices (versioned like SLA policies): a new ticket is assessed with the newest version. */
@Injectable()
export class PriorityMatricesService {
  constructor(@InjectRepository(PriorityMatrixEntity) private readonly matrices: Repository<PriorityMatrixEntity>) {}

  async list(): Promise<VersionedPriorityMatrix[]> {
    const rows = await this.matrices.find({ order: { code: 'ASC', version: 'ASC' } });
    return rows.map((row) => row.definition);
  }

  /** The newest version, or null when no matrix has this code. */
  async newest(code: string): Promise<VersionedPriorityMatrix | null> {
    const row = await this.matrices.findOne({ where: { code }, order: { version: 'DESC' } });
    return row?.definition ?? null;
  }

  /** Adds the next version; tickets already open keep their priority until an agent or a recalculation changes it. */
  async publish(dto: PublishPriorityMatrixDto): Promise<VersionedPriorityMatrix> {
    const draft = this.checked(dto);
    return publishNextVersion(this.matrices, dto.code, (version): VersionedPriorityMatrix => ({ code: dto.code, version, name: dto.name.trim(), ...draft }));
  }

  /** The matrix a body describes, validated (422 naming the field), not stored: a what-if may propose one. */
  checked(dto: PublishPriorityMatrixDto): PriorityMatrix {
    const draft = {
      impactFactors: { ...dto.impactFactors },
      urgencyFactors: { ...dto.urgencyFactors },
      levels: dto.levels.map(({ code, name, minScore, responseMinutes, resolutionMinutes, escalateAfterMinutes }) => ({
        code,
        name: name.trim(),
        minScore,
        responseMinutes,
        resolutionMinutes,
        escalateAfterMinutes,
      })),
    };
    const problems = validateMatrix(draft);
    if (problems.length) throw new SlaException(SlaErrorCode.InvalidMatrix, problems.join('; '), { field: problems[0].split(/[:.[]/)[0] });
    return draft;
  }
}
