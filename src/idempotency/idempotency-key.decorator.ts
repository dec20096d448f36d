import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { IdempotentRequest } from './idempotency.interceptor';

/**
 * The request's Idempotency-Key as the workflow should see it: scoped to the caller and the
 * operation by the IdempotencyInterceptor (undefined without a key).
 */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string | undefined => ctx.switchToHttp().getRequest<IdempotentRequest>().idempotencyKey,
);
