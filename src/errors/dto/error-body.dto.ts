import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

/** One input field that failed validation, with every rule it broke. */
export class FieldErrorDto {
  @ApiProperty({ example: 'title', description: 'the field, dotted for nested ones (tasks.0.title)' }) field!: string;
  @ApiProperty({ type: [String], example: ['title must be longer than or equal to 3 characters'] }) errors!: string[];
}

/**
 * The one error body (DESIGN, Errors; src/errors/http-exception.filter.ts): every error status of
 * every operation answers with it, except GET /health's 503, which reports each backing service.
 */
@ApiSchema({ name: 'ErrorBody', description: 'The body of every error answer: a status, a code and a sentence, plus what the kind of error names.' })
export class ErrorBody {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 409, description: 'the HTTP status again' })
  statusCode!: number;

  @ApiProperty({
    example: 'commandNotAllowed',
    description:
      'what went wrong, as a code: the error model\'s (badRequest, forbidden, ticketNotFound, commandNotAllowed, ruleBroken, unknownReference, idempotencyKeyReused, payloadTooLarge, unsupportedMediaType, tooManyRequests, unavailable, …) or, for 401, "Unauthorized"',
  })
  error!: string;

  @ApiProperty({ example: 'beginWork is not possible while the ticket is Resolved', description: 'a sentence for people' })
  message!: string;

  @ApiPropertyOptional({ example: 'resolution', description: 'the input field (or header) that broke a rule or names something unknown' })
  field?: string;

  @ApiPropertyOptional({ example: 'staff', description: 'the rule that refused: a machine rule, or the permission the caller lacks (403)' })
  rule?: string;

  @ApiPropertyOptional({ type: [String], description: 'every missing or wrong field, where a rule lists them (422)' })
  missing?: string[];

  @ApiPropertyOptional({ type: [String], description: 'what the caller may do instead (409, and 403 from a process)', example: ['addJournalNote', 'reopen'] })
  allowedCommands?: string[];

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'malformed input (400): each failing field with its errors' })
  fields?: FieldErrorDto[];
}
