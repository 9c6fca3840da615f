// Non-API pages: health, connector icons (served by the sandbox, so nothing leaves the machine),
// and the page a widget token's widgetUrl points at.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RouteModule } from './index.js';
import { notFound } from '../http.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"'`=\/]/g, (ch) => `&#${ch.charCodeAt(0)};`);

const SAFE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const routes: RouteModule = (app, sb) => {
  app.get('/__sandbox/health', (c) => c.json({ ok: true }));

  app.get('/', (c) =>
    c.json({
      name: 'ab-sandbox',
      description: 'A local, stateful implementation of the Airbyte Embedded API (Era B paths under /api/v1). See sandbox/README.md.',
      health: '/__sandbox/health',
      test_controls: sb.opts.testControls,
    }),
  );

  const icons = new Map<string, Buffer>();
  app.get('/icons/:file', (c) => {
    const m = /^([a-z0-9-]+)\.svg$/.exec(c.req.param('file'));
    const def = m && (sb.db.prepare('SELECT slug, has_icon FROM source_definitions WHERE slug = ?').get(m[1]) as { slug: string; has_icon: number } | undefined);
    if (!def || !def.has_icon) throw notFound('Icon');
    let svg = icons.get(def.slug);
    if (!svg) {
      svg = readFileSync(join(sb.fixturesDir, 'connectors', def.slug, 'icon.svg'));
      icons.set(def.slug, svg);
    }
    return c.body(new Uint8Array(svg), 200, {
      ...SAFE_HEADERS,
      'Content-Type': 'image/svg+xml',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'Cache-Control': 'public, max-age=3600',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
  });

  app.get('/embedded-widget', (c) => {
    const ws = c.req.query('workspaceId') ?? '';
    const origin = c.req.query('allowedOrigin') ?? '';
    const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ab-sandbox: embedded widget placeholder</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a2e}code{background:#f1f1f6;padding:0 .25em;border-radius:3px}dt{font-weight:600}</style>
</head>
<body>
<main>
<h1>Airbyte Embedded widget (sandbox placeholder)</h1>
<p>This page stands in for Airbyte's hosted widget page. A widget token's <code>widgetUrl</code> points here; the real API
points at Airbyte's hosted widget instead. The ab-elements components do not use this page: they call the API directly with
the scoped token inside the widget token.</p>
<dl>
<dt>Workspace</dt><dd><code>${escapeHtml(ws) || 'none given'}</code></dd>
<dt>Allowed origin</dt><dd><code>${escapeHtml(origin) || 'none given'}</code></dd>
</dl>
<p>The token itself is never put in this URL.</p>
</main>
</body>
</html>`;
    return c.html(html, 200, {
      ...SAFE_HEADERS,
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *",
    });
  });
};

export default routes;
