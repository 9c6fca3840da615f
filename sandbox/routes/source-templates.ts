// Source templates: operator CRUD, clone, global, tag/untag (application token) and the end-user
// list/get (scoped token, filtered by the widget token's tags). §6.
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import type { RouteModule } from './index.js';
import { authorize } from '../auth.js';
import { iso, json } from '../db.js';
import { BodyReader, isObject, notFound, readJson, requestOrigin, tagQuery, tagsMatch, uuidParam } from '../http.js';
import { newId } from '../ids.js';
import {
  ensureTag, getDefinition, getTemplate, listOrgTemplates, sourceTemplateTags, templateJson, templateListItem, templateVisible,
  type TemplateRow,
} from '../repo.js';
import { deepMerge } from '../spec.js';
import { DEFAULT_CUSTOMIZATION } from '../seed.js';

const MAPPER_TYPES = ['hashing', 'field-renaming', 'field-filtering', 'row-filtering', 'encryption'];

/** Reads and checks `customization` (SourceTemplateCustomization | null). */
export function readCustomization(r: BodyReader): Record<string, unknown> | null | undefined {
  const v = r.obj.customization;
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (!isObject(v)) {
    r.add('customization', 'Input should be a valid dictionary', 'dict_type');
    return undefined;
  }
  const mode = v.stream_selection_mode ?? 'suggested';
  if (!['suggested', 'all', 'whitelist'].includes(mode as string)) r.add('customization.stream_selection_mode', "Input should be 'suggested', 'all' or 'whitelist'", 'enum');
  const wl = v.stream_whitelist ?? null;
  if (wl !== null && !(Array.isArray(wl) && wl.every((s) => typeof s === 'string'))) r.add('customization.stream_whitelist', 'Input should be a valid list of strings', 'list_type');
  if (mode === 'whitelist' && (!Array.isArray(wl) || !wl.length)) r.add('customization.stream_whitelist', 'stream_whitelist must list at least one stream when stream_selection_mode is "whitelist"', 'value_error');
  const sc = v.stream_customizations ?? null;
  if (sc !== null) {
    if (!isObject(sc)) r.add('customization.stream_customizations', 'Input should be a valid dictionary', 'dict_type');
    else for (const [k, c] of Object.entries(sc)) if (!isObject(c)) r.add(`customization.stream_customizations.${k}`, 'Input should be a valid dictionary', 'dict_type');
  }
  const sm = v.stream_mappers ?? null;
  if (sm !== null) {
    if (!isObject(sm)) r.add('customization.stream_mappers', 'Input should be a valid dictionary', 'dict_type');
    else for (const [k, list] of Object.entries(sm)) {
      if (!Array.isArray(list)) r.add(`customization.stream_mappers.${k}`, 'Input should be a valid list', 'list_type');
      else list.forEach((m, i) => {
        if (!isObject(m) || !MAPPER_TYPES.includes(m.type as string)) r.add(`customization.stream_mappers.${k}.${i}.type`, `Input should be one of ${MAPPER_TYPES.join(', ')}`, 'union_tag_invalid');
      });
    }
  }
  return { stream_selection_mode: mode, stream_whitelist: wl, stream_customizations: sc, stream_mappers: sm };
}

const routes: RouteModule = (app, sb) => {
  // ------------------------------------------------------------- end user (scoped token)
  const listEmbedded = (c: Context<AppEnv>) => {
    const auth = authorize(c, sb, ['scoped', 'application']);
    const { tags, mode } = tagQuery(c, 'all');
    const origin = requestOrigin(c);
    const data = listOrgTemplates(sb, auth.organizationId)
      .filter((t) => {
        const have = sourceTemplateTags(sb, t.id);
        return tagsMatch(have, tags, mode) && tagsMatch(have, auth.sourceTags, auth.sourceTagsMode);
      })
      .map((t) => templateListItem(sb, t, origin));
    return c.json({ data });
  };
  app.get('/api/v1/embedded/source-templates', listEmbedded);
  app.post('/api/v1/embedded/source-templates', listEmbedded); // deprecated POST variant, same answer

  app.get('/api/v1/embedded/source-templates/:id', (c) => {
    const auth = authorize(c, sb, ['scoped', 'application']);
    const t = getTemplate(sb, uuidParam(c), auth.organizationId);
    if (!templateVisible(sb, auth, t)) throw notFound('Source template');
    return c.json(templateJson(sb, t, requestOrigin(c)));
  });

  // ------------------------------------------------------------- operator (application token)
  app.post('/api/v1/integrations/templates/sources', async (c) => {
    const auth = authorize(c, sb, ['application']);
    const r = new BodyReader(await readJson(c));
    const now = sb.now();
    let row: TemplateRow;
    let tags: string[] = [];
    if (r.has('original_source_template_id')) {
      const originalId = r.uuid('original_source_template_id', { required: true });
      const name = r.string('name', { nullable: true, nonEmpty: true, maxLength: 255 });
      r.done();
      const orig = getTemplate(sb, originalId!.toLowerCase(), auth.organizationId, { includeGlobal: true });
      tags = sourceTemplateTags(sb, orig.id);
      row = { ...orig, id: newId(), organization_id: auth.organizationId, name: name ?? orig.name, created_at: now, updated_at: now, deleted_at: null };
    } else {
      const defId = r.uuid('actor_definition_id', { required: true });
      const pdc = r.object('partial_default_config', { required: true });
      const name = r.string('name', { nullable: true, nonEmpty: true, maxLength: 255 });
      const customization = readCustomization(r);
      r.done();
      const d = getDefinition(sb, defId!.toLowerCase());
      row = {
        id: newId(), organization_id: auth.organizationId, definition_id: d.id, name: name ?? d.name, partial_default_config: JSON.stringify(pdc),
        customization: JSON.stringify(customization === undefined ? DEFAULT_CUSTOMIZATION : customization), created_at: now, updated_at: now, deleted_at: null,
      };
    }
    sb.db.transaction(() => {
      sb.db.prepare('INSERT INTO source_templates VALUES (@id, @organization_id, @definition_id, @name, @partial_default_config, @customization, @created_at, @updated_at, @deleted_at)').run(row);
      for (const tag of tags) sb.db.prepare('INSERT OR IGNORE INTO source_template_tags VALUES (?, ?)').run(row.id, ensureTag(sb, auth.organizationId, tag).id);
    })();
    return c.json(templateJson(sb, row, requestOrigin(c)));
  });

  app.get('/api/v1/integrations/templates/sources', (c) => {
    const auth = authorize(c, sb, ['application']);
    const { tags, mode } = tagQuery(c, 'all');
    const origin = requestOrigin(c);
    const data = listOrgTemplates(sb, auth.organizationId)
      .filter((t) => tagsMatch(sourceTemplateTags(sb, t.id), tags, mode))
      .map((t) => templateListItem(sb, t, origin));
    return c.json({ data });
  });

  app.get('/api/v1/integrations/templates/sources/global', (c) => {
    authorize(c, sb, ['application']);
    const origin = requestOrigin(c);
    return c.json({ data: listOrgTemplates(sb, null).map((t) => templateListItem(sb, t, origin)) });
  });

  app.get('/api/v1/integrations/templates/sources/:id', (c) => {
    const auth = authorize(c, sb, ['application']);
    return c.json(templateJson(sb, getTemplate(sb, uuidParam(c), auth.organizationId, { includeGlobal: true }), requestOrigin(c)));
  });

  app.patch('/api/v1/integrations/templates/sources/:id', async (c) => {
    const auth = authorize(c, sb, ['application']);
    const t = getTemplate(sb, uuidParam(c), auth.organizationId);
    const r = new BodyReader(await readJson(c));
    const pdc = r.object('partial_default_config', { required: true });
    const name = r.string('name', { nullable: true, nonEmpty: true, maxLength: 255 });
    const propagate = r.boolean('propagate', { nullable: true }) ?? false;
    const customization = readCustomization(r);
    r.done();
    const now = sb.now();
    sb.db.transaction(() => {
      sb.db
        .prepare('UPDATE source_templates SET partial_default_config = ?, name = ?, customization = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify(pdc), name ?? t.name, customization === undefined ? t.customization : JSON.stringify(customization), now, t.id);
      if (propagate) {
        const sources = sb.db.prepare('SELECT id, user_config FROM sources WHERE template_id = ? AND deleted_at IS NULL').all(t.id) as { id: string; user_config: string }[];
        for (const s of sources) {
          sb.db.prepare('UPDATE sources SET config = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(deepMerge(json(s.user_config), pdc)), now, s.id);
        }
      }
    })();
    return c.json(templateJson(sb, getTemplate(sb, t.id, auth.organizationId), requestOrigin(c)));
  });

  app.delete('/api/v1/integrations/templates/sources/:id', (c) => {
    const auth = authorize(c, sb, ['application']);
    const t = getTemplate(sb, uuidParam(c), auth.organizationId);
    const now = sb.now();
    sb.db.prepare('UPDATE source_templates SET deleted_at = ?, updated_at = ? WHERE id = ?').run(now, now, t.id);
    return c.json({ id: t.id, deleted_at: iso(now)! });
  });

  app.post('/api/v1/integrations/templates/sources/:id/tags', async (c) => {
    const auth = authorize(c, sb, ['application']);
    const t = getTemplate(sb, uuidParam(c), auth.organizationId);
    const r = new BodyReader(await readJson(c));
    const tag = r.string('tag', { required: true, nonEmpty: true, maxLength: 255 });
    r.done();
    sb.db.prepare('INSERT OR IGNORE INTO source_template_tags VALUES (?, ?)').run(t.id, ensureTag(sb, auth.organizationId, tag!).id);
    sb.db.prepare('UPDATE source_templates SET updated_at = ? WHERE id = ?').run(sb.now(), t.id);
    return c.json(templateJson(sb, getTemplate(sb, t.id, auth.organizationId), requestOrigin(c)));
  });

  app.delete('/api/v1/integrations/templates/sources/:id/tags/:tag_name', (c) => {
    const auth = authorize(c, sb, ['application']);
    const t = getTemplate(sb, uuidParam(c), auth.organizationId);
    const name = c.req.param('tag_name');
    const res = sb.db
      .prepare('DELETE FROM source_template_tags WHERE template_id = ? AND tag_id IN (SELECT id FROM template_tags WHERE organization_id = ? AND name = ?)')
      .run(t.id, auth.organizationId, name);
    if (!res.changes) throw notFound(`Tag "${name}" on this template`);
    const now = sb.now();
    sb.db.prepare('UPDATE source_templates SET updated_at = ? WHERE id = ?').run(now, t.id);
    return c.json({ deleted_at: iso(now)! });
  });
};

export default routes;
