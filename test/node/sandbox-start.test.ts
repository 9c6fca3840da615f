// `npm start` (tools/start.js): the sandbox + the Vite demo host whose /api/widget-token mints a widget
// token, with the operator client, for the origin the request came from.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';

describe('npm start', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ab-start-'));
  let child: ChildProcess;
  let demo: URL;
  let sandboxUrl: string;

  before(async () => {
    child = spawn(process.execPath, ['tools/start.js', '--port', '0', '--sandbox-port', '0', '--db', join(dir, 'demo.db')], {
      cwd: new URL('../../', import.meta.url),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${out}`)), 45_000);
      const onData = (b: Buffer) => {
        out += b.toString();
        const d = /demo:\s+(http:\/\/localhost:\d+\/examples\/demo\/)/.exec(out);
        const s = /sandbox API:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (d && s) {
          clearTimeout(timer);
          demo = new URL(d[1]!);
          sandboxUrl = s[1]!;
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${out}`)));
    });
  });

  after(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const mint = (origin?: string) => fetch(`http://127.0.0.1:${demo.port}/api/widget-token`, { method: 'POST', headers: origin ? { origin } : {} });
  /** A POST without Origin and with a chosen Host header (fetch does not let a caller set Host). */
  const mintByHost = (host: string) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: demo.port, path: '/api/widget-token', method: 'POST', headers: { host } }, (res) => {
        let text = '';
        res.on('data', (b) => (text += b));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves the demo page (and redirects / to it)', async () => {
    const page = await fetch(`http://127.0.0.1:${demo.port}/examples/demo/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /ab-elements demo host/);
    const root = await fetch(`http://127.0.0.1:${demo.port}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/examples/demo/');
  });

  for (const host of ['localhost', '127.0.0.1']) {
    it(`mints a widget token for the page origin when served from ${host}`, async () => {
      const origin = `http://${host}:${demo.port}`;
      const r = await mint(origin);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('cache-control'), 'no-store');
      const { token, apiBaseUrl } = await r.json();
      assert.equal(apiBaseUrl, sandboxUrl);
      const { token: bearer, widgetUrl } = JSON.parse(Buffer.from(token, 'base64').toString());
      assert.equal(new URL(widgetUrl).searchParams.get('allowedOrigin'), origin);
      const ok = await fetch(`${sandboxUrl}/api/v1/embedded/scoped-token/info`, { headers: { authorization: `Bearer ${bearer}`, origin } });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('access-control-allow-origin'), origin);
    });
  }

  it('falls back to the Host header, and refuses non-loopback origins and GET', async () => {
    const r = await mintByHost(`localhost:${demo.port}`);
    assert.equal(r.status, 200);
    const { token } = r.body;
    assert.match(JSON.parse(Buffer.from(token, 'base64').toString()).widgetUrl, new RegExp(`allowedOrigin=http%3A%2F%2Flocalhost%3A${demo.port}$`));
    assert.equal((await mint('https://evil.example')).status, 403);
    assert.equal((await fetch(`http://127.0.0.1:${demo.port}/api/widget-token`)).status, 405);
  });
});
