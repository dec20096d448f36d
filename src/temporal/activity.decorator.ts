import { SetMetadata } from '@nestjs/common';

export const ACTIVITY = 'temporal:activity';

/**
 * A provider method the Temporal worker registers as an activity, under the method's name
 * (src/worker/activity-registry.ts finds them): a feature adds an activity without touching the worker.
 */
export const Activity = (): MethodDecorator => SetMetadata(ACTIVITY, true);
