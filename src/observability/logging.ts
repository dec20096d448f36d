import { LoggerModule } from 'nestjs-pino';
import { currentRequestId } from './request-context';

/**
 * JSON logs (pino): one line per event, each with the request id of the command it belongs to,
 * whether the line comes from the API, a workflow's activity or the worker. LOG_LEVEL (info;
 * warn under Jest) and LOG_PRETTY unset: plain JSON for a log collector.
 */
export const loggingModule = () =>
  LoggerModule.forRoot({
    pinoHttp: {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
      genReqId: (request) => (request as { id?: string }).id ?? 'none',
      // Every line, also those outside an HTTP request (activities), carries the request id.
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      // Health probes and metrics scrapes are not news.
      autoLogging: { ignore: (request) => /^\/(health|metrics)/.test(request.url ?? '') },
      // Credentials never reach a log: tokens, the session cookie both ways, the session's CSRF token.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
  });
