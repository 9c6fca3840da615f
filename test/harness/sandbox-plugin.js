// wtr plugin: starts one sandbox for the whole test run (in-memory, free port, test controls on,
// 300 ms checks) as a child process, and answers the server commands that test/harness/sandbox.ts
// sends. Tokens are minted here, server-side, with the client credentials: a test page never sees
// the credentials or an application token, exactly like a real host page.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CLIENT_ID = 'wtr-harness';
const CLIENT_SECRET = 'wtr-harness-secret';

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function sandboxPlugin({ checkDelayMs = 300, log = false } = {}) {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  /** @type {Promise<string> | undefined} */
  let ready;
  let appToken;
  let appTokenAt = 0;
  let seed;

  const kill = () => {
    if (child && child.exitCode === null) child.kill('SIGTERM');
  };

  function startSandbox() {
    ready ??= new Promise((resolve, reject) => {
      const args = ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--db', ':memory:', '--enable-test-controls', '--check-delay-ms', String(checkDelayMs)];
      if (log) args.push('--log');
      child = spawn(process.execPath, args, {
        cwd: root,
        env: { ...process.env, AB_SANDBOX_CLIENT_ID: CLIENT_ID, AB_SANDBOX_CLIENT_SECRET: CLIENT_SECRET },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      const timer = setTimeout(() => reject(new Error(`sandbox did not start within 60 s:\n${out}`)), 60_000);
      child.stdout.on('data', (b) => {
        out += b;
        const m = /ab-sandbox listening on (http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.stderr.on('data', (b) => {
        out += b;
        if (log) process.stderr.write(b);
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`sandbox exited (${code}) before it was ready:\n${out}`));
      });
      process.once('exit', kill);
    });
    return ready;
  }

  async function call(method, path, { token, body } = {}) {
    const url = await startSandbox();
    const res = await fetch(url + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, body: json };
  }

  async function operatorToken() {
    if (!appToken || Date.now() - appTokenAt > 10 * 60_000) {
      const r = await call('POST', '/api/v1/account/applications/token', { body: { client_id: CLIENT_ID, client_secret: CLIENT_SECRET } });
      if (r.status !== 200) throw new Error(`harness: application token failed (${r.status})`);
      appToken = r.body.access_token;
      appTokenAt = Date.now();
    }
    return appToken;
  }

  async function ok(method, path, body) {
    const r = await call(method, path, { token: path.startsWith('/__sandbox/') ? undefined : await operatorToken(), body });
    if (r.status !== 200) throw new Error(`harness: ${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  const workspaceOf = (payload) => {
    if (typeof payload?.workspace !== 'string' || !payload.workspace) throw new Error('harness: a workspace name is required');
    return payload.workspace;
  };

  return {
    name: 'ab-sandbox',
    async serverStart() {
      await startSandbox();
    },
    async serverStop() {
      kill();
    },
    async executeCommand({ command, payload }) {
      if (!command.startsWith('sandbox:')) return undefined;
      switch (command) {
        case 'sandbox:url':
          return startSandbox();
        case 'sandbox:widget-token': {
          if (typeof payload?.origin !== 'string') throw new Error('harness: the page origin is required');
          const r = await ok('POST', '/api/v1/embedded/widget-token', {
            workspace_name: workspaceOf(payload),
            allowed_origin: payload.origin,
            selected_source_template_tags: payload.tags ?? [],
            selected_source_template_tags_mode: payload.tagsMode ?? 'any',
            selected_connection_template_tags: payload.connectionTags ?? [],
            selected_connection_template_tags_mode: payload.connectionTagsMode ?? 'any',
          });
          return r.token;
        }
        case 'sandbox:scoped-token':
          return (await ok('POST', '/api/v1/embedded/scoped-token', { workspace_name: workspaceOf(payload) })).token;
        case 'sandbox:template-id': {
          const connector = String(payload?.connector ?? '');
          if (!/^[a-z0-9-]+$/.test(connector) || !existsSync(`${root}fixtures/connectors/${connector}/spec.json`)) return { id: null }; // (null itself would mean "command not handled")
          seed ??= await tsImport('../../sandbox/seed.ts', import.meta.url);
          return { id: seed.templateIdFor(connector) };
        }
        case 'sandbox:fault':
          return ok('POST', '/__sandbox/faults', { ...payload.rule, workspace: payload.rule?.workspace === '*' ? null : (payload.rule?.workspace ?? workspaceOf(payload)) });
        case 'sandbox:clear-faults':
          return ok('DELETE', `/__sandbox/faults?workspace=${encodeURIComponent(workspaceOf(payload))}`);
        case 'sandbox:operator': {
          const { method = 'GET', path, body } = payload ?? {};
          if (typeof path !== 'string' || !path.startsWith('/')) throw new Error('harness: operator path must start with /');
          return call(method, path, { token: path.startsWith('/__sandbox/') ? undefined : await operatorToken(), body });
        }
        default:
          throw new Error(`harness: unknown command ${command}`);
      }
    },
  };
}
