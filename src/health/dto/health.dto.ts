import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';

const SERVICE_STATES = ['up', 'down'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

/** 200: both backing services answer. */
export class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ enum: ['up'] }) postgres!: 'up';
  @ApiProperty({ enum: ['up'] }) temporal!: 'up';
}

/** 503: which backing service does not answer. */
export class HealthUnavailableDto {
  @ApiProperty({ enum: ['unavailable'] }) status!: 'unavailable';
  @ApiProperty({ enum: SERVICE_STATES }) postgres!: ServiceState;
  @ApiProperty({ enum: SERVICE_STATES }) temporal!: ServiceState;
}

/** Dependencies by name, each `up` or `down` with what its check found (e.g. Temporal's namespace). */
const dependencies = (description: string): ApiPropertyOptions => ({
  type: 'object',
  description,
  additionalProperties: {
    type: 'object',
    properties: { status: { type: 'string', enum: ['up', 'down'] }, message: { type: 'string' } },
    required: ['status'],
  },
});

/** /health/live and /health/ready (@nestjs/terminus): each dependency by name (`postgres`, `temporal`). */
export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status!: 'ok' | 'error' | 'shutting_down';
  @ApiPropertyOptional(dependencies('the dependencies that are up')) info?: Record<string, { status: ServiceState }>;
  @ApiPropertyOptional(dependencies('the dependencies that are down, and why')) error?: Record<string, { status: ServiceState }>;
  @ApiProperty(dependencies('every dependency')) details!: Record<string, { status: ServiceState }>;
}
