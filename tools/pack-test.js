#!/usr/bin/env node
// Packaging test: npm pack, install the tarball into a temporary project, import every public entry
// in Node (no DOM), then load the CDN entry in Chromium and check that every element is defined.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'ab-pack-'));
try {
  const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tgz)], { cwd: dir, stdio: 'inherit' });
  const entries = Object.keys(pkg.exports).filter((k) => !k.endsWith('.json')).map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
  const script = entries.map((e) => `await import(${JSON.stringify(e)}); console.log('node import ok: ${e}');`).join('\n') + `\nawait import('ab-elements/custom-elements.json', { with: { type: 'json' } }); console.log('manifest ok');`;
  writeFileSync(join(dir, 'check.mjs'), script);
  execFileSync('node', ['check.mjs'], { cwd: dir, stdio: 'inherit' });

  const cdnDir = join(dir, 'node_modules', pkg.name, 'dist', 'cdn');
  const tags = JSON.parse(readFileSync('custom-elements.json', 'utf8')).modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => d.tagName);
  // The page runs under a strict CSP (no inline script or style) with Trusted Types enforced; Lit's
  // policy is named `lit-html` ('allow-duplicates' because this page loads the build twice, and each
  // copy of Lit creates its policy). Any violation fails the test.
  const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'; trusted-types lit-html 'allow-duplicates'";
  const pageScript = `
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    await import('/ab-elements.js');
    await import('/ab-elements.js?again');
    const picker = document.createElement('ab-source-picker');
    picker.label = 'Source';
    picker.templates = [{ id: 'a', name: 'Postgres', icon: null, tags: ['database'] }, { id: 'b', name: 'Stripe', icon: null, tags: ['payments'] }];
    const form = document.createElement('ab-source-form');
    form.spec = { connectionSpecification: { type: 'object', required: ['host'], properties: { host: { type: 'string', title: 'Host', order: 0 }, password: { type: 'string', title: 'Password', airbyte_secret: true } } } };
    const explorer = document.createElement('ab-stream-explorer');
    explorer.catalog = { streams: [{ name: 'users', json_schema: { type: 'object', properties: { id: { type: 'integer' } } }, supported_sync_modes: ['full_refresh'] }] };
    document.body.append(picker, form, explorer);
    await Promise.all([picker, form, explorer].map((el) => el.updateComplete));
    await new Promise((r) => setTimeout(r, 300));
    window.__rendered = [picker, form, explorer].every((el) => el.shadowRoot && el.shadowRoot.textContent.trim().length > 0);
    window.__done = true;`;
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    res.setHeader('content-security-policy', csp);
    if (path === '/favicon.ico') {
      res.statusCode = 204;
      res.end();
      return;
    }
    if (path === '/') {
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><html lang="en"><title>cdn</title><script type="module" src="/page.js"></script></html>');
      return;
    }
    if (path === '/page.js') {
      res.setHeader('content-type', 'text/javascript');
      res.end(pageScript);
      return;
    }
    try {
      const body = readFileSync(resolve(cdnDir, '.' + path));
      res.setHeader('content-type', path.endsWith('.html') ? 'text/html' : 'text/javascript');
      res.end(body);
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
    await page.waitForFunction(() => window.__done, null, { timeout: 15000 }).catch(async () => {
      const v = await page.evaluate(() => window.__violations).catch(() => []);
      throw new Error(`the CDN page did not finish: errors ${errors.join('; ') || 'none'}; violations ${(v ?? []).join('; ') || 'none'}`);
    });
    const missing = await page.evaluate((tags) => tags.filter((t) => !customElements.get(t)), tags);
    if (missing.length) throw new Error(`CDN build did not define: ${missing.join(', ')}`);
    if (errors.length) throw new Error(`CDN build threw in Chromium: ${errors.join('; ')}`);
    const violations = await page.evaluate(() => window.__violations);
    if (violations.length) throw new Error(`CSP / Trusted Types violations: ${violations.join('; ')}`);
    if (!(await page.evaluate(() => window.__rendered))) throw new Error('an element rendered nothing under the strict CSP');
    console.log(`cdn ok in Chromium under a strict CSP with Trusted Types, loaded twice: ${tags.join(', ')}`);
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
