import { ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { IS_PUBLIC } from './public.decorator';

/**
 * Rate limits the routes anyone may call without a token (health), per client address. Signed-in
 * routes are not limited here (300 agents may share one university address), and monitor intake
 * never is: an alert must not be dropped. Failed sign-ins (wrong tokens and passwords) are limited
 * by FailedSignIns.
 */
@Injectable()
export class PublicThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
  }

  /** The error model's body (like the AccessGuard's 429), not the library's bare sentence without a code. */
  protected override async throwThrottlingException(): Promise<void> {
    throw new HttpException(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'tooManyRequests', message: 'too many requests from this address; wait a minute' },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
