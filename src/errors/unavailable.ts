/** Whether an error means "a backing service is down" (Temporal or PostgreSQL), i.e. worth a retry. */
export function isUnavailable(error: unknown): boolean {
  // By shape, not `instanceof Error`: socket errors are made by Node's own realm, which is not the
  // caller's under a VM context such as Jest's (a refused PostgreSQL connection then read as a 500).
  if (typeof error !== 'object' || error === null || typeof (error as { message?: unknown }).message !== 'string') return false;
  const e = error as Error & { code?: string | number; cause?: unknown };
  const text = `${e.name} ${e.message}`;
  // gRPC 14 UNAVAILABLE / 4 DEADLINE_EXCEEDED from Temporal; socket errors and shutdown codes from pg.
  if (e.name === 'TransportError' || /UNAVAILABLE|DEADLINE_EXCEEDED|Failed to connect|failed to connect/.test(text)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001'].includes(String(e.code))) return true;
  if (/Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/.test(text)) return true;
  return e.cause !== undefined ? isUnavailable(e.cause) : false;
}
