/**
 * The request core shared by the browser client (`EmbeddedClient`) and the operator client
 * (`OperatorClient`): URL building, bearer auth with one refresh on 401, per-call timeout, caller abort,
 * GET retries with exponential backoff + jitter honouring `Retry-After`, JSON parsing and error mapping.
 * Uses `fetch` only (browsers, Node ≥ 18, edge runtimes); imports nothing from the DOM or Lit.
 */
import { ApiError, codeForStatus, DEFAULT_MESSAGES, parseErrorBody, type ApiErrorCode, type FieldError } from './errors.js';

/** Options every call accepts. */
export interface CallOptions {
  /** Cancels the call (rejects with an `ApiError` of code `aborted`). */
  signal?: AbortSignal;
  /** Overrides the client's time budget for this call, in ms (retries included). */
  timeoutMs?: number;
}

export interface RetryPolicy {
  /** Extra attempts after the first one (GET only). Default 3. */
  retries: number;
  /** First backoff delay in ms; doubles each attempt. Default 300. */
  baseDelayMs: number;
  /** Longest single wait in ms, backoff and `Retry-After` alike. Default 10 000. */
  maxDelayMs: number;
}

export interface HttpOptions {
  /** API origin (and optional path prefix), e.g. `https://api.airbyte.ai`. */
  baseUrl: string;
  /** Time budget of one call in ms, retries included. Default 30 000. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** A `fetch` to use instead of the global one (tests, instrumented fetches). */
  fetch?: typeof fetch;
  /** Extra headers on every request, e.g. `{'X-Organization-Id': '…'}`. */
  headers?: Record<string, string>;
}

/** Where a request gets its bearer token. */
export interface AuthSource {
  /** The token to send now (may refresh it first when it is about to expire). */
  token(signal: AbortSignal): Promise<string>;
  /**
   * Called once after a 401 with the token that was rejected; resolves to a new token to retry with,
   * or `undefined` when no refresh is possible (the 401 then surfaces as `unauthorized`).
   */
  refresh?(rejected: string, signal: AbortSignal): Promise<string | undefined>;
  /** Strings never to let through in an error message (tokens, secrets). */
  secrets?(): string[];
}

export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path starting with `/`, already encoded (`encodePath`). */
  path: string;
  query?: Query;
  body?: unknown;
  auth?: AuthSource;
  /**
   * Checks the parsed 2xx body; returning false turns the answer into `malformed_response`.
   * Defaults to "is a JSON object".
   */
  expect?: (body: unknown) => boolean;
}

export const DEFAULT_BASE_URL = 'https://api.airbyte.ai';
export const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 300, maxDelayMs: 10_000 };
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/** Encodes each segment: `encodePath\`/api/v1/sources/${id}\`` keeps ids from changing the path. */
export function encodePath(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(String(values[i])) : ''), '');
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `expect` helper: an object whose `key` is an array. */
export const hasArray = (key: string) => (v: unknown) => isObject(v) && Array.isArray(v[key]);
/** `expect` helper: an object with the given string keys. */
export const hasStrings =
  (...keys: string[]) =>
  (v: unknown) =>
    isObject(v) && keys.every((k) => typeof v[k] === 'string');

/** Parses a `Retry-After` value (delta seconds or HTTP date) into ms from `now`. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Normalizes a base URL; throws `ApiError('network')` for anything but http(s). */
export function normalizeBaseUrl(baseUrl: string | undefined): string {
  const raw = (baseUrl ?? '').trim() || DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ApiError('network', 'The API base URL is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ApiError('network', 'The API base URL must use http or https.');
  }
  if (url.username || url.password) throw new ApiError('network', 'The API base URL must not contain credentials.');
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

/** Removes every occurrence of the given secrets from `text`. */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 8) out = out.split(s).join('[redacted]');
  return out;
}

/** `AbortSignal.any` where available (browsers 2023+, Node ≥ 20.3, workers), else a small equivalent. */
function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const ctrl = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) {
      ctrl.abort(s.reason);
      break;
    }
    s.addEventListener('abort', () => ctrl.abort(s.reason), { once: true });
  }
  return ctrl.signal;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** An abortable wait that rejects with `ApiError('aborted')` when `signal` fires. */
export async function wait(ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return new Promise((r) => setTimeout(r, ms));
  try {
    await sleep(ms, signal);
  } catch (e) {
    throw new ApiError('aborted', DEFAULT_MESSAGES.aborted, { cause: e });
  }
}

/** The shared request core. One instance per client. */
export class HttpCore {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly #fetch?: typeof fetch;
  readonly #headers: Record<string, string>;
  /** Jitter source; replaceable in tests. */
  random: () => number = Math.random;

  /** A configuration problem (bad base URL) reported by every call instead of throwing at construction. */
  readonly #configError?: ApiError;

  constructor(options: HttpOptions) {
    let baseUrl: string;
    try {
      baseUrl = normalizeBaseUrl(options.baseUrl);
    } catch (e) {
      baseUrl = String(options.baseUrl);
      this.#configError = e as ApiError;
    }
    this.baseUrl = baseUrl;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#fetch = options.fetch;
    this.#headers = { ...options.headers };
  }

  /** Builds the absolute URL of a call (array values become repeated keys). */
  url(path: string, query?: Query): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
      else params.append(key, String(value));
    }
    const qs = params.toString();
    return this.baseUrl + path + (qs ? `?${qs}` : '');
  }

  /** Backoff before retry number `attempt` (0-based): exponential, capped, with jitter in [50 %, 100 %]. */
  backoff(attempt: number): number {
    const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    return Math.round(exp * (0.5 + this.random() * 0.5));
  }

  async request<T>(spec: RequestSpec, options: CallOptions = {}): Promise<T> {
    if (this.#configError) throw this.#configError;
    const outer = options.signal;
    if (outer?.aborted) throw new ApiError('aborted', DEFAULT_MESSAGES.aborted, { cause: outer.reason });
    const budget = options.timeoutMs ?? this.timeoutMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new ApiError('timeout', DEFAULT_MESSAGES.timeout)), budget);
    const signal = outer ? anySignal(outer, deadline.signal) : deadline.signal;
    const secrets = () => spec.auth?.secrets?.() ?? [];
    try {
      return await this.#run<T>(spec, signal);
    } catch (e) {
      if (outer?.aborted) throw new ApiError('aborted', DEFAULT_MESSAGES.aborted, { cause: outer.reason });
      if (deadline.signal.aborted) {
        throw new ApiError('timeout', `${DEFAULT_MESSAGES.timeout} (${spec.method} ${spec.path}, ${budget} ms)`);
      }
      if (!(e instanceof ApiError)) throw new ApiError('network', DEFAULT_MESSAGES.network, { cause: e });
      const s = secrets();
      if (!s.length || !s.some((x) => e.message.includes(x) || e.fieldErrors.some((f) => f.message.includes(x)))) throw e;
      throw new ApiError(e.code, redact(e.message, s), {
        status: e.status,
        retryAfterMs: e.retryAfterMs,
        fieldErrors: e.fieldErrors.map((f) => ({ field: f.field, message: redact(f.message, s) })),
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async #run<T>(spec: RequestSpec, signal: AbortSignal): Promise<T> {
    const idempotent = spec.method === 'GET';
    const url = this.url(spec.path, spec.query);
    let refreshed = false;
    let attempt = 0;
    for (;;) {
      const token = spec.auth ? await spec.auth.token(signal) : undefined;
      signal.throwIfAborted();
      const headers: Record<string, string> = { Accept: 'application/json', ...this.#headers };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (spec.body !== undefined) headers['Content-Type'] = 'application/json';

      let response: Response;
      try {
        const doFetch = this.#fetch ?? fetch;
        response = await doFetch(url, {
          method: spec.method,
          headers,
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal,
        });
      } catch (e) {
        signal.throwIfAborted();
        // fetch rejects on network failure (and on CORS refusal, indistinguishable in browsers).
        if (idempotent && attempt < this.retry.retries) {
          await sleep(this.backoff(attempt++), signal);
          continue;
        }
        throw new ApiError('network', `${DEFAULT_MESSAGES.network} (${spec.method} ${spec.path})`, { cause: e });
      }

      if (response.status === 401 && spec.auth?.refresh && !refreshed && token) {
        refreshed = true;
        await response.body?.cancel().catch(() => {});
        const next = await spec.auth.refresh(token, signal);
        if (next !== undefined) continue; // the rejected request was not executed: safe to resend, even a POST
        return this.#fail(response, spec, secretsOf(spec));
      }

      if (idempotent && RETRY_STATUSES.has(response.status) && attempt < this.retry.retries) {
        const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
        if (retryAfter === undefined || retryAfter <= this.retry.maxDelayMs) {
          await response.body?.cancel().catch(() => {});
          await sleep(retryAfter ?? this.backoff(attempt), signal);
          attempt++;
          continue;
        }
        // The server asks for a longer pause than we are willing to wait: report it instead.
      }

      if (!response.ok) return this.#fail(response, spec, secretsOf(spec));
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new ApiError('malformed_response', `${DEFAULT_MESSAGES.malformed_response} (${spec.method} ${spec.path}: not JSON)`, {
          status: response.status,
        });
      }
      const check = spec.expect ?? isObject;
      if (!check(body)) {
        throw new ApiError('malformed_response', `${DEFAULT_MESSAGES.malformed_response} (${spec.method} ${spec.path}: unexpected shape)`, {
          status: response.status,
        });
      }
      return body as T;
    }
  }

  async #fail(response: Response, spec: RequestSpec, secrets: string[]): Promise<never> {
    const code: ApiErrorCode = codeForStatus(response.status);
    let parsed: { message?: string; fieldErrors: FieldError[] } = { fieldErrors: [] };
    try {
      const text = await response.text();
      parsed = parseErrorBody(JSON.parse(text));
    } catch {
      // A non-JSON error body (an HTML page from a proxy, an empty body) keeps the status-derived code.
    }
    const fallback = `${DEFAULT_MESSAGES[code]} (HTTP ${response.status})`;
    throw new ApiError(code, redact(parsed.message ?? fallback, secrets), {
      status: response.status,
      fieldErrors: parsed.fieldErrors.map((f) => ({ field: f.field, message: redact(f.message, secrets) })),
      retryAfterMs: code === 'rate_limited' ? parseRetryAfter(response.headers.get('Retry-After')) : undefined,
    });
  }
}

function secretsOf(spec: RequestSpec): string[] {
  return spec.auth?.secrets?.() ?? [];
}

/** Lets one caller stop waiting on a shared promise without cancelling it for the others. */
export function withSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new ApiError('aborted', DEFAULT_MESSAGES.aborted, { cause: signal.reason }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ApiError('aborted', DEFAULT_MESSAGES.aborted, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
