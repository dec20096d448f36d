import type { Actor, Role } from '../../machines/actor';

/** The authenticated caller, as the guard puts it on the request. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Exclude<Role, 'system'>;
  /** The teams the user is a member of. */
  teamIds: string[];
}

export const actorOf = (user: AuthUser): Actor => ({ id: user.id, role: user.role, name: user.displayName, teamIds: user.teamIds });
