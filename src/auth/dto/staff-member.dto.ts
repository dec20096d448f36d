import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, type Role } from '../../../machines/actor';

/** A member of IT staff as the directory has them: who may be put in a team. */
export class StaffMemberDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'tim' }) username!: string;
  @ApiProperty({ example: 'LevelOneTim' }) displayName!: string;
  @ApiProperty({ enum: STAFF_ROLES }) role!: Role;
}
