import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** Control characters other than tab, line feed and carriage return: PostgreSQL refuses NUL in text, and none belongs in a ticket. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const MAX_DEPTH = 16;
const MAX_KEYS = 200;
const MAX_ITEMS = 500;

const refuse = (field: string, problem: string) =>
  new BadRequestException({ statusCode: 400, error: 'badRequest', message: `invalid ${field}: ${problem}`, fields: [{ field, errors: [problem] }] });

/**
 * Input that cannot wedge a process, checked before validation on every body, query and path
 * parameter: no control characters (a NUL made the projection fail for ever), strings trimmed
 * before their lengths are checked (a title of spaces is empty), bounded nesting, keys and items.
 */
@Injectable()
export class InputSafetyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    return this.clean(value, metadata.type === 'param' ? (metadata.data ?? 'path') : '', 0, metadata.type !== 'param');
  }

  private clean(value: unknown, field: string, depth: number, trim: boolean): unknown {
    if (typeof value === 'string') {
      if (CONTROL.test(value)) throw refuse(field || 'value', 'control characters are not allowed');
      return trim ? value.trim() : value;
    }
    if (value === null || typeof value !== 'object') return value;
    if (depth >= MAX_DEPTH) throw refuse(field || 'body', `nested deeper than ${MAX_DEPTH} levels`);
    if (Array.isArray(value)) {
      if (value.length > MAX_ITEMS) throw refuse(field || 'body', `more than ${MAX_ITEMS} items`);
      return value.map((item, i) => this.clean(item, `${field}[${i}]`, depth + 1, trim));
    }
    const entries = Object.entries(value);
    if (entries.length > MAX_KEYS) throw refuse(field || 'body', `more than ${MAX_KEYS} keys`);
    return Object.fromEntries(entries.map(([k, v]) => {
      if (CONTROL.test(k)) throw refuse(field || 'body', 'control characters are not allowed in keys');
      return [k, this.clean(v, field ? `${field}.${k}` : k, depth + 1, trim)];
    }));
  }
}
