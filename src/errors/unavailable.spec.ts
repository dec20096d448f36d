import { runInNewContext } from 'node:vm';
import { isUnavailable } from './unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isUnavailable: which failures mean "retry later" (503)', () => {
  it.each([
    ['pg: server refused the connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['pg: server shutting down', withCode('terminating connection due to administrator command', '57P01')],
    ['pg: connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['pg pool: no connection in time', new Error('timeout exceeded when trying to connect')],
    ['Temporal: transport down', Object.assign(new Error('Failed to connect before the deadline'), { name: 'TransportError' })],
    ['Temporal: gRPC UNAVAILABLE', new Error('14 UNAVAILABLE: No connection established')],
    ['wrapped cause', Object.assign(new Error('query failed'), { cause: withCode('reset', 'ECONNRESET') })],
    // Made by another realm (Node's socket errors under Jest's VM context): not `instanceof Error` here.
    ['pg: refused, an error of another realm', runInNewContext(`Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })`)],
  ])('%s', (_label, error) => {
    expect(isUnavailable(error)).toBe(true);
  });

  it.each([
    ['a broken SQL statement', withCode('syntax error at or near "SELEC"', '42601')],
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'ECONNREFUSED'],
  ])('not for %s', (_label, error) => {
    expect(isUnavailable(error)).toBe(false);
  });
});
