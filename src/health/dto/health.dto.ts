import { ApiProperty } from '@nestjs/swagger';

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
