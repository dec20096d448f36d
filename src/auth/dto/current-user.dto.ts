import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../../machines/actor';
import type { Role } from '../../../machines/actor';
import type { AuthUser } from '../auth-user';
import { mayCall, PERMISSIONS, type PermissionName } from '../permissions';

/** GET /me: the caller as the AccessGuard found them (AuthUser). */
export class CurrentUserDto implements AuthUser {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'tim' }) username!: string;
  @ApiProperty({ example: 'LevelOneTim' }) displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Exclude<Role, 'system'>;
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true, description: 'the teams the user is a member of' }) teamIds!: string[];
  @ApiProperty({
    enum: Object.keys(PERMISSIONS),
    isArray: true,
    description: 'the permissions of the user’s role (src/auth/permissions.ts): a client offers what the API would allow, and keeps no copy of the rule',
  })
  permissions!: PermissionName[];
}

/** The caller as GET /me, sign-in and GET /auth/session answer them. */
export function describeUser(user: AuthUser): CurrentUserDto {
  const permissions = (Object.keys(PERMISSIONS) as PermissionName[]).filter((permission) => mayCall(user.role, permission));
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, teamIds: user.teamIds, permissions };
}
