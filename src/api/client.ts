import { ApiError } from './errors.js';
import {
  encodePath,
  hasArray,
  hasStrings,
  HttpCore,
  isObject,
  poll,
  withSignal,
  type AuthSource,
  type CallOptions,
  type PollOptions,
  type HttpOptions,
  type RequestSpec,
} from './http.js';
import { parseToken, tryParseToken, type ParsedToken } from './token.js';
import {
  TERMINAL_CHECK_STATUSES,
  type CheckStatus,
  type DeletedResponse,
  type ScopedTokenInfoGetResponse,
  type Source,
  type SourceCheckConfigResponse,
  type SourceInput,
  type SourceListItem,
  type SourceTemplate,
  type SourceTemplateListItem,
  type SourceUpdateRequest,
  type TemplateListQuery,
} from './types.js';

/** Resolves to a fresh widget token or scoped JWT (e.g. by asking the host's server). */
export type TokenProvider = () => Promise<string>;

export interface EmbeddedClientOptions extends Omit<HttpOptions, 'baseUrl' | 'headers'> {
  /** A widget token or a scoped JWT. Kept in memory only. */
  token: string;
  /** Default `https://api.airbyte.ai`. */
  baseUrl?: string;
  /** Asked for a new token on a 401 or within `refreshMarginMs` of `exp`. */
  tokenProvider?: TokenProvider;
  /** How long before `exp` the provider is asked for a new token. Default 60 000 ms. */
  refreshMarginMs?: number;
}

/** Polling backoff (`PollOptions`); `maxWaitMs` defaults to 180 000. */
export interface WaitForCheckOptions extends PollOptions {
  /** Called with every status read (pending, running, …, the final one). */
  onStatus?: (status: CheckStatus) => void;
}

const hasId = hasStrings('id');
const isSource = hasStrings('id', 'name');

/**
 * The browser client of the end-user ("scoped token") endpoints of the Airbyte Embedded API.
 * Elements get one through `getSharedClient()` so that every element of a page that uses the same token
 * and base URL shares one refresh and one token-info call. Every method takes `{signal, timeoutMs}` and
 * rejects only with `ApiError`.
 */
export class EmbeddedClient {
  readonly http: HttpCore;
  /** Asked for a new token on a 401 or shortly before `exp`; may be set later. */
  tokenProvider?: TokenProvider;
  readonly #margin: number;
  #parsed: ParsedToken | ApiError;
  #refreshing?: Promise<ParsedToken>;
  #tokenInfo?: Promise<ScopedTokenInfoGetResponse>;

  constructor({ token, tokenProvider, refreshMarginMs = 60_000, ...http }: EmbeddedClientOptions) {
    this.http = new HttpCore({ ...http, baseUrl: http.baseUrl ?? '' });
    this.tokenProvider = tokenProvider;
    this.#margin = refreshMarginMs;
    this.#parsed = tryParseToken(token);
  }

  /** The normalized base URL. */
  get baseUrl(): string {
    return this.http.baseUrl;
  }

  /** Expiry of the current token in ms since the epoch, when the token carries one. */
  get expiresAt(): number | undefined {
    const exp = (this.#parsed as ParsedToken).exp;
    return exp && exp * 1000;
  }

  /** True when the token is unusable: invalid, or expired with no provider to renew it. */
  get expired(): boolean {
    return this.#parsed instanceof ApiError || (this.expiresAt! <= Date.now() && !this.tokenProvider);
  }

  // ------------------------------------------------------------ token lifecycle

  /**
   * Asks the provider once for a new token; concurrent callers share the same refresh. Only called when
   * `tokenProvider` is set (every caller checks it first, synchronously).
   */
  #refresh(): Promise<ParsedToken> {
    const provider = this.tokenProvider!; // called as a plain function, not as a method of the client
    return (this.#refreshing ??= provider()
      .catch((cause) => {
        throw new ApiError('unauthorized', 'The session token expired and a new one could not be obtained.', { cause });
      })
      // A provider's bad token rejects with `invalid_token` and leaves the current one in place.
      .then((next) => (this.#parsed = parseToken(next)))
      .finally(() => (this.#refreshing = undefined)));
  }

  readonly #auth: AuthSource = {
    token: async () => {
      const parsed = this.#parsed;
      // An unusable token with a provider: ask for a good one.
      if (parsed instanceof ApiError) {
        if (!this.tokenProvider) throw parsed;
        return (await this.#refresh()).token;
      }
      const at = this.expiresAt!;
      if (this.tokenProvider && at - Date.now() < this.#margin) {
        // A failed refresh leaves the current token in use while it lasts (the server then says 401).
        return this.#refresh().then(
          (p) => p.token,
          (e) => (at > Date.now() ? parsed.token : Promise.reject(e)),
        );
      }
      return parsed.token;
    },
    refresh: async (rejected) => {
      const current = this.#parsed as ParsedToken;
      // Another call already replaced the rejected token: retry with the new one without asking again.
      return !this.tokenProvider ? undefined : current.token && current.token != rejected ? current.token : (await this.#refresh()).token;
    },
    secrets: () => [(this.#parsed as ParsedToken).token],
  };

  /** Sends an authenticated request through the shared core (for methods added by other modules). */
  request<T>(spec: Omit<RequestSpec, 'auth'>, options?: CallOptions): Promise<T> {
    return this.http.request<T>({ ...spec, auth: this.#auth }, options);
  }

  /** `input` plus the token's `workspace_id`. */
  async #inWorkspace(input: object, options?: CallOptions) {
    return { ...input, workspace_id: await this.getWorkspaceId(options) };
  }

  // ------------------------------------------------------------ token info

  /** `GET /api/v1/embedded/scoped-token/info`: the token's organization and workspace. Asked once, then cached. */
  getTokenInfo(options: CallOptions = {}): Promise<ScopedTokenInfoGetResponse> {
    // Not bound to one caller's signal: several elements share this promise. A failure is not cached.
    const info = (this.#tokenInfo ??= this.request<ScopedTokenInfoGetResponse>(
      { method: 'GET', path: '/api/v1/embedded/scoped-token/info', expect: hasStrings('organization_id', 'workspace_id') },
      { timeoutMs: options.timeoutMs },
    ));
    info.catch(() => this.#tokenInfo == info && (this.#tokenInfo = undefined));
    return withSignal(info, options.signal);
  }

  /** The workspace of the token (from token info; cached). */
  async getWorkspaceId(options?: CallOptions): Promise<string> {
    return (await this.getTokenInfo(options)).workspace_id;
  }

  // ------------------------------------------------------------ source templates

  /** `GET /api/v1/embedded/source-templates` (server default `tags_mode` is `all`). */
  async listSourceTemplates({ tags, tagsMode }: TemplateListQuery = {}, options?: CallOptions): Promise<SourceTemplateListItem[]> {
    tags = tags?.length ? tags : undefined;
    return (await this.request<{ data: SourceTemplateListItem[] }>(
      { method: 'GET', path: '/api/v1/embedded/source-templates', query: { tags, tags_mode: tags && tagsMode }, expect: hasArray('data') },
      options,
    )).data;
  }

  /** `GET /api/v1/embedded/source-templates/{id}`: the template with its `user_config_spec`. */
  getSourceTemplate(id: string, options?: CallOptions): Promise<SourceTemplate> {
    return this.request({ method: 'GET', path: encodePath`/api/v1/embedded/source-templates/${id}`, expect: (v) => hasId(v) && isObject((v as SourceTemplate).user_config_spec) }, options);
  }

  // ------------------------------------------------------------ sources

  /** `POST /api/v1/embedded/sources/check`: starts a check job (the client fills `workspace_id`). */
  async checkSource(input: SourceInput, options?: CallOptions): Promise<SourceCheckConfigResponse> {
    return this.request({ method: 'POST', path: '/api/v1/embedded/sources/check', body: await this.#inWorkspace(input, options), expect: hasId }, options);
  }

  /** `GET /api/v1/embedded/sources/check/{id}/status`. */
  getCheckStatus(jobId: string, options?: CallOptions): Promise<CheckStatus> {
    return this.request({ method: 'GET', path: encodePath`/api/v1/embedded/sources/check/${jobId}/status`, expect: hasStrings('id', 'status') }, options);
  }

  /**
   * Polls `getCheckStatus` with backoff (250 ms → 2 s by default) until the job is `succeeded`, `failed` or
   * `cancelled`, and resolves with that status (a failed check resolves; it does not reject).
   */
  waitForCheck(jobId: string, options: WaitForCheckOptions = {}): Promise<CheckStatus> {
    return poll(async () => {
      const status = await this.getCheckStatus(jobId, options);
      options.onStatus?.(status);
      return TERMINAL_CHECK_STATUSES.includes(status.status) ? status : undefined;
    }, options, 180_000);
  }

  /** `POST /api/v1/embedded/sources` (the client fills `workspace_id`). Never retried automatically. */
  async createSource(input: SourceInput, options?: CallOptions): Promise<Source> {
    return this.request({ method: 'POST', path: '/api/v1/embedded/sources', body: await this.#inWorkspace(input, options), expect: isSource }, options);
  }

  /** `GET /api/v1/embedded/sources?workspace_id=…`: the workspace's sources. */
  async listSources(options?: CallOptions): Promise<SourceListItem[]> {
    const query = await this.#inWorkspace({}, options);
    return (await this.request<{ data: SourceListItem[] }>({ method: 'GET', path: '/api/v1/embedded/sources', query, expect: hasArray('data') }, options)).data;
  }

  /** `GET /api/v1/embedded/sources/{id}` (secrets in `source_config` come back redacted). */
  getSource(id: string, options?: CallOptions): Promise<Source> {
    return this.request({ method: 'GET', path: encodePath`/api/v1/embedded/sources/${id}`, expect: isSource }, options);
  }

  /** `PUT /api/v1/embedded/sources/{id}`. */
  updateSource(id: string, update: SourceUpdateRequest, options?: CallOptions): Promise<Source> {
    return this.request({ method: 'PUT', path: encodePath`/api/v1/embedded/sources/${id}`, body: update, expect: isSource }, options);
  }

  /** `POST /api/v1/embedded/sources/{id}/check`: checks a changed configuration of an existing source. */
  checkSourceUpdate(id: string, update: SourceUpdateRequest, options?: CallOptions): Promise<SourceCheckConfigResponse> {
    return this.request({ method: 'POST', path: encodePath`/api/v1/embedded/sources/${id}/check`, body: update, expect: hasId }, options);
  }

  /** `DELETE /api/v1/embedded/sources/{id}`. */
  deleteSource(id: string, options?: CallOptions): Promise<DeletedResponse> {
    return this.request({ method: 'DELETE', path: encodePath`/api/v1/embedded/sources/${id}`, expect: hasId }, options);
  }
}
