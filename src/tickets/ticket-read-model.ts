import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Not, Repository } from 'typeorm';
import type { TicketStatus } from '../../machines/ticket.types';
import { TicketEntity } from './entities/ticket.entity';

/** What other modules ask of the `tickets` read model, which the tickets module owns. */
@Injectable()
export class TicketReadModel {
  constructor(@InjectRepository(TicketEntity) private readonly tickets: Repository<TicketEntity>) {}

  /** Each ticket's status and version as projected (a cascade plans on them). */
  async versionsOf(numbers: string[]): Promise<Map<string, { status: TicketStatus; version: number }>> {
    if (!numbers.length) return new Map();
    const rows = await this.tickets.find({ where: { number: In(numbers) }, select: { number: true, status: true, version: true } });
    return new Map(rows.map((r) => [r.number, { status: r.status, version: r.version }]));
  }

  async statusOf(number: string): Promise<TicketStatus | undefined> {
    return (await this.tickets.findOne({ where: { number }, select: { status: true } }))?.status;
  }

  /** The requesters of these tickets (a major incident's linked incidents), each once. */
  async requestersOf(numbers: readonly string[], tx?: EntityManager): Promise<string[]> {
    if (!numbers.length) return [];
    const rows = await (tx?.getRepository(TicketEntity) ?? this.tickets).find({ where: { number: In([...numbers]) }, select: { requesterId: true } });
    return [...new Set(rows.map((t) => t.requesterId))].sort();
  }

  /** How many open tickets each of these agents holds (automatic assignment: the fewest wins). */
  async openTicketsOf(agentIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map(agentIds.map((id) => [id, 0]));
    if (!agentIds.length) return counts;
    const rows: Array<{ assigneeId: string; open: string }> = await this.tickets
      .createQueryBuilder('t')
      .select('t.assignee_id', 'assigneeId')
      .addSelect('count(*)', 'open')
      .where({ assigneeId: In([...agentIds]), status: Not(In(['Resolved', 'Closed'])) })
      .groupBy('t.assignee_id')
      .getRawMany();
    for (const row of rows) counts.set(row.assigneeId, Number(row.open));
    return counts;
  }
}
