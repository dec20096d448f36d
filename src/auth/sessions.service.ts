import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Not, Repository } from 'typeorm';
import { appConfig } from '../config/app-config';
import { SessionEntity } from './session.entity';
import { hashToken, newSecret } from './token';

/** A browser's session as the AccessGuard puts it on the request (never its secret). */
export interface BrowserSession {
  id: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
}

/** A new session: the secret goes into the cookie once and is kept nowhere. */
export interface OpenedSession extends BrowserSession {
  secret: string;
}

export type FoundSession = { kind: 'valid'; session: BrowserSession } | { kind: 'unknown' } | { kind: 'expired' };

/** Owns `sessions`: opened by a sign-in, found by the cookie's secret, ended by sign-out or a password change. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  get ttlMs(): number {
    return this.config.sessionTtlMs;
  }

  async open(userId: string): Promise<OpenedSession> {
    // Expired rows are swept here, on the index, so the table holds about a lifetime's sign-ins.
    await this.sessions.delete({ expiresAt: LessThan(new Date()) });
    const secret = newSecret();
    const session = { id: hashToken(secret), userId, csrfToken: newSecret(), expiresAt: new Date(Date.now() + this.ttlMs) };
    await this.sessions.insert(session);
    return { ...session, secret };
  }

  /** The session a cookie names. An expired one is deleted as it is met: it never works again. */
  async find(secret: string): Promise<FoundSession> {
    const row = await this.sessions.findOneBy({ id: hashToken(secret) });
    if (!row) return { kind: 'unknown' };
    if (row.expiresAt.getTime() <= Date.now()) {
      await this.sessions.delete({ id: row.id });
      return { kind: 'expired' };
    }
    return { kind: 'valid', session: { id: row.id, userId: row.userId, csrfToken: row.csrfToken, expiresAt: row.expiresAt } };
  }

  async end(id: string): Promise<void> {
    await this.sessions.delete({ id });
  }

  /** Every session of the user but the one kept (the caller's own, when they changed the password in it). */
  async endOthers(userId: string, keep: string | undefined): Promise<void> {
    await this.sessions.delete(keep ? { userId, id: Not(keep) } : { userId });
  }
}
