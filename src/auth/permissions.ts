// Who may call what: one table for every operation of the API. Each route declares its permission
// with @Permission(name) (src/auth/permission.decorator.ts); the AccessGuard refuses a role not in
// the table with 403 naming the permission, and refuses a route that declares none, so a new
// endpoint cannot be left open. What depends on the data (an end user reads only their own
// tickets, a dispatcher only their own team's absences) is checked first thing in the service;
// what a command may do in a process's current state is the machine's (machines/*.rules.ts).
import { ROLES, Role, STAFF_ROLES } from '../../machines/actor';

type UserRole = Exclude<Role, 'system'>;

const EVERYONE: readonly UserRole[] = ROLES;
/** Staff and the process manager, who follows the process (REQUIREMENTS, "Users"). */
const STAFF_AND_PROCESS: readonly UserRole[] = [...STAFF_ROLES, 'processManager'] as UserRole[];
/** IT staff in the widest sense: everyone but end users and monitors. */
const IT_STAFF: readonly UserRole[] = ['agent', 'dispatcher', 'incidentManager', 'processManager', 'csiForum', 'admin'];

export interface PermissionRule {
  roles: readonly UserRole[];
  /** Why, in words the 403 carries. */
  says: string;
}

export const PERMISSIONS = {
  signedIn: { roles: EVERYONE, says: 'any signed-in user' },
  /** Tickets: anyone raises and follows their own; what each may do to a ticket is the ticket machine's. */
  tickets: { roles: EVERYONE, says: 'any signed-in user (end users: their own tickets)' },
  /** Teams, members, categories, organisations and SLA policies are configuration (REQUIREMENTS 4, 5). */
  admin: { roles: ['admin'], says: 'only an admin may do this' },
  /** Knowledge articles are written by the people who work tickets and the process manager (machines/article.rules.ts). */
  knowledgeWriter: { roles: ['agent', 'dispatcher', 'incidentManager', 'processManager', 'admin'], says: 'only agents, dispatchers, incident and process managers and admins write knowledge articles' },
  /** Seed 003: the monthly statements per customer are for team leads and admins. */
  statements: { roles: ['dispatcher', 'incidentManager', 'admin'], says: 'only team leads, dispatchers and admins read time statements' },
  /** Out-of-office periods are set by the people who work tickets. */
  staff: { roles: STAFF_ROLES as UserRole[], says: 'only agents, dispatchers, incident managers and admins' },
  /** Dispatchers watch absences (REQUIREMENTS 4); which team's is checked in the service. */
  dispatch: { roles: ['dispatcher', 'incidentManager', 'admin'], says: 'only dispatchers, team leads and admins' },
  /** Queues, overviews, SLA figures, alerts, major incidents and changes: the people who work tickets and the process manager. */
  overview: { roles: STAFF_AND_PROCESS, says: 'only IT staff and process managers' },
  /** Problems and the knowledge base they publish to. */
  itStaff: { roles: IT_STAFF, says: 'problems and the knowledge base are for IT staff' },
  /** Problems are raised by those who investigate them. */
  investigate: { roles: ['agent', 'incidentManager', 'processManager'], says: 'only agents and the incident and process managers create problems' },
  /** Any agent proposes a major incident; incident managers decide (the MI machine). */
  proposeMajorIncident: { roles: STAFF_ROLES as UserRole[], says: 'only agents and incident managers propose a major incident' },
  /** What-if replays: evidence for the CSI forum's decisions (issue 15, item 1). */
  evidence: { roles: ['processManager', 'csiForum', 'admin'], says: 'only process managers, the CSI forum and admins run what-if replays' },
  /** Only monitors post alerts (REQUIREMENTS 9). */
  monitor: { roles: ['monitor'], says: 'only monitors post alerts' },
  /** CSI proposals are visible to and submitted by everyone (REQUIREMENTS 8); the machine decides who decides. */
  csi: { roles: EVERYONE, says: 'any signed-in user' },
} as const satisfies Record<string, PermissionRule>;

export type PermissionName = keyof typeof PERMISSIONS;

export const mayCall = (role: Role, permission: PermissionName): boolean => (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
