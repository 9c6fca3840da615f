import type { CheckStatusValue, Source } from '../../api/types.js';
import { AbEvent } from '../../internal/events.js';

/** `ab-before-submit`: the form is valid and about to be checked/submitted. Cancelable: `preventDefault()` stops it. */
export class AbBeforeSubmitEvent extends AbEvent<{ value: Record<string, unknown> }> {
  constructor(detail: { value: Record<string, unknown> }) {
    super('ab-before-submit', detail, true);
  }
}

/** `ab-check`: progress of the connection check, with the API's statuses (and `cancelled` when the user stops it). */
export class AbCheckEvent extends AbEvent<{ status: CheckStatusValue; message?: string }> {
  constructor(detail: { status: CheckStatusValue; message?: string }) {
    super('ab-check', detail);
  }
}

/** `ab-source-created`: the check passed and the source was created. */
export class AbSourceCreatedEvent extends AbEvent<{ source: Source }> {
  constructor(detail: { source: Source }) {
    super('ab-source-created', detail);
  }
}

/** `ab-source-updated`: the check passed and the source was saved (edit mode). */
export class AbSourceUpdatedEvent extends AbEvent<{ source: Source }> {
  constructor(detail: { source: Source }) {
    super('ab-source-updated', detail);
  }
}

/** `ab-submit`: spec mode (no template or source id): the form is valid; `value` is the config to use. */
export class AbSubmitEvent extends AbEvent<{ value: Record<string, unknown> }> {
  constructor(detail: { value: Record<string, unknown> }) {
    super('ab-submit', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'ab-before-submit': AbBeforeSubmitEvent;
    'ab-check': AbCheckEvent;
    'ab-source-created': AbSourceCreatedEvent;
    'ab-source-updated': AbSourceUpdatedEvent;
    'ab-submit': AbSubmitEvent;
  }
}
