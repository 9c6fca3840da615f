// First-start seed: one organization, the 48 fixture connectors as source definitions, one source
// template per definition in the organization (tags + partial defaults from fixtures/seed.json), the
// same set as "global" templates to clone, and one connection template. Ids are name-derived.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from './db.js';
import { getMeta, setMeta } from './db.js';
import { nameUuid } from './ids.js';

type SeedFile = {
  organization: { name: string };
  templates: Record<string, { tags?: string[]; partial_default_config?: Record<string, unknown>; customization?: unknown; name?: string }>;
  connection_templates: Array<{
    key: string; destination_name: string; destination_definition_id: string; destination_config: Record<string, unknown>;
    cron_expression?: string | null; non_breaking_changes_preference?: string; sync_on_create?: boolean; tags?: string[];
  }>;
};

export const ORGANIZATION_ID = nameUuid('organization:sandbox');
export const templateIdFor = (slug: string) => nameUuid(`source-template:${slug}`);
export const globalTemplateIdFor = (slug: string) => nameUuid(`global-source-template:${slug}`);
export const tagIdFor = (name: string) => nameUuid(`template-tag:${name}`);

export const DEFAULT_CUSTOMIZATION = { stream_selection_mode: 'suggested', stream_whitelist: null, stream_customizations: null, stream_mappers: null };

/** Fixture connectors: folder name (slug) → parsed spec.json and whether icon.svg exists. */
export function readConnectors(fixturesDir: string) {
  const dir = join(fixturesDir, 'connectors');
  return readdirSync(dir)
    .filter((slug) => statSync(join(dir, slug)).isDirectory() && existsSync(join(dir, slug, 'spec.json')))
    .sort()
    .map((slug) => ({
      slug,
      spec: JSON.parse(readFileSync(join(dir, slug, 'spec.json'), 'utf8')) as Record<string, any>,
      hasIcon: existsSync(join(dir, slug, 'icon.svg')),
    }));
}

/** Source definitions are refreshed from the fixtures on every start; the rest is seeded once. */
export function seed(db: DB, fixturesDir: string, now: number) {
  const file = JSON.parse(readFileSync(join(fixturesDir, 'seed.json'), 'utf8')) as SeedFile;
  const connectors = readConnectors(fixturesDir);
  const upsertDef = db.prepare(`INSERT INTO source_definitions (id, slug, name, docker_repository, docker_image_tag, support_level,
      release_stage, documentation_url, spec, has_icon) VALUES (@id, @slug, @name, @docker_repository, @docker_image_tag,
      @support_level, @release_stage, @documentation_url, @spec, @has_icon)
    ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, name = excluded.name, docker_repository = excluded.docker_repository,
      docker_image_tag = excluded.docker_image_tag, support_level = excluded.support_level, release_stage = excluded.release_stage,
      documentation_url = excluded.documentation_url, spec = excluded.spec, has_icon = excluded.has_icon`);
  db.transaction(() => {
    for (const { slug, spec, hasIcon } of connectors) {
      upsertDef.run({
        id: spec.definitionId ?? nameUuid(`source-definition:${slug}`),
        slug,
        name: spec.name ?? slug,
        docker_repository: spec.dockerRepository ?? null,
        docker_image_tag: spec.dockerImageTag ?? null,
        support_level: spec.supportLevel ?? null,
        release_stage: spec.releaseStage ?? null,
        documentation_url: spec.documentationUrl ?? null,
        spec: JSON.stringify(spec),
        has_icon: hasIcon ? 1 : 0,
      });
    }
    if (getMeta(db, 'seeded_at')) return;
    const org = ORGANIZATION_ID;
    db.prepare('INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)').run(org, file.organization.name, now);
    const insTpl = db.prepare(`INSERT INTO source_templates (id, organization_id, definition_id, name, partial_default_config,
      customization, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`);
    const insTag = db.prepare('INSERT OR IGNORE INTO template_tags (id, organization_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    const link = db.prepare('INSERT OR IGNORE INTO source_template_tags (template_id, tag_id) VALUES (?, ?)');
    for (const { slug, spec } of connectors) {
      const meta = file.templates[slug] ?? {};
      const defId = spec.definitionId ?? nameUuid(`source-definition:${slug}`);
      const name = meta.name ?? spec.name ?? slug;
      const customization = JSON.stringify(meta.customization ?? DEFAULT_CUSTOMIZATION);
      insTpl.run(globalTemplateIdFor(slug), null, defId, name, '{}', customization, now, now);
      insTpl.run(templateIdFor(slug), org, defId, name, JSON.stringify(meta.partial_default_config ?? {}), customization, now, now);
      for (const tag of meta.tags ?? []) {
        insTag.run(tagIdFor(tag), org, tag, now, now);
        link.run(templateIdFor(slug), tagIdFor(tag));
      }
    }
    const insConn = db.prepare(`INSERT INTO connection_templates (id, organization_id, data_hosting_type, destination_name,
      destination_definition_id, destination_config, cron_expression, non_breaking_changes_preference, sync_on_create,
      created_at, updated_at, deleted_at) VALUES (?, ?, 'user_hosted', ?, ?, ?, ?, ?, ?, ?, ?, NULL)`);
    const linkConn = db.prepare('INSERT OR IGNORE INTO connection_template_tags (template_id, tag_id) VALUES (?, ?)');
    for (const c of file.connection_templates) {
      const id = nameUuid(`connection-template:${c.key}`);
      insConn.run(id, org, c.destination_name, c.destination_definition_id, JSON.stringify(c.destination_config), c.cron_expression ?? null,
        c.non_breaking_changes_preference ?? 'ignore', c.sync_on_create === false ? 0 : 1, now, now);
      for (const tag of c.tags ?? []) {
        insTag.run(tagIdFor(tag), org, tag, now, now);
        linkConn.run(id, tagIdFor(tag));
      }
    }
    setMeta(db, 'seeded_at', String(now));
  })();
}
