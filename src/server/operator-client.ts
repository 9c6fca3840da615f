/**
 * The operator ("application token") client, for the host's backend: mints widget and scoped tokens and
 * manages workspaces, source definitions, source and connection templates and template tags.
 * Uses `fetch` only and imports nothing from Lit or the DOM, so it runs in Node ≥ 18 and edge runtimes.
 * Never ship it to a browser: it holds the client secret.
 */
import { ApiError, DEFAULT_MESSAGES } from '../api/errors.js';
import {
  encodePath,
  hasArray,
  hasStrings,
  HttpCore,
  isObject,
  type AuthSource,
  type CallOptions,
  type HttpOptions,
  type RequestSpec,
  withSignal,
} from '../api/http.js';
import type {
  ConnectionTemplate,
  ConnectionTemplateCreateRequest,
  ConnectionTemplateListResponse,
  ConnectionTemplatePatchRequest,
  CronExpressionDescribeResponse,
  DeletedResponse,
  ScopedTokenCreateRequest,
  ScopedTokenCreateResponse,
  SourceDefinitionListResponse,
  SourceDefinitionResponse,
  SourceTemplate,
  SourceTemplateCloneRequest,
  SourceTemplateCreateRequest,
  SourceTemplateListItem,
  SourceTemplateListResponse,
  SourceTemplateUpdateRequest,
  TemplateListQuery,
  TemplateTag,
  TemplateTagListResponse,
  TokenResponse,
  UntagResponse,
  WidgetTokenCreateRequest,
  WidgetTokenCreateResponse,
  Workspace,
  WorkspaceListQuery,
  WorkspaceListResponse,
  WorkspaceStatsResponse,
  WorkspaceUpdateRequest,
} from '../api/types.js';

export interface OperatorClientOptions extends Omit<HttpOptions, 'baseUrl' | 'headers'> {
  /** Application client id (Airbyte settings → Applications). */
  clientId: string;
  /** Application client secret. Never logged, never put in a message. */
  clientSecret: string;
  /** Default `https://api.airbyte.ai`. */
  baseUrl?: string;
  /** Sent as `X-Organization-Id` when the application belongs to several organizations. */
  organizationId?: string;
  /** Renew the application token this long before it expires. Default 60 000 ms. */
  refreshMarginMs?: number;
}

const isTemplate = (v: unknown) => isObject(v) && typeof v.id === 'string' && isObject(v.user_config_spec);
const isWorkspace = hasStrings('id', 'name', 'status');
const isConnectionTemplate = hasStrings('id');

const tagQuery = (q: TemplateListQuery) => ({
  tags: q.tags?.length ? q.tags : undefined,
  tags_mode: q.tags?.length ? q.tagsMode : undefined,
});

/**
 * ```ts
 * const airbyte = new OperatorClient({ clientId, clientSecret });
 * const { token } = await airbyte.createWidgetToken({ workspace_name: user.id, allowed_origin: 'https://app.example.com' });
 * ```
 * Every method takes `{signal, timeoutMs}` and rejects only with `ApiError`. GETs are retried on network
 * errors, 429 and 502–504; writes never are. A 401 renews the application token once and retries.
 */
export class OperatorClient {
  readonly http: HttpCore;
  readonly #clientId: string;
  readonly #clientSecret: string;
  readonly #margin: number;
  #appToken?: { token: string; expiresAt: number };
  #pending?: Promise<string>;

  constructor(options: OperatorClientOptions) {
    const { clientId, clientSecret, organizationId, refreshMarginMs, ...http } = options;
    if (!clientId || !clientSecret) throw new ApiError('unauthorized', 'OperatorClient needs clientId and clientSecret.');
    this.http = new HttpCore({
      ...http,
      baseUrl: options.baseUrl ?? '',
      headers: organizationId ? { 'X-Organization-Id': organizationId } : undefined,
    });
    this.#clientId = clientId;
    this.#clientSecret = clientSecret;
    this.#margin = refreshMarginMs ?? 60_000;
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  // ------------------------------------------------------------ application token

  /**
   * `POST /api/v1/account/applications/token`: the application token, cached and renewed
   * `refreshMarginMs` before it expires. Concurrent callers share one request.
   */
  async getApplicationToken(options: CallOptions = {}): Promise<string> {
    const cached = this.#appToken;
    if (cached && cached.expiresAt - this.#margin > Date.now()) return cached.token;
    this.#pending ??= this.#fetchAppToken(options.timeoutMs).finally(() => {
      this.#pending = undefined;
    });
    return withSignal(this.#pending, options.signal);
  }

  /** Drops the cached application token (the next call asks for a new one). */
  invalidateApplicationToken(): void {
    this.#appToken = undefined;
  }

  async #fetchAppToken(timeoutMs?: number): Promise<string> {
    const res = await this.http.request<TokenResponse>(
      {
        method: 'POST',
        path: '/api/v1/account/applications/token',
        body: { client_id: this.#clientId, client_secret: this.#clientSecret },
        // No bearer on this call; the secret must still never leak into an error message.
        auth: { token: async () => '', secrets: () => [this.#clientSecret] },
        expect: hasStrings('access_token'),
      },
      { timeoutMs },
    );
    const ttl = typeof res.expires_in === 'number' && res.expires_in > 0 ? res.expires_in : 900;
    this.#appToken = { token: res.access_token, expiresAt: Date.now() + ttl * 1000 };
    return res.access_token;
  }

  readonly #auth: AuthSource = {
    token: (signal) => this.getApplicationToken({ signal }),
    refresh: async (rejected) => {
      if (this.#appToken?.token === rejected) this.#appToken = undefined;
      return this.getApplicationToken();
    },
    secrets: () => [this.#clientSecret, ...(this.#appToken ? [this.#appToken.token] : [])],
  };

  /** Sends an request authenticated with the application token (for endpoints not wrapped below). */
  request<T>(spec: Omit<RequestSpec, 'auth'>, options?: CallOptions): Promise<T> {
    return this.http.request<T>({ ...spec, auth: this.#auth }, options);
  }

  // ------------------------------------------------------------ end-user tokens

  /** `POST /api/v1/embedded/scoped-token`: a scoped JWT for one workspace (created when new). */
  createScopedToken(body: ScopedTokenCreateRequest, options?: CallOptions): Promise<ScopedTokenCreateResponse> {
    return this.request({ method: 'POST', path: '/api/v1/embedded/scoped-token', body, expect: hasStrings('token') }, options);
  }

  /**
   * `POST /api/v1/embedded/widget-token`: the token to hand to the browser (`<ab-source-form .token=…>`).
   * `allowed_origin` must be the page's exact origin (`https://app.example.com`, no trailing slash).
   */
  createWidgetToken(body: WidgetTokenCreateRequest, options?: CallOptions): Promise<WidgetTokenCreateResponse> {
    return this.request({ method: 'POST', path: '/api/v1/embedded/widget-token', body, expect: hasStrings('token') }, options);
  }

  // ------------------------------------------------------------ workspaces

  /** `GET /api/v1/workspaces`: one page. */
  listWorkspaces(query: WorkspaceListQuery = {}, options?: CallOptions): Promise<WorkspaceListResponse> {
    return this.request(
      { method: 'GET', path: '/api/v1/workspaces', query: { ...query }, expect: hasArray('data') },
      options,
    );
  }

  /**
   * Every workspace matching `query`, page after page, following `next`. Only the query of `next` is used
   * (the request always goes to this client's base URL, so the token is never sent to another host).
   */
  async *iterateWorkspaces(query: Omit<WorkspaceListQuery, 'cursor'> = {}, options: CallOptions = {}): AsyncGenerator<Workspace> {
    let q: WorkspaceListQuery = { ...query };
    const seen = new Set<string>();
    for (;;) {
      const page = await this.listWorkspaces(q, options);
      yield* page.data;
      if (!page.next) return;
      let next: URLSearchParams;
      try {
        next = new URL(page.next, this.baseUrl + '/').searchParams;
      } catch {
        throw new ApiError('malformed_response', `${DEFAULT_MESSAGES.malformed_response} (workspaces: "next" is not a URL)`);
      }
      const cursor = next.get('cursor');
      if (!cursor) throw new ApiError('malformed_response', `${DEFAULT_MESSAGES.malformed_response} (workspaces: "next" has no cursor)`);
      if (seen.has(cursor)) return; // a cursor we already followed: stop instead of looping forever
      seen.add(cursor);
      const limit = next.get('limit');
      q = { ...q, cursor, ...(limit ? { limit: Number(limit) } : {}) };
    }
  }

  /** Collects `iterateWorkspaces` into an array. */
  async listAllWorkspaces(query: Omit<WorkspaceListQuery, 'cursor'> = {}, options?: CallOptions): Promise<Workspace[]> {
    const all: Workspace[] = [];
    for await (const w of this.iterateWorkspaces(query, options)) all.push(w);
    return all;
  }

  /** `GET /api/v1/workspaces/{id}`. */
  getWorkspace(id: string, options?: CallOptions): Promise<Workspace> {
    return this.request({ method: 'GET', path: encodePath`/api/v1/workspaces/${id}`, expect: isWorkspace }, options);
  }

  /** `PUT /api/v1/workspaces/{id}` (`status: 'inactive'` disables every connection of the workspace). */
  updateWorkspace(id: string, body: WorkspaceUpdateRequest, options?: CallOptions): Promise<Workspace> {
    return this.request({ method: 'PUT', path: encodePath`/api/v1/workspaces/${id}`, body, expect: isWorkspace }, options);
  }

  /** `DELETE /api/v1/workspaces/{id}` (its sources and connections go too). */
  deleteWorkspace(id: string, options?: CallOptions): Promise<DeletedResponse> {
    return this.request({ method: 'DELETE', path: encodePath`/api/v1/workspaces/${id}`, expect: hasStrings('id') }, options);
  }

  /** `GET /api/v1/workspaces/stats`. */
  getWorkspaceStats(options?: CallOptions): Promise<WorkspaceStatsResponse> {
    return this.request(
      {
        method: 'GET',
        path: '/api/v1/workspaces/stats',
        expect: (v) => isObject(v) && typeof v.total_count === 'number',
      },
      options,
    );
  }

  // ------------------------------------------------------------ source definitions

  /** `GET /api/v1/integrations/definitions/sources?name=…`. */
  async listSourceDefinitions(query: { name?: string } = {}, options?: CallOptions): Promise<SourceDefinitionListResponse['definitions']> {
    const res = await this.request<SourceDefinitionListResponse>(
      { method: 'GET', path: '/api/v1/integrations/definitions/sources', query: { name: query.name || undefined }, expect: hasArray('definitions') },
      options,
    );
    return res.definitions;
  }

  /** `GET /api/v1/integrations/definitions/sources/{id}`: the definition with its connector spec. */
  getSourceDefinition(id: string, options?: CallOptions): Promise<SourceDefinitionResponse> {
    return this.request(
      {
        method: 'GET',
        path: encodePath`/api/v1/integrations/definitions/sources/${id}`,
        expect: (v) => isObject(v) && typeof v.id === 'string' && isObject(v.definition),
      },
      options,
    );
  }

  // ------------------------------------------------------------ source templates

  /** `GET /api/v1/integrations/templates/sources`: the organization's templates. */
  async listSourceTemplates(query: TemplateListQuery = {}, options?: CallOptions): Promise<SourceTemplateListItem[]> {
    const res = await this.request<SourceTemplateListResponse>(
      { method: 'GET', path: '/api/v1/integrations/templates/sources', query: tagQuery(query), expect: hasArray('data') },
      options,
    );
    return res.data;
  }

  /** `GET /api/v1/integrations/templates/sources/global`: Airbyte-maintained templates to clone. */
  async listGlobalSourceTemplates(options?: CallOptions): Promise<SourceTemplateListItem[]> {
    const res = await this.request<SourceTemplateListResponse>(
      { method: 'GET', path: '/api/v1/integrations/templates/sources/global', expect: hasArray('data') },
      options,
    );
    return res.data;
  }

  /** `GET /api/v1/integrations/templates/sources/{id}`. */
  getSourceTemplate(id: string, options?: CallOptions): Promise<SourceTemplate> {
    return this.request({ method: 'GET', path: encodePath`/api/v1/integrations/templates/sources/${id}`, expect: isTemplate }, options);
  }

  /** `POST /api/v1/integrations/templates/sources` with a connector definition and the fixed defaults. */
  createSourceTemplate(body: SourceTemplateCreateRequest, options?: CallOptions): Promise<SourceTemplate> {
    return this.request({ method: 'POST', path: '/api/v1/integrations/templates/sources', body, expect: isTemplate }, options);
  }

  /** `POST /api/v1/integrations/templates/sources` with `original_source_template_id`: clones a (global) template. */
  cloneSourceTemplate(body: SourceTemplateCloneRequest, options?: CallOptions): Promise<SourceTemplate> {
    return this.request({ method: 'POST', path: '/api/v1/integrations/templates/sources', body, expect: isTemplate }, options);
  }

  /** `PATCH /api/v1/integrations/templates/sources/{id}` (`propagate: true` updates sources made from it). */
  updateSourceTemplate(id: string, body: SourceTemplateUpdateRequest, options?: CallOptions): Promise<SourceTemplate> {
    return this.request(
      { method: 'PATCH', path: encodePath`/api/v1/integrations/templates/sources/${id}`, body, expect: isTemplate },
      options,
    );
  }

  /** `DELETE /api/v1/integrations/templates/sources/{id}`. */
  deleteSourceTemplate(id: string, options?: CallOptions): Promise<DeletedResponse> {
    return this.request(
      { method: 'DELETE', path: encodePath`/api/v1/integrations/templates/sources/${id}`, expect: hasStrings('id') },
      options,
    );
  }

  /** `POST /api/v1/integrations/templates/sources/{id}/tags`. */
  tagSourceTemplate(id: string, tag: string, options?: CallOptions): Promise<SourceTemplate> {
    return this.request(
      { method: 'POST', path: encodePath`/api/v1/integrations/templates/sources/${id}/tags`, body: { tag }, expect: isTemplate },
      options,
    );
  }

  /** `DELETE /api/v1/integrations/templates/sources/{id}/tags/{tag}`. */
  untagSourceTemplate(id: string, tag: string, options?: CallOptions): Promise<UntagResponse> {
    return this.request(
      { method: 'DELETE', path: encodePath`/api/v1/integrations/templates/sources/${id}/tags/${tag}`, expect: hasStrings('deleted_at') },
      options,
    );
  }

  // ------------------------------------------------------------ connection templates

  /** `GET /api/v1/integrations/templates/connections`. */
  async listConnectionTemplates(query: TemplateListQuery = {}, options?: CallOptions): Promise<ConnectionTemplate[]> {
    const res = await this.request<ConnectionTemplateListResponse>(
      { method: 'GET', path: '/api/v1/integrations/templates/connections', query: tagQuery(query), expect: hasArray('data') },
      options,
    );
    return res.data;
  }

  /** `GET /api/v1/integrations/templates/connections/{id}`. */
  getConnectionTemplate(id: string, options?: CallOptions): Promise<ConnectionTemplate> {
    return this.request(
      { method: 'GET', path: encodePath`/api/v1/integrations/templates/connections/${id}`, expect: isConnectionTemplate },
      options,
    );
  }

  /** `POST /api/v1/integrations/templates/connections` (user-hosted destination or `airbyte_hosted`). */
  createConnectionTemplate(body: ConnectionTemplateCreateRequest, options?: CallOptions): Promise<ConnectionTemplate> {
    return this.request(
      { method: 'POST', path: '/api/v1/integrations/templates/connections', body, expect: isConnectionTemplate },
      options,
    );
  }

  /** `PATCH /api/v1/integrations/templates/connections/{id}`. */
  updateConnectionTemplate(id: string, body: ConnectionTemplatePatchRequest, options?: CallOptions): Promise<ConnectionTemplate> {
    return this.request(
      { method: 'PATCH', path: encodePath`/api/v1/integrations/templates/connections/${id}`, body, expect: isConnectionTemplate },
      options,
    );
  }

  /** `DELETE /api/v1/integrations/templates/connections/{id}`. */
  deleteConnectionTemplate(id: string, options?: CallOptions): Promise<DeletedResponse> {
    return this.request(
      { method: 'DELETE', path: encodePath`/api/v1/integrations/templates/connections/${id}`, expect: hasStrings('id') },
      options,
    );
  }

  /** `POST /api/v1/integrations/templates/connections/{id}/tags`. */
  tagConnectionTemplate(id: string, tag: string, options?: CallOptions): Promise<ConnectionTemplate> {
    return this.request(
      { method: 'POST', path: encodePath`/api/v1/integrations/templates/connections/${id}/tags`, body: { tag }, expect: isConnectionTemplate },
      options,
    );
  }

  /** `DELETE /api/v1/integrations/templates/connections/{id}/tags/{tag}`. */
  untagConnectionTemplate(id: string, tag: string, options?: CallOptions): Promise<UntagResponse> {
    return this.request(
      { method: 'DELETE', path: encodePath`/api/v1/integrations/templates/connections/${id}/tags/${tag}`, expect: hasStrings('deleted_at') },
      options,
    );
  }

  /** `POST /api/v1/integrations/templates/connections/cron/describe`: a Quartz cron in words, and whether it is valid. */
  describeCron(cronExpression: string, options?: CallOptions): Promise<CronExpressionDescribeResponse> {
    return this.request(
      {
        method: 'POST',
        path: '/api/v1/integrations/templates/connections/cron/describe',
        body: { cron_expression: cronExpression },
        expect: (v) => isObject(v) && typeof v.is_valid === 'boolean',
      },
      options,
    );
  }

  // ------------------------------------------------------------ template tags

  /** `GET /api/v1/integrations/templates/tags`. */
  async listTemplateTags(options?: CallOptions): Promise<TemplateTag[]> {
    const res = await this.request<TemplateTagListResponse>(
      { method: 'GET', path: '/api/v1/integrations/templates/tags', expect: hasArray('data') },
      options,
    );
    return res.data;
  }

  /** `POST /api/v1/integrations/templates/tags` (name ≤ 255 characters). */
  createTemplateTag(name: string, options?: CallOptions): Promise<TemplateTag> {
    return this.request(
      { method: 'POST', path: '/api/v1/integrations/templates/tags', body: { name }, expect: hasStrings('id', 'name') },
      options,
    );
  }

  /** `PUT /api/v1/integrations/templates/tags/{name}`: renames a tag (its template links follow). */
  renameTemplateTag(name: string, newName: string, options?: CallOptions): Promise<TemplateTag> {
    return this.request(
      { method: 'PUT', path: encodePath`/api/v1/integrations/templates/tags/${name}`, body: { name: newName }, expect: hasStrings('id', 'name') },
      options,
    );
  }

  /** `DELETE /api/v1/integrations/templates/tags/{name}` (removes it from every template). */
  deleteTemplateTag(name: string, options?: CallOptions): Promise<DeletedResponse> {
    return this.request(
      { method: 'DELETE', path: encodePath`/api/v1/integrations/templates/tags/${name}`, expect: hasStrings('id') },
      options,
    );
  }
}
