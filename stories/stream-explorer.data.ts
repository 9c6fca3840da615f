// Data helpers for the stream-explorer stories and tests (no JSON imports, so browser tests can use it):
// curated metadata merged into a fixture catalog (what the sandbox's discovery answers), a generated
// catalog of any size, and a stand-in client for the discovery states (no network).
import { ApiError } from '../src/api/errors.js';
import type { EmbeddedClient } from '../src/api/client.js';
import type { AirbyteStream, StreamCatalog } from '../src/api/discovery.js';

/** The shape of sandbox/catalog-metadata/<connector>.json. */
export type CuratedMetadata = { streams: Record<string, { description?: string; data_category?: string; suggested?: boolean; pii?: string[]; fk?: unknown[][] }> };

/** A fixture catalog with curated keys merged in (description, category, suggested, PII, foreign keys), as the sandbox's discovery answers it. */
export function withCuration(catalog: StreamCatalog, meta: CuratedMetadata): StreamCatalog {
  return {
    streams: catalog.streams.map((raw) => {
      const s: AirbyteStream = structuredClone(raw);
      const m = meta.streams[s.name];
      if (!m) return s;
      Object.assign(s, { description: m.description, data_category: m.data_category, suggested: !!m.suggested });
      if (m.pii) s.pii_fields = m.pii;
      if (m.fk) s.foreign_keys = m.fk.map(([f, rs, rf, h]) => ({ field_name: String(f), referenced_stream_name: String(rs), referenced_field_name: String(rf), is_hierarchical: !!h }));
      return s;
    }),
  };
}

/** `n` generated streams of `fields` fields (an id, a cursor, a nested object, the rest scalars). */
export function bigCatalog(n: number, fields = 30): StreamCatalog {
  const categories = ['contact', 'event', 'transaction', 'product', 'log'];
  const streams: AirbyteStream[] = [];
  for (let i = 0; i < n; i++) {
    const properties: Record<string, unknown> = {
      id: { type: 'string' },
      updated_at: { type: ['null', 'string'], format: 'date-time' },
      address: { type: ['null', 'object'], properties: { city: { type: ['null', 'string'] }, zip: { type: ['null', 'string'] } } },
    };
    for (let k = 3; k < fields; k++) properties[`field_${k}_of_${i}`] = { type: ['null', k % 3 ? 'string' : 'integer'] };
    streams.push({
      name: `stream_${String(i).padStart(5, '0')}`,
      json_schema: { type: 'object', properties },
      supported_sync_modes: ['full_refresh', 'incremental'],
      source_defined_cursor: true,
      default_cursor_field: ['updated_at'],
      source_defined_primary_key: [['id']],
      suggested: i % 10 === 0,
      data_category: categories[i % categories.length],
      pii_fields: i % 7 === 0 ? ['address'] : undefined,
    });
  }
  return { streams };
}

/**
 * A stand-in `EmbeddedClient` for `<ab-stream-explorer source-id>`: discovery starts at once and the
 * catalog arrives after `delay` ms (`Infinity`: never), or the wait fails with `fail`.
 */
export function fakeDiscoveryClient({ catalog, delay = 600, fail }: { catalog?: StreamCatalog; delay?: number; fail?: ApiError }): EmbeddedClient {
  const request = (spec: { method: string }, { signal }: { signal?: AbortSignal } = {}) =>
    new Promise((resolve, reject) => {
      const aborted = () => reject(new ApiError('aborted', 'The request was cancelled.'));
      if (signal?.aborted) return aborted();
      if (spec.method === 'POST') return resolve({ job_id: 'discover_story', status: 'running' });
      if (delay === Infinity) return signal?.addEventListener('abort', aborted);
      const t = setTimeout(() => (fail ? reject(fail) : resolve({ ...(catalog ?? { streams: [] }), job_id: 'discover_story' })), delay);
      signal?.addEventListener('abort', () => {
        clearTimeout(t);
        aborted();
      });
    });
  return { request } as unknown as EmbeddedClient;
}
