import { ROLES } from '../../../machines/actor';
import type { Role } from '../../../machines/actor';

/** Who can appear as the actor of a decision in a trail: a user's role, or the workflow itself. */
export const DECISION_ROLES = [...ROLES, 'system'] as const satisfies readonly Role[];
