import { AbEvent } from '../../internal/events.js';
import type { OAuthStatus } from '../../oauth/flow.js';

export interface AbOAuthDetail {
  /** `success`, `denied` (the user or provider refused), `blocked` (popup blocked: a link is shown), `cancelled`, `error`. */
  status: OAuthStatus;
  /** The message shown to the user (translated, plain text). */
  message: string;
}

/** Fired by `<ab-source-form>` at each outcome of an OAuth sign-in. */
export class AbOAuthEvent extends AbEvent<AbOAuthDetail> {
  constructor(detail: AbOAuthDetail) {
    super('ab-oauth', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'ab-oauth': AbOAuthEvent;
  }
}
