import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES } from '../../../machines/actor';
import type { Role } from '../../../machines/actor';

/** Short stable handles: BSS-IT, AU-IT-OPS, NATTECH-AAR. */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,39}$/;
export const LINE_LEVELS = [1, 2, 3] as const;

export class TeamIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class MemberParams extends TeamIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId!: string;
}

export class CreateTeamDto {
  @ApiProperty({ example: 'BSS-IT', pattern: CODE_PATTERN.source, description: 'short stable handle: capitals, digits and hyphens (at most 40); cannot change later' })
  @Matches(CODE_PATTERN, { message: 'code must be capitals, digits and hyphens (at most 40), e.g. BSS-IT' })
  code!: string;

  @ApiProperty({ example: 'BSS IT', minLength: 2, maxLength: 100 }) @IsString() @MinLength(2) @MaxLength(100) name!: string;

  @ApiProperty({ type: 'integer', enum: LINE_LEVELS, description: '1st line (service desk), 2nd line (operations), 3rd line (experts)' })
  @IsIn(LINE_LEVELS)
  lineLevel!: 1 | 2 | 3;

  @ApiPropertyOptional({ default: false, description: 'seed 002: new tickets go to the present agent with the fewest open tickets' })
  @IsOptional()
  @IsBoolean()
  autoAssign?: boolean;
}

export class UpdateTeamDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 100 }) @IsOptional() @IsString() @MinLength(2) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ type: 'integer', enum: LINE_LEVELS }) @IsOptional() @IsIn(LINE_LEVELS) lineLevel?: 1 | 2 | 3;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() autoAssign?: boolean;
}

export class PutMemberDto {
  @ApiPropertyOptional({ default: false, description: 'assigns the team’s tickets to agents; needs a dispatching role' })
  @IsOptional()
  @IsBoolean()
  isDispatcher?: boolean;

  @ApiPropertyOptional({ default: false, description: 'the team lead (one per team); alerted with the dispatchers' })
  @IsOptional()
  @IsBoolean()
  isLead?: boolean;
}

export class TeamMemberView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Exclude<Role, 'system'>;
  @ApiProperty() isDispatcher!: boolean;
  @ApiProperty() isLead!: boolean;
}

export class TeamView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer', enum: LINE_LEVELS }) lineLevel!: 1 | 2 | 3;
  @ApiProperty({ description: 'new tickets go to the present agent with the fewest open tickets' }) autoAssign!: boolean;
  @ApiProperty({ type: [TeamMemberView], description: 'by username' }) members!: TeamMemberView[];
}
