import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CODE_PATTERN } from './team.dto';

export class OrganisationCodeParams {
  @ApiProperty({ example: 'BSS' }) @IsString() @MaxLength(40) code!: string;
}

export class CreateOrganisationDto {
  @ApiProperty({ example: 'BSS', description: 'what users.organisation holds; cannot change later' })
  @Matches(CODE_PATTERN, { message: 'code must be capitals, digits and hyphens (at most 40), e.g. NATTECH-AAR' })
  code!: string;

  @ApiProperty({ example: 'Aarhus BSS' }) @IsString() @MinLength(2) @MaxLength(200) name!: string;

  @ApiProperty({ format: 'uuid', description: 'the 1st-line team that receives the organisation’s tickets' })
  @IsUUID()
  primaryTeamId!: string;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() primaryTeamId?: string;
}

export class TeamRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class OrganisationView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: TeamRefDto, nullable: true }) primaryTeam!: TeamRefDto | null;
}
