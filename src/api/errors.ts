/** What went wrong, in a form an element can branch on (and translate). */
export type ApiErrorCode =
  | 'unauthorized' // 401: missing, invalid or expired token (after any refresh)
  | 'forbidden' // 403: wrong token kind or another workspace
  | 'not_found' // 404, 410
  | 'validation' // 400, 409, 422: see fieldErrors
  | 'rate_limited' // 429 (after the retries of a GET)
  | 'server' // 5xx or any other unexpected status
  | 'network' // the request never got an HTTP answer (offline, DNS, CORS, bad base URL)
  | 'timeout' // the call's time budget ran out (or 408)
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
 * The one error type of `src/api` and `src/server`. `message` is human-readable (English; elements show
 * their own translated text per `code`) and never contains a token or secret; `code` is stable and meant
 * for program logic; `status` is the HTTP status when there was one.
 */
export class ApiError extends Error {
  // `declare`d and set by one `Object.assign` (no per-field initializers in the bundle).
  declare readonly code: ApiErrorCode;
  declare readonly status?: number;
  declare readonly fieldErrors: FieldError[];
  /** For `rate_limited`: how long the server asked to wait, when it said so. */
  declare readonly retryAfterMs?: number;

  constructor(code: ApiErrorCode, message: string, { cause, fieldErrors = [], ...init }: ApiErrorInit = {}) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, { name: 'ApiError', code, fieldErrors }, init);
  }
}

/** True when `e` means "the caller cancelled": a DOM `AbortError` or an `ApiError` with code `aborted`. */
export const isAbortError = (e: unknown): boolean =>
  e instanceof ApiError ? e.code == 'aborted' : (e as { name?: unknown } | null)?.name === 'AbortError';

/** True when `e` is an `ApiError` (optionally with one of `codes`). */
export const isApiError = (e: unknown, ...codes: ApiErrorCode[]): e is ApiError =>
  e instanceof ApiError && (!codes.length || codes.includes(e.code));

const STATUS_CODES: Record<number, ApiErrorCode> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'timeout',
  409: 'validation',
  410: 'not_found',
  422: 'validation',
  429: 'rate_limited',
};

/** The code for an HTTP status that is not 2xx. */
export const codeForStatus = (status: number): ApiErrorCode => STATUS_CODES[status] ?? 'server';

/** Default English messages, used when the server gives none. */
export const DEFAULT_MESSAGES: Record<ApiErrorCode, string> = {
  unauthorized: 'The session token is missing, invalid or expired.',
  forbidden: 'This token is not allowed to do that.',
  not_found: 'Not found.',
  validation: 'The request was not accepted.',
  rate_limited: 'Too many requests.',
  server: 'The server had a problem.',
  network: 'Could not reach the server.',
  timeout: 'The server took too long to answer.',
  aborted: 'The request was cancelled.',
  malformed_response: 'The server sent an answer that could not be read.',
  invalid_token: 'Invalid token: not a widget token or JWT.',
};

/** The first of `values` that is a non-blank string. */
const str = (...values: unknown[]) => values.find((v) => typeof v == 'string' && v.trim()) as string | undefined;

/**
 * Reads an error body in any of the shapes the contract knows:
 * `{message, errors: [{field, message, error_code}]}` (the spec), `{detail: string}` and
 * `{detail: [{loc, msg, type}]}` (FastAPI), and `{error}` / `errors[].userPresentableMessage` (seen in SDKs).
 */
export function parseErrorBody(body: unknown): { message?: string; fieldErrors: FieldError[] } {
  const fieldErrors: FieldError[] = [];
  const b = (body ?? {}) as Record<string, any>;
  const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
  for (const i of [...list(b.errors), ...list(b.detail)]) {
    const message = str(i, i?.userPresentableMessage, i?.message, i?.msg, i?.error, i?.error_code);
    // FastAPI's `loc` starts with where the value was (`body`, `query`, …): the field is the rest.
    const loc: string[] = list(i?.loc).map(String);
    if (loc.length > 1 && /^(body|query|path|header)$/.test(loc[0]!)) loc.shift();
    if (message) fieldErrors.push({ field: loc.join('.') || str(i?.field) || null, message });
  }
  const first = fieldErrors[0];
  const message = str(b.message, b.error, b.detail) ?? (first && (first.field ? `${first.field}: ${first.message}` : first.message));
  return { message, fieldErrors };
}
