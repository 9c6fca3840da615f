// CORS: preflights answered for Authorization, Content-Type, X-Organization-Id; responses echo the
// request's Origin unless the request was refused for its origin (403 with no CORS headers), or
// --cors-origins is set and the origin is neither listed nor the widget token's allowed origin.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, SandboxContext } from './context.js';

export const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Organization-Id';
const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const EXPOSED = 'Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Sandbox-Fault';

export function corsMiddleware(sb: SandboxContext): MiddlewareHandler<AppEnv> {
  const listed = (origin: string) => !sb.opts.corsOrigins || sb.opts.corsOrigins.includes(origin);
  const widgetOrigin = (origin: string) =>
    !!sb.db.prepare('SELECT 1 FROM tokens WHERE allowed_origin = ? AND expires_at > ? LIMIT 1').get(origin, sb.now());

  return async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS' && origin !== undefined && c.req.header('access-control-request-method')) {
      if (!listed(origin) && !widgetOrigin(origin)) return c.body(null, 403);
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': METHODS,
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      });
    }
    await next();
    if (origin === undefined) return;
    c.res.headers.append('Vary', 'Origin');
    if (c.get('noCors')) return;
    if (!c.get('corsOk') && !listed(origin)) return;
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED);
  };
}
