// Bearer-token handling shared by every route: minting HS256 JWTs shaped like Airbyte's, and
// `authorize()`, which resolves a request's token to its kind, organization, workspace and
// widget-token bindings (allowed origin, tag filters), enforcing expiry, origin and X-Organization-Id.
import type { Context } from 'hono';
import type { AppEnv, SandboxContext } from './context.js';
import { json } from './db.js';
import { HttpError, forbidden, unauthorized, type TagsMode } from './http.js';
import { isUuid, nameUuid, newId } from './ids.js';
import { signJwt, verifyJwt } from './jwt.js';

export type TokenKind = 'application' | 'scoped';

export type Auth = {
  kind: TokenKind;
  jti: string;
  organizationId: string;
  /** The token's workspace (scoped tokens); null for application tokens. */
  workspaceId: string | null;
  /** Set for the scoped token inside a widget token. */
  allowedOrigin: string | null;
  sourceTags: string[];
  sourceTagsMode: TagsMode;
  connectionTags: string[];
  connectionTagsMode: TagsMode;
};

export const TYP_APPLICATION = 'io.airbyte.auth.application_v1';
export const TYP_SCOPED = 'io.airbyte.auth.embedded_v1';
const DEFAULT_TTL = { application: 900, scoped: 1200 } as const;

export const ttlOf = (sb: SandboxContext, kind: TokenKind) => sb.opts.tokenTtl ?? DEFAULT_TTL[kind];

type MintOpts = {
  workspaceId?: string;
  allowedOrigin?: string | null;
  sourceTags?: string[];
  sourceTagsMode?: TagsMode;
  connectionTags?: string[];
  connectionTagsMode?: TagsMode;
};

/** Mints a token and records its server-side bindings (looked up by `jti` on every request). */
export function mintToken(sb: SandboxContext, kind: TokenKind, o: MintOpts = {}): { token: string; expiresIn: number } {
  const now = sb.now();
  const ttl = ttlOf(sb, kind);
  const jti = newId();
  const iat = Math.floor(now / 1000);
  const exp = iat + ttl;
  const applicationId = nameUuid(`application:${sb.opts.clientId}`);
  const claims =
    kind === 'application'
      ? {
          aud: 'airbyte-server',
          sub: applicationId,
          'io.airbyte.auth.organization_scope': { organizationId: sb.organizationId },
          roles: ['ORGANIZATION_ADMIN'],
          iss: 'ab-sandbox',
          typ: TYP_APPLICATION,
          iat,
          exp,
          jti,
        }
      : {
          aud: 'airbyte-server',
          sub: nameUuid(`end-user:${o.workspaceId}`),
          'io.airbyte.auth.workspace_scope': { workspaceId: o.workspaceId },
          act: { sub: applicationId },
          roles: ['EMBEDDED_END_USER'],
          iss: 'ab-sandbox',
          typ: TYP_SCOPED,
          iat,
          exp,
          jti,
        };
  sb.db
    .prepare(
      `INSERT INTO tokens (jti, kind, organization_id, workspace_id, allowed_origin, source_tags, source_tags_mode,
        connection_tags, connection_tags_mode, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      jti, kind, sb.organizationId, o.workspaceId ?? null, o.allowedOrigin ?? null,
      JSON.stringify(o.sourceTags ?? []), o.sourceTagsMode ?? 'any', JSON.stringify(o.connectionTags ?? []),
      o.connectionTagsMode ?? 'any', now, exp * 1000,
    );
  return { token: signJwt(claims, sb.secret), expiresIn: ttl };
}

type TokenRow = {
  jti: string; kind: TokenKind; organization_id: string; workspace_id: string | null; allowed_origin: string | null;
  source_tags: string; source_tags_mode: TagsMode; connection_tags: string; connection_tags_mode: TagsMode;
};

const KIND_NAMES: Record<TokenKind, string> = { application: 'an application (access) token', scoped: 'a scoped token' };

/**
 * Resolves and checks the bearer token. 401 when missing, garbled, unknown or expired; 403 (with no
 * CORS headers) when a widget token is used from another origin, or any other token from an origin
 * outside `--cors-origins`; 400/403 for a bad X-Organization-Id; 403 for the wrong kind.
 */
export function authorize(c: Context<AppEnv>, sb: SandboxContext, kinds: readonly TokenKind[]): Auth {
  const header = c.req.header('authorization');
  if (!header) throw unauthorized('Missing bearer token: send "Authorization: Bearer <token>"');
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw unauthorized('Malformed Authorization header: expected "Bearer <token>"');
  const v = verifyJwt(m[1]!, sb.secret, sb.now());
  if (!v.ok) throw unauthorized(v.reason === 'expired' ? 'Token expired' : 'Invalid authentication credentials');
  const jti = v.payload.jti;
  const row = typeof jti === 'string' ? (sb.db.prepare('SELECT * FROM tokens WHERE jti = ?').get(jti) as TokenRow | undefined) : undefined;
  if (!row) throw unauthorized('Invalid authentication credentials');
  if (row.workspace_id) {
    const ws = sb.db.prepare('SELECT deleted_at FROM workspaces WHERE id = ?').get(row.workspace_id) as { deleted_at: number | null } | undefined;
    if (!ws || ws.deleted_at != null) throw unauthorized('The workspace of this token no longer exists');
  }
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    if (row.allowed_origin !== null) {
      if (origin !== row.allowed_origin) throw new HttpError(403, 'Origin not allowed for this token', [], true);
      c.set('corsOk', true);
    } else if (sb.opts.corsOrigins && !sb.opts.corsOrigins.includes(origin)) {
      throw new HttpError(403, 'Origin not allowed', [], true);
    }
  }
  const org = c.req.header('x-organization-id');
  if (org !== undefined) {
    if (!isUuid(org)) throw new HttpError(400, 'X-Organization-Id must be a UUID', [{ field: 'x-organization-id', message: 'Input should be a valid UUID', error_code: 'uuid_parsing' }]);
    if (org.toLowerCase() !== row.organization_id) throw forbidden('The token does not belong to the organization in X-Organization-Id');
  }
  if (!kinds.includes(row.kind)) {
    throw forbidden(`This endpoint requires ${kinds.map((k) => KIND_NAMES[k]).join(' or ')}; the request used ${KIND_NAMES[row.kind]}`);
  }
  return {
    kind: row.kind,
    jti: row.jti,
    organizationId: row.organization_id,
    workspaceId: row.workspace_id,
    allowedOrigin: row.allowed_origin,
    sourceTags: json<string[]>(row.source_tags),
    sourceTagsMode: row.source_tags_mode,
    connectionTags: json<string[]>(row.connection_tags),
    connectionTagsMode: row.connection_tags_mode,
  };
}

/** A scoped token may only touch its own workspace (403, as the docs say); application tokens their organization's. */
export function assertWorkspace(auth: Auth, workspaceId: string) {
  if (auth.kind === 'scoped' && auth.workspaceId !== workspaceId) {
    throw forbidden('Scoped token trying to access resources in different workspace');
  }
}
