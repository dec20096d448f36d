/** Whether an error means "a backing service is down" (Temporal or PostgreSQL), i.e. worth a retry. */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { code?: string | number; cause?: unknown };
  const text = `${e.name} ${e.message}`;
  // gRPC 14 UNAVAILABLE / 4 DEADLINE_EXCEEDED from Temporal; socket errors and shutdown codes from pg.
  if (e.name === 'TransportError' || /UNAVAILABLE|DEADLINE_EXCEEDED|Failed to connect|failed to connect/.test(text)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001'].includes(String(e.code))) return true;
  if (/Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/.test(text)) return true;
  return e.cause instanceof Error ? isUnavailable(e.cause) : false;
}
