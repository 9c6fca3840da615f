/**
 * Data shapes of `<ab-stream-explorer>`. The input is the catalog a source-level discovery answers
 * (`AirbyteStream`s, optionally with the curated Sonar keys); the output is a configured catalog.
 */
export type { AirbyteStream, ForeignKey, StreamCatalog, SyncMode } from '../../api/discovery.js';
import type { SyncMode } from '../../api/discovery.js';

export const SELECTION_MODES = ['suggested', 'all', 'whitelist'] as const;
/** Mirrors a source template's `customization.stream_selection_mode`. */
export type SelectionMode = (typeof SELECTION_MODES)[number];

/** One chosen stream. `namespace` is present only when the stream has one; `selected_fields` only when some fields are excluded. */
export interface ConfiguredStream {
  name: string;
  namespace?: string;
  sync_mode: SyncMode;
  cursor_field: string[];
  primary_key: string[][];
  selected_fields?: string[][];
}

/** The explorer's `value` and the `ab-streams-change` detail: the selected streams only. */
export interface ConfiguredCatalog {
  streams: ConfiguredStream[];
}
