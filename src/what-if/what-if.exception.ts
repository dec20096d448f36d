import { CodeOf, domainException } from '../errors/domain.exception';

/** What-if replays. */
export const WhatIfErrorCode = {
  WhatIfNotFound: 'whatIfNotFound',
  InvalidPeriod: 'invalidPeriod',
} as const;
export type WhatIfErrorCode = CodeOf<typeof WhatIfErrorCode>;

export class WhatIfException extends domainException<WhatIfErrorCode>({ whatIfNotFound: 'notFound', invalidPeriod: 'unprocessable' }) {}
