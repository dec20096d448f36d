import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { AuthUser } from '../auth/auth-user';
import { DomainException } from '../errors/domain.exception';
import { errorResponse, ReplayedResponse } from '../errors/http-exception.filter';
import { IdempotencyService } from './idempotency.service';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Printable, no spaces, at most 200 characters (Stripe's and the IETF draft's practice); the OpenAPI document states it. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export type IdempotentRequest = Request & { user?: AuthUser; idempotencyKey?: string };

const SECRET_BODY = 'idempotency:secretBody';
/**
 * A route whose body holds a secret (a password): the stored fingerprint of the request leaves
 * the body out, as an unsalted hash of a password is a password to whoever reads the table. A
 * repeat with the same key still gets the first answer; another body under that key is not noticed.
 */
export const SecretBody = () => SetMetadata(SECRET_BODY, true);

/** 422 naming the header: a key used before for a different request. */
export class IdempotencyKeyReusedException extends DomainException<'idempotencyKeyReused'> {
  constructor() {
    super('idempotencyKeyReused', 'unprocessable', `this ${IDEMPOTENCY_HEADER} was used for a different request; use a new key`, { field: IDEMPOTENCY_HEADER });
  }
}

/**
 * Idempotency as a contract, on every write: a key is scoped to (caller, operation); the first
 * answer (status and body, errors of the model included) is stored with a hash of the request; a
 * repeat with the same request gets that answer even if the state has moved on; a repeat with
 * another request is refused (422). An answer that says "unavailable" (503) is not kept: the retry
 * runs again, and the workflow applies the command once (the key becomes its update id).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<IdempotentRequest>();
    const key = request.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    if (!WRITES.has(request.method) || typeof key !== 'string' || !request.user) return next.handle();
    // The status Nest will answer with: the route's @HttpCode, else 201 for POST, 200 for the rest.
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    const secretBody = this.reflector.get<boolean>(SECRET_BODY, context.getHandler()) ?? false;
    return from(this.run(request, status, key, next, secretBody));
  }

  private async run(request: IdempotentRequest, status: number, key: string, next: CallHandler, secretBody: boolean): Promise<unknown> {
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new DomainException('badRequest', 'badRequest', `${IDEMPOTENCY_HEADER} must be 1 to 200 printable characters`, { field: IDEMPOTENCY_HEADER });
    }
    const id = { callerId: request.user!.id, operation: `${request.method} ${request.route?.path ?? request.path}`, key };
    const claim = await this.store.claim({ ...id, request: { params: request.params, query: request.query, body: secretBody ? '(not kept: a secret)' : request.body } });
    if (claim.kind === 'reused') throw new IdempotencyKeyReusedException();
    if (claim.kind === 'answered') throw new ReplayedResponse(claim.status, claim.body);
    request.idempotencyKey = claim.scopedKey;
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.store.answered(id, status, body ?? null);
      return body;
    } catch (error) {
      const answer = errorResponse(error);
      if (answer && answer.status < 500) await this.store.answered(id, answer.status, answer.body);
      else await this.store.release(id);
      throw error;
    }
  }
}
