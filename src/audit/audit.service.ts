import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainException } from '../errors/domain.exception';
import { AuditEntryEntity } from './audit-entry.entity';

/** The audit log: a refused command changes nothing and leaves one line here (DESIGN, Errors). */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>) {}

  /** Runs a command; a refusal (not an outage) is written down before it reaches the caller. */
  async refusals<T>(user: { id: string }, subject: string, command: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DomainException && error.kind !== 'unavailable') {
        await this.entries.insert({ actorId: user.id, subject, command, outcome: error.code, detail: { message: error.message } });
      }
      throw error;
    }
  }
}
