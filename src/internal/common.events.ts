import type { ApiErrorCode, FieldError } from '../api/errors.js';
import { AbEvent } from './events.js';

export interface AbErrorDetail {
  /** An `ApiError` code, or `unknown` for anything else. */
  code: ApiErrorCode | 'unknown';
  /** Human-readable; never contains a token. */
  message: string;
  /** HTTP status, when there was an answer. */
  status?: number;
  fieldErrors?: FieldError[];
}

/** `ab-error`: a request of the element failed (aborted requests never fire it). Bubbles, composed. */
export class AbErrorEvent extends AbEvent<AbErrorDetail> {
  constructor(detail: AbErrorDetail) {
    super('ab-error', detail);
  }
}

/**
 * `ab-token-expired`: the server rejected the token and no `tokenProvider` could renew it. Set a new
 * `token` on the element: its pending work is retried with it. Bubbles, composed; fired once per token.
 */
export class AbTokenExpiredEvent extends AbEvent<{ expiresAt?: number }> {
  constructor(detail: { expiresAt?: number } = {}) {
    super('ab-token-expired', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'ab-error': AbErrorEvent;
    'ab-token-expired': AbTokenExpiredEvent;
  }
}
