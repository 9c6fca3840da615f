import { ApiError, DEFAULT_MESSAGES } from './errors.js';
import {
  encodePath,
  hasArray,
  hasStrings,
  HttpCore,
  isObject,
  wait,
  withSignal,
  type AuthSource,
  type CallOptions,
  type HttpOptions,
  type RequestSpec,
} from './http.js';
import { tryParseToken, type ParsedToken } from './token.js';
import {
  TERMINAL_CHECK_STATUSES,
  type CheckStatus,
  type DeletedResponse,
  type ScopedTokenInfoGetResponse,
  type Source,
  type SourceCheckConfigResponse,
  type SourceInput,
  type SourceListItem,
  type SourceListResponse,
  type SourceTemplate,
  type SourceTemplateListItem,
  type SourceTemplateListResponse,
  type SourceUpdateRequest,
  type TemplateListQuery,
} from './types.js';

/** Resolves to a fresh widget token or scoped JWT (e.g. by asking the host's server). */
export type TokenProvider = () => Promise<string>;

export interface EmbeddedClientOptions extends Omit<HttpOptions, 'baseUrl'> {
  /** A widget token or a scoped JWT. Kept in memory only. */
  token: string;
  /** Default `https://api.airbyte.ai`. */
  baseUrl?: string;
  /** Asked for a new token on a 401 or within `refreshMarginMs` of `exp`. */
  tokenProvider?: TokenProvider;
  /** How long before `exp` the provider is asked for a new token. Default 60 000 ms. */
  refreshMarginMs?: number;
}

export interface WaitForCheckOptions extends CallOptions {
  /** Called with every status read (pending, running, …, the final one). */
  onStatus?: (status: CheckStatus) => void;
  /** First poll delay in ms. Default 250. */
  initialDelayMs?: number;
  /** Longest poll delay in ms. Default 2 000. */
  maxDelayMs?: number;
  /** Gives up with an `ApiError('timeout')` after this many ms. Default 180 000. */
  maxWaitMs?: number;
}

const isCheckStatus = (v: unknown) => hasStrings('id', 'status')(v);

/**
 * The browser client of the end-user ("scoped token") endpoints of the Airbyte Embedded API.
 * Elements get one through `getSharedClient()` so that every element of a page that uses the same token
 * and base URL shares one refresh and one token-info call. Every method takes `{signal}` and rejects only
 * with `ApiError`.
 */
export class EmbeddedClient {
  readonly http: HttpCore;
  /** Asked for a new token on a 401 or shortly before `exp`; may be set later. */
  tokenProvider?: TokenProvider;
  readonly refreshMarginMs: number;
  #parsed: ParsedToken | ApiError;
  #refreshing?: Promise<ParsedToken>;
  #tokenInfo?: Promise<ScopedTokenInfoGetResponse>;
  #listeners = new Set<(parsed: ParsedToken) => void>();

  constructor(options: EmbeddedClientOptions) {
    const { token, tokenProvider, refreshMarginMs, ...http } = options;
    this.http = new HttpCore({ ...http, baseUrl: options.baseUrl ?? '' });
    this.tokenProvider = tokenProvider;
    this.refreshMarginMs = refreshMarginMs ?? 60_000;
    this.#parsed = tryParseToken(token);
  }

  /** The normalized base URL. */
  get baseUrl(): string {
    return this.http.baseUrl;
  }

  /** What is known about the current token without asking the server (`undefined` when it is invalid). */
  get tokenDetails(): Readonly<Omit<ParsedToken, 'token'>> | undefined {
    if (this.#parsed instanceof ApiError) return undefined;
    const { token: _secret, ...rest } = this.#parsed;
    return rest;
  }

  /** Expiry of the current token in ms since the epoch, when the token carries one. */
  get expiresAt(): number | undefined {
    return this.#parsed instanceof ApiError || this.#parsed.exp === undefined ? undefined : this.#parsed.exp * 1000;
  }

  /** True when the token is unusable: invalid, or expired with no provider to renew it. */
  get expired(): boolean {
    if (this.#parsed instanceof ApiError) return true;
    const at = this.expiresAt;
    return at !== undefined && at <= Date.now() && !this.tokenProvider;
  }

  /** Replaces the token (e.g. the host handed over a new one). Pending calls pick it up on their next attempt. */
  setToken(token: string): void {
    const parsed = tryParseToken(token);
    this.#parsed = parsed;
    if (!(parsed instanceof ApiError)) for (const fn of this.#listeners) fn(parsed);
  }

  /** Calls `fn` after every token change (refresh or `setToken`). Returns an unsubscribe function. */
  onTokenChange(fn: (details: Omit<ParsedToken, 'token'>) => void): () => void {
    const wrapped = ({ token: _t, ...rest }: ParsedToken) => fn(rest);
    this.#listeners.add(wrapped);
    return () => this.#listeners.delete(wrapped);
  }

  // ------------------------------------------------------------ token lifecycle

  /** Asks the provider once for a new token; concurrent callers share the same refresh. */
  refreshToken(): Promise<void> {
    return this.#refresh().then(() => undefined);
  }

  #refresh(): Promise<ParsedToken> {
    const provider = this.tokenProvider;
    if (!provider) return Promise.reject(new ApiError('unauthorized', DEFAULT_MESSAGES.unauthorized, { status: 401 }));
    this.#refreshing ??= (async () => {
      let next: string;
      try {
        next = await provider();
      } catch (e) {
        throw new ApiError('unauthorized', 'The session token expired and a new one could not be obtained.', { cause: e });
      }
      const parsed = tryParseToken(next);
      if (parsed instanceof ApiError) throw new ApiError('invalid_token', `The token provider returned an unusable token. ${parsed.message}`);
      this.#parsed = parsed;
      for (const fn of this.#listeners) fn(parsed);
      return parsed;
    })().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  readonly #auth: AuthSource = {
    token: async () => {
      const parsed = this.#parsed;
      if (parsed instanceof ApiError) {
        if (!this.tokenProvider) throw parsed;
        return (await this.#refresh()).token; // an unusable token with a provider: ask for a good one
      }
      if (this.tokenProvider && parsed.exp !== undefined && parsed.exp * 1000 - Date.now() < this.refreshMarginMs) {
        try {
          return (await this.#refresh()).token;
        } catch (e) {
          // Refresh failed but the current token may still have a few seconds: use it until the server says 401.
          if (parsed.exp * 1000 > Date.now()) return parsed.token;
          throw e;
        }
      }
      return parsed.token;
    },
    refresh: async (rejected) => {
      if (!this.tokenProvider) return undefined;
      const current = this.#parsed;
      // Another call already replaced the rejected token: retry with the new one without asking again.
      if (!(current instanceof ApiError) && current.token !== rejected) return current.token;
      return (await this.#refresh()).token;
    },
    secrets: () => (this.#parsed instanceof ApiError ? [] : [this.#parsed.token]),
  };

  /** Sends an authenticated request through the shared core (for methods added by other modules). */
  request<T>(spec: Omit<RequestSpec, 'auth'>, options?: CallOptions): Promise<T> {
    return this.http.request<T>({ ...spec, auth: this.#auth }, options);
  }

  // ------------------------------------------------------------ token info

  /** `GET /api/v1/embedded/scoped-token/info`: the token's organization and workspace. Asked once, then cached. */
  getTokenInfo(options: CallOptions = {}): Promise<ScopedTokenInfoGetResponse> {
    if (!this.#tokenInfo) {
      // Not bound to one caller's signal: several elements share this promise.
      const p = this.request<ScopedTokenInfoGetResponse>(
        { method: 'GET', path: '/api/v1/embedded/scoped-token/info', expect: hasStrings('organization_id', 'workspace_id') },
        { timeoutMs: options.timeoutMs },
      );
      this.#tokenInfo = p;
      p.catch(() => {
        if (this.#tokenInfo === p) this.#tokenInfo = undefined;
      });
    }
    return withSignal(this.#tokenInfo, options.signal);
  }

  /** The workspace of the token (from token info; cached). */
  async getWorkspaceId(options: CallOptions = {}): Promise<string> {
    return (await this.getTokenInfo(options)).workspace_id;
  }

  // ------------------------------------------------------------ source templates

  /** `GET /api/v1/embedded/source-templates` (server default `tags_mode` is `all`). */
  async listSourceTemplates(query: TemplateListQuery = {}, options: CallOptions = {}): Promise<SourceTemplateListItem[]> {
    const page = await this.request<SourceTemplateListResponse>(
      {
        method: 'GET',
        path: '/api/v1/embedded/source-templates',
        query: { tags: query.tags?.length ? query.tags : undefined, tags_mode: query.tags?.length ? query.tagsMode : undefined },
        expect: hasArray('data'),
      },
      options,
    );
    return page.data;
  }

  /** `GET /api/v1/embedded/source-templates/{id}`: the template with its `user_config_spec`. */
  getSourceTemplate(id: string, options: CallOptions = {}): Promise<SourceTemplate> {
    return this.request<SourceTemplate>(
      {
        method: 'GET',
        path: encodePath`/api/v1/embedded/source-templates/${id}`,
        expect: (v) => isObject(v) && typeof v.id === 'string' && isObject(v.user_config_spec),
      },
      options,
    );
  }

  // ------------------------------------------------------------ sources

  /** `POST /api/v1/embedded/sources/check`: starts a check job (the client fills `workspace_id`). */
  async checkSource(input: SourceInput, options: CallOptions = {}): Promise<SourceCheckConfigResponse> {
    const workspace_id = await this.getWorkspaceId(options);
    return this.request<SourceCheckConfigResponse>(
      { method: 'POST', path: '/api/v1/embedded/sources/check', body: { ...input, workspace_id }, expect: hasStrings('id') },
      options,
    );
  }

  /** `GET /api/v1/embedded/sources/check/{id}/status`. */
  getCheckStatus(jobId: string, options: CallOptions = {}): Promise<CheckStatus> {
    return this.request<CheckStatus>(
      { method: 'GET', path: encodePath`/api/v1/embedded/sources/check/${jobId}/status`, expect: isCheckStatus },
      options,
    );
  }

  /**
   * Polls `getCheckStatus` with backoff (250 ms → 2 s by default) until the job is `succeeded`, `failed` or
   * `cancelled`, and resolves with that status (a failed check resolves; it does not reject).
   */
  async waitForCheck(jobId: string, options: WaitForCheckOptions = {}): Promise<CheckStatus> {
    const { signal, onStatus, initialDelayMs = 250, maxDelayMs = 2_000, maxWaitMs = 180_000 } = options;
    const started = Date.now();
    let delay = initialDelayMs;
    for (;;) {
      const status = await this.getCheckStatus(jobId, { signal, timeoutMs: options.timeoutMs });
      onStatus?.(status);
      if (TERMINAL_CHECK_STATUSES.includes(status.status)) return status;
      if (Date.now() - started + delay > maxWaitMs) {
        throw new ApiError('timeout', 'The connection check is taking too long. Try again later.');
      }
      await wait(delay, signal);
      delay = Math.min(maxDelayMs, Math.round(delay * 1.6));
    }
  }

  /** `POST /api/v1/embedded/sources` (the client fills `workspace_id`). Never retried automatically. */
  async createSource(input: SourceInput, options: CallOptions = {}): Promise<Source> {
    const workspace_id = await this.getWorkspaceId(options);
    return this.request<Source>(
      { method: 'POST', path: '/api/v1/embedded/sources', body: { ...input, workspace_id }, expect: hasStrings('id', 'name') },
      options,
    );
  }

  /** `GET /api/v1/embedded/sources?workspace_id=…`: the workspace's sources. */
  async listSources(options: CallOptions = {}): Promise<SourceListItem[]> {
    const workspace_id = await this.getWorkspaceId(options);
    const page = await this.request<SourceListResponse>(
      { method: 'GET', path: '/api/v1/embedded/sources', query: { workspace_id }, expect: hasArray('data') },
      options,
    );
    return page.data;
  }

  /** `GET /api/v1/embedded/sources/{id}` (secrets in `source_config` come back redacted). */
  getSource(id: string, options: CallOptions = {}): Promise<Source> {
    return this.request<Source>(
      { method: 'GET', path: encodePath`/api/v1/embedded/sources/${id}`, expect: hasStrings('id', 'name') },
      options,
    );
  }

  /** `PUT /api/v1/embedded/sources/{id}`. */
  updateSource(id: string, update: SourceUpdateRequest, options: CallOptions = {}): Promise<Source> {
    return this.request<Source>(
      { method: 'PUT', path: encodePath`/api/v1/embedded/sources/${id}`, body: update, expect: hasStrings('id', 'name') },
      options,
    );
  }

  /** `POST /api/v1/embedded/sources/{id}/check`: checks a changed configuration of an existing source. */
  checkSourceUpdate(id: string, update: SourceUpdateRequest, options: CallOptions = {}): Promise<SourceCheckConfigResponse> {
    return this.request<SourceCheckConfigResponse>(
      { method: 'POST', path: encodePath`/api/v1/embedded/sources/${id}/check`, body: update, expect: hasStrings('id') },
      options,
    );
  }

  /** `DELETE /api/v1/embedded/sources/{id}`. */
  deleteSource(id: string, options: CallOptions = {}): Promise<DeletedResponse> {
    return this.request<DeletedResponse>(
      { method: 'DELETE', path: encodePath`/api/v1/embedded/sources/${id}`, expect: hasStrings('id') },
      options,
    );
  }
}
