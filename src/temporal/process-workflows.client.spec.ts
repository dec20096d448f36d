import { WorkflowClient } from '@temporalio/client';
import { google, temporal } from '@temporalio/proto';
import { isAbortedUpdateWithStart } from './process-workflows.client';

const CODES: Record<number, string> = { 0: 'OK', 3: 'INVALID_ARGUMENT', 4: 'DEADLINE_EXCEEDED', 9: 'FAILED_PRECONDITION', 14: 'UNAVAILABLE' };
const ABORTED = { code: 9, message: 'Operation was aborted.', details: [{ type_url: 'type.googleapis.com/temporal.api.failure.v1.MultiOperationExecutionAborted', value: new Uint8Array() }] };
const failed = (code: number, message: string) => ({ code, message, details: [] });

/** A gRPC status error as grpc-js builds it (callErrorFromStatus), with the server's status details. */
function grpcError(code: number, details: string, statusDetails?: Uint8Array): Error {
  // grpc-js's Metadata, as far as the SDK and the classifier read it.
  const metadata = { get: (key: string) => (key === 'grpc-status-details-bin' && statusDetails ? [Buffer.from(statusDetails)] : []) };
  return Object.assign(new Error(`${code} ${CODES[code]}: ${details}`), { code, details, metadata });
}

/**
 * What the SDK throws when the server refuses an update-with-start: the server's answer (code 9
 * and each operation's status in a MultiOperationExecutionFailure), put through the SDK's own
 * rethrow, which throws the first operation's failure that is not an abort.
 */
function updateWithStartFailure(start: object, update: object): unknown {
  const failure = temporal.api.errordetails.v1.MultiOperationExecutionFailure.encode({ statuses: [start, update] }).finish();
  const statusDetails = google.rpc.Status.encode({
    code: 9,
    message: 'Update-with-Start could not be executed.',
    details: [{ type_url: 'type.googleapis.com/temporal.api.errordetails.v1.MultiOperationExecutionFailure', value: failure }],
  }).finish();
  const raw = grpcError(9, 'Update-with-Start could not be executed.', statusDetails);
  const sdk = Object.create(WorkflowClient.prototype) as { rethrowUpdateGrpcError(err: unknown, message: string, execution: object): never };
  try {
    sdk.rethrowUpdateGrpcError(raw, 'Update-With-Start failed', { workflowId: 'INC-000001' });
  } catch (error) {
    return error;
  }
  throw new Error('the SDK did not rethrow');
}

describe('isAbortedUpdateWithStart: which failures of opening a workflow may be sent again as they are', () => {
  it('the server aborted both operations: yes', () => {
    expect(isAbortedUpdateWithStart(updateWithStartFailure(ABORTED, ABORTED))).toBe(true);
  });

  it('its update failed for a reason of the moment (its history write aborted, the server out of time): yes', () => {
    expect(isAbortedUpdateWithStart(updateWithStartFailure(ABORTED, failed(14, 'workflow update was aborted')))).toBe(true);
    expect(isAbortedUpdateWithStart(updateWithStartFailure(ABORTED, failed(4, 'context deadline exceeded')))).toBe(true);
  });

  it('a start the server finds wrong, or another error with the same words: no (those are bugs or have their own answers)', () => {
    expect(isAbortedUpdateWithStart(updateWithStartFailure(failed(3, 'no mapping defined for search attribute NoSuchAttr'), ABORTED))).toBe(false);
    expect(isAbortedUpdateWithStart(grpcError(9, 'Update-with-Start could not be executed.'))).toBe(false);
    expect(isAbortedUpdateWithStart(grpcError(14, 'Update-with-Start could not be executed.'))).toBe(false);
    expect(isAbortedUpdateWithStart(new Error('Update-with-Start could not be executed.'))).toBe(false);
  });
});
