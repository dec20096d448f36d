import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class AbsenceIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class TeamIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class SetAbsenceDto {
  @ApiProperty({ example: '2026-07-06T06:00:00Z' }) @IsISO8601({ strict: true }) startsAt!: string;
  @ApiProperty({ example: '2026-07-27T06:00:00Z', description: 'exclusive; after startsAt (422 otherwise)' })
  @IsISO8601({ strict: true })
  endsAt!: string;

  @ApiPropertyOptional({ default: '', example: 'I am on holiday until 27 July; your ticket is with my team.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  autoReply?: string;
}

export class AbsentAtQuery {
  @ApiPropertyOptional({ description: 'the instant (ISO 8601); default now' }) @IsOptional() @IsISO8601({ strict: true }) at?: string;
}

export class AbsenceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty() autoReply!: string;
}

export class AbsentMemberView extends AbsenceView {
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
}
