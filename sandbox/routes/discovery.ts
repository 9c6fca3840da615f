// Schema discovery (contract §10): source-level discovery for end users and operators, and the
// curated catalogs operators read per template and per definition. Answered from the connector's
// fixture catalog plus hand-written metadata (sandbox/catalog-metadata/<connector>.json).
// Documented by Airbyte but absent from its OpenAPI document: the choices are in sandbox/README.md
// ("Discovery"). Discoveries live in memory (a restart forgets them; the sources stay).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import type { AppEnv, SandboxContext } from '../context.js';
import type { RouteModule } from './index.js';
import { authorize } from '../auth.js';
import { json } from '../db.js';
import { HttpError, isObject, notFound, uuidParam } from '../http.js';
import { nameUuid, newId } from '../ids.js';
import { getDefinition, getSource, getTemplate, templateOf, type DefinitionRow, type SourceRow, type TemplateRow } from '../repo.js';
import { dottedPath, findString } from '../spec.js';

/** A string value equal to this anywhere in a source's config makes its discoveries fail (see README). */
export const FAIL_DISCOVER_VALUE = 'sandbox-fail-discover';

type Stream = Record<string, any> & { name: string; namespace?: string | null };
type Curated = {
  description?: string;
  data_category?: string;
  suggested?: boolean;
  pii?: string[];
  fk?: [string, string, string, boolean?][];
};
type Job = { id: string; sourceId: string; createdAt: number; durationMs: number; error: string | null };
type Discovered = { streams: Stream[]; jobId: string; at: number };

const METADATA_DIR = fileURLToPath(new URL('../catalog-metadata/', import.meta.url));

/** Per-sandbox state: jobs, the latest job per source, and the catalogs discoveries produced. */
class DiscoveryStore {
  readonly jobs = new Map<string, Job>();
  readonly latest = new Map<string, string>();
  readonly catalogs = new Map<string, Discovered>();
  readonly fixtures = new Map<string, Stream[] | null>();
  readonly metadata = new Map<string, Record<string, Curated> | null>();
}
const stores = new WeakMap<SandboxContext, DiscoveryStore>();
const storeOf = (sb: SandboxContext) => {
  let s = stores.get(sb);
  if (!s) stores.set(sb, (s = new DiscoveryStore()));
  return s;
};

/** The curated metadata of a connector (by fixture folder name), or null. */
export function curatedMetadata(slug: string, st?: DiscoveryStore): Record<string, Curated> | null {
  const cached = st?.metadata.get(slug);
  if (cached !== undefined) return cached;
  const file = join(METADATA_DIR, `${slug}.json`);
  const value = existsSync(file) ? ((JSON.parse(readFileSync(file, 'utf8')) as { streams: Record<string, Curated> }).streams ?? null) : null;
  st?.metadata.set(slug, value);
  return value;
}

/** The connector's fixture catalog streams (raw Airbyte protocol), or null when it has none. */
function fixtureStreams(sb: SandboxContext, slug: string): Stream[] | null {
  const st = storeOf(sb);
  const cached = st.fixtures.get(slug);
  if (cached !== undefined) return cached;
  const file = join(sb.fixturesDir, 'connectors', slug, 'catalog.json');
  let streams: Stream[] | null = null;
  if (existsSync(file)) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { streams?: unknown };
    streams = Array.isArray(raw.streams) ? (raw.streams as Stream[]) : null;
  }
  st.fixtures.set(slug, streams);
  return streams;
}

const foreignKeys = (c: Curated | undefined) =>
  (c?.fk ?? []).map(([field_name, referenced_stream_name, referenced_field_name, hier]) => ({
    field_name,
    referenced_stream_name,
    referenced_field_name,
    is_hierarchical: !!hier,
  }));

/**
 * The source-level catalog: fixture streams (a deep copy), the template's `stream_customizations`
 * applied (primary key, cursor), and the curated keys added where the connector has metadata.
 */
export function discoveredStreams(sb: SandboxContext, d: DefinitionRow, t: TemplateRow | null): Stream[] | null {
  const base = fixtureStreams(sb, d.slug);
  if (!base) return null;
  const meta = curatedMetadata(d.slug, storeOf(sb));
  const customizations = (t ? json<Record<string, any> | null>(t.customization)?.stream_customizations : null) ?? {};
  return base.map((raw) => {
    const s = structuredClone(raw);
    const custom = isObject(customizations[s.name]) ? customizations[s.name] : undefined;
    if (Array.isArray(custom?.primary_key_fields)) s.source_defined_primary_key = custom.primary_key_fields;
    if (Array.isArray(custom?.cursor_field)) {
      s.default_cursor_field = custom.cursor_field;
      s.source_defined_cursor = true;
    }
    const c = meta?.[s.name];
    if (c) {
      if (c.description) s.description = c.description;
      if (c.data_category) s.data_category = c.data_category;
      s.suggested = !!c.suggested;
      if (c.pii?.length) s.pii_fields = c.pii;
      if (c.fk?.length) s.foreign_keys = foreignKeys(c);
    }
    return s;
  });
}

/** The Sonar catalog (`SonarCatalog`) of a connector, as template and definition catalogs answer it. */
export function sonarCatalog(sb: SandboxContext, d: DefinitionRow, t: TemplateRow | null, selectedOnly = false) {
  const streams = discoveredStreams(sb, d, t);
  if (!streams) return null;
  let list = streams.map((s) => ({
    name: s.name,
    description: s.description ?? null,
    data_category: s.data_category ?? null,
    suggested: !!s.suggested,
    is_metric: s.data_category === 'metric',
    cursor_fields: Array.isArray(s.default_cursor_field) ? s.default_cursor_field : [],
    primary_key_fields: Array.isArray(s.source_defined_primary_key) ? s.source_defined_primary_key : [],
    pii_fields: s.pii_fields ?? [],
    immutable_fields: [] as string[],
    field_tags: null,
    foreign_keys: s.foreign_keys ?? null,
    json_schema: s.json_schema ?? {},
  }));
  if (selectedOnly) {
    const c = (t ? json<Record<string, any> | null>(t.customization) : null) ?? {};
    const mode = c.stream_selection_mode ?? 'suggested';
    if (mode === 'whitelist') list = list.filter((s) => (c.stream_whitelist ?? []).includes(s.name));
    else if (mode === 'suggested' && list.some((s) => s.suggested)) list = list.filter((s) => s.suggested);
  }
  return { streams: list, selected_streams: null };
}

function noCatalog(d: DefinitionRow): HttpError {
  const message = `Discovery is not available for ${d.name} in the sandbox: there is no catalog fixture for this connector.`;
  return new HttpError(422, message, [{ field: null, message, error_code: 'discovery_unavailable' }]);
}

/** Moves a finished successful job's catalog into place; returns the source's latest job. */
function settle(sb: SandboxContext, s: SourceRow): Job | undefined {
  const st = storeOf(sb);
  const jobId = st.latest.get(s.id);
  const job = jobId ? st.jobs.get(jobId) : undefined;
  if (!job || sb.now() < job.createdAt + job.durationMs || job.error) return job;
  if (st.catalogs.get(s.id)?.jobId !== job.id) {
    const t = templateOf(sb, s);
    const streams = discoveredStreams(sb, getDefinition(sb, t.definition_id), t) ?? [];
    st.catalogs.set(s.id, { streams, jobId: job.id, at: job.createdAt + job.durationMs });
  }
  return job;
}

const jobStatus = (sb: SandboxContext, j: Job) => (sb.now() < j.createdAt + j.durationMs ? 'running' : j.error ? 'failed' : 'succeeded');

/** The last discovered catalog: 404 until one discovery finished, 422 when the latest one failed. */
function catalogOf(c: Context<AppEnv>, sb: SandboxContext): { source: SourceRow; found: Discovered } {
  const auth = authorize(c, sb, ['scoped', 'application']);
  const source = getSource(sb, auth, uuidParam(c));
  const job = settle(sb, source);
  if (job?.error && jobStatus(sb, job) === 'failed') {
    throw new HttpError(422, job.error, [{ field: null, message: job.error, error_code: 'discovery_failed' }]);
  }
  const found = storeOf(sb).catalogs.get(source.id);
  if (!found) {
    const t = templateOf(sb, source);
    const d = getDefinition(sb, t.definition_id);
    if (!fixtureStreams(sb, d.slug)) throw noCatalog(d);
    throw new HttpError(
      404,
      job
        ? 'The discovery of this source is still running: poll this endpoint again shortly.'
        : 'This source has not been discovered yet: call POST /api/v1/integrations/sources/{source_id}/discover first.',
    );
  }
  return { source, found };
}

const routes: RouteModule = (app, sb) => {
  const base = '/api/v1/integrations/sources/:id';

  app.post(`${base}/discover`, (c) => {
    const auth = authorize(c, sb, ['scoped', 'application']);
    const source = getSource(sb, auth, uuidParam(c));
    const t = templateOf(sb, source);
    const d = getDefinition(sb, t.definition_id);
    if (!fixtureStreams(sb, d.slug)) throw noCatalog(d);
    const path = findString(json(source.config), FAIL_DISCOVER_VALUE);
    const job: Job = {
      id: `discover_${newId()}`,
      sourceId: source.id,
      createdAt: sb.now(),
      durationMs: Math.max(0, sb.opts.checkDelayMs),
      error: path ? `Discovery failed: ${d.name} refused to list its streams (sandbox: "${FAIL_DISCOVER_VALUE}" in ${dottedPath(path)}).` : null,
    };
    const st = storeOf(sb);
    st.jobs.set(job.id, job);
    st.latest.set(source.id, job.id);
    return c.json({ job_id: job.id, status: jobStatus(sb, job) });
  });

  app.get(`${base}/discover/:job_id`, (c) => {
    const auth = authorize(c, sb, ['scoped', 'application']);
    const source = getSource(sb, auth, uuidParam(c));
    const job = storeOf(sb).jobs.get(c.req.param('job_id'));
    if (!job || job.sourceId !== source.id) throw notFound('Discovery job');
    settle(sb, source);
    const status = jobStatus(sb, job);
    return c.json({ job_id: job.id, status, error_message: status === 'failed' ? job.error : null });
  });

  app.get(`${base}/catalog/query`, (c) => {
    const { found } = catalogOf(c, sb);
    return c.json({ streams: found.streams, job_id: found.jobId, discovered_at: new Date(found.at).toISOString() });
  });

  app.get(`${base}/streams`, (c) => {
    const { found } = catalogOf(c, sb);
    return c.json({ streams: found.streams.map((s) => (s.namespace ? { name: s.name, namespace: s.namespace } : { name: s.name })) });
  });

  app.get(`${base}/streams/:stream_name`, (c) => {
    const { found } = catalogOf(c, sb);
    const name = c.req.param('stream_name');
    const ns = c.req.query('namespace');
    const stream = found.streams.find((s) => s.name === name && (ns === undefined || (s.namespace ?? '') === ns));
    if (!stream) throw notFound(`Stream "${name}"`);
    return c.json(stream);
  });

  // ------------------------------------------------------------- operators (application token)
  app.get('/api/v1/integrations/templates/sources/:id/catalog', (c) => {
    const auth = authorize(c, sb, ['application']);
    const t = getTemplate(sb, uuidParam(c), auth.organizationId, { includeGlobal: true });
    const d = getDefinition(sb, t.definition_id);
    const selected = c.req.query('selected') === 'true';
    return c.json({ id: nameUuid(`template-catalog:${t.id}`), source_template_id: t.id, sonar_catalog: sonarCatalog(sb, d, t, selected) });
  });

  app.get('/api/v1/integrations/definitions/sources/:id/catalog', (c) => {
    authorize(c, sb, ['application']);
    const d = getDefinition(sb, uuidParam(c));
    const catalog = sonarCatalog(sb, d, null);
    return c.json({
      id: nameUuid(`definition-catalog:${d.id}`),
      name: d.name,
      source_definition_id: d.id,
      sonar_catalog: catalog,
      catalog_type: catalog ? 'structured' : null,
      blessed: curatedMetadata(d.slug, storeOf(sb)) !== null,
    });
  });
};

export default routes;
