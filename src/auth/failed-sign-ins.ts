import { HttpException, Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';

/** Failed sign-ins (wrong tokens and wrong passwords) one address may have in a minute before it is told to wait. */
const FAILED_SIGN_INS_PER_MINUTE = 30;
const MINUTE = 60_000;

/** 429 in the error model's body: the address failed to sign in too often. */
export class TooManySignInsException extends HttpException {
  constructor() {
    super({ statusCode: 429, error: 'tooManyRequests', message: 'too many failed sign-ins from this address; wait a minute' }, 429);
  }
}

/**
 * Guessing is slow: every wrong token or password counts against the caller's address in the
 * throttler's storage; past FAILED_SIGN_INS_PER_MINUTE the answer is 429 for a minute. Only
 * failures count, because a university's users share addresses (a morning's sign-ins must not
 * lock them out).
 */
@Injectable()
export class FailedSignIns {
  /**
   * Addresses the throttler blocked, until when. The throttler's storage can only count, not be
   * asked; without this, a guesser past the limit would still learn the right password from the
   * one answer that is not 429.
   */
  private readonly blockedUntil = new Map<string, number>();

  constructor(@Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage) {}

  /** Counts one failure, then throws: the refusal, or 429 once the address is past the limit. */
  async failed(address: string, refusal: Error): Promise<never> {
    const record = await this.storage.increment(`sign-in:${address}`, MINUTE, FAILED_SIGN_INS_PER_MINUTE, MINUTE, 'sign-in');
    if (!record.isBlocked) throw refusal;
    this.forgetExpired();
    this.blockedUntil.set(address, Date.now() + MINUTE);
    throw new TooManySignInsException();
  }

  /** 429 before a password is even checked, while the address is blocked. */
  assertAllowed(address: string): void {
    if ((this.blockedUntil.get(address) ?? 0) > Date.now()) throw new TooManySignInsException();
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [address, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(address);
  }
}
