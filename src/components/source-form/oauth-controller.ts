import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { EmbeddedClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { completeSourceOAuth, getEmbeddedConsentUrl } from '../../api/oauth.js';
import { OAuthFlow, type OAuthOutcome, type OAuthPhase, type OAuthStatus } from '../../oauth/flow.js';
import type { AuthSpec } from '../../spec/types.js';
import { getAt } from '../../spec/value.js';
import type { Translations } from '../../translations/en.js';
import { AbOAuthEvent } from './oauth.events.js';

type T = <K extends keyof Translations>(key: K, ...args: Translations[K] extends (...a: infer A) => string ? A : []) => string;

/** What the OAuth section needs from the form around it (read lazily, at render or click time). */
export interface OAuthSectionHost {
  client(): EmbeddedClient | undefined;
  auth(): AuthSpec | undefined;
  definitionId(): string | undefined;
  /** The connector's display name (the template's name). */
  connectorName(): string;
  /** Absolute URL of the host's callback page (`oauth-redirect-url`). */
  redirectUrl(): string;
  /** Edit mode: the source being re-authenticated. */
  sourceId(): string | undefined;
  /** The current config value (defaults applied). */
  value(): Record<string, unknown>;
  /** Writes the sign-in result into the value: each entry at its config path (no re-validation). */
  apply(entries: { path: string[]; value: unknown }[]): void;
  /** Validates the fields the consent request needs, showing their errors; false stops the sign-in. */
  validateInputs?(paths: string[][]): boolean;
  t: T;
  announce(message: string): void;
  /** Reports an API failure as `ab-error`. */
  reportError(e: unknown): void;
}

type Props = Record<string, Record<string, unknown>>;
const propsOf = (spec: unknown): Props =>
  spec && typeof spec === 'object' && (spec as { properties?: unknown }).properties && typeof (spec as { properties: unknown }).properties === 'object'
    ? ((spec as { properties: Props }).properties)
    : {};
const pathOf = (key: string, prop: Record<string, unknown>): string[] => {
  const p = prop?.path_in_connector_config ?? prop?.pathInConnectorConfig;
  return Array.isArray(p) && p.length ? p.map(String) : [key];
};

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * The OAuth part of `<ab-source-form>`: the "Sign in with <connector>" control drawn where the spec's
 * `predicate_key` field would be, the popup flow (`OAuthFlow`), and the mapping of `auth_payload` into
 * the config at each key's `path_in_connector_config`. Fires `ab-oauth` on the host for every outcome.
 */
export class OAuthController implements ReactiveController {
  /** UI state: `idle` (signed out or signed in, see `signedIn()`), or a running phase, or `blocked`. */
  phase: OAuthPhase | 'blocked' = 'idle';
  /** The last outcome's status and message (shown under the button until the next sign-in). */
  notice: { status: OAuthStatus; message: string } | undefined;
  /** True after a successful sign-in in this form (until the value is reset). */
  justSignedIn = false;
  private flow: OAuthFlow | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly form: OAuthSectionHost,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.flow?.dispose();
    this.flow = undefined;
    if (this.phase !== 'idle') this.phase = 'idle';
  }

  /** Whether the sign-in control is shown for `value`: no predicate, or the predicate holds its value. */
  visible(value = this.form.value()): boolean {
    const auth = this.form.auth();
    if (!auth) return false;
    if (!auth.predicateKey) return true;
    return getAt(value, auth.predicateKey) === auth.predicateValue;
  }

  /** Config paths hidden while the control is shown (OAuth output and server output fields). */
  hiddenPaths(): string[][] {
    return this.form.auth()?.outputPaths ?? [];
  }

  /** True when the value holds every token the flow returns (also a saved source's masked values). */
  signedIn(value = this.form.value()): boolean {
    const auth = this.form.auth();
    if (!auth) return false;
    const outputs = Object.entries(propsOf(auth.config.complete_oauth_output_specification));
    if (!outputs.length) return this.justSignedIn;
    return outputs.every(([k, p]) => present(getAt(value, pathOf(k, p))));
  }

  /** True when submitting must wait for a sign-in (control shown, not signed in). */
  blocksSubmit(value = this.form.value()): boolean {
    return this.visible(value) && !this.signedIn(value);
  }

  /** The values of `oauth_user_input_from_connector_config_specification`, read from the config. */
  inputConfiguration(value = this.form.value()): Record<string, unknown> {
    const auth = this.form.auth();
    const out: Record<string, unknown> = {};
    for (const [k, p] of Object.entries(propsOf(auth?.config.oauth_user_input_from_connector_config_specification))) {
      const v = getAt(value, pathOf(k, p));
      if (present(v)) out[k] = v;
    }
    return out;
  }

  get active(): boolean {
    return this.phase !== 'idle' && this.phase !== 'done';
  }

  /** Starts the sign-in. Call synchronously from the click handler (the popup opens right here). */
  start(): void {
    const auth = this.form.auth();
    const client = this.form.client();
    const definitionId = this.form.definitionId();
    if (!auth) return;
    if (this.flow?.active) {
      this.flow.focusPopup();
      return;
    }
    const { t } = this.form;
    if (!client || !definitionId) {
      this.outcome({ status: 'error', reason: 'consent-failed', error: new ApiError('invalid_token', t('oauthNoClient')) });
      return;
    }
    if (this.form.validateInputs && !this.form.validateInputs(auth.inputPaths)) {
      this.setNotice('error', t('oauthInputsFirst'), false);
      return;
    }
    const redirect_url = this.form.redirectUrl();
    const source_id = this.form.sourceId() || undefined;
    const oauth_input_configuration = this.inputConfiguration();
    this.flow?.dispose();
    this.notice = undefined;
    const flow = new OAuthFlow({
      loadingText: t('oauthOpening', this.form.connectorName()),
      getConsentUrl: (signal) =>
        getEmbeddedConsentUrl(client, { source_definition_id: definitionId, redirect_url, source_id, oauth_input_configuration }, { signal }),
      complete: (query_params, signal) => completeSourceOAuth(client, { source_definition_id: definitionId, redirect_url, query_params, source_id }, { signal }),
      onPhase: (p) => {
        if (this.flow !== flow) return;
        this.phase = p === 'done' ? 'idle' : p === 'waiting' && flow.blocked ? 'blocked' : p;
        if (p === 'opening') this.form.announce(t('oauthOpening', this.form.connectorName()));
        this.host.requestUpdate();
      },
      onOutcome: (o) => {
        if (this.flow === flow) this.outcome(o);
      },
    });
    this.flow = flow;
    flow.start();
  }

  /** Gives up the running sign-in (the Cancel button). */
  cancel(): void {
    this.flow?.cancel();
  }

  /** Forgets the sign-in state (form reset, another template). */
  reset(): void {
    this.flow?.dispose();
    this.flow = undefined;
    this.phase = 'idle';
    this.notice = undefined;
    this.justSignedIn = false;
    this.host.requestUpdate();
  }

  private setNotice(status: OAuthStatus, message: string, fire = true) {
    this.notice = { status, message };
    this.form.announce(message);
    if (fire) this.host.dispatchEvent(new AbOAuthEvent({ status, message }));
    this.host.requestUpdate();
  }

  private outcome(o: OAuthOutcome) {
    const { t } = this.form;
    const name = this.form.connectorName();
    const detail = (e: unknown, fallback?: string) => fallback || (e instanceof Error && e.message) || t('errorTitle');
    switch (o.reason) {
      case 'signed-in': {
        this.apply(o.payload ?? {});
        this.justSignedIn = true;
        this.phase = 'idle';
        this.setNotice('success', t('oauthSucceeded', name));
        return;
      }
      case 'blocked':
        this.phase = 'blocked';
        this.setNotice('blocked', t('oauthBlocked'));
        void this.host.updateComplete.then(() => (this.host as unknown as { renderRoot?: ParentNode }).renderRoot?.querySelector<HTMLElement>('[part~="oauth-link"]')?.focus());
        return;
      case 'denied':
        return this.setNotice('denied', t('oauthDenied', name));
      case 'provider-error':
        return this.setNotice('error', t('oauthProviderError', name, o.description ?? ''));
      case 'closed':
        this.phase = 'idle';
        return this.setNotice('cancelled', t('oauthClosed'));
      case 'cancelled':
        return this.setNotice('cancelled', t('oauthCancelled'));
      case 'unknown-state':
        return this.setNotice('error', t('oauthUnknownState'));
      case 'invalid-consent-url':
        return this.setNotice('error', t('oauthInvalidUrl'));
      case 'consent-failed':
        if (o.error) this.form.reportError(o.error);
        return this.setNotice('error', t('oauthStartFailed', detail(o.error)));
      case 'complete-failed':
        if (o.error) this.form.reportError(o.error);
        return this.setNotice('error', t('oauthCompleteFailed', detail(o.error, o.description)));
    }
  }

  /** Writes `auth_payload` at each key's `path_in_connector_config`, and the predicate at its value. */
  private apply(payload: Record<string, unknown>) {
    const auth = this.form.auth();
    if (!auth) return;
    const specs = { ...propsOf(auth.config.complete_oauth_server_output_specification), ...propsOf(auth.config.complete_oauth_output_specification) };
    const entries: { path: string[]; value: unknown }[] = [];
    for (const [key, value] of Object.entries(payload)) {
      const prop = specs[key];
      // Keys the spec does not declare have no place in the config.
      if (prop) entries.push({ path: pathOf(key, prop), value });
    }
    if (auth.predicateKey && auth.predicateValue !== undefined) entries.push({ path: auth.predicateKey, value: auth.predicateValue });
    this.form.apply(entries);
  }

  /**
   * The sign-in block. `id` is the button's id (the form focuses it from the error summary) and prefixes
   * the other ids; `required` is the form's "sign in first" error for it, when shown.
   */
  render(id = 'ab-oauth', required?: string): TemplateResult {
    const { t } = this.form;
    const name = this.form.connectorName();
    const signedIn = this.signedIn();
    const running = this.active;
    const notice = this.notice;
    const missing0 = !!required && !signedIn && !running;
    const statusText =
      this.phase === 'opening'
        ? t('oauthOpening', name)
        : this.phase === 'waiting'
          ? t('oauthWaiting', name)
          : this.phase === 'completing'
            ? t('oauthCompleting')
            : this.phase === 'blocked'
              ? t('oauthBlocked')
              : signedIn
                ? t('oauthSignedIn', name)
                : '';
    const noticeText = notice && notice.status !== 'success' && notice.status !== 'blocked' && !running ? notice.message : '';
    const missing = missing0 && !noticeText;
    const describedBy = [statusText && `${id}-status`, noticeText && `${id}-notice`, missing && `${id}-required`].filter(Boolean).join(' ');
    return html`<div class="oauth" part="oauth" data-state=${signedIn && !running ? 'signed-in' : this.phase}>
      <div class="oauth-row">
        <button
          type="button"
          id=${id}
          class="ab-button"
          part="oauth-button"
          data-variant=${signedIn ? 'secondary' : 'primary'}
          aria-describedby=${describedBy || nothing}
          aria-busy=${running ? 'true' : 'false'}
          @click=${() => this.start()}
        >
          ${signedIn && !running ? t('oauthReauthenticate') : t('oauthSignIn', name)}
        </button>
        ${running
          ? html`<button type="button" class="ab-button" part="oauth-cancel" @click=${() => this.cancel()}>${t('oauthCancel')}</button>`
          : nothing}
      </div>
      ${statusText
        ? html`<p class="oauth-status" part="oauth-status" id="${id}-status" data-signed-in=${signedIn && !running ? 'true' : 'false'}>
            ${running && this.phase !== 'blocked' ? html`<span class="ab-spinner" aria-hidden="true"></span>` : nothing}${statusText}
          </p>`
        : nothing}
      ${this.phase === 'blocked' && this.flow?.consentUrl
        ? html`<p class="oauth-fallback"><a part="oauth-link" href=${this.flow.consentUrl} target="_blank" rel="noopener noreferrer">${t('oauthOpenInTab', name)}</a></p>`
        : nothing}
      ${noticeText ? html`<p class="oauth-notice ab-error-text" part="oauth-notice" id="${id}-notice">${noticeText}</p>` : nothing}
      ${missing ? html`<p class="ab-error-text" part="oauth-required" id="${id}-required">${required}</p>` : nothing}
    </div>`;
  }
}
