// Data access and response shapes (snake_case as the API answers), shared by the route files.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxContext } from './context.js';
import { iso, json } from './db.js';
import { forbidden, notFound, tagsMatch, type TagsMode } from './http.js';
import { newId } from './ids.js';
import { maskSecrets, userConfigSpec } from './spec.js';
import type { Auth } from './auth.js';
import type {
  ConnectionTemplate, ConnectorDefinitionSummarized, NonBreakingChangesPreference, ConnectorSpecification, Source, SourceListItem, SourceTemplate, SourceTemplateListItem,
  TemplateTag, Workspace,
} from '../src/api/types.js';

export const US_REGION = '645a183f-b12b-4c6e-8ad3-99e165603450';
export const EU_REGION = 'b9e48d61-f082-4a14-a8d0-799a907938cb';

// ---------------------------------------------------------------- workspaces
export type WorkspaceRow = {
  id: string; organization_id: string; name: string; status: 'active' | 'inactive'; region_id: string;
  created_at: number; updated_at: number; deleted_at: number | null;
};

export const workspaceJson = (w: WorkspaceRow): Workspace => ({
  id: w.id,
  name: w.name,
  organization_id: w.organization_id,
  status: w.status,
  created_at: iso(w.created_at)!,
  updated_at: iso(w.updated_at)!,
});

/** Get-or-create by exact name within the organization (what the token endpoints do). */
export function getOrCreateWorkspace(sb: SandboxContext, name: string, regionId: string | null): WorkspaceRow {
  const existing = sb.db
    .prepare('SELECT * FROM workspaces WHERE organization_id = ? AND name = ? AND deleted_at IS NULL ORDER BY created_at LIMIT 1')
    .get(sb.organizationId, name) as WorkspaceRow | undefined;
  if (existing) return existing;
  const now = sb.now();
  const row: WorkspaceRow = { id: newId(), organization_id: sb.organizationId, name, status: 'active', region_id: regionId ?? US_REGION, created_at: now, updated_at: now, deleted_at: null };
  sb.db.prepare('INSERT INTO workspaces VALUES (@id, @organization_id, @name, @status, @region_id, @created_at, @updated_at, @deleted_at)').run(row);
  return row;
}

export function getWorkspace(sb: SandboxContext, id: string, orgId: string): WorkspaceRow {
  const w = sb.db.prepare('SELECT * FROM workspaces WHERE id = ? AND deleted_at IS NULL').get(id) as WorkspaceRow | undefined;
  if (!w || w.organization_id !== orgId) throw notFound('Workspace');
  return w;
}

// ---------------------------------------------------------------- source definitions
export type DefinitionRow = {
  id: string; slug: string; name: string; docker_repository: string | null; docker_image_tag: string | null;
  support_level: string | null; release_stage: string | null; documentation_url: string | null; spec: string; has_icon: number;
};

export const iconUrl = (origin: string, d: Pick<DefinitionRow, 'slug' | 'has_icon'>) => (d.has_icon ? `${origin}/icons/${d.slug}.svg` : null);

const SUPPORT_LEVELS = ['archived', 'certified', 'community', 'none'];

export const definitionSummary = (d: DefinitionRow, origin: string): ConnectorDefinitionSummarized => ({
  sourceDefinitionId: d.id,
  destinationDefinitionId: null,
  name: d.name,
  iconUrl: iconUrl(origin, d),
  custom: false,
  supportLevel: d.support_level && SUPPORT_LEVELS.includes(d.support_level) ? (d.support_level as ConnectorDefinitionSummarized['supportLevel']) : null,
});

/** The ConnectorSpecification envelope: documentationUrl, connectionSpecification, advanced_auth. */
export function definitionSpec(d: DefinitionRow): Record<string, any> {
  const raw = json<Record<string, any>>(d.spec);
  const out: Record<string, any> = { documentationUrl: raw.documentationUrl ?? null, connectionSpecification: raw.connectionSpecification };
  if (raw.advanced_auth) out.advanced_auth = raw.advanced_auth;
  return out;
}

export function getDefinition(sb: SandboxContext, id: string): DefinitionRow {
  const d = sb.db.prepare('SELECT * FROM source_definitions WHERE id = ?').get(id) as DefinitionRow | undefined;
  if (!d) throw notFound('Source definition');
  return d;
}

// ---------------------------------------------------------------- tags
export type TagRow = { id: string; organization_id: string; name: string; created_at: number; updated_at: number };

export const tagJson = (t: TagRow): TemplateTag => ({ id: t.id, name: t.name, organization_id: t.organization_id, created_at: iso(t.created_at), updated_at: iso(t.updated_at) });

/** The tag row for a name, created when missing (tagging a template auto-creates the tag). */
export function ensureTag(sb: SandboxContext, orgId: string, name: string): TagRow {
  const t = sb.db.prepare('SELECT * FROM template_tags WHERE organization_id = ? AND name = ?').get(orgId, name) as TagRow | undefined;
  if (t) return t;
  const now = sb.now();
  const row: TagRow = { id: newId(), organization_id: orgId, name, created_at: now, updated_at: now };
  sb.db.prepare('INSERT INTO template_tags VALUES (@id, @organization_id, @name, @created_at, @updated_at)').run(row);
  return row;
}

const tagsOf = (sb: SandboxContext, table: 'source_template_tags' | 'connection_template_tags', id: string): string[] =>
  (sb.db.prepare(`SELECT t.name FROM ${table} x JOIN template_tags t ON t.id = x.tag_id WHERE x.template_id = ? ORDER BY t.name`).all(id) as { name: string }[]).map((r) => r.name);

export const sourceTemplateTags = (sb: SandboxContext, id: string) => tagsOf(sb, 'source_template_tags', id);
export const connectionTemplateTags = (sb: SandboxContext, id: string) => tagsOf(sb, 'connection_template_tags', id);

// ---------------------------------------------------------------- source templates
export type TemplateRow = {
  id: string; organization_id: string | null; definition_id: string; name: string; partial_default_config: string;
  customization: string | null; created_at: number; updated_at: number; deleted_at: number | null;
};

export function getTemplate(sb: SandboxContext, id: string, orgId: string, opts: { includeDeleted?: boolean; includeGlobal?: boolean } = {}): TemplateRow {
  const t = sb.db.prepare('SELECT * FROM source_templates WHERE id = ?').get(id) as TemplateRow | undefined;
  if (!t || (t.deleted_at != null && !opts.includeDeleted)) throw notFound('Source template');
  if (t.organization_id !== orgId && !(opts.includeGlobal && t.organization_id === null)) throw notFound('Source template');
  return t;
}

const catalogFixture = new Map<string, boolean>();
/** Whether the connector has a catalog fixture (what the definition catalog endpoint serves). */
function hasCatalog(sb: SandboxContext, slug: string): boolean {
  let v = catalogFixture.get(slug);
  if (v === undefined) catalogFixture.set(slug, (v = existsSync(join(sb.fixturesDir, 'connectors', slug, 'catalog.json'))));
  return v;
}

export function templateListItem(sb: SandboxContext, t: TemplateRow, origin: string): SourceTemplateListItem {
  const d = getDefinition(sb, t.definition_id);
  const catalog = hasCatalog(sb, d.slug);
  return {
    id: t.id,
    name: t.name,
    icon: iconUrl(origin, d),
    tags: sourceTemplateTags(sb, t.id),
    customization: json(t.customization),
    has_source_definition_catalog: catalog,
    catalog_type: catalog ? ('structured' as const) : null,
    created_at: iso(t.created_at),
    updated_at: iso(t.updated_at),
  };
}

export function templateJson(sb: SandboxContext, t: TemplateRow, origin: string): SourceTemplate {
  const d = getDefinition(sb, t.definition_id);
  const pdc = json<Record<string, unknown>>(t.partial_default_config);
  return {
    id: t.id,
    name: t.name,
    icon: iconUrl(origin, d),
    source_definition_id: d.id,
    user_config_spec: userConfigSpec(definitionSpec(d), pdc) as ConnectorSpecification,
    partial_default_config: pdc,
    customization: json(t.customization),
    tags: sourceTemplateTags(sb, t.id),
    created_at: iso(t.created_at),
    updated_at: iso(t.updated_at),
  };
}

/** Whether a scoped token's widget filter lets its end user see this template. */
export function templateVisible(sb: SandboxContext, auth: Auth, t: TemplateRow): boolean {
  return tagsMatch(sourceTemplateTags(sb, t.id), auth.sourceTags, auth.sourceTagsMode);
}

export function listOrgTemplates(sb: SandboxContext, orgId: string | null): TemplateRow[] {
  return sb.db
    .prepare(`SELECT * FROM source_templates WHERE organization_id ${orgId === null ? 'IS NULL' : '= ?'} AND deleted_at IS NULL ORDER BY name COLLATE NOCASE, id`)
    .all(...(orgId === null ? [] : [orgId])) as TemplateRow[];
}

// ---------------------------------------------------------------- connection templates
export type ConnectionTemplateRow = {
  id: string; organization_id: string; data_hosting_type: 'user_hosted' | 'airbyte_hosted'; destination_name: string;
  destination_definition_id: string; destination_config: string; cron_expression: string | null;
  non_breaking_changes_preference: NonBreakingChangesPreference; sync_on_create: number; created_at: number; updated_at: number; deleted_at: number | null;
};

export function connectionTemplateJson(sb: SandboxContext, t: ConnectionTemplateRow): ConnectionTemplate {
  return {
    id: t.id,
    organization_id: t.organization_id,
    destination_name: t.destination_name,
    destination_definition_id: t.destination_definition_id,
    destination_config: json(t.destination_config),
    icon: null,
    cron_expression: t.cron_expression,
    non_breaking_changes_preference: t.non_breaking_changes_preference,
    sync_on_create: !!t.sync_on_create,
    data_hosting_type: t.data_hosting_type,
    tags: connectionTemplateTags(sb, t.id),
    created_at: iso(t.created_at),
    updated_at: iso(t.updated_at),
  };
}

export function getConnectionTemplate(sb: SandboxContext, id: string, orgId: string): ConnectionTemplateRow {
  const t = sb.db.prepare('SELECT * FROM connection_templates WHERE id = ? AND deleted_at IS NULL').get(id) as ConnectionTemplateRow | undefined;
  if (!t || t.organization_id !== orgId) throw notFound('Connection template');
  return t;
}

export function matchingConnectionTemplates(sb: SandboxContext, orgId: string, filters: { tags: string[]; mode: TagsMode }[]): ConnectionTemplateRow[] {
  const all = sb.db.prepare('SELECT * FROM connection_templates WHERE organization_id = ? AND deleted_at IS NULL ORDER BY created_at, id').all(orgId) as ConnectionTemplateRow[];
  return all.filter((t) => {
    const tags = connectionTemplateTags(sb, t.id);
    return filters.every((f) => tagsMatch(tags, f.tags, f.mode));
  });
}

// ---------------------------------------------------------------- sources
export type SourceRow = {
  id: string; workspace_id: string; template_id: string; name: string; user_config: string; config: string;
  created_at: number; updated_at: number; deleted_at: number | null;
};

/** Loads a live source the token may see: 404 when unknown/deleted/other organization, 403 for another workspace. */
export function getSource(sb: SandboxContext, auth: Auth, id: string): SourceRow {
  const s = sb.db.prepare('SELECT * FROM sources WHERE id = ? AND deleted_at IS NULL').get(id) as SourceRow | undefined;
  if (!s) throw notFound('Source');
  const ws = sb.db.prepare('SELECT organization_id FROM workspaces WHERE id = ? AND deleted_at IS NULL').get(s.workspace_id) as { organization_id: string } | undefined;
  if (!ws || ws.organization_id !== auth.organizationId) throw notFound('Source');
  if (auth.kind === 'scoped' && s.workspace_id !== auth.workspaceId) throw forbidden('Scoped token trying to access resources in different workspace');
  return s;
}

/** A source's template (deleted or not: the source keeps it). */
export const templateOf = (sb: SandboxContext, s: Pick<SourceRow, 'template_id'>) =>
  sb.db.prepare('SELECT * FROM source_templates WHERE id = ?').get(s.template_id) as TemplateRow;

export function sourceJson(sb: SandboxContext, s: SourceRow, origin: string): Source {
  const t = templateOf(sb, s);
  const d = getDefinition(sb, t.definition_id);
  return {
    id: s.id,
    name: s.name,
    source_template: templateJson(sb, t, origin),
    source_config: maskSecrets(definitionSpec(d).connectionSpecification, json(s.user_config)) as Record<string, unknown>,
    created_at: iso(s.created_at),
    updated_at: iso(s.updated_at),
  };
}

export function sourceListItem(sb: SandboxContext, s: SourceRow, origin: string): SourceListItem {
  const t = templateOf(sb, s);
  return { id: s.id, name: s.name, summarized_source_template: templateListItem(sb, t, origin), created_at: iso(s.created_at), updated_at: iso(s.updated_at) };
}
