// Tokens: application token from client credentials; scoped and widget tokens (get-or-create the
// workspace by name); token info. Contract §3.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { RouteModule } from './index.js';
import { authorize, mintToken, type Auth } from '../auth.js';
import { BodyReader, HttpError, forbidden, readJson, requestOrigin, unauthorized } from '../http.js';
import { isUuid } from '../ids.js';
import { getOrCreateWorkspace } from '../repo.js';

const same = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/** `scheme://host[:port]` (what browsers send as Origin), or the literal `null` of sandboxed frames. */
const ORIGIN_RE = /^https?:\/\/([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;
export function normalizeOrigin(o: string): string | null {
  if (o === 'null') return o;
  if (!ORIGIN_RE.test(o)) return null;
  try {
    return new URL(o).origin;
  } catch {
    return null;
  }
}

const tokenInfo = (auth: Auth) => ({ organization_id: auth.organizationId, workspace_id: auth.workspaceId! });

const routes: RouteModule = (app, sb) => {
  app.post('/api/v1/account/applications/token', async (c) => {
    const r = new BodyReader(await readJson(c));
    const id = r.string('client_id', { required: true });
    const secret = r.string('client_secret', { required: true });
    r.done();
    if (!same(id!, sb.opts.clientId) || !same(secret!, sb.opts.clientSecret)) throw unauthorized('Invalid client credentials');
    const org = c.req.header('x-organization-id');
    if (org !== undefined && !isUuid(org)) throw new HttpError(400, 'X-Organization-Id must be a UUID', [{ field: 'x-organization-id', message: 'Input should be a valid UUID', error_code: 'uuid_parsing' }]);
    if (org !== undefined && org.toLowerCase() !== sb.organizationId) throw forbidden('The application does not belong to the organization in X-Organization-Id');
    const { token, expiresIn } = mintToken(sb, 'application');
    return c.json({ access_token: token, token_type: 'bearer', expires_in: expiresIn, organization_id: sb.organizationId });
  });

  app.post('/api/v1/embedded/scoped-token', async (c) => {
    authorize(c, sb, ['application']);
    const r = new BodyReader(await readJson(c));
    const name = r.string('workspace_name', { required: true, nonEmpty: true, maxLength: 255 });
    const region = r.uuid('region_id', { nullable: true });
    r.done();
    const ws = getOrCreateWorkspace(sb, name!, region ?? null);
    return c.json({ token: mintToken(sb, 'scoped', { workspaceId: ws.id }).token });
  });

  for (const path of ['/api/v1/embedded/scoped-token/info', '/api/v1/embedded/scoped-token-info', '/api/v1/embedded/organizations/current-scoped']) {
    app.get(path, (c) => c.json(tokenInfo(authorize(c, sb, ['scoped']))));
  }

  app.post('/api/v1/embedded/widget-token', async (c) => {
    authorize(c, sb, ['application']);
    const r = new BodyReader(await readJson(c));
    const name = r.string('workspace_name', { required: true, nonEmpty: true, maxLength: 255 });
    const rawOrigin = r.string('allowed_origin', { required: true });
    const region = r.uuid('region_id', { nullable: true });
    const sourceTags = r.stringArray('selected_source_template_tags', { nullable: true }) ?? [];
    const sourceMode = r.enum('selected_source_template_tags_mode', ['all', 'any'] as const, { nullable: true }) ?? 'any';
    const connTags = r.stringArray('selected_connection_template_tags', { nullable: true }) ?? [];
    const connMode = r.enum('selected_connection_template_tags_mode', ['all', 'any'] as const, { nullable: true }) ?? 'any';
    const origin = rawOrigin == null ? null : normalizeOrigin(rawOrigin);
    if (rawOrigin != null && origin === null) {
      r.add('allowed_origin', 'allowed_origin must be an origin: scheme://host[:port], no path, no trailing slash, no wildcard (e.g. https://yourapp.com)', 'value_error');
    }
    r.done();
    const ws = getOrCreateWorkspace(sb, name!, region ?? null);
    const { token } = mintToken(sb, 'scoped', {
      workspaceId: ws.id, allowedOrigin: origin, sourceTags, sourceTagsMode: sourceMode, connectionTags: connTags, connectionTagsMode: connMode,
    });
    const widgetUrl = `${requestOrigin(c)}/embedded-widget?workspaceId=${ws.id}&allowedOrigin=${encodeURIComponent(origin!)}`;
    return c.json({ token: Buffer.from(JSON.stringify({ token, widgetUrl }), 'utf8').toString('base64') });
  });
};

export default routes;
