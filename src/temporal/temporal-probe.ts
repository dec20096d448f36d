import { Connection, isGrpcServiceError } from '@temporalio/client';

/**
 * grpc-js backs off reconnecting from 1 s up to 120 s, so after an outage a channel could stay in
 * backoff for minutes after Temporal is back (19-34 s of 503s were seen). Capped at 500 ms, it
 * tries again twice a second (a refused TCP connect: nothing for the server).
 */
export const CHANNEL_ARGS = { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 500 };

const WORKFLOW_SERVICE = 'temporal.api.workflowservice.v1.WorkflowService';
/** grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING */
const SERVING = 1;
const GRPC_UNAVAILABLE = 14;

/**
 * A connection for probing: without the SDK's retrying interceptor (an unanswered probe is the
 * answer, not something to retry for 20 s). grpc-js shares the transport of channels with the
 * same target and arguments, so it probes the very connection that calls with CHANNEL_ARGS use.
 */
export function probeConnection(address: string): Connection {
  return Connection.lazy({ address, channelArgs: CHANNEL_ARGS, interceptors: [] });
}

export type ProbeResult = { serving: true } | { serving: false; refused: boolean; reason: string };

/**
 * Asks the frontend's gRPC health service. `refused`: the connection was refused or dropped, or
 * the frontend says it is not serving (it does so while shutting down): Temporal is down for
 * sure; otherwise (no answer within the deadline) it may only be slow.
 */
export async function probe(connection: Connection, deadlineMs: number): Promise<ProbeResult> {
  try {
    const { status } = await connection.withDeadline(Date.now() + deadlineMs, () => connection.healthService.check({ service: WORKFLOW_SERVICE }));
    return status === SERVING ? { serving: true } : { serving: false, refused: true, reason: `the frontend is not serving (health status ${status})` };
  } catch (error) {
    return { serving: false, refused: isGrpcServiceError(error) && error.code === GRPC_UNAVAILABLE, reason: messageOf(error) };
  }
}

export function messageOf(error: unknown): string {
  const message = error instanceof Error ? (isGrpcServiceError(error) ? (error.details ?? error.message) : error.message) : String(error);
  return message.split('\n')[0].slice(0, 200);
}
