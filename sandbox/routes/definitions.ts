// Source definitions (application token): the connector registry, from the fixtures. §5.
import type { RouteModule } from './index.js';
import { authorize } from '../auth.js';
import { requestOrigin, uuidParam } from '../http.js';
import { definitionSpec, definitionSummary, getDefinition, type DefinitionRow } from '../repo.js';

const routes: RouteModule = (app, sb) => {
  app.get('/api/v1/integrations/definitions/sources', (c) => {
    authorize(c, sb, ['application']);
    const name = c.req.query('name');
    const rows = sb.db
      .prepare(`SELECT * FROM source_definitions ${name ? 'WHERE instr(lower(name), lower(?)) > 0' : ''} ORDER BY name COLLATE NOCASE`)
      .all(...(name ? [name] : [])) as DefinitionRow[];
    const origin = requestOrigin(c);
    return c.json({ definitions: rows.map((d) => definitionSummary(d, origin)) });
  });

  app.get('/api/v1/integrations/definitions/sources/:id', (c) => {
    authorize(c, sb, ['application']);
    const d = getDefinition(sb, uuidParam(c));
    return c.json({ id: d.id, definition: { ...definitionSummary(d, requestOrigin(c)), spec: definitionSpec(d) } });
  });
};

export default routes;
