// Connection templates (application token): CRUD, tags, cron describe. §7.
import type { RouteModule } from './index.js';
import { authorize } from '../auth.js';
import { iso } from '../db.js';
import { BodyReader, notFound, readJson, tagQuery, uuidParam } from '../http.js';
import { nameUuid, newId } from '../ids.js';
import { connectionTemplateJson, ensureTag, getConnectionTemplate, matchingConnectionTemplates, type ConnectionTemplateRow } from '../repo.js';
import { describeCron, parseQuartz } from '../cron.js';

const PREFS = ['ignore', 'disable', 'propagate_columns', 'propagate_fully'] as const;
/** Destination recorded for `airbyte_hosted` templates (the API does not name it; see README). */
export const AIRBYTE_HOSTED_DESTINATION_ID = nameUuid('destination-definition:airbyte-hosted');

function readCron(r: BodyReader): string | null | undefined {
  const cron = r.string('cron_expression', { nullable: true });
  if (cron) {
    const p = parseQuartz(cron);
    if (!p.valid) r.add('cron_expression', `Invalid Quartz cron expression: ${p.reason}`, 'value_error');
  }
  return cron;
}

const routes: RouteModule = (app, sb) => {
  app.post('/api/v1/integrations/templates/connections/cron/describe', async (c) => {
    authorize(c, sb, ['application']);
    const r = new BodyReader(await readJson(c));
    const cron = r.string('cron_expression', { required: true });
    r.done();
    return c.json(describeCron(cron!));
  });

  app.post('/api/v1/integrations/templates/connections', async (c) => {
    const auth = authorize(c, sb, ['application']);
    const r = new BodyReader(await readJson(c));
    const hosting = r.enum('data_hosting_type', ['user_hosted', 'airbyte_hosted'] as const, { default: 'user_hosted' }) ?? 'user_hosted';
    const now = sb.now();
    let row: ConnectionTemplateRow;
    const cron = readCron(r);
    if (hosting === 'airbyte_hosted') {
      r.done();
      row = {
        id: newId(), organization_id: auth.organizationId, data_hosting_type: 'airbyte_hosted', destination_name: 'Airbyte-hosted storage',
        destination_definition_id: AIRBYTE_HOSTED_DESTINATION_ID, destination_config: '{}', cron_expression: cron ?? null,
        non_breaking_changes_preference: 'ignore', sync_on_create: 1, created_at: now, updated_at: now, deleted_at: null,
      };
    } else {
      const name = r.string('destination_name', { required: true, nonEmpty: true, maxLength: 255 });
      const defId = r.uuid('destination_definition_id', { required: true });
      const config = r.object('destination_config', { required: true });
      const pref = r.enum('non_breaking_changes_preference', PREFS, { default: 'ignore' });
      const syncOnCreate = r.boolean('sync_on_create', { default: true });
      r.done();
      row = {
        id: newId(), organization_id: auth.organizationId, data_hosting_type: 'user_hosted', destination_name: name!,
        destination_definition_id: defId!.toLowerCase(), destination_config: JSON.stringify(config), cron_expression: cron ?? null,
        non_breaking_changes_preference: pref ?? 'ignore', sync_on_create: syncOnCreate === false ? 0 : 1, created_at: now, updated_at: now, deleted_at: null,
      };
    }
    sb.db.prepare(`INSERT INTO connection_templates VALUES (@id, @organization_id, @data_hosting_type, @destination_name, @destination_definition_id,
      @destination_config, @cron_expression, @non_breaking_changes_preference, @sync_on_create, @created_at, @updated_at, @deleted_at)`).run(row);
    return c.json(connectionTemplateJson(sb, row));
  });

  app.get('/api/v1/integrations/templates/connections', (c) => {
    const auth = authorize(c, sb, ['application']);
    const rows = matchingConnectionTemplates(sb, auth.organizationId, [tagQuery(c, 'all')]);
    return c.json({ data: rows.map((t) => connectionTemplateJson(sb, t)) });
  });

  app.get('/api/v1/integrations/templates/connections/:id', (c) => {
    const auth = authorize(c, sb, ['application']);
    return c.json(connectionTemplateJson(sb, getConnectionTemplate(sb, uuidParam(c), auth.organizationId)));
  });

  app.patch('/api/v1/integrations/templates/connections/:id', async (c) => {
    const auth = authorize(c, sb, ['application']);
    const t = getConnectionTemplate(sb, uuidParam(c), auth.organizationId);
    const r = new BodyReader(await readJson(c));
    const name = r.string('destination_name', { nullable: true, nonEmpty: true, maxLength: 255 });
    const config = r.object('destination_config', { nullable: true });
    const cron = readCron(r);
    const pref = r.enum('non_breaking_changes_preference', PREFS, { nullable: true });
    const syncOnCreate = r.boolean('sync_on_create', { nullable: true });
    r.done();
    const next: ConnectionTemplateRow = {
      ...t,
      destination_name: name ?? t.destination_name,
      destination_config: config ? JSON.stringify(config) : t.destination_config,
      cron_expression: cron ?? t.cron_expression,
      non_breaking_changes_preference: pref ?? t.non_breaking_changes_preference,
      sync_on_create: syncOnCreate == null ? t.sync_on_create : syncOnCreate ? 1 : 0,
      updated_at: sb.now(),
    };
    sb.db.prepare(`UPDATE connection_templates SET destination_name = @destination_name, destination_config = @destination_config,
      cron_expression = @cron_expression, non_breaking_changes_preference = @non_breaking_changes_preference,
      sync_on_create = @sync_on_create, updated_at = @updated_at WHERE id = @id`).run(next);
    return c.json(connectionTemplateJson(sb, next));
  });

  app.delete('/api/v1/integrations/templates/connections/:id', (c) => {
    const auth = authorize(c, sb, ['application']);
    const t = getConnectionTemplate(sb, uuidParam(c), auth.organizationId);
    const now = sb.now();
    sb.db.prepare('UPDATE connection_templates SET deleted_at = ?, updated_at = ? WHERE id = ?').run(now, now, t.id);
    return c.json({ id: t.id, deleted_at: iso(now)! });
  });

  app.post('/api/v1/integrations/templates/connections/:id/tags', async (c) => {
    const auth = authorize(c, sb, ['application']);
    const t = getConnectionTemplate(sb, uuidParam(c), auth.organizationId);
    const r = new BodyReader(await readJson(c));
    const tag = r.string('tag', { required: true, nonEmpty: true, maxLength: 255 });
    r.done();
    sb.db.prepare('INSERT OR IGNORE INTO connection_template_tags VALUES (?, ?)').run(t.id, ensureTag(sb, auth.organizationId, tag!).id);
    return c.json(connectionTemplateJson(sb, t));
  });

  app.delete('/api/v1/integrations/templates/connections/:id/tags/:tag_name', (c) => {
    const auth = authorize(c, sb, ['application']);
    const t = getConnectionTemplate(sb, uuidParam(c), auth.organizationId);
    const name = c.req.param('tag_name');
    const res = sb.db
      .prepare('DELETE FROM connection_template_tags WHERE template_id = ? AND tag_id IN (SELECT id FROM template_tags WHERE organization_id = ? AND name = ?)')
      .run(t.id, auth.organizationId, name);
    if (!res.changes) throw notFound(`Tag "${name}" on this template`);
    return c.json({ deleted_at: iso(sb.now())! });
  });
};

export default routes;
