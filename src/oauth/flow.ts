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
import { broadcastChannelOf, isOAuthCallbackMessage, OAUTH_CALLBACK_CHANNEL, queryToObject } from './callback.js';

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
  /** `window.open` features (default `popup,width=600,height=700`). */
  popupFeatures?: string;
  /** How often `popup.closed` is polled, ms (default 500). */
  closePollMs?: number;
  /** How long a closed popup may still deliver its message, ms (default 1500). */
  closeGraceMs?: number;
}

/** Parses and checks a consent URL: http(s) only, with a `state`. Returns null when unusable. */
export function parseConsentUrl(value: unknown): { url: URL; state: string; query: Record<string, string> } | null {
  try {
    const url = new URL(value as string);
    const state = url.searchParams.get('state');
    return typeof value == 'string' && /^https?:$/.test(url.protocol) && state ? { url, state, query: queryToObject(url.search) } : null;
  } catch {
    return null;
  }
}

/** Runs `f`, ignoring what it throws (windows that went away or turned cross-origin). */
const quietly = <T>(f: () => T): T | undefined => {
  try {
    return f();
  } catch {
    return undefined;
  }
};

export class OAuthFlow {
  /** The consent URL this flow opened (http(s), checked), once the API answered. */
  consentUrl: string | undefined;
  /** True when the popup was blocked: show a link to `consentUrl` (new tab) instead. */
  blocked = false;
  #phase: OAuthPhase = 'idle';
  #state: string | undefined;
  #consentQuery: Record<string, string> = {};
  #popup: Window | null = null;
  #channel: BroadcastChannel | null = null;
  #abort: AbortController | null = null;
  #poll: ReturnType<typeof setInterval> | undefined;
  #grace: ReturnType<typeof setTimeout> | undefined;
  readonly #o: OAuthFlowOptions;
  readonly #win: Window;

  constructor(options: OAuthFlowOptions) {
    this.#o = options;
    this.#win = options.window ?? window;
  }

  get phase(): OAuthPhase {
    return this.#phase;
  }

  /** True while a sign-in is under way (popup or tab open, or the code being exchanged). */
  get active(): boolean {
    return /^(opening|waiting|completing)$/.test(this.#phase);
  }

  /**
   * Starts a sign-in. Call it synchronously in the click handler (no `await` before it). While a flow
   * is under way it only brings the popup to the front.
   */
  start(): void {
    if (this.active) return this.focusPopup();
    this.#teardown(false);
    this.blocked = false;
    this.consentUrl = this.#state = undefined;
    // A new window every time (`_blank`); `popup` makes it a popup wherever the feature is known, and a
    // width makes older browsers' heuristics open one too.
    const popup = (this.#popup = quietly(() => this.#win.open('', '_blank', this.#o.popupFeatures ?? 'popup,width=600,height=700')) ?? null);
    const text = this.#o.loadingText;
    // Same-origin about:blank until navigated: say what is happening instead of a blank window.
    if (popup && text) quietly(() => (popup.document.title = popup.document.body.textContent = text));
    const Channel = broadcastChannelOf(this.#win);
    this.#channel = (Channel && quietly(() => new Channel(OAUTH_CALLBACK_CHANNEL))) || null;
    if (this.#channel) this.#channel.onmessage = (e) => this.#receive(e.data, false);
    this.#win.addEventListener('message', this.#onMessage);
    this.#call(this.#o.getConsentUrl, (value: string) => {
      const parsed = parseConsentUrl(value);
      if (!parsed) return this.#finish({ status: 'error', reason: 'invalid-consent-url' });
      this.consentUrl = parsed.url.href;
      this.#state = parsed.state;
      this.#consentQuery = parsed.query;
      this.#setPhase('waiting');
      const p = this.#popup;
      if (p && !p.closed && quietly(() => (p.location.href = this.consentUrl!))) return this.#watch();
      this.#popup = null;
      this.blocked = true;
      this.#o.onOutcome({ status: 'blocked', reason: 'blocked' });
    }, 'consent-failed', 'opening');
  }

  /** Stops the sign-in the user gave up on: closes the popup, forgets the state, reports `cancelled`. */
  cancel(): void {
    if (this.#phase != 'idle' || this.#state) this.#finish({ status: 'cancelled', reason: 'cancelled' });
  }

  /** Stops everything without reporting (the element went away). */
  dispose(): void {
    this.#teardown(true);
    this.#phase = 'idle';
  }

  /** Brings the popup to the front, if there is one. */
  focusPopup(): void {
    quietly(() => this.#popup && !this.#popup.closed && this.#popup.focus());
  }

  /** Runs one API call under a fresh AbortController: `then` with its answer, `reason` for its failure. */
  #call<A extends unknown[], T>(f: (...a: [...A, AbortSignal]) => Promise<T>, then: (v: T) => void, reason: OAuthReason, phase: OAuthPhase, ...args: A) {
    const abort = (this.#abort = new AbortController());
    this.#setPhase(phase);
    f.call(this.#o, ...args, abort.signal).then(
      (v) => abort.signal.aborted || then(v),
      (error: unknown) => abort.signal.aborted || this.#finish({ status: 'error', reason, error }),
    );
  }

  #setPhase(phase: OAuthPhase) {
    if (this.#phase != phase) this.#o.onPhase?.((this.#phase = phase));
  }

  #finish(outcome: OAuthOutcome) {
    this.#teardown(true);
    this.#state = undefined;
    this.#setPhase('done');
    this.#o.onOutcome(outcome);
  }

  #teardown(closePopup: boolean) {
    this.#abort?.abort();
    this.#abort = null;
    this.#stopWatch();
    this.#channel?.close();
    this.#channel = null;
    this.#win.removeEventListener('message', this.#onMessage);
    if (closePopup) this.#close();
  }

  #close() {
    quietly(() => this.#popup && !this.#popup.closed && this.#popup.close());
    this.#popup = null;
  }

  #stopWatch() {
    clearInterval(this.#poll);
    clearTimeout(this.#grace);
  }

  readonly #onMessage = (e: MessageEvent) => {
    if (e.origin == this.#win.location.origin) this.#receive(e.data, !!this.#popup && e.source === this.#popup);
  };

  #watch() {
    this.#poll = setInterval(() => {
      if (!(quietly(() => !this.#popup || this.#popup.closed) ?? false)) return;
      clearInterval(this.#poll);
      this.#grace = setTimeout(() => {
        if (this.#phase != 'waiting') return;
        // Not final: the state stays valid and the listeners stay on, so a late callback still completes.
        this.#popup = null;
        this.#setPhase('idle');
        this.#o.onOutcome({ status: 'cancelled', reason: 'closed' });
      }, this.#o.closeGraceMs ?? 1500);
    }, this.#o.closePollMs ?? 500);
  }

  #receive(data: unknown, ownPopup: boolean) {
    if (!isOAuthCallbackMessage(data) || !this.#state || !/^(waiting|idle)$/.test(this.#phase)) return;
    const { query } = data;
    const { error, error_description } = query;
    // Some providers drop `state` on an error redirect: from our own popup, the error still counts.
    if (query.state !== this.#state && !(ownPopup && query.state === undefined && error)) {
      if (ownPopup) this.#finish({ status: 'error', reason: 'unknown-state' });
      return;
    }
    this.#stopWatch();
    this.#close();
    const description = error_description || error;
    if (error) return this.#finish(error == 'access_denied' ? { status: 'denied', reason: 'denied', description } : { status: 'error', reason: 'provider-error', description });
    // Some providers drop parameters of the consent URL: send both, the callback's winning.
    this.#call(
      this.#o.complete,
      (a: OAuthCompleteAnswer) =>
        this.#finish(
          a?.request_succeeded && a.auth_payload && typeof a.auth_payload == 'object'
            ? { status: 'success', reason: 'signed-in', payload: a.auth_payload }
            : { status: 'error', reason: 'complete-failed', description: a?.request_error ?? undefined },
        ),
      'complete-failed',
      'completing',
      { ...this.#consentQuery, ...query },
    );
  }
}
