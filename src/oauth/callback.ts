/**
 * The OAuth callback relay: the code that runs on the page a provider redirects back to (the host's
 * `oauth-redirect-url`). It hands the redirect's query to the page that started the sign-in and closes
 * the window. Side-effect free: importing this module does nothing (also safe in Node); call
 * `relayOAuthCallback()` from the callback page. The kit ships that page ready-made as
 * `dist/oauth-callback.html` and `dist/cdn/oauth-callback.html` (script in a sibling file, so it runs
 * under a strict Content-Security-Policy without `unsafe-inline`).
 */

/** Name of the `BroadcastChannel` the callback page and the form share. */
export const OAUTH_CALLBACK_CHANNEL = 'ab-oauth-callback';

/** The message the callback page sends to the form, on the channel and through `window.opener`. */
export interface OAuthCallbackMessage {
  type: 'ab-oauth-callback';
  /** Every query parameter of the redirect (`code`, `state`, `error`, `error_description`, …). */
  query: Record<string, string>;
}

/** True when `data` has the shape of an `OAuthCallbackMessage` (string values only). */
export function isOAuthCallbackMessage(data: unknown): data is OAuthCallbackMessage {
  const { type, query } = (data ?? {}) as { type?: unknown; query?: unknown };
  return type === 'ab-oauth-callback' && typeof query == 'object' && !!query && !Array.isArray(query) && Object.values(query).every((v) => typeof v == 'string');
}

/** The query of a URL's `search` part as a plain object (the last value wins for a repeated key). */
export const queryToObject = (search: string): Record<string, string> => Object.fromEntries(new URLSearchParams(search));

/** @internal The window's `BroadcastChannel` constructor, where it has one (the relay here and the flow that listens). */
export const broadcastChannelOf = (win: Window) => (win as Window & { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;

export interface RelayOptions {
  /** Close the window after relaying (default `true`). Browsers only let a script close a window a script opened. */
  close?: boolean;
  /** Milliseconds to wait before closing, so the channel message leaves first (default 250). */
  closeDelay?: number;
}

/**
 * Relays the current page's redirect query to the opener: posts `{type: 'ab-oauth-callback', query}`
 * on the `ab-oauth-callback` BroadcastChannel (reaches the form even when the browser severed
 * `window.opener`, e.g. a tab opened from the fallback link) and to `window.opener` with this page's
 * own origin as the target (so nothing reaches a cross-origin opener); then closes the window.
 * Returns the message it sent. Never throws.
 */
export function relayOAuthCallback(win: Window = window, options: RelayOptions = {}): OAuthCallbackMessage {
  const message: OAuthCallbackMessage = { type: 'ab-oauth-callback', query: queryToObject(win.location.search) };
  try {
    const Channel = broadcastChannelOf(win);
    if (typeof Channel === 'function') {
      const channel = new Channel(OAUTH_CALLBACK_CHANNEL);
      channel.postMessage(message);
      channel.close();
    }
  } catch {
    // BroadcastChannel unavailable (e.g. a storage-partitioned context): the opener path may still work.
  }
  try {
    if (win.opener && win.opener !== win) win.opener.postMessage(message, win.location.origin);
  } catch {
    // The opener is gone or cross-origin: the channel message is the other path.
  }
  if (options.close !== false) {
    win.setTimeout(() => {
      try {
        win.close();
      } catch {
        // ignore: the page keeps its "you can close this window" text
      }
    }, options.closeDelay ?? 250);
  }
  return message;
}
