// One id per request, followed across processes: the API takes the client's X-Request-Id (or makes
// one), logs it with every line of the request (nestjs-pino), answers with it, and sends it to
// Temporal as a header of the command's Update, where the workflow logs it and hands it to the
// activities the command runs (workflows/runtime/interceptors.ts, src/observability/activity-request-id.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';
/** The Temporal header name the id travels under. */
export const REQUEST_ID_TEMPORAL_HEADER = 'requestId';

const requests = new AsyncLocalStorage<{ requestId: string }>();

export const currentRequestId = (): string | undefined => requests.getStore()?.requestId;

/** Runs `work` as part of the request `requestId` (activities, background work started for it). */
export const withRequestId = <T>(requestId: string, work: () => T): T => requests.run({ requestId }, work);

/** A client's id is kept when it is a sane token; otherwise a new one is made. */
const SANE = /^[\w.:-]{1,100}$/;

export function requestIdMiddleware(request: Request & { id?: string }, response: Response, next: NextFunction): void {
  const given = request.headers[REQUEST_ID_HEADER];
  const requestId = typeof given === 'string' && SANE.test(given) ? given : randomUUID();
  request.id = requestId;
  response.setHeader('X-Request-Id', requestId);
  withRequestId(requestId, next);
}
