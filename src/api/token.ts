import { ApiError, DEFAULT_MESSAGES } from './errors.js';
import { isObject } from './http.js';

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

/** Decodes standard or URL-safe base64 (padding optional) of UTF-8 JSON; `undefined` when it is not that. */
function decodeJson(input: string): unknown {
  try {
    // atob is "forgiving": padding optional, anything outside the alphabet throws.
    const bytes = Uint8Array.from(atob(input.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {}
}

/** The payload of a JWT (`header.payload.signature`), or `undefined` when `token` is not one. */
export function decodeJwtPayload(token: string): Record<string, any> | undefined {
  const [header, payload, ...rest] = token.split('.');
  const claims = decodeJson(payload ?? '');
  if (rest.length == 1 && isObject(decodeJson(header!)) && isObject(claims)) return claims;
}

/**
 * Reads a widget token (standard or URL-safe base64 of `{token, widgetUrl}`) or a bare scoped JWT.
 * Throws an `ApiError` with code `invalid_token` and a clear message (never the token) for anything else.
 */
export function parseToken(input: unknown): ParsedToken {
  const raw = typeof input == 'string' ? input.trim().replace(/^Bearer\s+/i, '') : '';
  const outer = decodeJson(raw);
  const widget = !decodeJwtPayload(raw) && isObject(outer) && typeof outer.token == 'string';
  const token = widget ? (outer.token as string).trim() : raw;
  const jwt = decodeJwtPayload(token);
  if (!raw || !(widget ? token : jwt)) throw new ApiError('invalid_token', DEFAULT_MESSAGES.invalid_token);
  const widgetUrl = (widget && typeof outer.widgetUrl == 'string' && outer.widgetUrl) || undefined;
  let workspaceId = jwt?.['io.airbyte.auth.workspace_scope']?.workspaceId;
  if (typeof workspaceId != 'string') {
    try {
      workspaceId = new URL(widgetUrl!).searchParams.get('workspaceId') ?? undefined;
    } catch {
      workspaceId = undefined;
    }
  }
  const exp = jwt?.exp;
  return { kind: widget ? 'widget' : 'jwt', token, widgetUrl, exp: Number.isFinite(exp) ? exp : undefined, workspaceId };
}

/** `parseToken` that returns the error instead of throwing. */
export function tryParseToken(input: unknown): ParsedToken | ApiError {
  try {
    return parseToken(input);
  } catch (e) {
    return e as ApiError;
  }
}
