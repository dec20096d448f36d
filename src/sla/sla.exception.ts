export enum SlaErrorCode {
  PolicyNotFound = 'slaPolicyNotFound',
  InvalidPolicy = 'invalidSlaPolicy',
  InvalidPeriod = 'invalidPeriod',
}

export class SlaException extends Error {
  constructor(
    readonly code: SlaErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
