#!/usr/bin/env node
// npm start: the sandbox API on a file database + the demo host page (Vite dev server).
// The demo's small server side (/api/widget-token) uses the operator client (ab-elements/server) to
// mint a widget token for the origin the page is actually served from, exactly as a real host would.
//
//   npm start [-- --port 5173] [--sandbox-port 4010] [--db .sandbox/sandbox.db] [--reset]
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5173' },
    'sandbox-port': { type: 'string', default: '4010' },
    db: { type: 'string', default: '.sandbox/sandbox.db' },
    reset: { type: 'boolean', default: false },
  },
});

const CLIENT_ID = process.env.AB_SANDBOX_CLIENT_ID ?? 'sandbox-client';
const CLIENT_SECRET = process.env.AB_SANDBOX_CLIENT_SECRET ?? 'sandbox-secret';
const DEMO_WORKSPACE = process.env.AB_DEMO_WORKSPACE ?? 'demo-workspace';

/** `port` when it is free on 127.0.0.1, else 0 (any free port). */
const freeOr0 = (port) =>
  new Promise((resolve) => {
    const s = netServer();
    s.once('error', () => resolve(0));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(port)));
  });

function startSandbox(port) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--port', String(port), '--db', values.db], {
      cwd: root,
      env: { ...process.env, AB_SANDBOX_CLIENT_ID: CLIENT_ID, AB_SANDBOX_CLIENT_SECRET: CLIENT_SECRET },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
      const m = /ab-sandbox listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)));
  });
}

/** The page's origin, from the request (Origin, else Host); only loopback hosts are served. */
function pageOrigin(req) {
  const raw = req.headers.origin ?? (req.headers.host ? `http://${req.headers.host}` : '');
  let url;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return null;
  return url.origin;
}

function widgetTokenMiddleware(operator, sandboxUrl) {
  return async (req, res) => {
    const send = (status, body) => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-store');
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return send(405, { message: 'POST only' });
    const origin = pageOrigin(req);
    if (!origin) return send(403, { message: 'The demo only serves pages on localhost / 127.0.0.1.' });
    try {
      const { token } = await operator.createWidgetToken({ workspace_name: DEMO_WORKSPACE, allowed_origin: origin });
      send(200, { token, apiBaseUrl: sandboxUrl });
    } catch (e) {
      send(502, { message: `Could not mint a widget token: ${e.message}` });
    }
  };
}

if (values.reset) rmSync(new URL(values.db, `file://${root}`), { force: true });
const sandboxPort = await freeOr0(Number(values['sandbox-port']));
const { child: sandbox, url: sandboxUrl } = await startSandbox(sandboxPort);

const [{ OperatorClient }, { esbuildTs }, { createServer }] = await Promise.all([
  tsImport('../src/server/index.ts', import.meta.url),
  tsImport('./esbuild-ts.ts', import.meta.url),
  import('vite'),
]);
const operator = new OperatorClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: sandboxUrl });

const vite = await createServer({
  configFile: false,
  root,
  oxc: false,
  appType: 'mpa',
  logLevel: 'warn',
  // Crawl the demo (and every element it can load) at startup, so the first visit does not trigger
  // a dependency re-optimisation and a full reload.
  optimizeDeps: { entries: ['examples/demo/index.html', 'src/components/*/ab-*.ts'] },
  plugins: [
    esbuildTs(),
    {
      name: 'ab-demo-host',
      configureServer(server) {
        server.middlewares.use('/api/widget-token', widgetTokenMiddleware(operator, sandboxUrl));
        server.middlewares.use((req, res, next) => {
          if (req.url === '/' || req.url === '/index.html') {
            res.statusCode = 302;
            res.setHeader('Location', '/examples/demo/');
            return res.end();
          }
          // The OAuth callback page at the form's default oauth-redirect-url (the shipped page, as-is);
          // its sibling script is the relay entry, compiled by Vite.
          const path = req.url?.split('?')[0];
          if (path === '/oauth-callback.html') {
            res.setHeader('Content-Type', 'text/html; charset=utf-8');
            return res.end(readFileSync(new URL('../src/static/oauth-callback.html', import.meta.url)));
          }
          if (path === '/oauth-callback.js') req.url = '/src/oauth/callback-page.ts';
          next();
        });
      },
    },
  ],
  server: { host: '127.0.0.1', port: Number(values.port), strictPort: false },
});
await vite.listen();
const port = vite.httpServer.address().port;

process.stdout.write(
  `\n  ab-elements demo:  http://localhost:${port}/examples/demo/   (or http://127.0.0.1:${port}/examples/demo/)\n` +
    `  sandbox API:       ${sandboxUrl}   (database ${values.db}; credentials ${CLIENT_ID} / ${CLIENT_SECRET})\n\n` +
    `  Ctrl+C to stop.\n`,
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  sandbox.kill('SIGTERM');
  await vite.close().catch(() => {});
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
sandbox.on('exit', () => {
  if (!stopping) {
    process.stderr.write('ab-sandbox stopped; shutting the demo down.\n');
    stop();
  }
});
