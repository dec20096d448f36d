import { ServiceError } from '@temporalio/client';
import { isAbortedUpdateWithStart } from './process-workflows.client';

/** A gRPC status error as grpc-js builds it (callErrorFromStatus). */
function grpcError(code: number, details: string): Error {
  const names: Record<number, string> = { 9: 'FAILED_PRECONDITION', 14: 'UNAVAILABLE' };
  return Object.assign(new Error(`${code} ${names[code]}: ${details}`), { code, details, metadata: undefined });
}

describe('isAbortedUpdateWithStart: which failures of opening a workflow may be sent again as they are', () => {
  it('the server aborted the update-with-start (as the SDK wraps it): yes', () => {
    const error = new ServiceError('Update-With-Start failed', { cause: grpcError(9, 'Update-with-Start could not be executed.') });
    expect(isAbortedUpdateWithStart(error)).toBe(true);
  });

  it('another failed precondition, or an unreachable server: no (those have their own answers)', () => {
    expect(isAbortedUpdateWithStart(new ServiceError('Update-With-Start failed', { cause: grpcError(9, 'Namespace is not active.') }))).toBe(false);
    expect(isAbortedUpdateWithStart(new ServiceError('Update-With-Start failed', { cause: grpcError(14, 'Update-with-Start could not be executed.') }))).toBe(false);
    expect(isAbortedUpdateWithStart(new Error('Update-with-Start could not be executed.'))).toBe(false);
  });
});
