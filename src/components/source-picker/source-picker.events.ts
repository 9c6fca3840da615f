import { AbEvent } from '../../internal/events.js';

export interface AbSourceSelectDetail {
  /** Id of the chosen source template. */
  templateId: string;
  name: string;
  /** The template's icon as the API gave it (a URL), or `null`. */
  icon: string | null;
  tags: string[];
}

/**
 * `ab-source-select`: the user chose a source template. Cancelable: `preventDefault()` vetoes the choice
 * and the picker keeps its previous `value`. Bubbles, composed.
 */
export class AbSourceSelectEvent extends AbEvent<AbSourceSelectDetail> {
  constructor(detail: AbSourceSelectDetail) {
    super('ab-source-select', detail, true);
  }
}

declare global {
  interface HTMLElementEventMap {
    'ab-source-select': AbSourceSelectEvent;
  }
}
