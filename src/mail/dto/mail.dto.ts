import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DeliveryDto } from '../../tickets/dto/ticket-view.dto';

const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'suppressed', 'skipped'] as const;
const INBOUND_STATUSES = ['stored', 'applied', 'quarantined', 'released', 'ignored'] as const;

export class OutboxQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: (typeof DELIVERY_STATUSES)[number];
  @ApiPropertyOptional({ example: 'INC-000001' }) @IsOptional() @IsString() @Matches(/^[A-Z]+-\d+$/) ticket?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class OutboxItemDto {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) ticketNumber!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) recipientId!: string | null;
  @ApiProperty() audience!: string;
  @ApiProperty() template!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() language!: string;
  @ApiProperty({ enum: ['no', 'auto-generated', 'auto-replied'] }) autoSubmitted!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ type: DeliveryDto }) delivery!: DeliveryDto;
}

export class InboundQueryDto {
  @ApiPropertyOptional({ enum: INBOUND_STATUSES }) @IsOptional() @IsIn(INBOUND_STATUSES) status?: (typeof INBOUND_STATUSES)[number];
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class InboundMailDto {
  @ApiProperty({ description: 'the mail’s identity (from its Message-ID, or a hash of its content)' }) id!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) messageId!: string | null;
  @ApiProperty({ enum: ['smtp', 'imap'] }) source!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) from!: string | null;
  @ApiProperty({ type: [String] }) to!: string[];
  @ApiProperty() subject!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ enum: INBOUND_STATUSES }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'what it became: a ticket, a reply, an answer, a bounce, …' }) outcome!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) ticketNumber!: string | null;
  @ApiProperty() receivedAt!: string;
}

export class SinkQueryDto {
  @ApiPropertyOptional({ description: 'only mail to this address' }) @IsOptional() @IsString() @MaxLength(320) to?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class SinkMailDto {
  @ApiProperty() id!: string;
  @ApiProperty() receivedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the envelope sender' }) from!: string | null;
  @ApiProperty({ type: [String], description: 'the envelope recipients' }) to!: string[];
  @ApiProperty() subject!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) messageId!: string | null;
  @ApiProperty({ description: 'the text part, as the recipient reads it' }) text!: string;
}
