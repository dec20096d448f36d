import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class AbsenceIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class TeamIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class SetAbsenceDto {
  @ApiProperty({ format: 'date-time', example: '2026-07-06T06:00:00Z' }) @IsISO8601({ strict: true }) startsAt!: string;
  @ApiProperty({ format: 'date-time', example: '2026-07-27T06:00:00Z', description: 'exclusive; after startsAt (422 otherwise)' })
  @IsISO8601({ strict: true })
  endsAt!: string;

  @ApiPropertyOptional({ default: '', maxLength: 2000, example: 'I am on holiday until 27 July; your ticket is with my team.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  autoReply?: string;
}

export class AbsentAtQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'the instant; default now' }) @IsOptional() @IsISO8601({ strict: true }) at?: string;
}

export class AbsenceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time', description: 'exclusive' }) endsAt!: string;
  @ApiProperty({ description: 'sent to users who write while the period lasts' }) autoReply!: string;
}

export class AbsentMemberView extends AbsenceView {
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
}
