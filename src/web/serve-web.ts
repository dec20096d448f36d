// The portal and console (web/, built into web/dist by scripts/build-web.ts) served by every API
// process: `/`, `/portal` and `/console` answer the app's index.html and its files (app.js,
// style.css) are static; every API route keeps its own answers, 404s included (the app routes by
// hash). Plain express.static rather than @nestjs/serve-static: that module picks its loader
// before Nest's testing module has an HTTP adapter and then serves nothing in the tests.
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { static as serveStatic, type NextFunction, type Request, type Response } from 'express';

/** From the repository root (npm start, the tests) unless WEB_DIST names another folder. */
export const webDist = (): string => process.env.WEB_DIST ?? join(process.cwd(), 'web', 'dist');

const APP_PATHS = /^\/(portal|console)\/?$/;

export function serveWeb(app: INestApplication): void {
  const dist = webDist();
  app.use(serveStatic(dist, { index: 'index.html', fallthrough: true }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || !APP_PATHS.test(request.path)) return next();
    response.sendFile(join(dist, 'index.html'), (error) => error && next());
  });
}
