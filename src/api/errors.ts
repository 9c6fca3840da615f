/** What went wrong, in a form an element can branch on (and translate). */
export type ApiErrorCode =
  | 'unauthorized' // 401: missing, invalid or expired token (after any refresh)
  | 'forbidden' // 403: wrong token kind or another workspace
  | 'not_found' // 404
  | 'validation' // 400, 409, 422: see fieldErrors
  | 'rate_limited' // 429 (after the retries of a GET)
  | 'server' // 5xx or any other unexpected status
  | 'network' // the request never got an HTTP answer (offline, DNS, CORS, bad base URL)
  | 'timeout' // the call's time budget ran out
  | 'aborted' // the caller's AbortSignal fired
  | 'malformed_response' // a 2xx answer that is not the JSON the contract promises
  | 'invalid_token'; // the token given to the client is not a widget token or JWT

/** One problem with one field of a request body (`field` is a dotted path, or `null` for the whole body). */
export interface FieldError {
  field: string | null;
  message: string;
}

export interface ApiErrorInit {
  status?: number;
  fieldErrors?: FieldError[];
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The one error type of `src/api` and `src/server`. `message` is human-readable and never contains a token
 * or secret; `code` is stable and meant for program logic; `status` is the HTTP status when there was one.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly status?: number;
  readonly fieldErrors: FieldError[];
  /** For `rate_limited`: how long the server asked to wait, when it said so. */
  readonly retryAfterMs?: number;

  constructor(code: ApiErrorCode, message: string, init: ApiErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterMs = init.retryAfterMs;
  }

  /** True for codes where trying the same call again later may succeed. */
  get transient(): boolean {
    return ['network', 'timeout', 'rate_limited', 'server'].includes(this.code);
  }
}

/** True when `e` means "the caller cancelled": a DOM `AbortError` or an `ApiError` with code `aborted`. */
export function isAbortError(e: unknown): boolean {
  if (e instanceof ApiError) return e.code === 'aborted';
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

/** True when `e` is an `ApiError` (optionally with one of `codes`). */
export function isApiError(e: unknown, ...codes: ApiErrorCode[]): e is ApiError {
  return e instanceof ApiError && (codes.length === 0 || codes.includes(e.code));
}

/** The code for an HTTP status that is not 2xx. */
export function codeForStatus(status: number): ApiErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 400 || status === 409 || status === 422) return 'validation';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  return 'server';
}

/** Default English messages, used when the server gives none. */
export const DEFAULT_MESSAGES: Record<ApiErrorCode, string> = {
  unauthorized: 'The session token is missing, invalid or expired.',
  forbidden: 'This token is not allowed to do that.',
  not_found: 'Not found.',
  validation: 'The request was not accepted.',
  rate_limited: 'Too many requests. Try again in a moment.',
  server: 'The server had a problem.',
  network: 'Could not reach the server.',
  timeout: 'The server took too long to answer.',
  aborted: 'The request was cancelled.',
  malformed_response: 'The server sent an answer that could not be read.',
  invalid_token: 'The token is neither a widget token nor a JWT.',
};

const LOCATION_ROOTS = new Set(['body', 'query', 'path', 'header']);

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

/**
 * Reads an error body in any of the shapes the contract knows:
 * `{message, errors: [{field, message, error_code}]}` (the spec), `{detail: string}` and
 * `{detail: [{loc, msg, type}]}` (FastAPI), and `{error}` / `errors[].userPresentableMessage` (seen in SDKs).
 */
export function parseErrorBody(body: unknown): { message?: string; fieldErrors: FieldError[] } {
  const fieldErrors: FieldError[] = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { fieldErrors };
  const b = body as Record<string, unknown>;
  let message = str(b.message) ?? str(b.error) ?? str(b.error_description);
  if (Array.isArray(b.errors)) {
    for (const item of b.errors) {
      if (typeof item === 'string') {
        fieldErrors.push({ field: null, message: item });
        continue;
      }
      if (typeof item !== 'object' || item === null) continue;
      const i = item as Record<string, unknown>;
      const text = str(i.userPresentableMessage) ?? str(i.message) ?? str(i.error) ?? str(i.error_code);
      if (!text) continue;
      fieldErrors.push({ field: str(i.field) ?? null, message: text });
    }
  }
  if (typeof b.detail === 'string') {
    message ??= str(b.detail);
  } else if (Array.isArray(b.detail)) {
    for (const item of b.detail) {
      if (typeof item !== 'object' || item === null) continue;
      const i = item as Record<string, unknown>;
      const text = str(i.msg) ?? str(i.message);
      if (!text) continue;
      let field: string | null = null;
      if (Array.isArray(i.loc)) {
        const parts = i.loc.map(String);
        if (parts.length > 1 && LOCATION_ROOTS.has(parts[0]!)) parts.shift();
        field = parts.length ? parts.join('.') : null;
      }
      fieldErrors.push({ field, message: text });
    }
  } else if (typeof b.detail === 'object' && b.detail !== null) {
    message ??= str((b.detail as Record<string, unknown>).message);
  }
  if (!message && fieldErrors.length) {
    const first = fieldErrors[0]!;
    message = first.field ? `${first.field}: ${first.message}` : first.message;
  }
  return { message, fieldErrors };
}
