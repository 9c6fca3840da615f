/**
 * The opener side of an OAuth sign-in: opens the provider's consent page in a popup, waits for the
 * callback page (`relayOAuthCallback`) to hand back the redirect's query, and completes the flow.
 *
 * Robustness rules (the usual popup failures):
 * - `start()` must be called synchronously inside the click handler: it opens an empty popup at once
 *   (before any `await`, so Safari and Chrome do not block it) and navigates it once the consent URL
 *   has arrived.
 * - A blocked popup is reported (`blocked`) and the flow keeps waiting: the caller shows a link to the
 *   consent URL that opens in a new tab; its callback arrives on the BroadcastChannel all the same.
 * - Only messages from this page's own origin carrying the exact `state` of the consent URL this flow
 *   opened are accepted; anything else is ignored (a message from our own popup with another state is
 *   an error: the provider answered some other request).
 * - Popup closing is detected best-effort (`popup.closed` polling, with a grace period for the message
 *   still in flight; COOP can make a live popup look closed): after `cancelled` for a closed window the
 *   flow still accepts a late callback. `cancel()` always works.
 *
 * No DOM rendering and no HTTP here: the caller supplies `getConsentUrl` and `complete` (API calls)
 * and turns outcomes into UI and events.
 */
import { isOAuthCallbackMessage, OAUTH_CALLBACK_CHANNEL } from './callback.js';

export type OAuthStatus = 'success' | 'denied' | 'blocked' | 'cancelled' | 'error';

/** Why an outcome happened; the caller turns it into a translated message. */
export type OAuthReason =
  | 'signed-in'
  | 'blocked'
  | 'denied'
  | 'provider-error'
  | 'closed'
  | 'cancelled'
  | 'unknown-state'
  | 'invalid-consent-url'
  | 'consent-failed'
  | 'complete-failed';

export interface OAuthOutcome {
  status: OAuthStatus;
  reason: OAuthReason;
  /** Text from the provider or the API (`error_description`, `request_error`): plain text, never HTML. */
  description?: string;
  /** The thrown error, for `consent-failed` and `complete-failed`. */
  error?: unknown;
  /** `auth_payload` of a successful `complete`. */
  payload?: Record<string, unknown>;
}

/**
 * `idle` nothing running · `opening` popup open, consent URL requested · `waiting` consent page shown,
 * waiting for the callback · `completing` exchanging the code · `done` finished (see the last outcome).
 */
export type OAuthPhase = 'idle' | 'opening' | 'waiting' | 'completing' | 'done';

/** The answer of `POST /internal/oauth/sources/complete`. */
export interface OAuthCompleteAnswer {
  request_succeeded: boolean;
  auth_payload?: Record<string, unknown> | null;
  request_error?: string | null;
}

export interface OAuthFlowOptions {
  /** Asks the API for the consent URL (`get_embedded_consent_url`). */
  getConsentUrl(signal: AbortSignal): Promise<string>;
  /** Exchanges the redirect's query (`complete`). */
  complete(queryParams: Record<string, string>, signal: AbortSignal): Promise<OAuthCompleteAnswer>;
  /** Every outcome: `blocked` and a detected close are not final (a late callback still completes). */
  onOutcome(outcome: OAuthOutcome): void;
  /** Every phase change. */
  onPhase?(phase: OAuthPhase): void;
  /** The window that opens the popup and receives messages (default: `window`). */
  window?: Window;
  /** Text shown in the popup while the consent URL is on its way (plain text). */
  loadingText?: string;
  /** `window.open` features (default: a 600×700 popup). */
  popupFeatures?: string;
  /** How often `popup.closed` is polled, ms (default 500). */
  closePollMs?: number;
  /** How long a closed popup may still deliver its message, ms (default 1500). */
  closeGraceMs?: number;
}

const DEFAULT_FEATURES = 'popup=yes,toolbar=no,menubar=no,width=600,height=700';

/** Parses and checks a consent URL: http(s) only, with a `state`. Returns null when unusable. */
export function parseConsentUrl(value: unknown): { url: URL; state: string; query: Record<string, string> } | null {
  if (typeof value !== 'string') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const state = url.searchParams.get('state');
  if (!state) return null;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  return { url, state, query };
}

let counter = 0;

export class OAuthFlow {
  /** The consent URL this flow opened (http(s), checked), once the API answered. */
  consentUrl: string | undefined;
  /** True when the popup was blocked: show a link to `consentUrl` (new tab) instead. */
  blocked = false;
  private _phase: OAuthPhase = 'idle';
  private state: string | undefined;
  private consentQuery: Record<string, string> = {};
  private popup: Window | null = null;
  private channel: BroadcastChannel | null = null;
  private controller: AbortController | null = null;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly win: Window;

  constructor(private readonly options: OAuthFlowOptions) {
    this.win = options.window ?? window;
  }

  get phase(): OAuthPhase {
    return this._phase;
  }

  /** True while a sign-in is under way (popup or tab open, or the code being exchanged). */
  get active(): boolean {
    return this._phase === 'opening' || this._phase === 'waiting' || this._phase === 'completing';
  }

  /**
   * Starts a sign-in. Call it synchronously in the click handler (no `await` before it). While a flow
   * is under way it only brings the popup to the front.
   */
  start(): void {
    if (this.active) {
      this.focusPopup();
      return;
    }
    this.teardown(false);
    this.blocked = false;
    this.consentUrl = undefined;
    this.state = undefined;
    let popup: Window | null = null;
    try {
      popup = this.win.open('', `ab-oauth-${Date.now().toString(36)}-${counter++}`, this.options.popupFeatures ?? DEFAULT_FEATURES);
    } catch {
      popup = null;
    }
    this.popup = popup;
    if (popup && this.options.loadingText) {
      try {
        // Same-origin about:blank until navigated: say what is happening instead of a blank window.
        popup.document.title = this.options.loadingText;
        popup.document.body.textContent = this.options.loadingText;
      } catch {
        // not scriptable: leave it blank
      }
    }
    this.listen();
    const controller = new AbortController();
    this.controller = controller;
    this.setPhase('opening');
    this.options.getConsentUrl(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        const parsed = parseConsentUrl(value);
        if (!parsed) {
          this.finish({ status: 'error', reason: 'invalid-consent-url' });
          return;
        }
        this.consentUrl = parsed.url.href;
        this.state = parsed.state;
        this.consentQuery = parsed.query;
        this.setPhase('waiting');
        if (this.popup && !this.popup.closed) {
          try {
            this.popup.location.href = this.consentUrl;
            this.watchPopup();
            return;
          } catch {
            // fall through to the link
          }
        }
        this.popup = null;
        this.blocked = true;
        this.options.onOutcome({ status: 'blocked', reason: 'blocked' });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.finish({ status: 'error', reason: 'consent-failed', error });
      },
    );
  }

  /** Stops the sign-in the user gave up on: closes the popup, forgets the state, reports `cancelled`. */
  cancel(): void {
    if (this._phase === 'idle' && !this.state) return;
    this.finish({ status: 'cancelled', reason: 'cancelled' });
  }

  /** Stops everything without reporting (the element went away). */
  dispose(): void {
    this.teardown(true);
    this._phase = 'idle';
  }

  /** Brings the popup to the front, if there is one. */
  focusPopup(): void {
    try {
      if (this.popup && !this.popup.closed) this.popup.focus();
    } catch {
      // ignore
    }
  }

  private setPhase(phase: OAuthPhase) {
    if (this._phase === phase) return;
    this._phase = phase;
    this.options.onPhase?.(phase);
  }

  private finish(outcome: OAuthOutcome) {
    this.teardown(true);
    this.state = undefined;
    this.setPhase('done');
    this.options.onOutcome(outcome);
  }

  private teardown(closePopup: boolean) {
    this.controller?.abort();
    this.controller = null;
    clearInterval(this.pollTimer);
    clearTimeout(this.graceTimer);
    this.pollTimer = this.graceTimer = undefined;
    this.channel?.close();
    this.channel = null;
    this.win.removeEventListener('message', this.onWindowMessage);
    if (closePopup) this.closePopup();
  }

  private closePopup() {
    try {
      if (this.popup && !this.popup.closed) this.popup.close();
    } catch {
      // ignore
    }
    this.popup = null;
  }

  private listen() {
    const Channel = (this.win as Window & { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
    if (typeof Channel === 'function') {
      try {
        this.channel = new Channel(OAUTH_CALLBACK_CHANNEL);
        this.channel.onmessage = (e) => this.receive(e.data, false);
      } catch {
        this.channel = null;
      }
    }
    this.win.addEventListener('message', this.onWindowMessage);
  }

  private readonly onWindowMessage = (e: MessageEvent) => {
    if (e.origin !== this.win.location.origin) return;
    this.receive(e.data, this.popup !== null && e.source === this.popup);
  };

  private watchPopup() {
    clearInterval(this.pollTimer);
    this.pollTimer = setInterval(() => {
      let closed = false;
      try {
        closed = !this.popup || this.popup.closed;
      } catch {
        closed = false;
      }
      if (!closed) return;
      clearInterval(this.pollTimer);
      this.pollTimer = undefined;
      this.graceTimer = setTimeout(() => {
        if (this._phase !== 'waiting') return;
        // Not final: the state stays valid and the listeners stay on, so a late callback still completes.
        this.popup = null;
        this.setPhase('idle');
        this.options.onOutcome({ status: 'cancelled', reason: 'closed' });
      }, this.options.closeGraceMs ?? 1500);
    }, this.options.closePollMs ?? 500);
  }

  private receive(data: unknown, fromOwnPopup: boolean) {
    if (!isOAuthCallbackMessage(data) || !this.state) return;
    if (this._phase !== 'waiting' && this._phase !== 'idle') return;
    const query = data.query;
    // Some providers drop `state` on an error redirect: from our own popup, the error still counts.
    const ownStatelessError = fromOwnPopup && query.state === undefined && !!query.error;
    if (query.state !== this.state && !ownStatelessError) {
      if (fromOwnPopup) this.finish({ status: 'error', reason: 'unknown-state' });
      return;
    }
    clearInterval(this.pollTimer);
    clearTimeout(this.graceTimer);
    this.closePopup();
    if (query.error) {
      const description = query.error_description || query.error;
      this.finish(query.error === 'access_denied' ? { status: 'denied', reason: 'denied', description } : { status: 'error', reason: 'provider-error', description });
      return;
    }
    // Some providers drop parameters of the consent URL: send both, the callback's winning.
    const merged = { ...this.consentQuery, ...query };
    const controller = new AbortController();
    this.controller = controller;
    this.setPhase('completing');
    this.options.complete(merged, controller.signal).then(
      (answer) => {
        if (controller.signal.aborted) return;
        if (answer?.request_succeeded && answer.auth_payload && typeof answer.auth_payload === 'object') {
          this.finish({ status: 'success', reason: 'signed-in', payload: answer.auth_payload });
        } else {
          this.finish({ status: 'error', reason: 'complete-failed', description: answer?.request_error ?? undefined });
        }
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.finish({ status: 'error', reason: 'complete-failed', error });
      },
    );
  }
}
