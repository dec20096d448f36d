import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Each kind of number: its prefix (the workflow id and what users quote) and its PostgreSQL sequence. */
export const NUMBER_KINDS = {
  incident: { prefix: 'INC', sequence: 'incident_number_seq' },
  request: { prefix: 'REQ', sequence: 'request_number_seq' },
  task: { prefix: 'TSK', sequence: 'task_number_seq' },
  problem: { prefix: 'PRB', sequence: 'problem_number_seq' },
  change: { prefix: 'CHG', sequence: 'change_number_seq' },
  proposal: { prefix: 'CSI', sequence: 'csi_number_seq' },
  majorIncident: { prefix: 'MI', sequence: 'mi_number_seq' },
  article: { prefix: 'KB', sequence: 'article_number_seq' },
  bulkAction: { prefix: 'BLK', sequence: 'bulk_action_number_seq' },
  whatIf: { prefix: 'WIF', sequence: 'what_if_number_seq' },
} as const;
export type NumberKind = keyof typeof NUMBER_KINDS;

/** Owns `intake_keys`. Key scopes as they were before the allocator (a ticket's key is unscoped). */
const KEY_SCOPE: Record<NumberKind, string> = {
  incident: '',
  request: '',
  task: 'task:',
  problem: 'problem:',
  change: 'chg:',
  proposal: 'csi:',
  majorIncident: 'mi:',
  article: 'kb:',
  bulkAction: 'blk:',
  whatIf: 'wif:',
};

/**
 * The one number allocator: INC-000123 and friends from PostgreSQL sequences, race-free. With an
 * Idempotency-Key, a retried intake gets the number it got the first time (so it attaches to the
 * workflow it started instead of opening a second one).
 */
@Injectable()
export class NumberAllocator {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async next(kind: NumberKind, idempotencyKey?: string): Promise<string> {
    const key = idempotencyKey ? `${KEY_SCOPE[kind]}${idempotencyKey}` : undefined;
    if (key) {
      const [seen] = await this.db.query('SELECT ticket_number FROM intake_keys WHERE key = $1', [key]);
      if (seen) return seen.ticket_number;
    }
    const { prefix, sequence } = NUMBER_KINDS[kind];
    const [{ n }] = await this.db.query(`SELECT nextval('${sequence}')::int AS n`);
    const number = `${prefix}-${String(n).padStart(6, '0')}`;
    if (!key) return number;
    // Two concurrent first attempts with one key: the row that lands first wins, both get its number.
    const [row] = await this.db.query(
      `INSERT INTO intake_keys (key, ticket_number) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING ticket_number`,
      [key, number],
    );
    return row.ticket_number;
  }
}
