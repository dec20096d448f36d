import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Pagination every list shares: page 1..10,000 of 1..200 items (deeper lists filter first). */
export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 10_000, type: 'integer' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 25, minimum: 1, maximum: 200, type: 'integer' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize: number = 25;
}
