import { BadRequestException, INestApplication, ValidationError, ValidationPipe } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { AppExceptionFilter } from '../errors/http-exception.filter';
import { InputSafetyPipe } from '../http/input-safety.pipe';
import { jsonOnly } from '../http/json-only';
import { requestIdMiddleware } from '../observability/request-context';
import { expectedVersionMiddleware } from '../http/expected-version';
import { openApiDocument } from './openapi';
import { serveWeb } from '../web/serve-web';

interface FieldError {
  field: string;
  errors: string[];
}

function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => [
    ...(e.constraints ? [{ field: `${prefix}${e.property}`, errors: Object.values(e.constraints) }] : []),
    ...fieldErrors(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

/**
 * What every HTTP entry shares (`npm start`, the API-only process and the tests' stack): cookies,
 * the portal and console at /, validation (400 naming the fields), the error filter, OpenAPI at /docs.
 */
export function configureApp(app: INestApplication): void {
  // Before Nest's body parsers and the request logger (registered at init).
  app.use(requestIdMiddleware);
  app.use(expectedVersionMiddleware);
  app.use(jsonOnly);
  // The browser's session cookie (src/auth/session-cookie.ts); unsigned: its value is a random secret the server looks up.
  app.use(cookieParser());
  serveWeb(app);
  app.useGlobalPipes(
    new InputSafetyPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => {
        const fields = fieldErrors(errors);
        return new BadRequestException({
          statusCode: 400,
          error: 'badRequest',
          message: `invalid ${fields.map((f) => f.field).join(', ')}`,
          fields,
        });
      },
    }),
  );
  app.useGlobalFilters(new AppExceptionFilter());
  SwaggerModule.setup('docs', app, openApiDocument(app));
}
