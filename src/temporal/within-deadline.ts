import { isUnavailable } from '../errors/unavailable';

/**
 * Waits for a workflow call at most `timeoutMs`. A command that does not finish in time, or finds
 * Temporal unreachable, answers 503 (the feature's own exception); its Idempotency-Key makes the
 * retry safe, because the workflow applies an update id once.
 */
export async function withinDeadline<T>(work: Promise<T>, timeoutMs: number, unavailable: (reason: string) => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable('the workflow did not answer in time; retry with the same Idempotency-Key')), timeoutMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    if (isUnavailable(error)) throw unavailable('Temporal is unreachable; retry later');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
