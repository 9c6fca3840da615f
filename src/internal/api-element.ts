import { property, state } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import { EmbeddedClient, type TokenProvider } from '../api/client.js';
import { ApiError, isAbortError } from '../api/errors.js';
import { DEFAULT_BASE_URL } from '../api/http.js';
import { getSharedClient } from '../api/shared.js';
import { AbElement } from './ab-element.js';
import { AbErrorEvent, AbTokenExpiredEvent, type AbErrorDetail } from './common.events.js';

/**
 * Base of every element that talks to the Airbyte Embedded API. It turns `token` + `api-base-url`
 * (+ `tokenProvider`) into the page-wide shared `EmbeddedClient` (`this.api`), or uses an injected `client`.
 *
 * Token flow: with a `tokenProvider`, an expiring or rejected token is renewed transparently. Without one,
 * the element fires `ab-token-expired`; when the host then sets a new `token`, `this.api` becomes a new
 * client, so a `@lit/task` whose args include `this.api` runs again by itself (a failed GET is retried
 * automatically). Actions that POST should re-run after `await this.tokenRenewed(signal)` or on the next click.
 *
 * The `token` attribute is accepted for plain HTML and removed from the DOM as soon as it is read, so the
 * token does not linger in the markup; prefer setting the `token` property.
 *
 * @fires ab-error - A request failed: `{code, message, status?, fieldErrors?}` (never for cancelled requests).
 * @fires ab-token-expired - The token was rejected and no `tokenProvider` renewed it: set a new `token`.
 */
export class AbApiElement extends AbElement {
  /**
   * A widget token (base64 JSON from `POST /api/v1/embedded/widget-token`) or a scoped JWT. Held in
   * memory only; a `token` attribute is read once and then removed from the DOM.
   */
  @property() accessor token = '';

  /** Base URL of the Airbyte Embedded API (or of a sandbox / proxy). */
  @property({ attribute: 'api-base-url' }) accessor apiBaseUrl = DEFAULT_BASE_URL;

  /** Resolves to a fresh token; asked on a 401 or shortly before the token expires. */
  @property({ attribute: false }) accessor tokenProvider: TokenProvider | undefined = undefined;

  /** A client to use instead of `token` (a parent such as `<ab-connect>`, tests, Storybook). Wins over `token`. */
  @property({ attribute: false }) accessor client: EmbeddedClient | undefined = undefined;

  /** True after the server rejected the token and no provider renewed it, until a new token arrives. */
  @state() protected accessor sessionExpired = false;

  #removingTokenAttribute = false;
  #expiredFor?: EmbeddedClient;
  #renewWaiters: (() => void)[] = [];

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'token') {
      // Removing the attribute (below, or by anyone) must not clear the token property.
      if (value === null || this.#removingTokenAttribute) return;
      super.attributeChangedCallback(name, old, value);
      this.#removingTokenAttribute = true;
      try {
        this.removeAttribute('token');
      } finally {
        this.#removingTokenAttribute = false;
      }
      return;
    }
    super.attributeChangedCallback(name, old, value);
  }

  /** The client to call: the injected `client`, else the shared client of `token` + `apiBaseUrl`. */
  protected get api(): EmbeddedClient | undefined {
    if (this.client) return this.client;
    const token = typeof this.token === 'string' ? this.token.trim() : '';
    if (!token) return undefined;
    return getSharedClient({ token, baseUrl: this.apiBaseUrl || DEFAULT_BASE_URL, tokenProvider: this.tokenProvider });
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('token') || changed.has('client') || changed.has('apiBaseUrl')) {
      const api = this.api;
      if (api !== this.#expiredFor) {
        this.sessionExpired = false;
        const waiters = this.#renewWaiters;
        this.#renewWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
    if (changed.has('tokenProvider') && this.tokenProvider) {
      const api = this.api;
      if (api && !api.tokenProvider) api.tokenProvider = this.tokenProvider;
    }
  }

  /** Resolves when the host sets a new `token` or `client` (rejects with `ApiError('aborted')` on `signal`). */
  protected tokenRenewed(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(new ApiError('aborted', 'The request was cancelled.', { cause: signal?.reason }));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#renewWaiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  /** A translated, user-facing sentence for an error (server-provided text for validation problems). */
  protected errorMessage(e: unknown): string {
    if (!(e instanceof ApiError)) return this.t('errorTitle');
    switch (e.code) {
      case 'unauthorized':
        return this.tokenProvider ? this.t('sessionExpiredRetry') : this.t('sessionExpired');
      case 'forbidden':
        return this.t('apiErrorForbidden');
      case 'not_found':
        return this.t('apiErrorNotFound');
      case 'validation':
        return e.message || this.t('apiErrorValidation');
      case 'rate_limited':
        return this.t('apiErrorRateLimited');
      case 'network':
        return this.t('apiErrorNetwork');
      case 'timeout':
        return this.t('apiErrorTimeout');
      case 'malformed_response':
        return this.t('apiErrorMalformed');
      case 'invalid_token':
        return this.t('apiErrorInvalidToken');
      default:
        return this.t('apiErrorServer');
    }
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
    if (e instanceof ApiError && e.code === 'unauthorized') {
      const api = this.api;
      this.sessionExpired = true;
      if (api && this.#expiredFor !== api) {
        this.#expiredFor = api;
        this.dispatchEvent(new AbTokenExpiredEvent({ expiresAt: api.expiresAt }));
      }
    }
    return detail;
  }
}
