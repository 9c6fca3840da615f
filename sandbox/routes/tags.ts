// Template tags (application token): create, list, rename (associations follow), delete. §6.4.
import type { RouteModule } from './index.js';
import { authorize } from '../auth.js';
import { iso } from '../db.js';
import { BodyReader, notFound, readJson } from '../http.js';
import { newId } from '../ids.js';
import { tagJson, type TagRow } from '../repo.js';

const routes: RouteModule = (app, sb) => {
  const byName = (org: string, name: string) =>
    sb.db.prepare('SELECT * FROM template_tags WHERE organization_id = ? AND name = ?').get(org, name) as TagRow | undefined;

  app.post('/api/v1/integrations/templates/tags', async (c) => {
    const auth = authorize(c, sb, ['application']);
    const r = new BodyReader(await readJson(c));
    const name = r.string('name', { required: true, nonEmpty: true, maxLength: 255 });
    if (name && byName(auth.organizationId, name)) r.add('name', `A tag named "${name}" already exists`, 'value_error');
    r.done();
    const now = sb.now();
    const row: TagRow = { id: newId(), organization_id: auth.organizationId, name: name!, created_at: now, updated_at: now };
    sb.db.prepare('INSERT INTO template_tags VALUES (@id, @organization_id, @name, @created_at, @updated_at)').run(row);
    return c.json(tagJson(row));
  });

  app.get('/api/v1/integrations/templates/tags', (c) => {
    const auth = authorize(c, sb, ['application']);
    const rows = sb.db.prepare('SELECT * FROM template_tags WHERE organization_id = ? ORDER BY name').all(auth.organizationId) as TagRow[];
    return c.json({ data: rows.map(tagJson) });
  });

  app.put('/api/v1/integrations/templates/tags/:name', async (c) => {
    const auth = authorize(c, sb, ['application']);
    const tag = byName(auth.organizationId, c.req.param('name'));
    if (!tag) throw notFound('Tag');
    const r = new BodyReader(await readJson(c));
    const name = r.string('name', { required: true, nonEmpty: true, maxLength: 255 });
    if (name && name !== tag.name && byName(auth.organizationId, name)) r.add('name', `A tag named "${name}" already exists`, 'value_error');
    r.done();
    const now = sb.now();
    sb.db.prepare('UPDATE template_tags SET name = ?, updated_at = ? WHERE id = ?').run(name, now, tag.id);
    return c.json(tagJson({ ...tag, name: name!, updated_at: now }));
  });

  app.delete('/api/v1/integrations/templates/tags/:name', (c) => {
    const auth = authorize(c, sb, ['application']);
    const tag = byName(auth.organizationId, c.req.param('name'));
    if (!tag) throw notFound('Tag');
    sb.db.transaction(() => {
      sb.db.prepare('DELETE FROM source_template_tags WHERE tag_id = ?').run(tag.id);
      sb.db.prepare('DELETE FROM connection_template_tags WHERE tag_id = ?').run(tag.id);
      sb.db.prepare('DELETE FROM template_tags WHERE id = ?').run(tag.id);
    })();
    return c.json({ id: tag.id, deleted_at: iso(sb.now())! });
  });
};

export default routes;
