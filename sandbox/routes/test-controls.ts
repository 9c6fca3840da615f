// /__sandbox/* test controls, mounted only with --enable-test-controls: fault rules, the clock, and
// read-only views tests need (a source's stored config, the connections recorded for it).
import type { RouteModule } from './index.js';
import { BodyReader, notFound, readJson, uuidParam } from '../http.js';
import { iso, json } from '../db.js';
import { parseFaultRule, publicRule } from '../faults.js';

const routes: RouteModule = (app, sb) => {
  if (!sb.opts.testControls) return;

  app.get('/__sandbox/faults', (c) => c.json({ data: sb.faults.map(publicRule) }));
  app.post('/__sandbox/faults', async (c) => {
    const rule = parseFaultRule(await readJson(c));
    sb.faults.push(rule);
    return c.json(publicRule(rule));
  });
  // ?workspace=NAME clears only the rules scoped to that workspace.
  app.delete('/__sandbox/faults', (c) => {
    const ws = c.req.query('workspace');
    const before = sb.faults.length;
    const keep = ws === undefined ? [] : sb.faults.filter((f) => f.workspace !== ws);
    sb.faults.splice(0, sb.faults.length, ...keep);
    return c.json({ cleared: before - keep.length });
  });

  const clock = () => ({ now: iso(sb.now()), offset_ms: sb.clock.offsetMs });
  app.get('/__sandbox/clock', (c) => c.json(clock()));
  app.post('/__sandbox/clock', async (c) => {
    const r = new BodyReader(await readJson(c));
    const advance = r.obj.advance_ms ?? r.obj.advanceMs;
    const set = r.obj.offset_ms ?? r.obj.offsetMs;
    if (advance !== undefined && (typeof advance !== 'number' || !Number.isFinite(advance) || advance < 0)) r.add('advance_ms', 'advance_ms must be a non-negative number', 'value_error');
    if (set !== undefined && (typeof set !== 'number' || !Number.isFinite(set))) r.add('offset_ms', 'offset_ms must be a number', 'value_error');
    r.done();
    if (typeof set === 'number') sb.clock.offsetMs = set;
    if (typeof advance === 'number') sb.clock.offsetMs += advance;
    return c.json(clock());
  });

  // The stored configuration of a source, unmasked: the end user's part and the full config with the
  // template's partial_default_config applied (what a real connector would receive).
  app.get('/__sandbox/sources/:id/config', (c) => {
    const row = sb.db.prepare('SELECT user_config, config FROM sources WHERE id = ?').get(uuidParam(c)) as { user_config: string; config: string } | undefined;
    if (!row) throw notFound('Source');
    return c.json({ source_config: json(row.user_config), config: json(row.config) });
  });

  app.get('/__sandbox/sources/:id/connections', (c) => {
    const rows = sb.db
      .prepare('SELECT connection_template_id, destination_name, created_at FROM source_connections WHERE source_id = ? ORDER BY rowid')
      .all(uuidParam(c)) as { connection_template_id: string; destination_name: string; created_at: number }[];
    return c.json({ data: rows.map((r) => ({ ...r, created_at: iso(r.created_at) })) });
  });
};

export default routes;
