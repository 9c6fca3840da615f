// The Hono app: CORS → fault injection (test controls only) → the route files → JSON errors.
import { Hono } from 'hono';
import type { AppEnv, SandboxContext } from './context.js';
import { corsMiddleware } from './cors.js';
import { faultMiddleware } from './faults.js';
import { errorBody, HttpError } from './http.js';
import { routes } from './routes/index.js';

export function createApp(sb: SandboxContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  if (sb.opts.log) {
    app.use('*', async (c, next) => {
      const t0 = performance.now();
      await next();
      process.stderr.write(`${c.req.method} ${new URL(c.req.url).pathname} → ${c.res.status} (${(performance.now() - t0).toFixed(1)} ms)\n`);
    });
  }
  app.use('*', corsMiddleware(sb));
  if (sb.opts.testControls) app.use('*', faultMiddleware(sb));
  for (const register of routes) register(app, sb);

  app.notFound((c) => c.json(errorBody(`Not found: ${c.req.method} ${new URL(c.req.url).pathname}`), 404));
  app.onError((err, c) => {
    if (err instanceof HttpError) {
      if (err.noCors) c.set('noCors', true);
      return c.json(errorBody(err.message, err.errors), err.status as 400, err.headers);
    }
    process.stderr.write(`ab-sandbox: internal error on ${c.req.method} ${new URL(c.req.url).pathname}: ${(err as Error).stack ?? err}\n`);
    return c.json(errorBody('Internal server error'), 500);
  });
  return app;
}
