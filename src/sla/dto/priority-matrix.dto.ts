// A priority matrix as the API reads and writes it: the shape here (400 naming the field), what
// it means (every impact x urgency reaches a level, levels most urgent first) is the machine's
// validateMatrix (422).
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';
import { LEVEL_CODE, type PriorityLevel, type VersionedPriorityMatrix } from '../../../machines/priority';
import { POLICY_CODE } from './sla.dto';


const MINUTES = { type: 'integer', minimum: 1, maximum: 525_600 } as const;

/** Level code -> factor: class-validator does not validate the values of a plain object map. */
const IsFactors = () =>
  ValidateBy({
    name: 'isFactors',
    validator: {
      validate: (value: unknown) =>
        !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length >= 1 && Object.keys(value).length <= 20 &&
        Object.entries(value).every(([code, factor]) => LEVEL_CODE.test(code) && typeof factor === 'number' && Number.isFinite(factor) && factor > 0 && factor <= 1000),
      defaultMessage: (args) => `${args?.property} must map 1 to 20 level codes (a letter, then letters, digits, - or _) to a factor above 0 and at most 1000`,
    },
  });

const FACTORS = {
  type: 'object',
  additionalProperties: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1000 },
  minProperties: 1,
  maxProperties: 20,
} as const;

export class PriorityLevelDto implements PriorityLevel {
  @ApiProperty({ example: 'A', pattern: LEVEL_CODE.source }) @Matches(LEVEL_CODE) code!: string;
  @ApiProperty({ example: 'A-Critical', maxLength: 100 }) @IsString() @MaxLength(100) name!: string;
  @ApiProperty({ minimum: 0, maximum: 1_000_000, description: 'the lowest impact x urgency score (inclusive) that reaches this level' })
  @IsNumber() @Min(0) @Max(1_000_000) minScore!: number;
  @ApiProperty({ ...MINUTES, minimum: 0, description: 'business minutes to the first response (the default targets of a policy); 0 is seed 003\'s "immediately", 15 minutes as a target' })
  @IsInt() @Min(0) @Max(525_600) responseMinutes!: number;
  @ApiProperty({ ...MINUTES, description: 'business minutes to resolution' }) @IsInt() @Min(1) @Max(525_600) resolutionMinutes!: number;
  @ApiProperty({ ...MINUTES, description: 'business minutes until the ticket is escalated if still open' }) @IsInt() @Min(1) @Max(525_600) escalateAfterMinutes!: number;
}

export class PublishPriorityMatrixDto {
  @ApiProperty({ example: 'dansupport', pattern: POLICY_CODE.source, description: 'the matrix; publishing adds its next version' })
  @Matches(POLICY_CODE)
  code!: string;

  @ApiProperty({ maxLength: 200 }) @IsString() @MaxLength(200) name!: string;

  @ApiProperty({ ...FACTORS, example: { workplace: 1, department: 2, site: 3, multiSite: 4 }, description: 'impact level code -> factor' })
  @IsFactors()
  impactFactors!: Record<string, number>;

  @ApiProperty({ ...FACTORS, example: { days: 1, tomorrow: 2, today: 3, immediate: 4 }, description: 'urgency level code -> factor' })
  @IsFactors()
  urgencyFactors!: Record<string, number>;

  @ApiProperty({ type: [PriorityLevelDto], minItems: 1, maxItems: 20, description: 'most urgent first; a ticket gets the first level whose minScore its impact x urgency reaches' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => PriorityLevelDto)
  levels!: PriorityLevelDto[];
}

export class PriorityMatrixDto implements VersionedPriorityMatrix {
  @ApiProperty({ example: 'seed-003' }) code!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'impact level code -> factor' }) impactFactors!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'urgency level code -> factor' }) urgencyFactors!: Record<string, number>;
  @ApiProperty({ type: [PriorityLevelDto], description: 'most urgent first' }) levels!: PriorityLevelDto[];
}
