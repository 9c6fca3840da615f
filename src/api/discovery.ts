/**
 * Source-level schema discovery (contract §10): start a discovery, read the discovered catalog, list streams,
 * and template catalogs for operators. These paths are documented by Airbyte but absent from its OpenAPI
 * document; the sandbox's choices are in sandbox/README.md ("Discovery"). Free functions over
 * `EmbeddedClient.request`, so the client core stays the only code that speaks HTTP.
 */
import type { EmbeddedClient } from './client.js';
import { isApiError } from './errors.js';
import { encodePath, hasArray, hasStrings, poll, type CallOptions, type PollOptions } from './http.js';

// ---------------------------------------------------------------- types

export const SYNC_MODES = ['full_refresh', 'incremental'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

/** `SonarStream.foreign_keys[]`: `field_name` of this stream references `referenced_stream_name.referenced_field_name`. */
export interface ForeignKey {
  field_name: string;
  referenced_stream_name: string;
  referenced_field_name: string;
  is_hierarchical?: boolean | null;
}

/** One discovered stream: the Airbyte protocol's `AirbyteStream` plus the curated Sonar keys. Only `name` is required. */
export interface AirbyteStream {
  name: string;
  namespace?: string | null;
  json_schema?: Record<string, unknown> | null;
  supported_sync_modes?: SyncMode[] | null;
  source_defined_cursor?: boolean | null;
  default_cursor_field?: string[] | null;
  source_defined_primary_key?: string[][] | null;
  is_resumable?: boolean | null;
  /** Curated (sandbox extras, from the Sonar catalog). */
  description?: string | null;
  data_category?: string | null;
  suggested?: boolean | null;
  is_metric?: boolean | null;
  pii_fields?: string[] | null;
  foreign_keys?: ForeignKey[] | null;
}

/** A discovered catalog, as `GET …/sources/{id}/catalog/query` answers it. */
export interface StreamCatalog {
  streams: AirbyteStream[];
  /** Sandbox extras: the discovery job that produced this catalog and when it finished. */
  job_id?: string;
  discovered_at?: string;
}

/** `POST …/sources/{id}/discover` answer. */
export interface DiscoverJob {
  job_id: string;
  status: 'pending' | 'running' | 'succeeded' | 'failed' | string;
}

/** `GET …/sources/{id}/streams` items. */
export interface StreamListItem {
  name: string;
  namespace?: string | null;
}

/** `SonarStream` (all keys optional). */
export interface SonarStream {
  name?: string;
  description?: string | null;
  data_category?: string | null;
  suggested?: boolean;
  is_metric?: boolean;
  cursor_fields?: string[] | null;
  primary_key_fields?: string[][] | null;
  pii_fields?: string[] | null;
  immutable_fields?: string[] | null;
  field_tags?: { field_name: string; tag: string }[] | null;
  foreign_keys?: ForeignKey[] | null;
  json_schema?: Record<string, unknown> | null;
}

export interface SonarCatalog {
  streams: SonarStream[];
  /** Deprecated upstream. */
  selected_streams?: string[] | null;
}

/** `GET /api/v1/integrations/templates/sources/{id}/catalog` answer. */
export interface TemplateCatalogResponse {
  id: string;
  source_template_id: string;
  sonar_catalog: SonarCatalog | null;
}

// ---------------------------------------------------------------- calls

/** `POST /api/v1/integrations/sources/{id}/discover`: starts a discovery. Never retried automatically. */
export function discoverSource(client: EmbeddedClient, sourceId: string, options?: CallOptions): Promise<DiscoverJob> {
  return client.request({ method: 'POST', path: encodePath`/api/v1/integrations/sources/${sourceId}/discover`, body: {}, expect: hasStrings('job_id') }, options);
}

/**
 * `GET /api/v1/integrations/sources/{id}/catalog/query`: the last discovered catalog. Rejects with an
 * `ApiError` of code `not_found` while no discovery has completed.
 */
export function getSourceCatalog(client: EmbeddedClient, sourceId: string, options?: CallOptions): Promise<StreamCatalog> {
  return client.request({ method: 'GET', path: encodePath`/api/v1/integrations/sources/${sourceId}/catalog/query`, expect: hasArray('streams') }, options);
}

/** `GET /api/v1/integrations/sources/{id}/streams`: names (and namespaces) of the discovered streams. */
export async function listSourceStreams(client: EmbeddedClient, sourceId: string, options?: CallOptions): Promise<StreamListItem[]> {
  return (await client.request<{ streams: StreamListItem[] }>({ method: 'GET', path: encodePath`/api/v1/integrations/sources/${sourceId}/streams`, expect: hasArray('streams') }, options)).streams;
}

/** `GET /api/v1/integrations/sources/{id}/streams/{name}`: one discovered stream. */
export function getSourceStream(client: EmbeddedClient, sourceId: string, streamName: string, options: CallOptions & { namespace?: string } = {}): Promise<AirbyteStream> {
  return client.request(
    { method: 'GET', path: encodePath`/api/v1/integrations/sources/${sourceId}/streams/${streamName}`, query: { namespace: options.namespace }, expect: hasStrings('name') },
    options,
  );
}

/** What `waitForCatalog` reports while it waits. */
export interface DiscoveryProgress {
  /** `running` while the catalog is not there yet. */
  status: 'running' | 'succeeded';
  /** Since `waitForCatalog` started, in ms. */
  elapsedMs: number;
  /** Polls made so far. */
  attempts: number;
}

/** Polling backoff (`PollOptions`); `maxWaitMs` defaults to 300 000. */
export interface WaitForCatalogOptions extends PollOptions {
  /** The job `discoverSource` returned: an older catalog (from a previous discovery) is not accepted. */
  jobId?: string;
  onProgress?: (p: DiscoveryProgress) => void;
}

/**
 * Polls `getSourceCatalog` with backoff (250 ms → 2 s) until a catalog is there (and, with `jobId`, is the
 * one that job produced when the server says so), treating 404 as "not yet". Other errors reject (a failed
 * discovery answers 422 with the reason). Cancel with `signal`.
 */
export function waitForCatalog(client: EmbeddedClient, sourceId: string, options: WaitForCatalogOptions = {}): Promise<StreamCatalog> {
  const { jobId, onProgress } = options;
  return poll(async (attempts, started) => {
    const catalog = await getSourceCatalog(client, sourceId, options).catch((e) => {
      if (!isApiError(e, 'not_found')) throw e;
    });
    const fresh = catalog && (!jobId || typeof catalog.job_id != 'string' || catalog.job_id == jobId) ? catalog : undefined;
    onProgress?.({ status: fresh ? 'succeeded' : 'running', elapsedMs: Date.now() - started, attempts });
    return fresh;
  }, options, 300_000);
}
