import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { POLICY_CODE } from '../../sla/dto/sla.dto';
import { CODE_PATTERN } from './team.dto';

const SLA_POLICY = {
  example: 'dansupport',
  pattern: POLICY_CODE.source,
  description: 'the SLA policy its requesters’ tickets are opened under (its newest version), over the category’s',
} as const;

export class OrganisationCodeParams {
  @ApiProperty({ example: 'BSS', maxLength: 40 }) @IsString() @MaxLength(40) code!: string;
}

export class CreateOrganisationDto {
  @ApiProperty({ example: 'BSS', pattern: CODE_PATTERN.source, description: 'what users.organisation holds: capitals, digits and hyphens (at most 40); cannot change later' })
  @Matches(CODE_PATTERN, { message: 'code must be capitals, digits and hyphens (at most 40), e.g. NATTECH-AAR' })
  code!: string;

  @ApiProperty({ example: 'Aarhus BSS', minLength: 2, maxLength: 200 }) @IsString() @MinLength(2) @MaxLength(200) name!: string;

  @ApiProperty({ format: 'uuid', description: 'the 1st-line team that receives the organisation’s tickets' })
  @IsUUID()
  primaryTeamId!: string;

  @ApiPropertyOptional({ ...SLA_POLICY, nullable: true })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @Matches(POLICY_CODE)
  slaPolicyCode?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'the customer’s contact, a user: the monthly service review is mailed to them (null: none)' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  contactId?: string | null;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 200 }) @IsOptional() @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() primaryTeamId?: string;

  @ApiPropertyOptional({ ...SLA_POLICY, nullable: true, description: `${SLA_POLICY.description}; null: the category's again` })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @Matches(POLICY_CODE)
  slaPolicyCode?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'the customer’s contact, a user: the monthly service review is mailed to them (null: none)' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  contactId?: string | null;
}

export class TeamRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class OrganisationView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: TeamRefDto, nullable: true, description: 'the 1st-line team that receives its tickets' }) primaryTeam!: TeamRefDto | null;
  @ApiProperty({ ...SLA_POLICY, nullable: true }) slaPolicyCode!: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'the contact the monthly service review is mailed to' }) contactId!: string | null;
}
