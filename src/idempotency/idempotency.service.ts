import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { IsNull, LessThan, Repository } from 'typeorm';
import { appConfig } from '../config/app-config';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

export interface IdempotentRequest {
  callerId: string;
  operation: string;
  key: string;
  /** What the request asks: its path parameters, query and body. */
  request: unknown;
}

export type Claim =
  | { kind: 'first' | 'retry'; scopedKey: string }
  | { kind: 'answered'; status: number; body: unknown }
  | { kind: 'reused' };

/** Stable JSON (keys sorted), so the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Owns `idempotency_keys`. A key is the caller's, for one operation: another user's key or another
 * operation never collides. The first answer is kept with a hash of the request; a repeat with
 * the same request gets that answer, one with another request is refused.
 */
@Injectable()
export class IdempotencyService {
  private lastPurge = 0;

  constructor(
    @InjectRepository(IdempotencyKeyEntity) private readonly keys: Repository<IdempotencyKeyEntity>,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  async claim(r: IdempotentRequest): Promise<Claim> {
    await this.purgeExpired();
    const id = { callerId: r.callerId, operation: r.operation, key: r.key };
    const hash = sha256(canonical(r.request));
    // The key the workflow sees (update id, intake number): scoped, so no two callers or operations share one.
    const scopedKey = sha256(`${r.callerId}\n${r.operation}\n${r.key}`).slice(0, 40);
    const inserted: unknown[] = await this.keys.query(
      `INSERT INTO idempotency_keys (caller_id, operation, key, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (caller_id, operation, key) DO NOTHING RETURNING 1`,
      [r.callerId, r.operation, r.key, hash],
    );
    if (inserted.length) return { kind: 'first', scopedKey };
    const seen = await this.keys.findOneBy(id);
    if (!seen) return { kind: 'first', scopedKey };
    if (seen.createdAt.getTime() < Date.now() - this.config.idempotencyKeyTtlMs) {
      // Expired: forgotten, as documented; the key starts afresh.
      await this.keys.delete(id);
      return this.claim(r);
    }
    if (seen.requestHash !== hash) return { kind: 'reused' };
    if (seen.completedAt && seen.statusCode !== null) return { kind: 'answered', status: seen.statusCode, body: seen.response };
    // Still running, or it died before answering (a 503): the workflow applies the command once.
    return { kind: 'retry', scopedKey };
  }

  async answered(r: Omit<IdempotentRequest, 'request'>, status: number, body: unknown): Promise<void> {
    await this.keys.update({ callerId: r.callerId, operation: r.operation, key: r.key }, { statusCode: status, response: body as object, completedAt: new Date() });
  }

  /** No answer to keep (the service was unavailable): a retry runs again. */
  async release(r: Omit<IdempotentRequest, 'request'>): Promise<void> {
    await this.keys.delete({ callerId: r.callerId, operation: r.operation, key: r.key, completedAt: IsNull() });
  }

  /** Keys are remembered for IDEMPOTENCY_KEY_TTL (24 h): purged at most once a minute. */
  private async purgeExpired(): Promise<void> {
    if (Date.now() - this.lastPurge < 60_000) return;
    this.lastPurge = Date.now();
    await this.keys.delete({ createdAt: LessThan(new Date(Date.now() - this.config.idempotencyKeyTtlMs)) });
  }
}
