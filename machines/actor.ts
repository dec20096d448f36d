// Who acts on a process. Roles come from REQUIREMENTS "Users and how they reach the system";
// `system` is the workflow itself (timers), never a person.

export const ROLES = [
  'endUser',
  'agent',
  'dispatcher',
  'incidentManager',
  'processManager',
  'csiForum',
  'admin',
  'monitor',
] as const;
export type Role = (typeof ROLES)[number] | 'system';

export interface Actor {
  id: string;
  role: Role;
  /** For the journal and the Temporal UI; rules never read it. */
  name?: string;
  /** The teams the person belongs to (a dispatcher assigns within their own teams). */
  teamIds?: string[];
}

/** Roles that work tickets: they may write internal journal notes and move a ticket along. */
export const STAFF_ROLES: readonly Role[] = ['agent', 'dispatcher', 'incidentManager', 'admin'];

/** Roles that may hand a ticket to a specific agent (seed 000, principle 3: the dispatcher assigns). */
export const DISPATCH_ROLES: readonly Role[] = ['dispatcher', 'incidentManager', 'admin'];

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system', name: 'System' };

export const isStaff = (actor: Actor): boolean => STAFF_ROLES.includes(actor.role);
