import { html } from 'lit';

/** The polite live region `AbElement.announce()` writes into. Render it once per element. */
export const liveRegion = () => html`<div class="visually-hidden" role="status" aria-live="polite" data-ab-live></div>`;
