/**
 * The request core shared by the browser client (`EmbeddedClient`) and the operator client
 * (`OperatorClient`): URL building, bearer auth with one refresh on 401, per-call timeout, caller abort,
 * GET retries with exponential backoff + jitter honouring `Retry-After`, JSON parsing and error mapping.
 * Uses `fetch` only (browsers, Node ≥ 20, edge runtimes); imports nothing from the DOM or Lit.
 */
import { ApiError, codeForStatus, DEFAULT_MESSAGES, parseErrorBody } from './errors.js';

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

/** Encodes each segment: `encodePath\`/api/v1/sources/${id}\`` keeps ids from changing the path. */
export const encodePath = (strings: TemplateStringsArray, ...values: (string | number)[]): string =>
  String.raw(strings, ...values.map(encodeURIComponent));

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v == 'object' && v !== null && !Array.isArray(v);

/** `expect` helper: an object whose `key` is an array. */
export const hasArray = (key: string) => (v: unknown) => isObject(v) && Array.isArray(v[key]);
/** `expect` helper: an object with the given string keys. */
export const hasStrings =
  (...keys: string[]) =>
  (v: unknown) =>
    isObject(v) && keys.every((k) => typeof v[k] == 'string');

/** Parses a `Retry-After` value (delta seconds or HTTP date) into ms from `now`. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const v = value?.trim() ?? '';
  const date = Date.parse(v);
  return /^\d+(\.\d+)?$/.test(v) ? Math.round(+v * 1000) : date >= 0 ? Math.max(0, date - now) : undefined;
}

/** Normalizes a base URL (no trailing slash); `undefined` for anything but a credential-free http(s) URL. */
export function normalizeBaseUrl(baseUrl: string | undefined): string | undefined {
  try {
    const url = new URL(baseUrl?.trim() || DEFAULT_BASE_URL);
    if (/^https?:$/.test(url.protocol) && !url.username && !url.password) return (url.origin + url.pathname).replace(/\/+$/, '');
  } catch {}
}

/** Removes every occurrence of the given secrets (8 characters or more) from `text`. */
export const redact = (text: string, secrets: (string | undefined)[]): string =>
  secrets.reduce<string>((out, s) => (s && s.length > 7 ? out.split(s).join('[redacted]') : out), text);

const aborted = (signal: AbortSignal) => new ApiError('aborted', DEFAULT_MESSAGES.aborted, { cause: signal.reason });

/**
 * Lets one caller stop waiting on a (maybe shared) promise without cancelling it for the others:
 * rejects with `ApiError('aborted')` when `signal` fires, after calling `onAbort`.
 */
export function withSignal<T>(promise: Promise<T>, signal?: AbortSignal, onAbort?: () => void): Promise<T> {
  return signal
    ? new Promise<T>((resolve, reject) => {
        const abort = () => (onAbort?.(), reject(aborted(signal)));
        if (signal.aborted) return abort();
        signal.addEventListener('abort', abort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
      })
    : promise;
}

/** An abortable wait that rejects with `ApiError('aborted')` when `signal` fires. */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout>;
  return withSignal(new Promise<void>((r) => (timer = setTimeout(r, ms))), signal, () => clearTimeout(timer));
}

/** Backoff of a polling call (`waitForCheck`, `waitForCatalog`). */
export interface PollOptions extends CallOptions {
  /** First poll delay in ms. Default 250. */
  initialDelayMs?: number;
  /** Longest poll delay in ms. Default 2 000. */
  maxDelayMs?: number;
  /** Gives up with an `ApiError('timeout')` after this many ms (the default depends on the call). */
  maxWaitMs?: number;
}

/**
 * Polls `step` (given the attempt number, from 1, and the start time) with backoff (`initialDelayMs` 250 → ×1.6 → `maxDelayMs`
 * 2 000) until it returns a value; rejects with `ApiError('timeout')` after `maxWaitMs` (default `defaultMaxWaitMs`).
 */
export async function poll<T>(
  step: (attempt: number, started: number) => Promise<T | undefined>,
  { signal, initialDelayMs = 250, maxDelayMs = 2_000, maxWaitMs }: PollOptions,
  defaultMaxWaitMs: number,
): Promise<T> {
  maxWaitMs ??= defaultMaxWaitMs;
  const started = Date.now();
  for (let attempt = 1, delay = initialDelayMs; ; attempt++, delay = Math.min(maxDelayMs, Math.round(delay * 1.6))) {
    const done = await step(attempt, started);
    if (done !== undefined) return done;
    if (Date.now() - started + delay > maxWaitMs) throw new ApiError('timeout', DEFAULT_MESSAGES.timeout);
    await wait(delay, signal);
  }
}

/** The shared request core. One instance per client. */
export class HttpCore {
  /** The normalized base URL (the raw value when it is invalid: every call then rejects). */
  readonly baseUrl: string;
  /** Jitter source; replaceable in tests. */
  random: () => number = Math.random;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #fetch?: typeof fetch;
  readonly #headers?: Record<string, string>;

  constructor({ baseUrl, timeoutMs = DEFAULT_TIMEOUT_MS, retry, fetch, headers }: HttpOptions) {
    this.baseUrl = normalizeBaseUrl(baseUrl) ?? String(baseUrl);
    this.#timeoutMs = timeoutMs;
    this.#retry = { retries: 3, baseDelayMs: 300, maxDelayMs: 10_000, ...retry };
    this.#fetch = fetch;
    this.#headers = headers;
  }

  /** Backoff before retry number `attempt` (0-based): exponential, capped, with jitter in [50 %, 100 %]. */
  backoff(attempt: number): number {
    return Math.round(Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** attempt) * (0.5 + this.random() / 2));
  }

  async request<T>(spec: RequestSpec, { signal: outer, timeoutMs = this.#timeoutMs }: CallOptions = {}): Promise<T> {
    // A bad base URL is reported by every call instead of throwing at construction.
    if (!normalizeBaseUrl(this.baseUrl)) throw new ApiError('network', 'Invalid API base URL: use http(s), without credentials.');
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = outer ? AbortSignal.any([outer, deadline]) : deadline;
    try {
      if (outer?.aborted) throw 0; // mapped to `aborted` below, before anything is sent
      return (await this.#run(spec, signal)) as T;
    } catch (e) {
      throw outer?.aborted
        ? aborted(outer)
        : deadline.aborted
          ? new ApiError('timeout', `${DEFAULT_MESSAGES.timeout} (${timeoutMs} ms)`)
          : e instanceof ApiError
            ? e
            : new ApiError('network', DEFAULT_MESSAGES.network, { cause: e });
    }
  }

  async #run({ method, path, query = {}, body, auth, expect = isObject }: RequestSpec, signal: AbortSignal): Promise<unknown> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) for (const v of [value ?? []].flat()) params.append(key, String(v));
    const qs = `${params}`;
    const url = this.baseUrl + path + (qs && `?${qs}`);
    const retry = this.#retry;
    let refreshed = false;
    for (let attempt = 0; ; ) {
      const token = await auth?.token(signal);
      signal.throwIfAborted();
      const headers: Record<string, string> = { Accept: 'application/json', ...this.#headers };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let res: Response;
      try {
        // (JSON.stringify(undefined) is undefined: no body)
        res = await (this.#fetch ?? fetch)(url, { method, headers, body: JSON.stringify(body), signal });
      } catch (e) {
        // fetch rejects on network failure (and on CORS refusal, indistinguishable in browsers).
        signal.throwIfAborted();
        if (method == 'GET' && attempt < retry.retries) {
          await wait(this.backoff(attempt++), signal);
          continue;
        }
        throw e;
      }
      const { status } = res;
      const after = parseRetryAfter(res.headers.get('Retry-After'));
      let again = -1; // ms to wait before sending again; -1: this answer is final
      if (status == 401 && token && auth!.refresh && !refreshed) {
        refreshed = true;
        // The rejected request was not executed: safe to resend, even a POST.
        if ((await auth!.refresh(token, signal)) !== undefined) again = 0;
      } else if (method == 'GET' && [429, 502, 503, 504].includes(status) && attempt < retry.retries) {
        // A server asking for a longer pause than we are willing to wait gets its error reported instead.
        if (!(after! > retry.maxDelayMs)) again = after ?? this.backoff(attempt);
        attempt++;
      }
      if (again >= 0) {
        res.body?.cancel().catch(() => {});
        await wait(again, signal);
        continue;
      }
      if (status == 204) return undefined;
      let data: unknown;
      try {
        data = JSON.parse(await res.text());
      } catch (e) {
        // A non-JSON error body (an HTML page from a proxy, an empty body) keeps the status-derived code.
        if (!(e instanceof SyntaxError) && res.ok) throw e;
      }
      if (res.ok) {
        if (expect(data)) return data;
        throw new ApiError('malformed_response', DEFAULT_MESSAGES.malformed_response, { status });
      }
      const code = codeForStatus(status);
      const secrets = [token, ...(auth?.secrets?.() ?? [])];
      const { message = `${DEFAULT_MESSAGES[code]} (HTTP ${status})`, fieldErrors } = parseErrorBody(data);
      throw new ApiError(code, redact(message, secrets), {
        status,
        fieldErrors: fieldErrors.map(({ field, message }) => ({ field, message: redact(message, secrets) })),
        retryAfterMs: code == 'rate_limited' ? after : undefined,
      });
    }
  }
}
