import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../../machines/actor';
import type { Role } from '../../../machines/actor';
import type { AuthUser } from '../auth-user';

/** GET /me: the caller as the AccessGuard found them (AuthUser). */
export class CurrentUserDto implements AuthUser {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'tim' }) username!: string;
  @ApiProperty({ example: 'LevelOneTim' }) displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Exclude<Role, 'system'>;
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true, description: 'the teams the user is a member of' }) teamIds!: string[];
}
