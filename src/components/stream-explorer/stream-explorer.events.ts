import { AbEvent } from '../../internal/events.js';
import type { ConfiguredCatalog } from './stream-explorer.types.js';

/** The user changed the selection or a stream's choices; `detail` is the configured catalog (the new `value`). */
export class AbStreamsChangeEvent extends AbEvent<ConfiguredCatalog> {
  constructor(detail: ConfiguredCatalog) {
    super('ab-streams-change', detail);
  }
}

/** A discovery finished and its catalog is shown; `detail.streams` is the number of streams. */
export class AbCatalogLoadEvent extends AbEvent<{ sourceId: string; streams: number }> {
  constructor(detail: { sourceId: string; streams: number }) {
    super('ab-catalog-load', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'ab-streams-change': AbStreamsChangeEvent;
    'ab-catalog-load': AbCatalogLoadEvent;
  }
}
