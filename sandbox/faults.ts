// Fault injection (only with --enable-test-controls): rules matched by method + path pattern that
// answer with a status (+ Retry-After), add latency, send a malformed body or drop the connection.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, SandboxContext } from './context.js';
import { BodyReader, errorBody } from './http.js';
import { newId } from './ids.js';

export type FaultRule = {
  id: string;
  method: string;
  path: string;
  status: number | null;
  retryAfter: string | null;
  latencyMs: number;
  malformed: boolean;
  drop: boolean;
  /** Remaining matches; null = until cleared. */
  times: number | null;
  /** Only requests whose bearer token belongs to the workspace of this name (null = every request). */
  workspace: string | null;
  hits: number;
  matcher: RegExp;
};

/** `^…` is a regular expression; anything else a glob where `*` matches within one path segment and `**` across segments. */
export function compilePath(pattern: string): RegExp {
  if (pattern.startsWith('^')) return new RegExp(pattern);
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function parseFaultRule(body: unknown): FaultRule {
  const r = new BodyReader(body);
  const method = (r.string('method') ?? '*').toUpperCase();
  const path = r.string('path', { required: true, nonEmpty: true }) ?? '';
  const status = r.obj.status === undefined ? null : Number(r.obj.status);
  if (status !== null && (!Number.isInteger(status) || status < 100 || status > 599)) r.add('status', 'status must be an HTTP status code (100–599)', 'value_error');
  const ra = r.obj.retryAfter ?? r.obj.retry_after;
  if (ra !== undefined && typeof ra !== 'number' && typeof ra !== 'string') r.add('retryAfter', 'retryAfter must be seconds or an HTTP date', 'value_error');
  const latency = Number(r.obj.latencyMs ?? r.obj.latency_ms ?? 0);
  if (!Number.isFinite(latency) || latency < 0 || latency > 60_000) r.add('latencyMs', 'latencyMs must be between 0 and 60000', 'value_error');
  const malformed = r.boolean('malformed') ?? false;
  const drop = r.boolean('drop') ?? false;
  const workspace = r.string('workspace', { nullable: true, nonEmpty: true }) ?? null;
  const times = r.obj.times === undefined || r.obj.times === null ? null : Number(r.obj.times);
  if (times !== null && (!Number.isInteger(times) || times < 1)) r.add('times', 'times must be a positive integer', 'value_error');
  let matcher = /$^/;
  try {
    matcher = compilePath(path);
  } catch (e) {
    r.add('path', `Invalid pattern: ${(e as Error).message}`, 'value_error');
  }
  if (status === null && !latency && !malformed && !drop) r.add(null, 'A fault needs at least one of status, latencyMs, malformed, drop', 'value_error');
  r.done();
  return { id: newId(), method, path, status, retryAfter: ra === undefined ? null : String(ra), latencyMs: latency, malformed, drop, times, workspace, hits: 0, matcher };
}

export const publicRule = ({ matcher: _m, ...rule }: FaultRule) => rule;

/** Name of the workspace a request's bearer token is scoped to (signature and expiry not checked). */
function tokenWorkspaceName(sb: SandboxContext, authorization: string | undefined): string | null {
  const jwt = /^Bearer\s+([^.\s]+)\.([^.\s]+)\./i.exec(authorization ?? '');
  if (!jwt) return null;
  try {
    const claims = JSON.parse(Buffer.from(jwt[2]!, 'base64url').toString('utf8'));
    const id = claims?.['io.airbyte.auth.workspace_scope']?.workspaceId;
    if (typeof id !== 'string') return null;
    return (sb.db.prepare('SELECT name FROM workspaces WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? null;
  } catch {
    return null;
  }
}

export function faultMiddleware(sb: SandboxContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!sb.faults.length || c.req.method === 'OPTIONS') return next();
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/__sandbox/')) return next();
    let wsName: string | null | undefined;
    const rule = sb.faults.find((f) => {
      if ((f.method !== '*' && f.method !== c.req.method) || !f.matcher.test(path)) return false;
      if (f.workspace === null) return true;
      wsName ??= tokenWorkspaceName(sb, c.req.header('authorization'));
      return wsName === f.workspace;
    });
    if (!rule) return next();
    rule.hits++;
    if (rule.times !== null && --rule.times <= 0) sb.faults.splice(sb.faults.indexOf(rule), 1);
    if (rule.latencyMs) await new Promise((r) => setTimeout(r, rule.latencyMs));
    if (rule.drop) {
      c.env.incoming.socket.destroy();
      return new Response(null, { status: 499 });
    }
    const headers: Record<string, string> = { 'X-Sandbox-Fault': rule.id };
    if (rule.retryAfter !== null) headers['Retry-After'] = rule.retryAfter;
    if (rule.malformed) {
      return c.body('{"data": [{"id": "8f0c2d5e-', (rule.status ?? 200) as 200, { ...headers, 'Content-Type': 'application/json' });
    }
    if (rule.status !== null) {
      return c.json(errorBody(`Injected fault: ${rule.status} (sandbox fault rule ${rule.id})`), rule.status as 500, headers);
    }
    await next();
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  };
}

