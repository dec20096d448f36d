import { CodeOf, domainException } from '../errors/domain.exception';

/** SLA policies and reports. */
export const SlaErrorCode = {
  PolicyNotFound: 'slaPolicyNotFound',
  InvalidPolicy: 'invalidSlaPolicy',
  InvalidMatrix: 'invalidPriorityMatrix',
  InvalidPeriod: 'invalidPeriod',
} as const;
export type SlaErrorCode = CodeOf<typeof SlaErrorCode>;

export class SlaException extends domainException<SlaErrorCode>({ slaPolicyNotFound: 'notFound', invalidSlaPolicy: 'unprocessable', invalidPriorityMatrix: 'unprocessable', invalidPeriod: 'unprocessable' }) {}
