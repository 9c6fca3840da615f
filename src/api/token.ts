import { ApiError } from './errors.js';

/** What `parseToken` learns from a token without asking the server. */
export interface ParsedToken {
  /** `widget`: base64 JSON `{token, widgetUrl}`; `jwt`: a bare scoped JWT. */
  kind: 'widget' | 'jwt';
  /** The bearer token to send (the scoped JWT). */
  token: string;
  /** Expiry in seconds since the epoch (JWT `exp`), when known. */
  exp?: number;
  /** The hosted widget URL carried by a widget token. */
  widgetUrl?: string;
  /**
   * Fallback workspace id: the JWT claim `io.airbyte.auth.workspace_scope.workspaceId`, else the
   * `workspaceId` parameter of `widgetUrl`. The authoritative one comes from `GET …/scoped-token/info`.
   */
  workspaceId?: string;
}

const WORKSPACE_CLAIM = 'io.airbyte.auth.workspace_scope';

/** Decodes standard or URL-safe base64 (padding optional) to UTF-8 text; `undefined` when it is not base64. */
export function decodeBase64(input: string): string | undefined {
  const s = input.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  const body = s.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  const padded = body.padEnd(Math.ceil(body.length / 4) * 4, '=');
  try {
    const bin = atob(padded);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The payload of a JWT (`header.payload.signature`), or `undefined` when `token` is not one. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[0] || !parts[1]) return undefined;
  const header = parseJson(decodeBase64(parts[0]));
  const payload = parseJson(decodeBase64(parts[1]));
  return isObject(header) && isObject(payload) ? payload : undefined;
}

function workspaceFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).searchParams.get('workspaceId') ?? undefined;
  } catch {
    return undefined;
  }
}

function fromJwt(payload: Record<string, unknown>): Pick<ParsedToken, 'exp' | 'workspaceId'> {
  const exp = typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? payload.exp : undefined;
  const scope = payload[WORKSPACE_CLAIM];
  const ws = isObject(scope) && typeof scope.workspaceId === 'string' ? scope.workspaceId : undefined;
  return { exp, workspaceId: ws };
}

function invalid(reason: string): ApiError {
  // Never include the token itself: the message may end up in a UI, an event or a log.
  return new ApiError('invalid_token', `Invalid token: ${reason}`);
}

/**
 * Reads a widget token (standard or URL-safe base64 of `{token, widgetUrl}`) or a bare scoped JWT.
 * Throws an `ApiError` with code `invalid_token` and a clear message for anything else.
 */
export function parseToken(input: unknown): ParsedToken {
  if (typeof input !== 'string') throw invalid('expected a string.');
  const raw = input.trim().replace(/^Bearer\s+/i, '');
  if (!raw) throw invalid('the token is empty.');

  const jwt = decodeJwtPayload(raw);
  if (jwt) return { kind: 'jwt', token: raw, ...fromJwt(jwt) };
  if (raw.split('.').length === 3) throw invalid('the JWT could not be decoded.');

  const decoded = parseJson(decodeBase64(raw));
  if (decoded === undefined) throw invalid('it is neither a widget token (base64 JSON) nor a JWT.');
  if (!isObject(decoded) || typeof decoded.token !== 'string' || !decoded.token.trim()) {
    throw invalid('the widget token has no "token" field.');
  }
  const inner = decoded.token.trim();
  const widgetUrl = typeof decoded.widgetUrl === 'string' && decoded.widgetUrl ? decoded.widgetUrl : undefined;
  const payload = decodeJwtPayload(inner);
  const claims = payload ? fromJwt(payload) : {};
  return {
    kind: 'widget',
    token: inner,
    widgetUrl,
    exp: claims.exp,
    workspaceId: claims.workspaceId ?? workspaceFromUrl(widgetUrl),
  };
}

/** `parseToken` that returns the error instead of throwing. */
export function tryParseToken(input: unknown): ParsedToken | ApiError {
  try {
    return parseToken(input);
  } catch (e) {
    return e instanceof ApiError ? e : invalid('it could not be read.');
  }
}

/** Milliseconds until `exp` (negative when expired), or `undefined` without an `exp`. */
export function msUntilExpiry(parsed: Pick<ParsedToken, 'exp'>, now = Date.now()): number | undefined {
  return parsed.exp === undefined ? undefined : parsed.exp * 1000 - now;
}
