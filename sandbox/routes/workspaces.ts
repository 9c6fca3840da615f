// Workspaces (application token): list with cursor pagination, stats, get, update, delete. §4.
import type { RouteModule } from './index.js';
import { authorize } from '../auth.js';
import { BodyReader, readJson, unprocessable, uuidParam } from '../http.js';
import { getWorkspace, workspaceJson, type WorkspaceRow } from '../repo.js';
import { iso } from '../db.js';

const routes: RouteModule = (app, sb) => {
  app.get('/api/v1/workspaces', (c) => {
    const auth = authorize(c, sb, ['application']);
    const q = c.req.query();
    const errors = [];
    const status = q.status;
    if (status !== undefined && status !== 'active' && status !== 'inactive') errors.push({ field: 'status', message: "Input should be 'active' or 'inactive'", error_code: 'enum' });
    const limit = q.limit === undefined ? 20 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) errors.push({ field: 'limit', message: 'Input should be an integer between 1 and 100', error_code: 'value_error' });
    let offset = 0;
    if (q.cursor) {
      try {
        const parsed = JSON.parse(Buffer.from(q.cursor, 'base64').toString('utf8')) as { offset?: unknown };
        if (!Number.isInteger(parsed.offset) || (parsed.offset as number) < 0) throw new Error();
        offset = parsed.offset as number;
      } catch {
        errors.push({ field: 'cursor', message: 'Invalid cursor: pass the `next` URL of a previous page as is', error_code: 'value_error' });
      }
    }
    if (errors.length) throw unprocessable(errors);
    const where = ['organization_id = ?', 'deleted_at IS NULL'];
    const args: unknown[] = [auth.organizationId];
    if (status) {
      where.push('status = ?');
      args.push(status);
    }
    if (q.name_contains) {
      where.push("instr(lower(name), lower(?)) > 0");
      args.push(q.name_contains);
    }
    const rows = sb.db
      .prepare(`SELECT * FROM workspaces WHERE ${where.join(' AND ')} ORDER BY created_at, id LIMIT ? OFFSET ?`)
      .all(...args, limit + 1, offset) as WorkspaceRow[];
    let next: string | null = null;
    if (rows.length > limit) {
      rows.pop();
      const url = new URL(c.req.url);
      url.searchParams.set('limit', String(limit));
      url.searchParams.set('cursor', Buffer.from(JSON.stringify({ offset: offset + limit })).toString('base64'));
      next = url.toString();
    }
    return c.json({ data: rows.map(workspaceJson), next });
  });

  app.get('/api/v1/workspaces/stats', (c) => {
    const auth = authorize(c, sb, ['application']);
    const r = sb.db
      .prepare(`SELECT SUM(status = 'active') AS a, SUM(status = 'inactive') AS i, COUNT(*) AS t FROM workspaces WHERE organization_id = ? AND deleted_at IS NULL`)
      .get(auth.organizationId) as { a: number | null; i: number | null; t: number };
    return c.json({ active_count: r.a ?? 0, inactive_count: r.i ?? 0, total_count: r.t });
  });

  app.get('/api/v1/workspaces/:workspace_id', (c) => {
    const auth = authorize(c, sb, ['application']);
    return c.json(workspaceJson(getWorkspace(sb, uuidParam(c, 'workspace_id'), auth.organizationId)));
  });

  app.put('/api/v1/workspaces/:workspace_id', async (c) => {
    const auth = authorize(c, sb, ['application']);
    const ws = getWorkspace(sb, uuidParam(c, 'workspace_id'), auth.organizationId);
    const r = new BodyReader(await readJson(c));
    const name = r.string('name', { nullable: true, nonEmpty: true, maxLength: 255 });
    const status = r.enum('status', ['active', 'inactive'] as const, { nullable: true });
    if (name && name !== ws.name) {
      const clash = sb.db.prepare('SELECT 1 FROM workspaces WHERE organization_id = ? AND name = ? AND deleted_at IS NULL AND id != ?').get(auth.organizationId, name, ws.id);
      if (clash) r.add('name', 'A workspace with this name already exists in the organization', 'value_error');
    }
    r.done();
    const now = sb.now();
    sb.db.prepare('UPDATE workspaces SET name = ?, status = ?, updated_at = ? WHERE id = ?').run(name ?? ws.name, status ?? ws.status, now, ws.id);
    return c.json(workspaceJson(getWorkspace(sb, ws.id, auth.organizationId)));
  });

  app.delete('/api/v1/workspaces/:workspace_id', (c) => {
    const auth = authorize(c, sb, ['application']);
    const ws = getWorkspace(sb, uuidParam(c, 'workspace_id'), auth.organizationId);
    const now = sb.now();
    sb.db.transaction(() => {
      sb.db.prepare('UPDATE workspaces SET deleted_at = ?, updated_at = ? WHERE id = ?').run(now, now, ws.id);
      sb.db.prepare('UPDATE sources SET deleted_at = ? WHERE workspace_id = ? AND deleted_at IS NULL').run(now, ws.id);
    })();
    return c.json({ id: ws.id, deleted_at: iso(now)! });
  });
};

export default routes;
