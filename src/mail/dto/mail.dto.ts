import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { DeliveryDto } from '../../tickets/dto/ticket-view.dto';

const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'suppressed', 'skipped'] as const;

export class OutboxQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: (typeof DELIVERY_STATUSES)[number];
  @ApiPropertyOptional({ example: 'INC-000001' }) @IsOptional() @IsString() @Matches(/^[A-Z]+-\d+$/) ticket?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class OutboxItemDto {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ nullable: true }) ticketNumber!: string | null;
  @ApiPropertyOptional({ nullable: true }) recipientId!: string | null;
  @ApiProperty() audience!: string;
  @ApiProperty() template!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() language!: string;
  @ApiProperty({ enum: ['no', 'auto-generated', 'auto-replied'] }) autoSubmitted!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ type: DeliveryDto }) delivery!: DeliveryDto;
}
