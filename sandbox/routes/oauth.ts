// OAuth for sources (api-contract §9.1) plus a stand-in provider: the consent URL points at a page of
// this sandbox that plays the provider's consent screen (Approve / Deny) and redirects to the
// caller's redirect_url like a real provider would. `complete` exchanges a code this page issued.
// Choices are written down in sandbox/README.md ("OAuth").
import { createHash, randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { RouteModule } from './index.js';
import { assertWorkspace, authorize, type Auth } from '../auth.js';
import type { AppEnv, SandboxContext } from '../context.js';
import { BodyReader, HttpError, forbidden, isObject, notFound, readJson, requestOrigin, unprocessable } from '../http.js';
import { consentPage, messagePage } from './oauth-page.js';

type Schema = Record<string, any>;

/** How long a consent page link stays usable. */
const CONSENT_TTL_MS = 10 * 60_000;
/** How long an issued code stays usable (like most providers). */
const CODE_TTL_MS = 5 * 60_000;

interface ConsentRequest {
  state: string;
  workspaceId: string;
  definitionId: string;
  redirectUrl: string;
  sourceId: string | null;
  input: Record<string, unknown>;
  expiresAt: number;
  decided: boolean;
}

interface IssuedCode {
  request: ConsentRequest;
  expiresAt: number;
  usedAt: number | null;
  /** Values handed out for this code, so a replay can revoke them (RFC 6749 §4.1.2). */
  grantId: string | null;
}

interface Grant {
  id: string;
  workspaceId: string;
  definitionId: string;
  sourceId: string | null;
  values: string[];
}

/** The in-memory OAuth state of one sandbox (consents, codes, grants): a restart forgets it. */
export class OAuthStore {
  readonly consents = new Map<string, ConsentRequest>();
  readonly codes = new Map<string, IssuedCode>();
  readonly grants = new Map<string, Grant>();

  /** Forgets expired consents and codes. */
  sweep(now: number) {
    for (const [k, v] of this.consents) if (v.expiresAt + 60_000 < now) this.consents.delete(k);
    for (const [k, v] of this.codes) if (v.expiresAt + 60_000 < now) this.codes.delete(k);
  }
}

const token = (bytes = 24) => randomBytes(bytes).toString('base64url');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The connector's `advanced_auth` (snake or camel case), or undefined. */
export function advancedAuthOf(spec: unknown): Schema | undefined {
  if (!isObject(spec)) return undefined;
  const a = (spec.advanced_auth ?? spec.advancedAuth) as unknown;
  return isObject(a) && isObject(a.oauth_config_specification ?? a.oauthConfigSpecification) ? (a as Schema) : undefined;
}

const oauthConfigOf = (auth: Schema): Schema => (auth.oauth_config_specification ?? auth.oauthConfigSpecification) as Schema;
const propsOf = (s: unknown): Record<string, Schema> => (isObject(s) && isObject(s.properties) ? (s.properties as Record<string, Schema>) : {});

/**
 * The flat `auth_payload` for a connector: one value per key of `complete_oauth_output_specification`
 * (tokens, fresh per grant) and of `complete_oauth_server_output_specification` (the platform's app
 * credentials, fixed per connector). The form writes each at its `path_in_connector_config`.
 */
export function authPayload(auth: Schema, slug: string, now: number): Record<string, unknown> {
  const cfg = oauthConfigOf(auth);
  const out: Record<string, unknown> = {};
  const value = (key: string, prop: Schema, server: boolean): unknown => {
    const type = Array.isArray(prop.type) ? prop.type.find((t: string) => t !== 'null') : prop.type;
    if (type === 'integer' || type === 'number') return 3600;
    if (type === 'boolean') return true;
    if (prop.format === 'date-time' || /expir/.test(key)) return new Date(now + 3600_000).toISOString();
    if (server) return `sandbox-${slug}-${key.replace(/_/g, '-')}`;
    return `sandbox-${key.replace(/_/g, '-')}-${token(18)}`;
  };
  for (const [k, p] of Object.entries(propsOf(cfg.complete_oauth_output_specification))) out[k] = value(k, p, false);
  for (const [k, p] of Object.entries(propsOf(cfg.complete_oauth_server_output_specification))) out[k] = value(k, p, true);
  return out;
}

/** True when the config field at `path` is required (its key is in `required` at its level, in any oneOf option). */
function requiredAt(schema: unknown, path: string[]): boolean {
  if (!path.length || !isObject(schema)) return false;
  const nodes = Array.isArray(schema.oneOf) ? schema.oneOf.filter(isObject) : [schema];
  return nodes.some((n) => {
    const props = propsOf(n);
    const [head, ...rest] = path as [string, ...string[]];
    if (!(head in props)) return false;
    if (!rest.length) return Array.isArray(n.required) && n.required.includes(head);
    return requiredAt(props[head], rest);
  });
}

function checkRedirectUrl(r: BodyReader, value: string | null | undefined) {
  if (typeof value !== 'string') return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) r.add('redirect_url', 'Input should be an absolute http(s) URL', 'url_parsing');
  else if (url.hash) r.add('redirect_url', 'redirect_url must not contain a fragment', 'url_parsing');
}

/** Appends `params` to `base`'s query (keeping its own parameters). */
function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

/** Registers the OAuth API routes and the stand-in consent page on the sandbox app. */
function registerOAuthRoutes(app: Hono<AppEnv>, sb: SandboxContext) {
  const store = new OAuthStore();

  /** Scoped token: its own workspace only (403); application token: a live workspace of its organization. */
  const authorizeWorkspace = (auth: Auth, workspaceId: string) => {
    const id = workspaceId.toLowerCase();
    assertWorkspace(auth, id);
    const ws = sb.db.prepare('SELECT organization_id, deleted_at FROM workspaces WHERE id = ?').get(id) as
      | { organization_id: string; deleted_at: number | null }
      | undefined;
    if (!ws || ws.deleted_at != null) throw notFound(`Workspace ${id}`);
    if (ws.organization_id !== auth.organizationId) throw forbidden();
  };

  const definition = (id: string) =>
    sb.db.prepare('SELECT id, slug, name, spec FROM source_definitions WHERE id = ?').get(id) as
      | { id: string; slug: string; name: string; spec: string }
      | undefined;

  const oauthDefinition = (id: string) => {
    const d = definition(id);
    if (!d) throw new HttpError(404, `Source definition ${id} not found`);
    const spec = JSON.parse(d.spec) as Schema;
    const auth = advancedAuthOf(spec);
    if (!auth) throw new HttpError(400, `Source definition ${d.name} does not sign in with OAuth (its spec has no advanced_auth)`);
    return { ...d, spec, auth };
  };

  const checkSource = (sourceId: string, workspaceId: string, definitionId: string) => {
    const row = sb.db
      .prepare(
        `SELECT s.id FROM sources s JOIN source_templates t ON t.id = s.template_id
         WHERE s.id = ? AND s.workspace_id = ? AND t.definition_id = ? AND s.deleted_at IS NULL`,
      )
      .get(sourceId, workspaceId, definitionId);
    if (!row) throw new HttpError(404, `Source ${sourceId} not found for this workspace and connector`);
  };

  // ------------------------------------------------------------------ API (scoped token)

  app.post('/api/v1/internal/oauth/sources/get_embedded_consent_url', async (c) => {
    const auth = authorize(c, sb, ['scoped', 'application']);
    const r = new BodyReader(await readJson(c));
    const workspaceId = r.uuid('workspace_id', { required: true });
    const definitionId = r.uuid('source_definition_id', { required: true });
    const redirectUrl = r.string('redirect_url', { required: true, nonEmpty: true, maxLength: 2048 });
    const sourceId = r.uuid('source_id', { nullable: true });
    const input = r.object('oauth_input_configuration', { nullable: true }) ?? {};
    checkRedirectUrl(r, redirectUrl);
    r.done();
    authorizeWorkspace(auth, workspaceId!);
    const def = oauthDefinition(definitionId!.toLowerCase());
    if (sourceId) checkSource(sourceId.toLowerCase(), workspaceId!.toLowerCase(), def.id);
    // The consent URL needs the fields of oauth_user_input_from_connector_config_specification that the
    // connector requires (e.g. a subdomain).
    const errors = [];
    for (const [key, prop] of Object.entries(propsOf(oauthConfigOf(def.auth).oauth_user_input_from_connector_config_specification))) {
      const v = input[key];
      const path = Array.isArray(prop.path_in_connector_config) ? (prop.path_in_connector_config as string[]) : [key];
      if (v === undefined || v === null || v === '') {
        if (requiredAt(def.spec.connectionSpecification, path)) errors.push({ field: `oauth_input_configuration.${key}`, message: 'Field required', error_code: 'missing' });
      } else if (prop.type === 'string' && typeof v !== 'string') {
        errors.push({ field: `oauth_input_configuration.${key}`, message: 'Input should be a valid string', error_code: 'string_type' });
      } else if (prop.type === 'boolean' && typeof v !== 'boolean') {
        errors.push({ field: `oauth_input_configuration.${key}`, message: 'Input should be a valid boolean', error_code: 'bool_type' });
      }
    }
    if (errors.length) throw unprocessable(errors);

    const now = sb.now();
    store.sweep(now);
    const state = token(24);
    store.consents.set(state, {
      state,
      workspaceId: workspaceId!.toLowerCase(),
      definitionId: def.id,
      redirectUrl: redirectUrl!,
      sourceId: sourceId?.toLowerCase() ?? null,
      input,
      expiresAt: now + CONSENT_TTL_MS,
      decided: false,
    });
    const consent = new URL('/oauth/consent', requestOrigin(c));
    consent.searchParams.set('response_type', 'code');
    consent.searchParams.set('client_id', `sandbox-${def.slug}-client-id`);
    consent.searchParams.set('redirect_uri', redirectUrl!);
    consent.searchParams.set('scope', 'read offline_access');
    consent.searchParams.set('state', state);
    return c.json({ consent_url: consent.href });
  });

  app.post('/api/v1/internal/oauth/sources/complete', async (c) => {
    const auth = authorize(c, sb, ['scoped', 'application']);
    const r = new BodyReader(await readJson(c));
    const workspaceId = r.uuid('workspace_id', { required: true });
    const definitionId = r.uuid('source_definition_id', { required: true });
    const redirectUrl = r.string('redirect_url', { required: true, nonEmpty: true });
    r.object('o_auth_input_configuration', { required: true });
    const query = r.object('query_params', { nullable: true }) ?? {};
    r.boolean('return_secret_coordinate', { default: false });
    const sourceId = r.uuid('source_id', { nullable: true });
    for (const [k, v] of Object.entries(query)) if (typeof v !== 'string') r.add(`query_params.${k}`, 'Input should be a valid string', 'string_type');
    r.done();
    authorizeWorkspace(auth, workspaceId!);
    const def = oauthDefinition(definitionId!.toLowerCase());
    const refuse = (request_error: string) => c.json({ request_succeeded: false, auth_payload: {}, request_error });

    const code = query.code as string | undefined;
    if (!code) return refuse('query_params has no code: the provider did not grant access');
    const now = sb.now();
    const issued = store.codes.get(sha256(code));
    if (!issued) return refuse('invalid_grant: unknown authorization code');
    const req = issued.request;
    if (issued.usedAt !== null) {
      // A replayed code: refuse it and revoke what it granted (RFC 6749 §4.1.2).
      if (issued.grantId) store.grants.delete(issued.grantId);
      return refuse('invalid_grant: authorization code already used');
    }
    if (issued.expiresAt <= now) return refuse('invalid_grant: authorization code expired');
    if (req.workspaceId !== workspaceId!.toLowerCase()) return refuse('invalid_grant: authorization code was issued to another workspace');
    if (req.definitionId !== def.id) return refuse('invalid_grant: authorization code was issued for another connector');
    if (req.redirectUrl !== redirectUrl) return refuse('invalid_grant: redirect_url does not match the one used for consent');
    if (query.state !== req.state) return refuse('invalid_grant: state does not match the consent request');
    if ((sourceId?.toLowerCase() ?? null) !== req.sourceId) return refuse('invalid_grant: source_id does not match the consent request');

    issued.usedAt = now;
    const payload = authPayload(def.auth, def.slug, now);
    const grant: Grant = {
      id: token(12),
      workspaceId: req.workspaceId,
      definitionId: def.id,
      sourceId: req.sourceId,
      values: Object.values(payload).filter((v): v is string => typeof v === 'string'),
    };
    store.grants.set(grant.id, grant);
    issued.grantId = grant.id;
    return c.json({ request_succeeded: true, auth_payload: payload, request_error: null });
  });

  app.post('/api/v1/internal/oauth/sources/revoke', async (c) => {
    const auth = authorize(c, sb, ['scoped', 'application']);
    const r = new BodyReader(await readJson(c));
    const workspaceId = r.uuid('workspace_id', { required: true });
    const definitionId = r.uuid('source_definition_id', { required: true });
    const sourceId = r.uuid('source_id', { required: true });
    r.done();
    authorizeWorkspace(auth, workspaceId!);
    const def = oauthDefinition(definitionId!.toLowerCase());
    const ws = workspaceId!.toLowerCase();
    const sid = sourceId!.toLowerCase();
    checkSource(sid, ws, def.id);
    // Forget every grant made for this source, and those whose tokens the source's config holds.
    const row = sb.db.prepare('SELECT config FROM sources WHERE id = ?').get(sid) as { config: string } | undefined;
    const config = row?.config ?? '';
    for (const [id, g] of store.grants) {
      if (g.workspaceId !== ws || g.definitionId !== def.id) continue;
      if (g.sourceId === sid || g.values.some((v) => config.includes(JSON.stringify(v)))) store.grants.delete(id);
    }
    return c.json({});
  });

  // ------------------------------------------------------------------ the stand-in provider

  const html = (c: Context<AppEnv>, status: number, page: { body: string; csp: string }) =>
    c.body(page.body, status as 200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': page.csp,
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });

  const liveConsent = (state: string | undefined, redirectUri: string | undefined) => {
    const req = state ? store.consents.get(state) : undefined;
    if (!req || req.expiresAt <= sb.now()) return { error: 'This sign-in link is invalid or has expired. Close this window and start again.' };
    if (redirectUri !== undefined && redirectUri !== req.redirectUrl) return { error: 'The redirect_uri of this link does not match the sign-in request.' };
    if (req.decided) return { error: 'This sign-in request was already answered. Close this window and start again.' };
    return { req };
  };

  app.get('/oauth/consent', (c) => {
    const found = liveConsent(c.req.query('state'), c.req.query('redirect_uri'));
    if (!found.req) return html(c, 400, messagePage('Sign-in link not valid', found.error));
    const req = found.req;
    const def = oauthDefinition(req.definitionId);
    const ws = sb.db.prepare('SELECT name FROM workspaces WHERE id = ?').get(req.workspaceId) as { name: string } | undefined;
    const cfg = oauthConfigOf(def.auth);
    const access = [
      ...Object.keys(propsOf(cfg.complete_oauth_output_specification)).map((k) => {
        const words = k.replace(/_/g, ' ');
        return `Issue ${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;
      }),
      'Read the data of your account',
    ];
    return html(
      c,
      200,
      consentPage({
        connector: def.name,
        workspace: ws ? `${ws.name} (${req.workspaceId})` : req.workspaceId,
        access,
        input: Object.entries(req.input).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`),
        reauth: req.sourceId,
        returnTo: new URL(req.redirectUrl).origin,
        state: req.state,
      }),
    );
  });

  app.post('/oauth/consent', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const state = typeof form.state === 'string' ? form.state : undefined;
    const decision = form.decision;
    const found = liveConsent(state, undefined);
    if (!found.req) return html(c, 400, messagePage('Sign-in link not valid', found.error));
    if (decision !== 'approve' && decision !== 'deny') return html(c, 400, messagePage('Unknown answer', 'Choose Approve or Deny.'));
    const req = found.req;
    req.decided = true;
    if (decision === 'deny') {
      return c.redirect(withQuery(req.redirectUrl, { error: 'access_denied', error_description: 'The user denied access to their account.', state: req.state }), 303);
    }
    const code = token(24);
    store.codes.set(sha256(code), { request: req, expiresAt: sb.now() + CODE_TTL_MS, usedAt: null, grantId: null });
    return c.redirect(withQuery(req.redirectUrl, { code, state: req.state }), 303);
  });
}

/** The mount point's route module (sandbox/routes/index.ts). */
const oauth: RouteModule = (app, sb) => {
  registerOAuthRoutes(app, sb);
};
export default oauth;
