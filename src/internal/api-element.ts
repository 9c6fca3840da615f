import type { PropertyDeclarations, PropertyValues, ReactiveControllerHost } from 'lit';
import { TaskStatus, type Task } from '@lit/task';
import type { EmbeddedClient, TokenProvider } from '../api/client.js';
import { ApiError, isAbortError } from '../api/errors.js';
import { DEFAULT_BASE_URL } from '../api/http.js';
import { getSharedClient } from '../api/shared.js';
import { AbElement } from './ab-element.js';
import { AbErrorEvent, AbTokenExpiredEvent, type AbErrorDetail } from './common.events.js';

/**
 * Makes a load survive a move in the DOM: a `task` still running when its element leaves the page is aborted
 * (nothing is fetched for an element nobody sees), and runs again when the element comes back. Returns `task`.
 */
export function resumeOnReconnect<T extends Task<any, any>>(host: ReactiveControllerHost, task: T): T {
  let cut = false;
  host.addController({
    hostConnected() {
      if (cut) void task.run();
      cut = false;
    },
    hostDisconnected() {
      if (task.status == TaskStatus.PENDING) {
        task.abort();
        cut = true;
      }
    },
  });
  return task;
}

/**
 * Base of every element that talks to the Airbyte Embedded API. It turns `token` + `api-base-url`
 * (+ `tokenProvider`) into the page-wide shared `EmbeddedClient` (`this.api`), or uses an injected `client`.
 *
 * Token flow: with a `tokenProvider`, an expiring or rejected token is renewed transparently. Without one,
 * the element fires `ab-token-expired`; when the host then sets a new `token`, `this.api` becomes a new
 * client, so a `@lit/task` whose args include `this.api` runs again by itself (a failed GET is retried
 * automatically). Actions that POST are never resent on their own: the user's input stays and the user
 * submits again.
 *
 * The `token` attribute is accepted for plain HTML and removed from the DOM as soon as it is read, so the
 * token does not linger in the markup; prefer setting the `token` property.
 *
 * @fires ab-error - A request failed: `{code, message, status?, fieldErrors?}` (never for cancelled requests).
 * @fires ab-token-expired - The token was rejected and no `tokenProvider` renewed it: set a new `token`.
 */
export class AbApiElement extends AbElement {
  static override properties: PropertyDeclarations = {
    token: {},
    apiBaseUrl: { attribute: 'api-base-url' },
    tokenProvider: { attribute: false },
    client: { attribute: false },
    sessionExpired: { state: true, attribute: false },
  };

  /**
   * A widget token (base64 JSON from `POST /api/v1/embedded/widget-token`) or a scoped JWT. Held in
   * memory only; a `token` attribute is read once and then removed from the DOM.
   */
  declare token: string;

  /**
   * Base URL of the Airbyte Embedded API (or of a sandbox / proxy). Default `https://api.airbyte.ai`.
   */
  declare apiBaseUrl: string;

  /** Resolves to a fresh token; asked on a 401 or shortly before the token expires. */
  declare tokenProvider: TokenProvider | undefined;

  /** A client to use instead of `token` (a parent such as `<ab-connect>`, tests, Storybook). Wins over `token`. */
  declare client: EmbeddedClient | undefined;

  /** True after the server rejected the token and no provider renewed it, until a new token arrives. */
  protected declare sessionExpired: boolean;

  constructor() {
    super();
    this.token = '';
    this.apiBaseUrl = DEFAULT_BASE_URL;
    this.sessionExpired = false;
  }

  #expiredFor?: EmbeddedClient;

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    // A `token` attribute is read once, then removed; removing it (here or by anyone) keeps the property.
    if (name != 'token' || value !== null) super.attributeChangedCallback(name, old, value);
    if (name == 'token' && value !== null) this.removeAttribute('token');
  }

  /** The client to call: the injected `client`, else the shared client of `token` + `apiBaseUrl`. */
  protected get api(): EmbeddedClient | undefined {
    const token = typeof this.token == 'string' && this.token.trim();
    return this.client ?? (token ? getSharedClient({ token, baseUrl: this.apiBaseUrl, tokenProvider: this.tokenProvider }) : undefined);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('token') || changed.has('client') || changed.has('apiBaseUrl') || changed.has('tokenProvider')) {
      const api = this.api;
      // A new token (or client) ends an expired session.
      if (api != this.#expiredFor) this.sessionExpired = false;
      if (api && this.tokenProvider) api.tokenProvider ??= this.tokenProvider;
    }
  }

  /** A translated, user-facing sentence for an error (server-provided text for validation problems). */
  protected errorMessage(e: unknown): string {
    const code = e instanceof ApiError ? e.code : '';
    return code == 'unauthorized'
      ? this.t(this.tokenProvider ? 'sessionExpiredRetry' : 'sessionExpired')
      : code == 'validation'
        ? (e as ApiError).message || this.t('apiErrorValidation')
        : code
          ? this.t(API_ERROR_KEYS[code as keyof typeof API_ERROR_KEYS] ?? 'apiErrorServer')
          : this.t('errorTitle');
  }

  /**
   * Reports a failed request: fires `ab-error` `{code, message, status?, fieldErrors?}` and, when the token
   * was rejected, `ab-token-expired` (once per token). Aborts are ignored. Returns the detail (or `undefined`).
   */
  protected reportError(e: unknown): AbErrorDetail | undefined {
    if (isAbortError(e)) return undefined;
    const detail: AbErrorDetail =
      e instanceof ApiError
        ? { code: e.code, message: e.message, status: e.status, fieldErrors: e.fieldErrors }
        : { code: 'unknown', message: e instanceof Error ? e.message : String(e) };
    this.dispatchEvent(new AbErrorEvent(detail));
    if (detail.code == 'unauthorized') {
      const api = this.api;
      this.sessionExpired = true;
      if (api && this.#expiredFor != api) {
        this.#expiredFor = api;
        this.dispatchEvent(new AbTokenExpiredEvent({ expiresAt: api.expiresAt }));
      }
    }
    return detail;
  }
}

/** The string shown for each error code (`unauthorized`, `validation` and unlisted codes are handled apart). */
const API_ERROR_KEYS = {
  forbidden: 'apiErrorForbidden',
  not_found: 'apiErrorNotFound',
  rate_limited: 'apiErrorRateLimited',
  network: 'apiErrorNetwork',
  timeout: 'apiErrorTimeout',
  malformed_response: 'apiErrorMalformed',
  invalid_token: 'apiErrorInvalidToken',
} as const;
