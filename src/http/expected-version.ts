// "Change it only if it is still as I saw it": a command may carry X-Expected-Version, the version
// of the process (ticket, proposal, ...) its sender's page showed. The workflow refuses the command
// with 409 rule staleVersion when the process has moved on (workflows/runtime/process-runtime.ts),
// so two agents never act on a stale page. Not If-Match: that header would promise 412 and entity
// tags of the GET answer, whose (weak, body-hash) ETag also changes without a new version.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { DomainException } from '../errors/domain.exception';

export const EXPECTED_VERSION_HEADER = 'X-Expected-Version';

const requests = new AsyncLocalStorage<{ expectedVersion?: string; path: string }>();

export function expectedVersionMiddleware(request: Request, _response: Response, next: NextFunction): void {
  const given = request.headers[EXPECTED_VERSION_HEADER.toLowerCase()];
  requests.run({ expectedVersion: typeof given === 'string' ? given : undefined, path: request.path }, next);
}

/**
 * The version the caller's command expects of `processNumber`, if it sent one; 400 when it is not a
 * whole number. Only for the process the request addresses (its number is in the path): the
 * commands a request sends on to others (a major incident resolving its children) are not the
 * caller's page and carry none.
 */
export function expectedVersion(processNumber: string): number | undefined {
  const store = requests.getStore();
  const given = store?.expectedVersion;
  if (given === undefined || !store!.path.split('/').includes(processNumber)) return undefined;
  if (!/^\d{1,9}$/.test(given)) {
    throw new DomainException('badRequest', 'badRequest', `${EXPECTED_VERSION_HEADER} must be the version the process showed (a whole number)`, { field: EXPECTED_VERSION_HEADER });
  }
  return Number(given);
}
